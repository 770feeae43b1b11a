// Package tlscert gives the mock its HTTPS identity: a certificate made at
// start (ECDSA P-256, signed by a CA made with it, so clients trust the
// CA's file) or one the user brings.
package tlscert

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"strings"
	"time"
)

// Identity is the server's certificate and, when the mock made it, the CA
// that signed it.
type Identity struct {
	Certificate tls.Certificate
	// CA is the signing CA's certificate, PEM; nil for a certificate the
	// user brought (their CA is theirs).
	CA []byte
	// Fingerprint is the SHA-256 of the server certificate, as openssl
	// x509 -fingerprint -sha256 prints it.
	Fingerprint string
}

// DefaultHosts are the names the made certificate is valid for.
var DefaultHosts = []string{"localhost", "127.0.0.1", "::1"}

// validity is how long a made certificate lasts.
const validity = 365 * 24 * time.Hour

// Make creates a CA and a server certificate for DefaultHosts and hosts.
func Make(hosts []string, now time.Time) (*Identity, error) {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	caTmpl := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{CommonName: "opsmock local CA", Organization: []string{"opsmock"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(validity), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign, MaxPathLenZero: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	leaf := &x509.Certificate{
		SerialNumber: serial(), Subject: pkix.Name{CommonName: "opsmock", Organization: []string{"opsmock"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(validity),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range append(append([]string(nil), DefaultHosts...), hosts...) {
		if ip := net.ParseIP(h); ip != nil {
			leaf.IPAddresses = append(leaf.IPAddresses, ip)
		} else if h = strings.TrimSpace(h); h != "" {
			leaf.DNSNames = append(leaf.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, leaf, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, err
	}
	return &Identity{
		Certificate: tls.Certificate{Certificate: [][]byte{der, caDER}, PrivateKey: key},
		CA:          pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		Fingerprint: Fingerprint(der),
	}, nil
}

// Load reads a certificate (with its chain) and its key from PEM files.
func Load(certFile, keyFile string) (*Identity, error) {
	if certFile == "" || keyFile == "" {
		return nil, errors.New("a certificate needs both its file and its key's")
	}
	c, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		if _, statErr := os.Stat(certFile); statErr != nil {
			return nil, fmt.Errorf("certificate %s: %w", certFile, statErr)
		}
		if _, statErr := os.Stat(keyFile); statErr != nil {
			return nil, fmt.Errorf("key %s: %w", keyFile, statErr)
		}
		return nil, fmt.Errorf("certificate %s with key %s: %w", certFile, keyFile, err)
	}
	return &Identity{Certificate: c, Fingerprint: Fingerprint(c.Certificate[0])}, nil
}

// Fingerprint is AB:CD:… of the SHA-256 of a certificate's DER.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

func serial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return big.NewInt(time.Now().UnixNano())
	}
	return n
}
