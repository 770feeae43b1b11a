package pki

import (
	"bytes"
	"crypto"
	"crypto/sha1" //nolint:gosec // the JKS integrity check is SHA-1 by definition
	"crypto/x509"
	"encoding/binary"
	"errors"
	"fmt"
	"time"
	"unicode/utf16"

	"github.com/pavlo-v-chernykh/keystore-go/v4"
	"software.sslmate.com/src/go-pkcs12"
)

// Keystore types (§42, §45 StoreType).
const (
	StorePKCS12 = "PKCS12"
	StoreJKS    = "JKS"
)

// Keystore is a private key with its certificate and chain.
type Keystore struct {
	Type  string
	Key   crypto.PrivateKey
	Cert  *x509.Certificate
	Chain []*x509.Certificate
}

const jksMagic = 0xFEEDFEED

// EncodeKeystore writes a keystore of type typ protected by password. A
// PKCS#12 file uses PBES2 with AES and a SHA-256 MAC, which openssl and
// Java keytool read.
func EncodeKeystore(ks Keystore, password, alias string, created time.Time) ([]byte, error) {
	return (*Entropy)(nil).EncodeKeystore(ks, password, alias, created)
}

// EncodeKeystore is the package's EncodeKeystore drawing salts and IVs
// from e.
func (e *Entropy) EncodeKeystore(ks Keystore, password, alias string, created time.Time) ([]byte, error) {
	switch ks.Type {
	case StorePKCS12:
		return pkcs12.Modern.WithRand(e.reader()).Encode(ks.Key, ks.Cert, ks.Chain, password)
	case StoreJKS:
		der, err := x509.MarshalPKCS8PrivateKey(ks.Key)
		if err != nil {
			return nil, err
		}
		chain := []keystore.Certificate{{Type: "X509", Content: ks.Cert.Raw}}
		for _, c := range ks.Chain {
			chain = append(chain, keystore.Certificate{Type: "X509", Content: c.Raw})
		}
		store := keystore.New(keystore.WithCustomRandomNumberGenerator(e.reader()))
		entry := keystore.PrivateKeyEntry{CreationTime: created, PrivateKey: der, CertificateChain: chain}
		if err := store.SetPrivateKeyEntry(alias, entry, []byte(password)); err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := store.Store(&buf, []byte(password)); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
	return nil, fmt.Errorf("%w: keystore type %q", ErrUnsupported, ks.Type)
}

// DecodeKeystore reads a JKS or PKCS#12 keystore (§38 KEYSTORE): the first
// private key entry and its chain.
func DecodeKeystore(data []byte, password string) (*Keystore, error) {
	if len(data) >= 4 && binary.BigEndian.Uint32(data) == jksMagic {
		return decodeJKS(data, password)
	}
	key, cert, chain, err := pkcs12.DecodeChain(data, password)
	switch {
	case errors.Is(err, pkcs12.ErrIncorrectPassword):
		return nil, ErrPassphrase
	case err != nil:
		return nil, ErrNotCertificate
	}
	return &Keystore{Type: StorePKCS12, Key: key, Cert: cert, Chain: chain}, nil
}

func decodeJKS(data []byte, password string) (*Keystore, error) {
	if !jksIntact(data, password) {
		return nil, ErrPassphrase
	}
	store := keystore.New()
	if err := store.Load(bytes.NewReader(data), []byte(password)); err != nil {
		return nil, ErrNotCertificate
	}
	for _, alias := range store.Aliases() {
		if !store.IsPrivateKeyEntry(alias) {
			continue
		}
		entry, err := store.GetPrivateKeyEntry(alias, []byte(password))
		if err != nil {
			return nil, ErrPassphrase // a key password other than the store's
		}
		key, err := x509.ParsePKCS8PrivateKey(entry.PrivateKey)
		if err != nil || len(entry.CertificateChain) == 0 {
			return nil, ErrNotCertificate
		}
		certs := make([]*x509.Certificate, 0, len(entry.CertificateChain))
		for _, c := range entry.CertificateChain {
			pc, err := x509.ParseCertificate(c.Content)
			if err != nil {
				return nil, ErrNotCertificate
			}
			certs = append(certs, pc)
		}
		return &Keystore{Type: StoreJKS, Key: key, Cert: certs[0], Chain: certs[1:]}, nil
	}
	return nil, ErrNotCertificate
}

// jksIntact checks a JKS file's trailing digest, SHA-1 over the password
// (UTF-16BE), "Mighty Aphrodite" and the body, so a wrong password is told
// apart from a damaged file.
func jksIntact(data []byte, password string) bool {
	if len(data) < sha1.Size+12 {
		return true // too short to judge: let the parser call it damaged
	}
	body, digest := data[:len(data)-sha1.Size], data[len(data)-sha1.Size:]
	h := sha1.New() //nolint:gosec // JKS defines it
	for _, u := range utf16.Encode([]rune(password)) {
		h.Write([]byte{byte(u >> 8), byte(u)})
	}
	h.Write([]byte("Mighty Aphrodite"))
	h.Write(body)
	return bytes.Equal(h.Sum(nil), digest)
}
