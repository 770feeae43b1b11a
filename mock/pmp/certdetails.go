package pmp

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"strconv"
	"strings"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

// detailsTimeLayout is §35's date form, "2021-04-30 05:29:59.0".
const detailsTimeLayout = "2006-01-02 15:04:05.0"

type dnDoc struct {
	CName   string `json:"cname"`
	Org     string `json:"org"`
	OrgUnit string `json:"orgunit"`
}

func dn(n pkix.Name) dnDoc {
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	pn := pki.NameOf(n)
	return dnDoc{CName: dash(pn.CommonName), Org: dash(pn.Org), OrgUnit: dash(pn.OrgUnit)}
}

type endpointDoc struct {
	HostName    string `json:"hostName"`
	Port        string `json:"port"`
	Expiry      string `json:"expiry_date"`
	From        string `json:"from_date"`
	SigAlg      string `json:"certSignAlg"`
	SANs        string `json:"Sans"`
	Serial      string `json:"serial"`
	FingerPrint string `json:"fingerPrint"`
	KeyAlg      string `json:"keyalg"`
	KeyLength   int    `json:"PublicKeyLength"`
	PrivateKey  bool   `json:"PrivateKey"`
	IsAWS       bool   `json:"isAWS"`
}

// certDetailsDoc is §35's per-certificate object.
type certDetailsDoc struct {
	CertType        string      `json:"certtype"`
	Template        string      `json:"certificateTemplate"`
	Endpoint        endpointDoc `json:"endpoint"`
	MultipleServers bool        `json:"isCertInstalledMulipleServers"`
	Issuer          dnDoc       `json:"issuer"`
	IssuedTo        dnDoc       `json:"issuedto"`
	Intermediate    any         `json:"intermediate"`
	IPAddress       string      `json:"ipaddress"`
	CertificateID   string      `json:"CertificateId"`
}

// selfSigned: issued by its own subject. Names, not a signature check:
// Go refuses to check SHA-1 signatures and non-CA parents, and a
// self-signed leaf is both here.
func selfSigned(c *x509.Certificate) bool { return bytes.Equal(c.RawIssuer, c.RawSubject) }

func (st *state) certDetails(e *certEntry) certDetailsDoc {
	c := e.Cert
	alg, bits := pki.KeyInfo(c.PublicKey)
	d := certDetailsDoc{CertType: "Domain", Template: "N/A", Issuer: dn(c.Issuer), IssuedTo: dn(c.Subject),
		Intermediate: struct{}{}, IPAddress: "-", CertificateID: strconv.Itoa(e.ID),
		Endpoint: endpointDoc{HostName: c.Subject.CommonName, Port: strconv.Itoa(e.Port),
			Expiry: c.NotAfter.UTC().Format(detailsTimeLayout), From: c.NotBefore.UTC().Format(detailsTimeLayout),
			SigAlg: pki.SigAlgName(c.SignatureAlgorithm), SANs: strings.Join(pki.SANs(c), ","), Serial: pki.SerialHex(c),
			FingerPrint: pki.Thumbprint(c), KeyAlg: alg, KeyLength: bits, PrivateKey: e.Key != nil}}
	if selfSigned(c) {
		d.CertType = "Self-Signed"
	}
	if e.Template != "" {
		d.Template = e.Template
	}
	switch {
	case e.Addr != "":
		d.IPAddress = e.Addr
	case e.Host != "":
		d.IPAddress = e.Host
	}
	// An intermediate is an issuer in the chain that is not itself a root.
	if len(e.Chain) > 0 && !selfSigned(e.Chain[0]) {
		d.Intermediate = dn(e.Chain[0].Subject)
	}
	servers := 0
	for _, s := range st.pki.net.servers {
		for _, dep := range s.Deployed {
			if dep.CertID == e.ID {
				servers++
				break
			}
		}
	}
	d.MultipleServers = servers > 1
	return d
}

// §35: every visible certificate with the name (and serial, if given).
func getCertificateDetails(c *call) (reply, error) {
	cn := c.in("common_name")
	var out []certDetailsDoc
	c.store.read(func(st *state) {
		for _, e := range st.matchCerts(c.user, cn, c.in("serial_number")) {
			out = append(out, st.certDetails(e))
		}
	})
	if len(out) == 0 {
		return reply{}, failed(fmt.Sprintf(msgNoCert, cn))
	}
	return reply{message: fmt.Sprintf("Details of certificate %s fetched successfully", out[0].IssuedTo.CName), details: out}, nil
}
