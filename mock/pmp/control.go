package pmp

import (
	"net/http"
	"sort"
	"time"

	"github.com/opsmock/opsmock/mock/internal/controlapi"
	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

// Control serves /_opsmock/pmp/: GET network, a read-only view of the
// simulated machines the PKI API acts on, so a test can check what
// discovery will find, what a deployment or key association changed. It
// shows names, serials and fingerprints, never keys or passphrases.
func (p *Product) Control() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path != "/network":
			controlapi.Error(w, http.StatusNotFound, "no PMP control endpoint "+r.URL.Path+"; try GET /_opsmock/pmp/network")
		case r.Method != http.MethodGet:
			w.Header().Set("Allow", http.MethodGet)
			controlapi.Error(w, http.StatusMethodNotAllowed, r.Method+" not allowed; use GET")
		default:
			s := p.current()
			s.ensurePKI()
			var v networkView
			s.read(func(st *state) { v = st.networkView() })
			controlapi.Write(w, http.StatusOK, v)
		}
	})
}

type networkView struct {
	Hosts   []hostView   `json:"hosts"`
	Servers []serverView `json:"servers"`
	CAs     []caView     `json:"certificateAuthorities"`
	SSH     []sshView    `json:"sshTargets"`
}

type hostView struct {
	Name    string     `json:"name,omitempty"`
	Address string     `json:"address,omitempty"`
	TLS     []portView `json:"tls"`
}

type portView struct {
	Port         int    `json:"port"`
	CommonName   string `json:"commonName"`
	SerialNumber string `json:"serialNumber"`
	Issuer       string `json:"issuer"`
}

type serverView struct {
	Name      string           `json:"name"`
	Reachable bool             `json:"reachable"`
	Deployed  []deploymentView `json:"deployed"`
}

type deploymentView struct {
	CertID       int       `json:"certId"`
	CommonName   string    `json:"commonName"`
	SerialNumber string    `json:"serialNumber"`
	Formats      string    `json:"formats"`
	At           time.Time `json:"at"`
}

type caView struct {
	Server    string   `json:"server"`
	Name      string   `json:"name"`
	Templates []string `json:"templates"`
	Subject   string   `json:"subject"`
}

type sshView struct {
	ResourceID     int      `json:"resourceId"`
	Resource       string   `json:"resource,omitempty"` // "" once PMP no longer has it
	Account        string   `json:"account"`
	AuthorizedKeys []string `json:"authorizedKeys"` // SHA256 fingerprints
}

func (st *state) networkView() networkView {
	n := st.pki.net
	v := networkView{Hosts: []hostView{}, Servers: []serverView{}, CAs: []caView{}, SSH: []sshView{}}
	for _, h := range n.hosts {
		hv := hostView{Name: h.Name, Address: h.Addr, TLS: []portView{}}
		for port, sc := range h.TLS {
			hv.TLS = append(hv.TLS, portView{Port: port, CommonName: sc.Cert.Subject.CommonName,
				SerialNumber: pki.SerialHex(sc.Cert), Issuer: sc.Cert.Issuer.CommonName})
		}
		sort.Slice(hv.TLS, func(i, j int) bool { return hv.TLS[i].Port < hv.TLS[j].Port })
		v.Hosts = append(v.Hosts, hv)
	}
	for _, s := range n.servers {
		sv := serverView{Name: s.Name, Reachable: s.Reachable, Deployed: []deploymentView{}}
		for _, d := range s.Deployed {
			sv.Deployed = append(sv.Deployed, deploymentView{d.CertID, d.CommonName, d.Serial, d.Formats, d.At})
		}
		v.Servers = append(v.Servers, sv)
	}
	for _, ca := range n.cas {
		v.CAs = append(v.CAs, caView{Server: ca.Server, Name: ca.Name, Templates: ca.Templates, Subject: ca.Cert.Subject.String()})
	}
	for t, fps := range n.authorized {
		sv := sshView{ResourceID: t.ResourceID, Account: t.Account, AuthorizedKeys: fps}
		if r, ok := st.resources[t.ResourceID]; ok {
			sv.Resource = r.Name
		}
		v.SSH = append(v.SSH, sv)
	}
	sort.Slice(v.SSH, func(i, j int) bool {
		a, b := v.SSH[i], v.SSH[j]
		return a.ResourceID < b.ResourceID || (a.ResourceID == b.ResourceID && a.Account < b.Account)
	})
	return v
}
