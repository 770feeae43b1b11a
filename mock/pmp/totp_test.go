package pmp

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
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

func TestTOTPSecrets(t *testing.T) {
	_, f := newTOTP("SDFGKJSDFKJGDSFLKJGLDSFGL", "", "", "") // §21's sample: 25 letters, not base32
	assert.NotNil(t, f)
	c, f := newTOTP("jbsw y3dp ehpk 3pxp", "", "", "")
	assert.Nil(t, f)
	assert.Equal(t, totpConfig{Secret: "jbsw y3dp ehpk 3pxp", Algorithm: "SHA1", Digits: 6, Period: 30}, *c)
}
