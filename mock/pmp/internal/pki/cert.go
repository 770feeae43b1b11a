package pki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/sha1" //nolint:gosec // PMP shows SHA-1 thumbprints (§35 fingerPrint)
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"strings"
	"time"
)

// Name is a distinguished name as §42 and §45 take it.
type Name struct {
	CommonName, Org, OrgUnit, Locality, State, Country string
}

func (n Name) pkix() pkix.Name {
	one := func(s string) []string {
		if s == "" {
			return nil
		}
		return []string{s}
	}
	return pkix.Name{CommonName: n.CommonName, Organization: one(n.Org), OrganizationalUnit: one(n.OrgUnit),
		Locality: one(n.Locality), Province: one(n.State), Country: one(n.Country)}
}

// NameOf reads back a pkix name's first values.
func NameOf(n pkix.Name) Name {
	first := func(v []string) string {
		if len(v) == 0 {
			return ""
		}
		return v[0]
	}
	return Name{CommonName: n.CommonName, Org: first(n.Organization), OrgUnit: first(n.OrganizationalUnit),
		Locality: first(n.Locality), State: first(n.Province), Country: first(n.Country)}
}

// Template is what a new certificate says.
type Template struct {
	Subject             Name
	SANs                []string // DNS names or IP addresses
	Serial              *big.Int
	NotBefore, NotAfter time.Time
	Hash                string // SHA1, SHA256, SHA384 or SHA512 (§42 SIGALG)
	CA                  bool
}

var hashes = map[string]map[string]x509.SignatureAlgorithm{
	"SHA1":   {AlgRSA: x509.SHA1WithRSA, AlgEC: x509.ECDSAWithSHA1},
	"SHA256": {AlgRSA: x509.SHA256WithRSA, AlgEC: x509.ECDSAWithSHA256},
	"SHA384": {AlgRSA: x509.SHA384WithRSA, AlgEC: x509.ECDSAWithSHA384},
	"SHA512": {AlgRSA: x509.SHA512WithRSA, AlgEC: x509.ECDSAWithSHA512},
}

// SignatureAlgorithm picks the algorithm for a hash name and signing key.
func SignatureAlgorithm(hash string, signer crypto.PublicKey) (x509.SignatureAlgorithm, error) {
	alg, _ := KeyInfo(signer)
	a, ok := hashes[strings.ToUpper(strings.ReplaceAll(hash, "-", ""))][alg]
	if !ok {
		return 0, fmt.Errorf("%w: %s with %s", ErrUnsupported, hash, alg)
	}
	return a, nil
}

// Issue signs a certificate for pub with key: by issuer, or self-signed
// when issuer is nil. RSA signatures need no randomness, so a seeded
// template and key give the same bytes every time.
func Issue(t Template, pub crypto.PublicKey, issuer *x509.Certificate, key crypto.Signer) (*x509.Certificate, error) {
	sigAlg, err := SignatureAlgorithm(t.Hash, key.Public())
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: t.Serial, Subject: t.Subject.pkix(), NotBefore: t.NotBefore, NotAfter: t.NotAfter,
		SignatureAlgorithm: sigAlg, BasicConstraintsValid: true, IsCA: t.CA,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
	}
	if t.CA {
		tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature
	} else {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}
	}
	if _, isEC := pub.(*ecdsa.PublicKey); isEC {
		tmpl.KeyUsage &^= x509.KeyUsageKeyEncipherment
	}
	for _, san := range t.SANs {
		if ip := net.ParseIP(san); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, san)
		}
	}
	parent := tmpl
	if issuer != nil {
		parent = issuer
	}
	// No randomness: PKCS #1 v1.5 and Ed25519 sign deterministically, and
	// ECDSA with a nil reader signs by RFC 6979, so the same key and
	// template give the same bytes (seeded state, fixtures).
	der, err := x509.CreateCertificate(nil, tmpl, parent, pub, key)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}

// CreateCSR makes a signed certificate request.
func CreateCSR(subject Name, sans []string, key crypto.Signer, hash string) (*x509.CertificateRequest, error) {
	sigAlg, err := SignatureAlgorithm(hash, key.Public())
	if err != nil {
		return nil, err
	}
	tmpl := &x509.CertificateRequest{Subject: subject.pkix(), SignatureAlgorithm: sigAlg}
	for _, san := range sans {
		if ip := net.ParseIP(san); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, san)
		}
	}
	der, err := x509.CreateCertificateRequest(nil, tmpl, key) // RFC 6979 for ECDSA, as in Issue
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificateRequest(der)
}

// SigAlgName names a signature algorithm as Java does (§33 SignatureAlgorithm).
func SigAlgName(a x509.SignatureAlgorithm) string {
	switch a {
	case x509.SHA1WithRSA:
		return "SHA1withRSA"
	case x509.SHA256WithRSA:
		return "SHA256withRSA"
	case x509.SHA384WithRSA:
		return "SHA384withRSA"
	case x509.SHA512WithRSA:
		return "SHA512withRSA"
	case x509.ECDSAWithSHA1:
		return "SHA1withECDSA"
	case x509.ECDSAWithSHA256:
		return "SHA256withECDSA"
	case x509.ECDSAWithSHA384:
		return "SHA384withECDSA"
	case x509.ECDSAWithSHA512:
		return "SHA512withECDSA"
	}
	return a.String()
}

// SANs lists a certificate's subject alternative names, DNS names first.
func SANs(c *x509.Certificate) []string {
	out := append([]string{}, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		out = append(out, ip.String())
	}
	return out
}

// Thumbprint is the SHA-1 of the DER, lower-case hex (§35 fingerPrint).
func Thumbprint(c *x509.Certificate) string {
	sum := sha1.Sum(c.Raw) //nolint:gosec // a thumbprint, not a signature
	return hex.EncodeToString(sum[:])
}

// SerialHex is the serial number in lower-case hex (§33 serialNumber).
func SerialHex(c *x509.Certificate) string { return c.SerialNumber.Text(16) }

// CertPEM encodes certificates as PEM, in order.
func CertPEM(certs ...*x509.Certificate) []byte {
	var out []byte
	for _, c := range certs {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	return out
}

// CSRPEM encodes a certificate request as PEM.
func CSRPEM(r *x509.CertificateRequest) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: r.Raw})
}

// ParseCertFile reads an uploaded certificate file (§38 CERTFILE): PEM
// with one or more certificates, the leaf first, or one DER certificate.
func ParseCertFile(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	rest := data
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, ErrNotCertificate
		}
		certs = append(certs, c)
	}
	if len(certs) > 0 {
		return certs, nil
	}
	c, err := x509.ParseCertificate(data)
	if err != nil {
		return nil, ErrNotCertificate
	}
	return []*x509.Certificate{c}, nil
}
