package pki_test

import (
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

// stream is a fresh seeded Entropy: two with one seed read the same bytes.
func stream(seed byte) *pki.Entropy {
	var key [32]byte
	key[0] = seed
	return pki.Seeded(rand.NewChaCha8(key))
}

// TestSeededEntropyRepeats: from one seed, every generator gives the same
// bytes twice, and the keys work (sign and verify, export and parse back);
// another seed gives other keys; nil (crypto/rand) never repeats.
func TestSeededEntropyRepeats(t *testing.T) {
	t0 := time.Date(2024, 3, 9, 9, 0, 0, 0, time.UTC)
	material := func(e *pki.Entropy) [][]byte {
		var out [][]byte
		for _, c := range []struct {
			alg  string
			bits int
		}{{pki.AlgRSA, 1024}, {pki.AlgRSA, 2048}, {pki.AlgEC, 256}, {pki.AlgEC, 384}, {pki.AlgEC, 521}} {
			key, err := e.GenerateKey(c.alg, c.bits)
			require.NoError(t, err, "%s %d", c.alg, c.bits)
			alg, bits := pki.KeyInfo(key.Public())
			assert.Equal(t, []any{c.alg, c.bits}, []any{alg, bits})
			digest := sha256.Sum256([]byte("opsmock"))
			sig, err := key.Sign(nil, digest[:], crypto.SHA256)
			require.NoError(t, err)
			cert, err := pki.Issue(pki.Template{Subject: pki.Name{CommonName: "e.opsmock.test"}, Serial: e.Serial(),
				NotBefore: t0, NotAfter: t0.AddDate(1, 0, 0), Hash: "SHA256"}, key.Public(), nil, key)
			require.NoError(t, err)
			require.NoError(t, cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature), "the signature verifies")
			der, err := x509.MarshalPKCS8PrivateKey(key)
			require.NoError(t, err)
			store, err := e.EncodeKeystore(pki.Keystore{Type: pki.StorePKCS12, Key: key, Cert: cert}, "pw", "a", t0)
			require.NoError(t, err)
			_, err = pki.DecodeKeystore(store, "pw")
			require.NoError(t, err)
			out = append(out, der, sig, cert.Raw, store)
		}
		for _, c := range []struct {
			typ        string
			bits       int
			passphrase string
		}{{pki.SSHRSA, 2048, ""}, {pki.SSHECDSA, 256, ""}, {pki.SSHEd25519, 0, ""}, {pki.SSHDSS, 1024, ""}, {pki.SSHDSS, 1024, "pp"}} {
			k, err := e.GenerateSSHKey(c.typ, c.bits)
			require.NoError(t, err, c.typ)
			file, err := k.ExportWith(e, "c", []byte(c.passphrase))
			require.NoError(t, err)
			back, err := pki.ParseSSHKey(file, []byte(c.passphrase))
			require.NoError(t, err, "%s exported file parses\n%s", c.typ, file)
			assert.Equal(t, k.Fingerprint(), back.Fingerprint())
			out = append(out, []byte(k.AuthorizedKey("")), file)
		}
		return out
	}
	first, again, other := material(stream(1)), material(stream(1)), material(stream(2))
	assert.Equal(t, first, again, "one seed, the same bytes")
	for i := range first {
		assert.NotEqual(t, first[i], other[i], "item %d: another seed, other bytes", i)
	}
	a, err := (*pki.Entropy)(nil).GenerateKey(pki.AlgEC, 256)
	require.NoError(t, err)
	b, err := pki.GenerateKey(pki.AlgEC, 256)
	require.NoError(t, err)
	assert.False(t, a.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(b.Public()), "crypto/rand never repeats")
}
