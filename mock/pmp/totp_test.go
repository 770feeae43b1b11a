package pmp

import (
	"encoding/base32"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTOTPVectors checks code against RFC 6238 Appendix B (8 digits).
func TestTOTPVectors(t *testing.T) {
	seeds := map[string]string{ // the RFC's ASCII seeds, base32-encoded
		"SHA1":   "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
		"SHA256": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA",
		"SHA512": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA",
	}
	vectors := []struct {
		unix int64
		want map[string]string
	}{
		{59, map[string]string{"SHA1": "94287082", "SHA256": "46119246", "SHA512": "90693936"}},
		{1111111109, map[string]string{"SHA1": "07081804", "SHA256": "68084774", "SHA512": "25091201"}},
		{20000000000, map[string]string{"SHA1": "65353130", "SHA256": "77737706", "SHA512": "47863826"}},
	}
	for _, v := range vectors {
		for alg, want := range v.want {
			c := totpConfig{Secret: seeds[alg], Algorithm: alg, Digits: 8, Period: 30}
			assert.Equal(t, want, c.code(time.Unix(v.unix, 0)), "%s at %d", alg, v.unix)
		}
	}
}

// TestTOTPSecrets: secrets decode as Java's lenient base32 decoders read
// them (fact D3): §21's own unpadded examples are valid, and their trailing
// bits that make no whole byte are dropped, so the key is what a strict
// decoder makes of the characters that do.
func TestTOTPSecrets(t *testing.T) {
	strict := base32.StdEncoding.WithPadding(base32.NoPadding)
	cases := []struct {
		name, secret string
		whole        string // the prefix a strict decoder reads to the same key; "" when refused
	}{
		{"§21 example, 25 characters", "SDFGKJSDFKJGDSFLKJGLDSFGL", "SDFGKJSDFKJGDSFLKJGLDSFG"},
		{"§21 example, 23 characters", "NDVDSFIADKFASDFSJDSADJF", "NDVDSFIADKFASDFSJDSADJF"},
		{"lower case with spaces", "jbsw y3dp ehpk 3pxp", "JBSWY3DPEHPK3PXP"},
		{"padded", "JBSWY3DPEE======", "JBSWY3DPEE"},
		{"digit outside the alphabet", "JBSWY3DP0", ""},
		{"punctuation", "not base32!", ""},
		{"too short for a byte", "A", ""},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := decodeSecret(tc.secret)
			if tc.whole == "" {
				assert.False(t, ok)
				_, f := newTOTP(tc.secret, "", "", "")
				assert.NotNil(t, f)
				return
			}
			require.True(t, ok)
			want, err := strict.DecodeString(tc.whole)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			c, f := newTOTP(tc.secret, "", "", "")
			require.Nil(t, f)
			assert.Equal(t, totpConfig{Secret: tc.secret, Algorithm: "SHA1", Digits: 6, Period: 30}, *c)
		})
	}
}
