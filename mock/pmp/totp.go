package pmp

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // RFC 6238's default algorithm
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base32"
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

// decodeSecret reads a base32 secret as authenticator apps do: any case,
// spaces ignored, padding optional.
func decodeSecret(s string) ([]byte, bool) {
	s = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	s = strings.TrimRight(s, "=")
	// Go's decoder accepts lengths strict decoders (pyotp's) refuse; a
	// base32 text is never 1, 3 or 6 characters past a multiple of 8.
	if rest := len(s) % 8; rest == 1 || rest == 3 || rest == 6 {
		return nil, false
	}
	b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
	return b, err == nil && len(b) > 0
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
