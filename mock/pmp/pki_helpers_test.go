package pmp_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
)

const pkiAPI = "/api/pki/restapi/"

// pkiEnvelope is the PKI API's answer as tests read it.
type pkiEnvelope struct {
	Name   string `json:"name"`
	Result *struct {
		Status  string `json:"status"`
		Message string `json:"message"`
	} `json:"result"`
	TotalRows       *int            `json:"totalRows"`
	Details         json.RawMessage `json:"details"`
	DeployStatus    json.RawMessage `json:"deployStatus"`
	AgentInstallKey string          `json:"AgentInstallKey"`
}

// pkiReq builds a request to a PKI operation, INPUT_DATA from the Details.
func pkiReq(method, op string, input any) req {
	return req{method: method, path: pkiAPI + op, input: input}
}

func (e *env) pkiEnv(r resp) pkiEnvelope {
	e.t.Helper()
	require.Equal(e.t, http.StatusOK, r.status, "%s", r.body)
	var v pkiEnvelope
	require.NoError(e.t, json.Unmarshal(r.body, &v), "body: %s", r.body)
	return v
}

// pok requires a PKI Success (any case: §51 and §53 say SUCCESS) and
// returns the envelope.
func (e *env) pok(r req) pkiEnvelope {
	e.t.Helper()
	v := e.pkiEnv(e.do(r))
	require.NotNil(e.t, v.Result, "%s %s: no result: %+v", r.method, r.path, v)
	require.Contains(e.t, []string{"Success", "SUCCESS"}, v.Result.Status, "%s %s: %s", r.method, r.path, v.Result.Message)
	return v
}

// pfails requires a PKI Failed envelope and returns its message.
func (e *env) pfails(r req) string {
	e.t.Helper()
	v := e.pkiEnv(e.do(r))
	require.NotNil(e.t, v.Result, "%s %s: no result", r.method, r.path)
	require.Equal(e.t, "Failed", v.Result.Status, "%s %s should fail", r.method, r.path)
	return v.Result.Message
}

func pkiDetails[T any](t *testing.T, v pkiEnvelope) T {
	t.Helper()
	var out T
	require.NoError(t, json.Unmarshal(v.Details, &out), "details: %s", v.Details)
	return out
}

// network reads the simulated machines from the control plane.
func (e *env) network() networkView {
	e.t.Helper()
	res, err := http.Get(e.srv.URL() + "/_opsmock/pmp/network")
	require.NoError(e.t, err)
	defer res.Body.Close()
	require.Equal(e.t, http.StatusOK, res.StatusCode)
	var v networkView
	require.NoError(e.t, json.NewDecoder(res.Body).Decode(&v))
	return v
}

type networkView struct {
	Hosts []struct {
		Name, Address string
		TLS           []struct {
			Port         int
			CommonName   string
			SerialNumber string
		}
	}
	Servers []struct {
		Name      string
		Reachable bool
		Deployed  []struct {
			CertID     int
			CommonName string
			Formats    string
		}
	}
	CertificateAuthorities []struct {
		Server, Name string
		Templates    []string
	}
	SSHTargets []struct {
		ResourceID     int
		Resource       string
		Account        string
		AuthorizedKeys []string
	}
}

// authorizedKeys lists the fingerprints on one target account's machine.
func (v networkView) authorizedKeys(resourceID int, account string) []string {
	for _, t := range v.SSHTargets {
		if t.ResourceID == resourceID && t.Account == account {
			return t.AuthorizedKeys
		}
	}
	return nil
}

// obj is an INPUT_DATA Details object.
type obj = map[string]any

// exportedKey is a fresh ed25519 private key file in OpenSSH format,
// made apart from the mock.
func exportedKey(t *testing.T) []byte {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	b, err := ssh.MarshalPrivateKey(priv, "test")
	require.NoError(t, err)
	return pem.EncodeToMemory(b)
}

// freshCert is a new self-signed certificate and its key, made apart from
// the mock.
func freshCert(t *testing.T, cn string) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 100))
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: cn}, DNSNames: []string{cn},
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	return cert, key
}

func freshCertPEM(t *testing.T, cn string) []byte {
	t.Helper()
	cert, _ := freshCert(t, cn)
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

func requireJSON(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(raw, v), "%s", raw)
}

// pkiList GETs a PKI list operation as a user, with an optional INPUT_DATA
// filter, and checks totalRows against the rows.
func pkiList[T any](e *env, op, as string, filter obj) []T {
	e.t.Helper()
	r := pkiReq(http.MethodGet, op, nil)
	if filter != nil {
		r.input = filter
	}
	r.as = as
	v := e.pok(r)
	rows := pkiDetails[[]T](e.t, v)
	require.Equal(e.t, len(rows), *v.TotalRows)
	return rows
}

// legacyEncryptedKey is an EC key in OpenSSL's passphrase-protected PEM
// (DEK-Info): as valid an upload as an OpenSSH file, and cheap to open,
// where OpenSSH's bcrypt KDF costs seconds under -race.
func legacyEncryptedKey(t *testing.T, passphrase string) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	der, err := x509.MarshalECPrivateKey(key)
	require.NoError(t, err)
	//lint:ignore SA1019 the legacy format is the point
	b, err := x509.EncryptPEMBlock(rand.Reader, "EC PRIVATE KEY", der, []byte(passphrase), x509.PEMCipherAES256) //nolint:staticcheck
	require.NoError(t, err)
	return pem.EncodeToMemory(b)
}
