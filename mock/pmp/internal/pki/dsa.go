package pki

import (
	"crypto/dsa" //nolint:staticcheck // ssh-dss keys are part of the contract (PMP §25)
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"math/big"
)

// dsaKeyASN1 is OpenSSL's "DSA PRIVATE KEY" structure, which ssh-keygen and
// golang.org/x/crypto/ssh read (OpenSSH's own format has no DSA writer in Go).
type dsaKeyASN1 struct {
	Version       int
	P, Q, G, Y, X *big.Int
}

// MarshalDSA encodes a DSA key as an unencrypted "DSA PRIVATE KEY" block.
func MarshalDSA(k *dsa.PrivateKey) (*pem.Block, error) {
	der, err := asn1.Marshal(dsaKeyASN1{P: k.P, Q: k.Q, G: k.G, Y: k.Y, X: k.X})
	if err != nil {
		return nil, err
	}
	return &pem.Block{Type: "DSA PRIVATE KEY", Bytes: der}, nil
}

// marshalDSAEncrypted encrypts the block the legacy OpenSSL way (a
// DEK-Info header), the only passphrase form ssh-keygen reads for DSA PEM.
func marshalDSAEncrypted(e *Entropy, k *dsa.PrivateKey, passphrase []byte) (*pem.Block, error) {
	b, err := MarshalDSA(k)
	if err != nil {
		return nil, err
	}
	//lint:ignore SA1019 the legacy format is the one DSA PEM keys use
	return x509.EncryptPEMBlock(e.reader(), b.Type, b.Bytes, passphrase, x509.PEMCipherAES128) //nolint:staticcheck
}
