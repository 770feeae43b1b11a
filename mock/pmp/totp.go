package pmp

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // RFC 6238's default algorithm
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"time"
)

// TOTP defaults for website accounts (§21): SHA1, 6 digits, 30 seconds.
const (
	defaultTOTPAlgorithm = "SHA1"
	defaultTOTPDigits    = 6
	defaultTOTPPeriod    = 30
)

// decodeSecret reads a base32 secret the way common Java decoders (Apache
// commons-codec's Base32) do, which PMP runs on: any case, spaces and
// padding ignored, trailing bits that make no whole byte dropped. So §21's
// own example, 25 characters with no padding, is a valid secret (fact D3).
func decodeSecret(s string) ([]byte, bool) {
	s = strings.TrimRight(strings.ReplaceAll(strings.TrimSpace(s), " ", ""), "=")
	out := make([]byte, 0, len(s)*5/8)
	var acc uint32
	bits := 0
	for i := 0; i < len(s); i++ {
		v := base32Value(s[i])
		if v < 0 {
			return nil, false
		}
		acc = acc<<5 | uint32(v)
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
			acc &= 1<<bits - 1
		}
	}
	return out, len(out) > 0
}

// base32Value is the RFC 4648 value of one character, any case; -1 if it
// is not in the alphabet.
func base32Value(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c - 'a')
	case c >= '2' && c <= '7':
		return int(c-'2') + 26
	}
	return -1
}

// newTOTP builds a configuration from §21's fields, or says why it cannot.
func newTOTP(secret, algorithm, digits, validity string) (*totpConfig, *failure) {
	if _, ok := decodeSecret(secret); !ok {
		return nil, failed(msgBadTOTPSecret)
	}
	cfg := &totpConfig{Secret: secret, Algorithm: defaultTOTPAlgorithm, Digits: defaultTOTPDigits, Period: defaultTOTPPeriod}
	if algorithm != "" {
		cfg.Algorithm = algorithm
	}
	if n, err := strconv.Atoi(digits); err == nil {
		cfg.Digits = n
	}
	if n, err := strconv.Atoi(validity); err == nil {
		cfg.Period = n
	}
	return cfg, nil
}

// code is the RFC 6238 value at t.
func (c totpConfig) code(t time.Time) string {
	key, _ := decodeSecret(c.Secret) // checked when configured
	var h func() hash.Hash
	switch c.Algorithm {
	case "SHA256":
		h = sha256.New
	case "SHA512":
		h = sha512.New
	default:
		h = sha1.New
	}
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(t.Unix()/int64(c.Period)))
	mac := hmac.New(h, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint32(1)
	for i := 0; i < c.Digits; i++ {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", c.Digits, bin%mod)
}
