package pmp_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pavlo-v-chernykh/keystore-go/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"software.sslmate.com/src/go-pkcs12"
)

func keyInfo(t *testing.T, c *x509.Certificate) (string, int) {
	t.Helper()
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		return "RSA", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "EC", k.Curve.Params().BitSize
	}
	t.Fatalf("unexpected key %T", c.PublicKey)
	return "", 0
}

// openKeystore reads a downloaded keystore with the libraries and, where
// installed, the tools a user would use.
func openKeystore(t *testing.T, typ string, data []byte, password string) (crypto.PrivateKey, *x509.Certificate) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "store")
	require.NoError(t, os.WriteFile(path, data, 0o600))
	if keytool, err := exec.LookPath("keytool"); err == nil {
		out, err := exec.Command(keytool, "-list", "-keystore", path, "-storetype", typ, "-storepass", password).CombinedOutput()
		require.NoError(t, err, "keytool: %s", out)
		assert.Contains(t, string(out), "PrivateKeyEntry")
	}
	if typ == "PKCS12" {
		key, cert, _, err := pkcs12.DecodeChain(data, password)
		require.NoError(t, err)
		return key, cert
	}
	ks := keystore.New()
	require.NoError(t, ks.Load(bytes.NewReader(data), []byte(password)))
	aliases := ks.Aliases()
	require.Len(t, aliases, 1)
	entry, err := ks.GetPrivateKeyEntry(aliases[0], []byte(password))
	require.NoError(t, err)
	key, err := x509.ParsePKCS8PrivateKey(entry.PrivateKey)
	require.NoError(t, err)
	cert, err := x509.ParseCertificate(entry.CertificateChain[0].Content)
	require.NoError(t, err)
	return key, cert
}

func (e *env) passphrase(cn string) string {
	e.t.Helper()
	msg := e.pok(pkiReq(http.MethodGet, "getCertificatePassphrase", obj{"common_name": cn})).Result.Message
	prefix := "Private key passphrase of certificate " + cn + " is "
	require.True(e.t, strings.HasPrefix(msg, prefix), msg)
	return strings.TrimPrefix(msg, prefix) // the way pypmp reads it
}

func TestKeystoreDownload(t *testing.T) {
	e := newEnv(t)
	cases := []struct{ cn, typ, media, ext string }{
		{"mycert", "PKCS12", "application/x-pkcs12", ".pfx"},
		{"apitest", "JKS", "application/x-java-keystore", ".keystore"},
		{"testcert", "PKCS12", "application/x-pkcs12", ".pfx"},
	}
	for _, c := range cases {
		t.Run(c.cn, func(t *testing.T) {
			r := e.do(pkiReq(http.MethodGet, "getCertificateKeyStore", obj{"common_name": c.cn}))
			require.Equal(t, c.media, r.header.Get("Content-Type"), "%s", r.body)
			assert.Equal(t, `attachment; filename="`+c.cn+c.ext+`"`, r.header.Get("Content-Disposition"))
			key, cert := openKeystore(t, c.typ, r.body, e.passphrase(c.cn))
			assert.Equal(t, e.certPEM(c.cn, "").Raw, cert.Raw, "the keystore holds the certificate getCertificate serves")
			signer, ok := key.(crypto.Signer)
			require.True(t, ok)
			assert.True(t, signer.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(cert.PublicKey), "and its key")
		})
	}
	assert.Equal(t, "123456789", e.passphrase("mycert"), "§37's passphrase")
	assert.Equal(t, "The private key of certificate *.zoho.com is not available in Password Manager Pro.",
		e.pfails(pkiReq(http.MethodGet, "getCertificateKeyStore", obj{"common_name": "*.zoho.com"})))
	assert.Equal(t, "No private key passphrase is stored for certificate *.zoho.com.",
		e.pfails(pkiReq(http.MethodGet, "getCertificatePassphrase", obj{"common_name": "*.zoho.com"})))
	assert.Equal(t, "Certificate *.google.com not found.",
		e.pfails(pkiReq(http.MethodGet, "getCertificate", obj{"common_name": "*.google.com"})), "§32's sample name is not seeded")
	assert.Equal(t, "Certificate mycert not found.",
		e.pfails(pkiReq(http.MethodGet, "getCertificate", obj{"common_name": "mycert", "serial_number": "ff"})), "wrong serial")
	assert.Equal(t, "common_name is mandatory in INPUT_DATA.",
		e.pfails(pkiReq(http.MethodGet, "getCertificateDetails", obj{"serial_number": "1001"})))
}

