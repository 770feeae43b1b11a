package pki

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // ssh-dss keys are part of the contract (PMP §25)
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sync"
)

// Entropy is where new key material, serial numbers, keystore salts and
// encrypted key files take their randomness. A nil *Entropy is
// crypto/rand. Seeded draws all of it from one stream instead, so the same
// requests in the same order give byte-identical answers: that is for
// fixtures, never for a server others reach.
//
// Since Go 1.26 the key generators of the standard library ignore the
// reader they are given, so a seeded Entropy derives keys itself: RSA
// primes by search over the stream, EC scalars and DSA exponents drawn
// below the group order, Ed25519 from a seed. Signatures need no entropy:
// PKCS #1 v1.5 and Ed25519 are deterministic, and ECDSA signs by RFC 6979.
type Entropy struct {
	mu sync.Mutex
	r  io.Reader
}

// Seeded makes an Entropy that reads only r.
func Seeded(r io.Reader) *Entropy { return &Entropy{r: r} }

func (e *Entropy) seeded() bool { return e != nil && e.r != nil }

// Read fills p from the stream, or from crypto/rand.
func (e *Entropy) Read(p []byte) (int, error) {
	if !e.seeded() {
		return rand.Read(p)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return io.ReadFull(e.r, p)
}

// reader is what a library that takes an io.Reader gets.
func (e *Entropy) reader() io.Reader {
	if !e.seeded() {
		return rand.Reader
	}
	return e
}

// Serial is a positive 128-bit certificate serial number, 16 bytes long.
func (e *Entropy) Serial() *big.Int {
	b := make([]byte, 16)
	_, _ = e.Read(b)
	b[0] &= 0x7f
	b[0] |= 0x10
	return new(big.Int).SetBytes(b)
}

// GenerateKey makes a certificate key (§42, §45 ALG and LEN).
func (e *Entropy) GenerateKey(alg string, bits int) (crypto.Signer, error) {
	if err := checkLength(KeyLengths[alg], alg, bits); err != nil {
		return nil, err
	}
	if alg == AlgEC {
		return e.ecdsaKey(bits)
	}
	return e.rsaKey(bits)
}

func (e *Entropy) ecdsaKey(bits int) (*ecdsa.PrivateKey, error) {
	if !e.seeded() {
		return ecdsa.GenerateKey(curves[bits], rand.Reader)
	}
	size := (bits + 7) / 8
	for range 100 {
		d := make([]byte, size)
		if _, err := e.Read(d); err != nil {
			return nil, err
		}
		d[0] &= byte(0xff >> (size*8 - bits)) // P-521: 521 bits in 66 bytes
		if k, err := ecdsa.ParseRawPrivateKey(curves[bits], d); err == nil {
			return k, nil // not zero, below the order
		}
	}
	return nil, errors.New("pki: no EC scalar in 100 draws")
}

func (e *Entropy) rsaKey(bits int) (*rsa.PrivateKey, error) {
	if !e.seeded() {
		return rsa.GenerateKey(rand.Reader, bits)
	}
	one, pub := big.NewInt(1), big.NewInt(65537)
	for {
		p, err := e.prime(bits / 2)
		if err != nil {
			return nil, err
		}
		q, err := e.prime(bits - bits/2)
		if err != nil {
			return nil, err
		}
		n := new(big.Int).Mul(p, q)
		if p.Cmp(q) == 0 || n.BitLen() != bits {
			continue
		}
		phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
		d := new(big.Int).ModInverse(pub, phi)
		if d == nil {
			continue
		}
		k := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: 65537}, D: d, Primes: []*big.Int{p, q}}
		k.Precompute()
		if k.Validate() == nil {
			return k, nil
		}
	}
}

// prime draws odd numbers of exactly bits bits, top two bits set (so a
// product of two has the full length), until one is prime.
func (e *Entropy) prime(bits int) (*big.Int, error) {
	b := make([]byte, (bits+7)/8)
	for {
		if _, err := e.Read(b); err != nil {
			return nil, err
		}
		extra := uint(len(b)*8 - bits)
		b[0] &= byte(0xff >> extra)
		b[0] |= byte(0xc0 >> extra)
		if extra == 7 { // the second top bit is in the next byte
			b[1] |= 0x80
		}
		b[len(b)-1] |= 1
		p := new(big.Int).SetBytes(b)
		if p.ProbablyPrime(20) {
			return p, nil
		}
	}
}

func (e *Entropy) ed25519Key() (ed25519.PrivateKey, error) {
	seed := make([]byte, ed25519.SeedSize)
	if _, err := e.Read(seed); err != nil {
		return nil, err
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// dsaKey makes a DSA key on the shared parameters of seedDSA: shared
// parameters are normal for DSA (FIPS 186), and new ones take seconds.
func (e *Entropy) dsaKey() (*dsa.PrivateKey, error) {
	base, err := seedDSA()
	if err != nil {
		return nil, err
	}
	k := &dsa.PrivateKey{PublicKey: dsa.PublicKey{Parameters: base.Parameters}}
	if !e.seeded() {
		return k, dsa.GenerateKey(k, rand.Reader)
	}
	qMinus1 := new(big.Int).Sub(k.Q, big.NewInt(1))
	x := new(big.Int)
	buf := make([]byte, (k.Q.BitLen()+7)/8+8)
	if _, err := e.Read(buf); err != nil {
		return nil, err
	}
	x.SetBytes(buf).Mod(x, qMinus1).Add(x, big.NewInt(1)) // 1 ≤ x < q
	k.X, k.Y = x, new(big.Int).Exp(k.G, x, k.P)
	return k, nil
}

// fixCheckInts replaces the two random check numbers x/crypto/ssh puts in
// an unencrypted OpenSSH private key (PROTOCOL.key: they let a reader tell
// a right passphrase from a wrong one) with numbers from the stream. An
// encrypted file keeps x/crypto's own salt, which no reader reaches.
func (e *Entropy) fixCheckInts(raw []byte) []byte {
	const magic = "openssh-key-v1\x00"
	if !e.seeded() || len(raw) < len(magic) || string(raw[:len(magic)]) != magic {
		return raw
	}
	rest := raw[len(magic):]
	var cipher string
	for i := range 3 { // ciphername, kdfname, kdfoptions
		s, r, ok := sshString(rest)
		if !ok {
			return raw
		}
		if i == 0 {
			cipher = s
		}
		rest = r
	}
	if cipher != "none" || len(rest) < 4 {
		return raw
	}
	rest = rest[4:] // number of keys
	if _, r, ok := sshString(rest); ok {
		rest = r // the public key
	} else {
		return raw
	}
	if len(rest) < 12 {
		return raw
	}
	var check [4]byte
	_, _ = e.Read(check[:])
	at := len(raw) - len(rest) + 4 // after the private section's length
	out := append([]byte(nil), raw...)
	copy(out[at:], check[:])
	copy(out[at+4:], check[:])
	return out
}

func sshString(b []byte) (string, []byte, bool) {
	if len(b) < 4 {
		return "", nil, false
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(len(b)-4) < uint64(n) {
		return "", nil, false
	}
	return string(b[4 : 4+n]), b[4+n:], true
}

func checkLength(allowed []int, alg string, bits int) error {
	for _, n := range allowed {
		if n == bits {
			return nil
		}
	}
	return fmt.Errorf("%w: %s %d", ErrUnsupported, alg, bits)
}
