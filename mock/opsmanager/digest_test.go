package opsmanager_test

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock/opsmanager"
)

var challengeRE = regexp.MustCompile(`^Digest realm="MMS Public API", domain="", nonce="([A-Za-z0-9+/=]{32})", algorithm=MD5, qop="auth", stale=(true|false)$`)

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// digestRequest is one hand-built digest attempt.
type digestRequest struct {
	method, target string // target: path and query, as sent
	user, pass     string
	nonce, nc      string
	uri            string // digest uri; defaults to target
	algorithm      string // the raw algorithm parameter, "" to omit
	realm          string
	qop            string
}

func (d digestRequest) header() string {
	uri := d.uri
	if uri == "" {
		uri = d.target
	}
	realm := d.realm
	if realm == "" {
		realm = "MMS Public API"
	}
	qop := d.qop
	if qop == "" {
		qop = "auth"
	}
	ha1 := md5hex(d.user + ":" + realm + ":" + d.pass)
	ha2 := md5hex(d.method + ":" + uri)
	resp := md5hex(fmt.Sprintf("%s:%s:%s:%s:%s:%s", ha1, d.nonce, d.nc, "0a4f113b", qop, ha2))
	h := fmt.Sprintf(`Digest username=%q, realm=%q, nonce=%q, uri=%q, response=%q, qop=%s, nc=%s, cnonce="0a4f113b"`,
		d.user, realm, d.nonce, uri, resp, qop, d.nc)
	if d.algorithm != "" {
		h += ", algorithm=" + d.algorithm
	}
	return h
}

// challenge fetches a fresh nonce with an anonymous request.
func (e *env) challenge() (nonce string, stale string) {
	e.t.Helper()
	resp, _ := e.do(e.anonymous(), http.MethodGet, base+"/admin/apiKeys", "")
	require.Equal(e.t, http.StatusUnauthorized, resp.StatusCode)
	m := challengeRE.FindStringSubmatch(resp.Header.Get("WWW-Authenticate"))
	require.NotNil(e.t, m, "challenge %q", resp.Header.Get("WWW-Authenticate"))
	return m[1], m[2]
}

func (e *env) send(d digestRequest) *http.Response {
	e.t.Helper()
	req, err := http.NewRequest(d.method, e.srv.URL()+d.target, nil)
	require.NoError(e.t, err)
	req.Header.Set("Authorization", d.header())
	resp, err := e.anonymous().Do(req)
	require.NoError(e.t, err)
	resp.Body.Close()
	return resp
}

// TestUnauthenticated checks the exact answer real servers give (facts A1, A4).
func TestUnauthenticated(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.anonymous(), http.MethodGet, base+"/admin/apiKeys?pretty=true", "")
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.Equal(t, "application/json;charset=ISO-8859-1", resp.Header.Get("Content-Type"))
	assert.Equal(t, "{\n  \"reason\" : \"Unauthorized\",\n  \"error\" : 401,\n  \"detail\" : \"You are not authorized for this resource.\"\n}", string(body))
	assert.Len(t, body, 106) // Content-Length of the real capture
	m := challengeRE.FindStringSubmatch(resp.Header.Get("WWW-Authenticate"))
	require.NotNil(t, m)
	assert.Equal(t, "false", m[2])

	// Nonces are fresh each time.
	n1, _ := e.challenge()
	n2, _ := e.challenge()
	assert.NotEqual(t, n1, n2)
}

func TestDigestRules(t *testing.T) {
	e := newEnv(t)
	good := func(nonce string) digestRequest {
		return digestRequest{method: "GET", target: base + "/admin/apiKeys?pageNum=1&itemsPerPage=5",
			user: e.owner.PublicKey, pass: e.owner.PrivateKey, nonce: nonce, nc: "00000001", algorithm: "MD5"}
	}
	cases := []struct {
		name   string
		mutate func(*digestRequest)
		status int
		stale  string
	}{
		{"unquoted algorithm", func(d *digestRequest) {}, 200, ""},
		{"quoted algorithm", func(d *digestRequest) { d.algorithm = `"MD5"` }, 200, ""},
		{"no algorithm means MD5", func(d *digestRequest) { d.algorithm = "" }, 200, ""},
		{"SHA-256 refused", func(d *digestRequest) { d.algorithm = "SHA-256" }, 401, "false"},
		{"wrong private key", func(d *digestRequest) { d.pass = "00000000-0000-0000-0000-000000000000" }, 401, "false"},
		{"unknown public key", func(d *digestRequest) { d.user = "nobodyyy" }, 401, "false"},
		{"uri without the query string", func(d *digestRequest) { d.uri = base + "/admin/apiKeys" }, 401, "false"},
		{"wrong realm", func(d *digestRequest) { d.realm = "Other" }, 401, "false"},
		{"qop auth-int", func(d *digestRequest) { d.qop = "auth-int" }, 401, "false"},
		{"nonce never issued", func(d *digestRequest) { d.nonce = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }, 401, "true"},
		{"read-only key reads", func(d *digestRequest) { d.user, d.pass = e.reader.PublicKey, e.reader.PrivateKey }, 200, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			nonce, _ := e.challenge()
			d := good(nonce)
			tc.mutate(&d)
			resp := e.send(d)
			assert.Equal(t, tc.status, resp.StatusCode)
			if tc.status == http.StatusUnauthorized {
				m := challengeRE.FindStringSubmatch(resp.Header.Get("WWW-Authenticate"))
				require.NotNil(t, m)
				assert.Equal(t, tc.stale, m[2])
			}
		})
	}
}

func TestNonceLifecycle(t *testing.T) {
	e := newEnv(t)
	nonce, _ := e.challenge()
	d := digestRequest{method: "GET", target: base + "/admin/apiKeys", user: e.owner.PublicKey, pass: e.owner.PrivateKey, nonce: nonce, nc: "00000001"}
	assert.Equal(t, http.StatusOK, e.send(d).StatusCode)

	// The same nc again is a replay: refused, not stale.
	resp := e.send(d)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("WWW-Authenticate"), "stale=false")

	// A higher nc on the same nonce is fine.
	d.nc = "00000002"
	assert.Equal(t, http.StatusOK, e.send(d).StatusCode)

	// Once the nonce outlives its TTL, a correct digest gets stale=true.
	e.clock.Advance(opsmanager.DefaultNonceTTL + time.Second)
	d.nc = "00000003"
	resp = e.send(d)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("WWW-Authenticate"), "stale=true")

	// ...but a wrong password on an expired nonce is not stale.
	d.nc, d.pass = "00000004", "00000000-0000-0000-0000-000000000000"
	assert.Contains(t, e.send(d).Header.Get("WWW-Authenticate"), "stale=false")
}
