package pmp_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
)

// pkiSnapshot is everything the seeded PKI state shows: certificate rows
// and PEM bytes, SSH keys with fingerprints, CSRs, the simulated network.
func (e *env) pkiSnapshot() string {
	e.t.Helper()
	var b strings.Builder
	for _, r := range e.certs("superadmin", nil) {
		in := obj{"common_name": r.CommonName, "serial_number": r.SerialNumber}
		b.WriteString(r.CommonName + " " + r.SerialNumber + " " + r.ExpiryDate + "\n")
		b.Write(e.do(pkiReq(http.MethodGet, "getCertificate", in)).body)
	}
	b.Write(e.pok(pkiReq(http.MethodGet, "getAllSSHKeys", nil)).Details)
	b.Write(e.pok(pkiReq(http.MethodGet, "getCSRList", nil)).Details)
	b.WriteString(strings.Join(e.network().authorizedKeys(301, "root"), ","))
	return b.String()
}

func TestPKISeedIsDeterministic(t *testing.T) {
	a := newEnv(t, mock.WithSeed(7)).pkiSnapshot()
	b := newEnv(t, mock.WithSeed(7)).pkiSnapshot()
	c := newEnv(t, mock.WithSeed(8)).pkiSnapshot()
	assert.Equal(t, a, b, "one seed, one state, to the byte")
	assert.NotEqual(t, a, c, "another seed, other generated certificates")
	assert.Contains(t, c, "48f4ca7636b856af0300000000cc5801", "the document's certificates are in every seed")

	// PKI is seeded on first use; REST calls before it change nothing.
	busy := newEnv(t, mock.WithSeed(7))
	for range 3 {
		busy.get("/passwords/generate", obj{"POLICY": "Strong"})
	}
	busy.ok(req{method: http.MethodPost, path: "/resources", input: newResource("early", nil)})
	assert.Equal(t, a, busy.pkiSnapshot())

	// A reset brings the seeded PKI state back.
	busy.pok(pkiReq(http.MethodPost, "createsshkey", obj{"keyName": "gone", "keyType": "ed25519"}))
	busy.pok(pkiReq(http.MethodDelete, "deleteCertificate", obj{"common_name": "mycert"}))
	res, err := http.Post(busy.srv.URL()+"/_opsmock/reset", "", nil)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, a, busy.pkiSnapshot())
}

// TestSeededAssociationsFollowEarlyRESTChanges: an account removed before
// the first PKI call is not associated with keys once PKI is seeded.
func TestSeededAssociationsFollowEarlyRESTChanges(t *testing.T) {
	e := newEnv(t)
	e.ok(req{method: http.MethodDelete, path: "/resources/301/accounts/311"}) // root
	assert.Empty(t, e.associatedUsers())
	assert.Empty(t, e.network().authorizedKeys(301, "root"))
}
