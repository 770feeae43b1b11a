package pki_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

func TestSeedPool(t *testing.T) {
	for bits, n := range map[int]int{1024: 2, 2048: 6, 4096: 1} {
		seen := map[string]bool{}
		for i := range n {
			k, err := pki.SeedRSA(bits, i)
			require.NoError(t, err)
			assert.Equal(t, bits, k.N.BitLen())
			seen[k.N.String()] = true
		}
		assert.Len(t, seen, n, "%d-bit keys are distinct", bits)
		wrapped, err := pki.SeedRSA(bits, n)
		require.NoError(t, err)
		first, _ := pki.SeedRSA(bits, 0)
		assert.Equal(t, first, wrapped, "indexes wrap around")
	}
	_, err := pki.SeedRSA(3072, 0)
	assert.ErrorIs(t, err, pki.ErrUnsupported)
	d, err := pki.SeedDSA()
	require.NoError(t, err)
	assert.Equal(t, 1024, d.P.BitLen())
}

func TestSeedDerivedKeys(t *testing.T) {
	for _, bits := range []int{256, 384, 521} {
		a, err := pki.SeedECDSA(bits, []byte("one"))
		require.NoError(t, err)
		b, _ := pki.SeedECDSA(bits, []byte("one"))
		c, _ := pki.SeedECDSA(bits, []byte("two"))
		assert.True(t, a.Equal(b), "same seed, same key")
		assert.False(t, a.Equal(c))
		assert.Equal(t, bits, a.Curve.Params().BitSize)
	}
	_, err := pki.SeedECDSA(224, []byte("x"))
	assert.ErrorIs(t, err, pki.ErrUnsupported)
	var s [32]byte
	s[0] = 1
	assert.Equal(t, pki.SeedEd25519(s), pki.SeedEd25519(s))
	k, err := pki.NewSSHKey(pki.SeedEd25519(s))
	require.NoError(t, err)
	assert.Equal(t, pki.SSHEd25519, k.Type)
}
