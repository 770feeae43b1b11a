// Command genseedkeys writes the key pool the mock seeds PKI state from:
//
//	go run ./mock/pmp/internal/pki/genseedkeys mock/pmp/internal/pki/seedkeys
//
// Go ignores a caller's random source when it generates RSA and DSA keys,
// so seeded keys cannot be derived from the seed at start-up; the mock
// picks them from this pool instead (ed25519 and ECDSA keys are derived).
// The keys are public on purpose: they protect nothing.
package main

import (
	"crypto/dsa" //nolint:staticcheck // ssh-dss keys are part of the contract (PMP §25)
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genseedkeys DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	for _, k := range []struct {
		bits, count int
	}{{1024, 2}, {2048, 6}, {4096, 1}} {
		for i := 1; i <= k.count; i++ {
			key, err := rsa.GenerateKey(rand.Reader, k.bits)
			check(err)
			der, err := x509.MarshalPKCS8PrivateKey(key)
			check(err)
			write(filepath.Join(dir, fmt.Sprintf("rsa%d-%d.pem", k.bits, i)), &pem.Block{Type: "PRIVATE KEY", Bytes: der})
		}
	}
	var key dsa.PrivateKey
	check(dsa.GenerateParameters(&key.Parameters, rand.Reader, dsa.L1024N160))
	check(dsa.GenerateKey(&key, rand.Reader))
	block, err := pki.MarshalDSA(&key)
	check(err)
	write(filepath.Join(dir, "dsa1024-1.pem"), block)
}

func write(path string, b *pem.Block) {
	check(os.WriteFile(path, pem.EncodeToMemory(b), 0o644))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "genseedkeys:", err)
		os.Exit(1)
	}
}
