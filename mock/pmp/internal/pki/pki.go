// Package pki makes and reads the key material of Password Manager Pro's
// PKI API (seed sections 25-45, 51-53, 64-76): SSH key pairs, X.509
// certificates and CSRs, and the keystores they travel in. It holds no
// state; mock/pmp keeps the repository.
package pki

import "errors"

// Errors a caller turns into the vendor's failure messages.
var (
	// ErrPassphrase: the passphrase or keystore password does not open the data.
	ErrPassphrase = errors.New("pki: wrong passphrase or password")
	// ErrNotKey: the data is not a private key this package reads.
	ErrNotKey = errors.New("pki: not a private key")
	// ErrNotCertificate: the data is not a certificate, chain or keystore.
	ErrNotCertificate = errors.New("pki: not a certificate")
	// ErrUnsupported: a key type, length or algorithm outside the contract.
	ErrUnsupported = errors.New("pki: unsupported key type, length or algorithm")
)
