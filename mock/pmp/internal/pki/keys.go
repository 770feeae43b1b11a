package pki

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // ssh-dss keys are part of the contract (PMP §25)
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
)

var curves = map[int]elliptic.Curve{256: elliptic.P256(), 384: elliptic.P384(), 521: elliptic.P521()}

// Certificate key algorithms (§42, §45 ALG and LEN).
const (
	AlgRSA = "RSA"
	AlgEC  = "EC"
)

// KeyLengths are the lengths each certificate key algorithm allows.
var KeyLengths = map[string][]int{
	AlgRSA: {1024, 2048, 4096},
	AlgEC:  {256, 384, 521},
}

// GenerateKey makes a certificate key from crypto/rand.
func GenerateKey(alg string, bits int) (crypto.Signer, error) {
	return (*Entropy)(nil).GenerateKey(alg, bits)
}

// KeyInfo names a public key's algorithm the way Java does (RSA, EC, DSA,
// Ed25519) and gives its length in bits.
func KeyInfo(pub crypto.PublicKey) (alg string, bits int) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return AlgRSA, k.N.BitLen()
	case *ecdsa.PublicKey:
		return AlgEC, k.Curve.Params().BitSize
	case *dsa.PublicKey:
		return "DSA", k.P.BitLen()
	case ed25519.PublicKey:
		return "Ed25519", 256
	}
	return "unknown", 0
}
