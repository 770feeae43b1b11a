package pmp

import (
	"fmt"
	"time"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

// installKeyValidity is how long §76's key is answered again (x-inferred).
const installKeyValidity = 24 * time.Hour

type deployRow struct {
	Server  string `json:"server"`
	Message string `json:"message"`
	Status  string `json:"status"`
}

// §64: deploy to one saved server or to all of them.
func deployCertificate(c *call) (reply, error) {
	var (
		out []deployRow
		f   *failure
	)
	c.store.write(func(st *state) {
		e, ff := c.certRef(st)
		if f = ff; f != nil {
			return
		}
		targets := st.pki.net.servers
		if name := c.in("serverName"); name != "" {
			s, ok := st.pki.net.server(name)
			if !ok {
				f = failed(fmt.Sprintf(msgNoServer, name))
				return
			}
			targets = []*deployServer{s}
		}
		formats := "CER"
		if e.Key != nil {
			formats = "CER and PFX"
		}
		cn := e.Cert.Subject.CommonName
		for _, s := range targets {
			if !s.Reachable {
				out = append(out, deployRow{Server: s.Name, Message: fmt.Sprintf("Unable to connect to %s.", s.Name), Status: statusFailed})
				continue
			}
			s.Deployed = append(s.Deployed, deployment{CertID: e.ID, CommonName: cn, Serial: pki.SerialHex(e.Cert), Formats: formats, At: c.now})
			out = append(out, deployRow{Server: s.Name, Status: statusSuccess,
				Message: fmt.Sprintf("Certificate %s of format %s deployed in %s successfully.", cn, formats, s.Name)})
		}
	})
	if f != nil {
		return reply{}, f
	}
	ok := 0
	for _, r := range out {
		if r.Status == statusSuccess {
			ok++
		}
	}
	rep := reply{message: "Certificate deployment is successful.", totalRows: rows(len(out)), deployStatus: out}
	switch {
	case ok == 0:
		rep.status, rep.message = statusFailed, "Certificate deployment failed."
	case ok < len(out):
		rep.message = "Certificate deployment failed for some servers."
	}
	return rep, nil
}

// §76: the SSL agent install key, the same one while it is valid.
func generateInstallKey(c *call) (reply, error) {
	var key string
	c.store.write(func(st *state) {
		if st.pki.installKey == "" || !c.now.Before(st.pki.installKeyEnd) {
			st.pki.installKey = fmt.Sprintf("%016x", st.faker.Uint64())
			st.pki.installKeyEnd = c.now.Add(installKeyValidity)
		}
		key = st.pki.installKey
	})
	return reply{message: "Agent install key fetched successfully", totalRows: rows(1), installKey: key}, nil
}
