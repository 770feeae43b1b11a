package mock

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"time"

	"github.com/opsmock/opsmock/mock/internal/tlscert"
)

// TLS configures HTTPS. The zero value makes a certificate at start
// (ECDSA P-256, valid for localhost, 127.0.0.1 and ::1) signed by a CA made
// with it: Server.TLSCA gives the CA for clients to trust.
type TLS struct {
	// Hosts are more names or addresses the made certificate is valid for.
	Hosts []string
	// CertFile and KeyFile, if set, are a certificate (PEM, with its chain)
	// and its key to serve instead.
	CertFile, KeyFile string
}

// WithTLS serves HTTPS, as the real products do.
func WithTLS(t TLS) Option { return func(s *settings) { s.tls = &t } }

func newIdentity(t *TLS) (*tlscert.Identity, error) {
	if t.CertFile != "" || t.KeyFile != "" {
		id, err := tlscert.Load(t.CertFile, t.KeyFile)
		if err != nil {
			return nil, &FileError{What: "TLS certificate", Path: t.CertFile, Err: err}
		}
		return id, nil
	}
	id, err := tlscert.Make(t.Hosts, time.Now())
	if err != nil {
		return nil, fmt.Errorf("tls: make a certificate: %w", err)
	}
	return id, nil
}

// TLSCA is the PEM of the CA that signed the server's certificate, when
// the server made it (nil without TLS or with a certificate of yours):
// what curl --cacert and a client's RootCAs take.
func (s *Server) TLSCA() []byte {
	if s.tlsID == nil {
		return nil
	}
	return s.tlsID.CA
}

// TLSFingerprint is the SHA-256 fingerprint of the server's certificate
// (AB:CD:…), for clients that pin it; "" without TLS.
func (s *Server) TLSFingerprint() string {
	if s.tlsID == nil {
		return ""
	}
	return s.tlsID.Fingerprint
}

// tlsConfig is the listener's TLS, and the pool a client of it trusts.
func (s *Server) tlsConfig() (*tls.Config, *x509.CertPool) {
	pool := x509.NewCertPool()
	if s.tlsID.CA != nil {
		pool.AppendCertsFromPEM(s.tlsID.CA)
	} else {
		for _, der := range s.tlsID.Certificate.Certificate {
			if c, err := x509.ParseCertificate(der); err == nil {
				pool.AddCert(c) // a certificate of yours: trust what it came with
			}
		}
	}
	return &tls.Config{Certificates: []tls.Certificate{s.tlsID.Certificate}, MinVersion: tls.VersionTLS12}, pool
}
