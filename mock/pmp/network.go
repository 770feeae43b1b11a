package pmp

import (
	"crypto"
	"crypto/x509"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// network is the simulated world the PKI API reaches: hosts serving
// certificates (discovery, §40-§41), saved servers (deployment, §64),
// Microsoft CAs (§44) and what SSH key association put on target machines
// (§52-§53, §26). Nothing in it is ever contacted for real.
type network struct {
	hosts   []*netHost
	servers []*deployServer
	cas     []*msCA
	// authorized is each target account's authorized keys, by fingerprint.
	authorized map[keyTarget][]string
}

// netHost is a machine discovery can reach, by name or address.
type netHost struct {
	Name, Addr string
	TLS        map[int]*servedCert // port -> certificate
}

type servedCert struct {
	Cert  *x509.Certificate
	Chain []*x509.Certificate
}

type deployServer struct {
	Name      string
	Reachable bool
	Deployed  []deployment
}

type deployment struct {
	CertID     int
	CommonName string
	Serial     string
	Formats    string
	At         time.Time
}

type msCA struct {
	Server, Name string
	Templates    []string
	Cert         *x509.Certificate
	Key          crypto.Signer
}

// host finds a reachable machine by name or address, any case.
func (n *network) host(nameOrAddr string) (*netHost, bool) {
	for _, h := range n.hosts {
		if strings.EqualFold(h.Name, nameOrAddr) || (h.Addr != "" && h.Addr == nameOrAddr) {
			return h, true
		}
	}
	if a, err := netip.ParseAddr(nameOrAddr); err == nil {
		for _, h := range n.hosts {
			if h.Addr == a.String() {
				return h, true
			}
		}
	}
	return nil, false
}

func (n *network) server(name string) (*deployServer, bool) {
	for _, s := range n.servers {
		if strings.EqualFold(s.Name, name) {
			return s, true
		}
	}
	return nil, false
}

func (n *network) ca(server, name string) (*msCA, bool) {
	for _, c := range n.cas {
		if strings.EqualFold(c.Server, server) && strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	return nil, false
}

// authorize puts a key on a target account's machine; unauthorize takes it off.
func (n *network) authorize(t keyTarget, fingerprint string) {
	if !slices.Contains(n.authorized[t], fingerprint) {
		n.authorized[t] = append(n.authorized[t], fingerprint)
	}
}

func (n *network) unauthorize(t keyTarget, fingerprint string) {
	n.authorized[t] = slices.DeleteFunc(slices.Clone(n.authorized[t]), func(x string) bool { return x == fingerprint })
	if len(n.authorized[t]) == 0 {
		delete(n.authorized, t)
	}
}
