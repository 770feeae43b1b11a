package pki_test

import (
	"crypto"
	"crypto/x509"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

var t0 = time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)

func seededCA(t *testing.T) (*x509.Certificate, crypto.Signer) {
	t.Helper()
	key, err := pki.SeedRSA(2048, 0)
	require.NoError(t, err)
	ca, err := pki.Issue(pki.Template{Subject: pki.Name{CommonName: "pmp-w12r2-1-ca", Org: "opsmock"}, Serial: big.NewInt(1),
		NotBefore: t0, NotAfter: t0.AddDate(10, 0, 0), Hash: "SHA256", CA: true}, key.Public(), nil, key)
	require.NoError(t, err)
	return ca, key
}

func testTemplate() pki.Template {
	return pki.Template{Subject: pki.Name{CommonName: "mytestcert", Org: "manageengine", OrgUnit: "zohocorp", Locality: "chennai",
		State: "Tamilnadu", Country: "IN"}, SANs: []string{"test", "10.0.0.1"}, Serial: big.NewInt(4242),
		NotBefore: t0, NotAfter: t0.AddDate(0, 0, 888), Hash: "SHA256"}
}

func TestIssue(t *testing.T) {
	ca, caKey := seededCA(t)
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	cases := []struct {
		alg, hash string
		bits      int
		wantSelf  string
	}{
		{pki.AlgRSA, "SHA256", 2048, "SHA256withRSA"},
		{pki.AlgRSA, "SHA1", 1024, "SHA1withRSA"},
		{pki.AlgRSA, "SHA512", 4096, "SHA512withRSA"},
		{pki.AlgEC, "SHA384", 384, "SHA384withECDSA"},
		{pki.AlgEC, "SHA256", 256, "SHA256withECDSA"},
	}
	for _, c := range cases {
		t.Run(c.wantSelf+"-"+c.alg, func(t *testing.T) {
			t.Parallel()
			key, err := pki.GenerateKey(c.alg, c.bits)
			require.NoError(t, err)
			tmpl := testTemplate()

			cert, err := pki.Issue(tmpl, key.Public(), ca, caKey)
			require.NoError(t, err)
			_, err = cert.Verify(x509.VerifyOptions{Roots: roots, CurrentTime: t0.AddDate(0, 0, 1), DNSName: "test"})
			require.NoError(t, err, "verifies against the issuing CA")
			assert.Equal(t, "SHA256withRSA", pki.SigAlgName(cert.SignatureAlgorithm), "the CA's key signs")
			assert.Equal(t, []string{"test", "10.0.0.1"}, pki.SANs(cert))
			alg, bits := pki.KeyInfo(cert.PublicKey)
			assert.Equal(t, c.alg, alg)
			assert.Equal(t, c.bits, bits)
			assert.Equal(t, "1092", pki.SerialHex(cert), "4242")
			assert.Equal(t, "pmp-w12r2-1-ca", cert.Issuer.CommonName)

			tmpl.Hash = c.hash
			self, err := pki.Issue(tmpl, key.Public(), nil, key)
			require.NoError(t, err)
			assert.Equal(t, c.wantSelf, pki.SigAlgName(self.SignatureAlgorithm))
			assert.Equal(t, pki.NameOf(self.Subject), pki.NameOf(self.Issuer), "self-signed")
			assert.Equal(t, "Tamilnadu", pki.NameOf(self.Subject).State)
		})
	}
}

// TestIssueDeterministic: an RSA issuer and a fixed template give the same
// bytes, which is what lets seeded certificates be the same every start.
func TestIssueDeterministic(t *testing.T) {
	ca, caKey := seededCA(t)
	leafKey, err := pki.SeedECDSA(256, []byte("seed"))
	require.NoError(t, err)
	a, err := pki.Issue(testTemplate(), leafKey.Public(), ca, caKey)
	require.NoError(t, err)
	b, err := pki.Issue(testTemplate(), leafKey.Public(), ca, caKey)
	require.NoError(t, err)
	assert.Equal(t, a.Raw, b.Raw)
	ca2, _ := seededCA(t)
	assert.Equal(t, ca.Raw, ca2.Raw)
}

func TestIssueRefuses(t *testing.T) {
	key, err := pki.GenerateKey(pki.AlgEC, 256)
	require.NoError(t, err)
	tmpl := testTemplate()
	tmpl.Hash = "MD5"
	_, err = pki.Issue(tmpl, key.Public(), nil, key)
	assert.ErrorIs(t, err, pki.ErrUnsupported)
	_, err = pki.GenerateKey(pki.AlgRSA, 512)
	assert.ErrorIs(t, err, pki.ErrUnsupported)
	_, err = pki.GenerateKey("DSA", 1024)
	assert.ErrorIs(t, err, pki.ErrUnsupported)
}

func TestThumbprintMatchesOpenSSL(t *testing.T) {
	openssl := tool(t, "openssl")
	ca, _ := seededCA(t)
	path := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(path, pki.CertPEM(ca), 0o600))
	out, err := exec.Command(openssl, "x509", "-in", path, "-noout", "-fingerprint", "-sha1").CombinedOutput()
	require.NoError(t, err, "%s", out)
	want := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(strings.SplitN(string(out), "=", 2)[1]), ":", ""))
	assert.Equal(t, want, pki.Thumbprint(ca))
}

func TestCSR(t *testing.T) {
	ca, caKey := seededCA(t)
	key, err := pki.GenerateKey(pki.AlgRSA, 2048)
	require.NoError(t, err)
	csr, err := pki.CreateCSR(pki.Name{CommonName: "testcsr", Org: "manageengine"}, []string{"testcsr.opsmock.test"}, key, "SHA256")
	require.NoError(t, err)
	require.NoError(t, csr.CheckSignature())
	assert.Contains(t, string(pki.CSRPEM(csr)), "BEGIN CERTIFICATE REQUEST")

	tmpl := pki.Template{Subject: pki.NameOf(csr.Subject), SANs: csr.DNSNames, Serial: big.NewInt(7), NotBefore: t0, NotAfter: t0.AddDate(1, 0, 0), Hash: "SHA256"}
	cert, err := pki.Issue(tmpl, csr.PublicKey, ca, caKey)
	require.NoError(t, err)
	require.NoError(t, cert.CheckSignatureFrom(ca))
	assert.Equal(t, "testcsr", cert.Subject.CommonName)
}

func TestParseCertFile(t *testing.T) {
	ca, caKey := seededCA(t)
	key, err := pki.GenerateKey(pki.AlgEC, 256)
	require.NoError(t, err)
	leaf, err := pki.Issue(testTemplate(), key.Public(), ca, caKey)
	require.NoError(t, err)
	cases := []struct {
		name string
		in   []byte
		want []*x509.Certificate
		err  error
	}{
		{"pem chain", pki.CertPEM(leaf, ca), []*x509.Certificate{leaf, ca}, nil},
		{"der", leaf.Raw, []*x509.Certificate{leaf}, nil},
		{"garbage", []byte("not a certificate"), nil, pki.ErrNotCertificate},
		{"empty", nil, nil, pki.ErrNotCertificate},
		{"broken pem", []byte("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), nil, pki.ErrNotCertificate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := pki.ParseCertFile(c.in)
			if c.err != nil {
				assert.ErrorIs(t, err, c.err)
				return
			}
			require.NoError(t, err)
			require.Len(t, got, len(c.want))
			for i := range got {
				assert.Equal(t, c.want[i].Raw, got[i].Raw)
			}
		})
	}
}
