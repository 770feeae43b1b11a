package pki

import (
	"crypto/dsa" //nolint:staticcheck // ssh-dss keys are part of the contract (PMP §25)
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"embed"
	"encoding/pem"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"sync"

	"golang.org/x/crypto/ssh"
)

// seedFS is the key pool genseedkeys wrote. Seeded state takes its RSA and
// DSA keys from here, so a seed gives the same certificates and
// fingerprints on every start.
//
//go:embed seedkeys/*.pem
var seedFS embed.FS

var seedPool = sync.OnceValues(func() (map[int][]*rsa.PrivateKey, error) {
	entries, err := seedFS.ReadDir("seedkeys")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	pool := map[int][]*rsa.PrivateKey{}
	for _, name := range names {
		if !strings.HasPrefix(name, "rsa") {
			continue
		}
		raw, err := seedFS.ReadFile("seedkeys/" + name)
		if err != nil {
			return nil, err
		}
		b, _ := pem.Decode(raw)
		if b == nil {
			return nil, fmt.Errorf("pki: seed key %s is not PEM", name)
		}
		k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("pki: seed key %s: %w", name, err)
		}
		rk, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, fmt.Errorf("pki: seed key %s is not RSA", name)
		}
		pool[rk.N.BitLen()] = append(pool[rk.N.BitLen()], rk)
	}
	return pool, nil
})

// SeedRSA returns the pool's i-th RSA key of that size (wrapping around).
func SeedRSA(bits, i int) (*rsa.PrivateKey, error) {
	pool, err := seedPool()
	if err != nil {
		return nil, err
	}
	keys := pool[bits]
	if len(keys) == 0 {
		return nil, fmt.Errorf("%w: no %d-bit seed key", ErrUnsupported, bits)
	}
	return keys[((i%len(keys))+len(keys))%len(keys)], nil
}

var seedDSA = sync.OnceValues(func() (*dsa.PrivateKey, error) {
	raw, err := seedFS.ReadFile("seedkeys/dsa1024-1.pem")
	if err != nil {
		return nil, err
	}
	b, _ := pem.Decode(raw)
	if b == nil {
		return nil, fmt.Errorf("pki: seed DSA key is not PEM")
	}
	return ssh.ParseDSAPrivateKey(b.Bytes)
})

// SeedDSA returns the pool's DSA key.
func SeedDSA() (*dsa.PrivateKey, error) { return seedDSA() }

// SeedEd25519 derives an ed25519 key from 32 seed bytes.
func SeedEd25519(seed [ed25519.SeedSize]byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(seed[:])
}

// SeedECDSA derives a key on the curve of that size from seed bytes: the
// scalar is the bytes reduced into [1, N-1].
func SeedECDSA(bits int, seed []byte) (*ecdsa.PrivateKey, error) {
	curve, ok := curves[bits]
	if !ok {
		return nil, fmt.Errorf("%w: no %d-bit curve", ErrUnsupported, bits)
	}
	n := curve.Params().N
	d := new(big.Int).SetBytes(seed)
	d.Mod(d, new(big.Int).Sub(n, big.NewInt(1)))
	d.Add(d, big.NewInt(1))
	raw := d.FillBytes(make([]byte, (n.BitLen()+7)/8))
	return ecdsa.ParseRawPrivateKey(curve, raw)
}
