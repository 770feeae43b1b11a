package pki_test

import (
	"crypto"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

func TestKeystoreRoundTrip(t *testing.T) {
	ca, caKey := seededCA(t)
	for _, typ := range []string{pki.StorePKCS12, pki.StoreJKS} {
		for _, alg := range []string{pki.AlgRSA, pki.AlgEC} {
			t.Run(typ+"-"+alg, func(t *testing.T) {
				key, err := pki.GenerateKey(alg, pki.KeyLengths[alg][1])
				require.NoError(t, err)
				leaf, err := pki.Issue(testTemplate(), key.Public(), ca, caKey)
				require.NoError(t, err)
				data, err := pki.EncodeKeystore(pki.Keystore{Type: typ, Key: key, Cert: leaf, Chain: []*x509.Certificate{ca}}, "zohocorp", "mytestcert", t0)
				require.NoError(t, err)

				ks, err := pki.DecodeKeystore(data, "zohocorp")
				require.NoError(t, err)
				assert.Equal(t, typ, ks.Type)
				assert.Equal(t, leaf.Raw, ks.Cert.Raw)
				require.Len(t, ks.Chain, 1)
				assert.Equal(t, ca.Raw, ks.Chain[0].Raw)
				assert.Equal(t, key.Public(), ks.Key.(crypto.Signer).Public())

				_, err = pki.DecodeKeystore(data, "wrong")
				assert.ErrorIs(t, err, pki.ErrPassphrase)
			})
		}
	}
}

func TestDecodeKeystoreGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("garbage"), {0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2}, {0x30, 0x03, 0x02, 0x01, 0x03}} {
		_, err := pki.DecodeKeystore(in, "pw")
		assert.ErrorIs(t, err, pki.ErrNotCertificate, "%x", in)
	}
}

// TestKeystoresOpenInJavaAndOpenSSL: the files getCertificateKeyStore
// serves open in the tools a user would point at them.
func TestKeystoresOpenInJavaAndOpenSSL(t *testing.T) {
	ca, caKey := seededCA(t)
	key, err := pki.GenerateKey(pki.AlgRSA, 2048)
	require.NoError(t, err)
	leaf, err := pki.Issue(testTemplate(), key.Public(), ca, caKey)
	require.NoError(t, err)
	dir := t.TempDir()
	for _, typ := range []string{pki.StorePKCS12, pki.StoreJKS} {
		data, err := pki.EncodeKeystore(pki.Keystore{Type: typ, Key: key, Cert: leaf, Chain: []*x509.Certificate{ca}}, "zohocorp", "mytestcert", t0)
		require.NoError(t, err)
		path := filepath.Join(dir, "store."+typ)
		require.NoError(t, os.WriteFile(path, data, 0o600))
		t.Run("keytool-"+typ, func(t *testing.T) {
			out, err := exec.Command(tool(t, "keytool"), "-list", "-keystore", path, "-storetype", typ, "-storepass", "zohocorp").CombinedOutput()
			require.NoError(t, err, "%s", out)
			assert.Contains(t, string(out), "PrivateKeyEntry")
			if typ == pki.StoreJKS { // go-pkcs12 writes no friendly name: keytool shows "1"
				assert.Contains(t, string(out), "mytestcert")
			}
		})
		if typ == pki.StorePKCS12 {
			t.Run("openssl", func(t *testing.T) {
				out, err := exec.Command(tool(t, "openssl"), "pkcs12", "-in", path, "-passin", "pass:zohocorp", "-nodes", "-nokeys").CombinedOutput()
				require.NoError(t, err, "%s", out)
				assert.Contains(t, string(out), "CN = mytestcert")
			})
		}
	}
	// And one keytool wrote is read back (§38 KEYSTORE upload).
	t.Run("from-keytool", func(t *testing.T) {
		path := filepath.Join(dir, "kt.jks")
		out, err := exec.Command(tool(t, "keytool"), "-genkeypair", "-alias", "newcert", "-keyalg", "RSA", "-keysize", "2048",
			"-dname", "CN=newcert.com", "-validity", "30", "-storetype", "JKS", "-keystore", path,
			"-storepass", "PASSWORD", "-keypass", "PASSWORD").CombinedOutput()
		require.NoError(t, err, "%s", out)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		ks, err := pki.DecodeKeystore(data, "PASSWORD")
		require.NoError(t, err)
		assert.Equal(t, "newcert.com", ks.Cert.Subject.CommonName)
		_, err = pki.DecodeKeystore(data, "nope")
		assert.ErrorIs(t, err, pki.ErrPassphrase)
	})
}