func TestAddCertificate(t *testing.T) {
	e := newEnv(t)
	cert, key := freshCert(t, "newcert.com")
	p12, err := pkcs12.Modern.Encode(key, cert, nil, "PASSWORD")
	require.NoError(t, err)
	der, _ := freshCert(t, "der.opsmock.test")
	jksCert, jksKey := freshCert(t, "jks.opsmock.test")
	jks := jksFile(t, jksCert, jksKey, "storepass")
	zoho := e.do(pkiReq(http.MethodGet, "getCertificate", obj{"common_name": "*.zoho.com"})).body
	upload := func(fileType, password string, file []byte) req {
		in := obj{"fileType": fileType}
		if password != "" {
			in["PASSWORD"] = password
		}
		return req{method: http.MethodPost, path: pkiAPI + "addCertificate", input: in, file: file, fileName: "upload", fileField: "File"}
	}
	cases := []struct {
		name string
		r    req
		want string
	}{
		{"keystore", upload("KEYSTORE", "PASSWORD", p12), "Certificate newcert.com added successfully"},
		{"jks keystore", upload("KEYSTORE", "storepass", jks), "Certificate jks.opsmock.test added successfully"},
		{"jks, wrong password", upload("KEYSTORE", "nope", jks), "The keystore password is incorrect."},
		{"pem", upload("CERTFILE", "", freshCertPEM(t, "pem.opsmock.test")), "Certificate pem.opsmock.test added successfully"},
		{"der", upload("CERTFILE", "", der.Raw), "Certificate der.opsmock.test added successfully"},
		{"wrong password", upload("KEYSTORE", "nope", p12), "The keystore password is incorrect."},
		{"no password", upload("KEYSTORE", "", p12), "PASSWORD is mandatory for a KEYSTORE file."},
		{"garbage keystore", upload("KEYSTORE", "x", []byte("garbage")), "The file is not a valid PKCS#12 or JKS keystore."},
		{"garbage certificate", upload("CERTFILE", "", []byte("garbage")), "The file is not a valid certificate."},
		{"a key is not a certificate", upload("CERTFILE", "", exportedKey(t)), "The file is not a valid certificate."},
		{"already there", upload("CERTFILE", "", zoho), "Certificate *.zoho.com already exists."},
		{"bad type", upload("ZIP", "", zoho), "fileType in INPUT_DATA must be one of: CERTFILE, KEYSTORE."},
		{"no file", req{method: http.MethodPost, path: pkiAPI + "addCertificate", input: obj{"fileType": "CERTFILE"}, inputIn: inputMultipart},
			"Upload the file as the multipart part File."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := e.pkiEnv(e.do(c.r))
			assert.Equal(t, "AddCertificate", v.Name)
			require.NotNil(t, v.Result)
			assert.Equal(t, c.want, v.Result.Message)
		})
	}
	assert.Equal(t, "PASSWORD", e.passphrase("newcert.com"), "the keystore password is the passphrase (§37)")
	r := e.do(pkiReq(http.MethodGet, "getCertificateKeyStore", obj{"common_name": "newcert.com"}))
	_, back := openKeystore(t, "PKCS12", r.body, "PASSWORD")
	assert.Equal(t, cert.Raw, back.Raw)
	r = e.do(pkiReq(http.MethodGet, "getCertificateKeyStore", obj{"common_name": "jks.opsmock.test"}))
	assert.Equal(t, "application/x-java-keystore", r.header.Get("Content-Type"), "a JKS upload keeps its store type")
	_, back = openKeystore(t, "JKS", r.body, "storepass")
	assert.Equal(t, jksCert.Raw, back.Raw)
	added := map[string]certRow{}
	for _, row := range e.certs("", nil) {
		added[row.CommonName] = row
	}
	assert.Equal(t, 0, added["pem.opsmock.test"].Port)
	assert.Equal(t, "pem.opsmock.test", added["pem.opsmock.test"].DNSName)
	assert.Empty(t, e.certs("guest", nil), "added certificates are the adder's")
}

func TestDeleteCertificate(t *testing.T) {
	e := newEnv(t)
	e.pok(pkiReq(http.MethodPost, "shareCertificateToUser", obj{"common_name": "apitest", "userId": "3"}))
	assert.Equal(t, "Only the owner or a super administrator can change certificate apitest.",
		e.pfails(req{method: http.MethodDelete, path: pkiAPI + "deleteCertificate", input: obj{"common_name": "apitest"}, as: "pwdadmin"}))
	v := e.pok(pkiReq(http.MethodDelete, "deleteCertificate", obj{"common_name": "apitest", "serial_number": "10:02"}))
	assert.Equal(t, "Certificate apitest deleted successfully.", v.Result.Message)
	assert.Equal(t, "Certificate apitest not found.", e.pfails(pkiReq(http.MethodGet, "getCertificateDetails", obj{"common_name": "apitest"})))
	assert.Equal(t, "Certificate apitest not found.", e.pfails(pkiReq(http.MethodDelete, "deleteCertificate", obj{"common_name": "apitest"})))
	assert.NotContains(t, certNames(e.certs("", nil)), "apitest")
	assert.Equal(t, "Certificate with ID 304 not found.",
		e.pfails(pkiReq(http.MethodPost, "createCertificateGroup", obj{"group_name": "g", "ssl_details": "304"})), "nor can a group name it")

	// Two certificates with one common name need their serial.
	for range 2 {
		e.pok(pkiReq(http.MethodPost, "createCertificate", obj{"CNAME": "twin.opsmock.test", "ALG": "EC", "LEN": "256"}))
	}
	assert.Len(t, e.details("twin.opsmock.test"), 2, "§35 without a serial lists both")
	assert.Equal(t, "More than one certificate has the common name twin.opsmock.test; give serial_number.",
		e.pfails(pkiReq(http.MethodGet, "getCertificate", obj{"common_name": "twin.opsmock.test"})))
	serial := e.details("twin.opsmock.test")[1].Endpoint.Serial
	assert.Equal(t, serial, e.certPEM("twin.opsmock.test", strings.ToUpper(serial)).SerialNumber.Text(16), "serials match in any case")
	e.pok(pkiReq(http.MethodDelete, "deleteCertificate", obj{"common_name": "twin.opsmock.test", "serial_number": serial}))
	assert.Len(t, e.details("twin.opsmock.test"), 1)
}

// jksFile builds a JKS keystore apart from the mock, as keytool would.
func jksFile(t *testing.T, cert *x509.Certificate, key crypto.PrivateKey, password string) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	ks := keystore.New()
	require.NoError(t, ks.SetPrivateKeyEntry("jks", keystore.PrivateKeyEntry{CreationTime: now, PrivateKey: der,
		CertificateChain: []keystore.Certificate{{Type: "X509", Content: cert.Raw}}}, []byte(password)))
	var buf bytes.Buffer
	require.NoError(t, ks.Store(&buf, []byte(password)))
	return buf.Bytes()
}
