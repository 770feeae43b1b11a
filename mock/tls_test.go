package mock_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mongodb-forks/digest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.mongodb.org/ops-manager/opsmngr"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
)

// TestTLSWithTheOfficialClient: over HTTPS with a certificate made at
// start, the official Ops Manager client trusts the server's CA and works;
// a client that does not trust it is refused the handshake.
func TestTLSWithTheOfficialClient(t *testing.T) {
	srv := mocktest.Start(t, mock.WithTLS(mock.TLS{Hosts: []string{"opsmock.test"}}))
	require.True(t, strings.HasPrefix(srv.URL(), "https://127.0.0.1:"))
	pool := x509.NewCertPool()
	require.True(t, pool.AppendCertsFromPEM(srv.TLSCA()))

	key, err := srv.Credentials().OpsManager.ByRole("GLOBAL_OWNER")
	require.NoError(t, err)
	base := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}
	client, err := opsmngr.New(&http.Client{Transport: digest.NewTransportWithHTTPRoundTripper(key.PublicKey, key.PrivateKey,
		mocktest.Validating(t, base))}, opsmngr.SetBaseURL(srv.URL()+"/"))
	require.NoError(t, err)
	keys, _, err := client.GlobalAPIKeys.List(context.Background(), nil)
	require.NoError(t, err)
	assert.NotEmpty(t, keys)

	// The certificate is the one the fingerprint names, valid for the
	// names asked for.
	conn, err := tls.Dial("tcp", strings.TrimPrefix(srv.URL(), "https://"), &tls.Config{RootCAs: pool, ServerName: "opsmock.test", MinVersion: tls.VersionTLS12})
	require.NoError(t, err)
	served := conn.ConnectionState().PeerCertificates[0]
	conn.Close()
	assert.Equal(t, srv.TLSFingerprint(), fingerprint(served.Raw))
	assert.ElementsMatch(t, []string{"localhost", "opsmock.test"}, served.DNSNames)
	assert.Equal(t, "ECDSA", served.PublicKeyAlgorithm.String())

	_, err = http.Get(srv.URL() + "/_opsmock/health") // the system roots do not know it
	assert.Error(t, err)
	res, err := mocktest.OpManagerClient(t, srv, "all", mocktest.OverNetwork()).Get(srv.URL() + "/api/json/alarm/listAlarms")
	require.NoError(t, err, "mocktest's clients trust it")
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
}

// TestTLSWithYourCertificate serves a certificate of yours; bad files stop
// New with the reason.
func TestTLSWithYourCertificate(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writeSelfSigned(t, certFile, keyFile)
	srv := mocktest.Start(t, mock.WithTLS(mock.TLS{CertFile: certFile, KeyFile: keyFile}))
	assert.Nil(t, srv.TLSCA(), "the CA of your certificate is yours")
	res, err := srv.Client().Get(srv.URL() + "/_opsmock/health")
	require.NoError(t, err)
	res.Body.Close()

	_, err = mock.New(mock.WithTLS(mock.TLS{CertFile: filepath.Join(dir, "none.pem"), KeyFile: keyFile}))
	assert.ErrorContains(t, err, "none.pem")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "junk.pem"), []byte("not a certificate"), 0o600))
	_, err = mock.New(mock.WithTLS(mock.TLS{CertFile: filepath.Join(dir, "junk.pem"), KeyFile: keyFile}))
	assert.ErrorContains(t, err, "junk.pem")
	_, err = mock.New(mock.WithTLS(mock.TLS{CertFile: certFile}))
	assert.ErrorContains(t, err, "needs both")
}

func writeSelfSigned(t *testing.T, certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mine"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), DNSNames: []string{"localhost"},
		IPAddresses: nil, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	tmpl.IPAddresses = append(tmpl.IPAddresses, []byte{127, 0, 0, 1})
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	kb, err := x509.MarshalECPrivateKey(key)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600))
}

func fingerprint(der []byte) string {
	sum := sha256sum(der)
	var parts []string
	for _, b := range sum {
		parts = append(parts, strings.ToUpper(hex2(b)))
	}
	return strings.Join(parts, ":")
}

func sha256sum(b []byte) [32]byte { return sha256.Sum256(b) }

func hex2(b byte) string { return hex.EncodeToString([]byte{b}) }
