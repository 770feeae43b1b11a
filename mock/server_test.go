package mock

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mongodb-forks/digest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock/opsmanager"
	"github.com/opsmock/opsmock/spec"
	"github.com/opsmock/opsmock/spec/contract"
)

func newServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	s, err := New(opts...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func getJSON(t *testing.T, c *http.Client, url string) (int, map[string]any) {
	t.Helper()
	resp, err := c.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	var v map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&v))
	return resp.StatusCode, v
}

func TestLifecycle(t *testing.T) {
	s := newServer(t)
	assert.Empty(t, s.URL())
	assert.Nil(t, s.Client())
	require.NoError(t, s.Start())
	assert.Error(t, s.Start(), "second Start")
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+$`, s.URL())
	status, body := getJSON(t, s.Client(), s.URL()+"/_opsmock/health")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "ok", body["status"])
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "Close is idempotent")
	_, err := http.Get(s.URL() + "/_opsmock/health")
	assert.Error(t, err, "closed server still answers")
	assert.Error(t, s.Start(), "Start after Close")

	never := newServer(t)
	assert.NoError(t, never.Close(), "Close without Start")
}

func TestInProcessClientNeedsNoListener(t *testing.T) {
	s := newServer(t) // never started
	status, body := getJSON(t, s.InProcessClient(), "http://opsmock.invalid/_opsmock/health")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, []any{"pmp", "opsmanager", "opmanager"}, body["products"])
}

func TestControlPlane(t *testing.T) {
	s := newServer(t, WithSeed(42))
	c := s.InProcessClient()
	status, creds := getJSON(t, c, "http://x/_opsmock/credentials")
	assert.Equal(t, http.StatusOK, status)
	pmpCreds := creds["pmp"].([]any)
	require.NotEmpty(t, pmpCreds)
	assert.ElementsMatch(t, []string{"user", "role", "authToken"}, keys(pmpCreds[0].(map[string]any)))
	om := creds["opsmanager"].([]any)
	require.Len(t, om, 2)
	assert.ElementsMatch(t, []string{"publicKey", "privateKey", "roles", "desc"}, keys(om[0].(map[string]any)))
	opm := creds["opmanager"].([]any)
	require.Len(t, opm, 7)
	assert.ElementsMatch(t, []string{"user", "name", "apiKey", "accessType", "status", "usable"}, keys(opm[0].(map[string]any)))

	for _, tc := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/_opsmock/nothing", 404},
		{"GET", "/_opsmock/reset", 405},
		{"POST", "/_opsmock/health", 405},
		{"POST", "/_opsmock/reset?seed=abc", 400},
		{"GET", "/not/a/product", 404},
	} {
		req, _ := http.NewRequest(tc.method, "http://x"+tc.path, nil)
		resp, err := c.Do(req)
		require.NoError(t, err)
		var v map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&v), "%s %s", tc.method, tc.path)
		resp.Body.Close()
		assert.Equal(t, tc.status, resp.StatusCode, "%s %s", tc.method, tc.path)
		assert.NotEmpty(t, v["error"], "%s %s", tc.method, tc.path)
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestDeterminism: the same seed gives byte-identical credentials and state,
// another seed does not, and narrowing products does not change a product's.
func TestDeterminism(t *testing.T) {
	snapshot := func(opts ...Option) (Credentials, string) {
		s := newServer(t, opts...)
		return s.Credentials(), listAll(t, s)
	}
	c1, l1 := snapshot(WithSeed(7))
	c2, l2 := snapshot(WithSeed(7))
	c3, l3 := snapshot(WithSeed(8))
	c4, l4 := snapshot(WithSeed(7), WithProducts("opsmanager"))
	c5 := newServer(t, WithSeed(7), WithProducts("opmanager")).Credentials()
	assert.Equal(t, c1, c2)
	assert.Equal(t, l1, l2)
	assert.NotEqual(t, c1.OpsManager, c3.OpsManager)
	assert.NotEqual(t, c1.OpManager, c3.OpManager)
	assert.NotEqual(t, l1, l3)
	assert.Equal(t, c1.OpsManager, c4.OpsManager)
	assert.Equal(t, l1, l4)
	assert.Equal(t, c1.OpManager, c5.OpManager)
	assert.Empty(t, c5.OpsManager)
}

// listAll lists every Ops Manager key in-process with the seeded owner key.
func listAll(t *testing.T, s *Server) string {
	t.Helper()
	owner := s.Credentials().OpsManager[0]
	rec := digestDo(t, s, owner, "GET", "/api/public/v1.0/admin/apiKeys?itemsPerPage=500", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	return rec.Body.String()
}

func TestResetRestoresSeededState(t *testing.T) {
	s := newServer(t, WithSeed(3))
	before := listAll(t, s)
	owner := s.Credentials().OpsManager[0]
	created := digestDo(t, s, owner, "POST", "/api/public/v1.0/admin/apiKeys", `{"desc":"temp","roles":["GLOBAL_OWNER"]}`)
	require.Equal(t, http.StatusOK, created.Code, created.Body.String())
	assert.NotEqual(t, before, listAll(t, s))

	resp, err := s.InProcessClient().Post("http://x/_opsmock/reset", "", nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, before, listAll(t, s))

	// reset?seed=N switches seed, credentials and state.
	resp, err = s.InProcessClient().Post("http://x/_opsmock/reset?seed=4", "", nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, uint64(4), s.Seed())
	other := newServer(t, WithSeed(4))
	assert.Equal(t, other.Credentials(), s.Credentials())
}

func TestProductSelection(t *testing.T) {
	assert.Equal(t, spec.Known, Built(), "every known product is built")
	_, err := New(WithProducts("jira"))
	assert.ErrorContains(t, err, `unknown product "jira"`)
	_, err = New(WithSeedSize(-1))
	assert.Error(t, err)
	s := newServer(t, WithProducts("opsmanager"))
	assert.Equal(t, []string{"opsmanager"}, s.Products())
}

// TestPanicAnswersInProductShape mounts a panicking handler behind the
// middleware: the caller gets Ops Manager's 500 document, the server lives.
func TestPanicAnswersInProductShape(t *testing.T) {
	var logs bytes.Buffer
	s := newServer(t, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))

	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/api/public/v1.0/admin/apiKeys", nil)
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	validateOpsManager(t, req, rec.Code, rec.Header(), rec.Body.Bytes())
	var body map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
	assert.Equal(t, "UNEXPECTED_ERROR", body["errorCode"])
	assert.Equal(t, float64(500), body["error"])
	assert.Contains(t, logs.String(), "boom")

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/elsewhere", nil))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.JSONEq(t, `{"error":"internal error"}`, rec.Body.String())
}

func TestBodyLimit(t *testing.T) {
	s := newServer(t, WithMaxBodyBytes(64))
	owner := s.Credentials().OpsManager[0]
	rec := digestDo(t, s, owner, "POST", "/api/public/v1.0/admin/apiKeys", `{"desc":"`+strings.Repeat("x", 100)+`","roles":["GLOBAL_OWNER"]}`)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Contains(t, rec.Body.String(), "maximum request size of 64 bytes")
	assert.Contains(t, rec.Body.String(), `"errorCode":"INVALID_JSON"`)
}

// TestAccessLogHasNoSecrets sends credentials in every place a product
// accepts them and greps the log for them.
func TestAccessLogHasNoSecrets(t *testing.T) {
	var logs bytes.Buffer
	s := newServer(t, WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	owner := s.Credentials().OpsManager[0]
	digestDo(t, s, owner, "GET", "/api/public/v1.0/admin/apiKeys?pretty=true", "")
	req := httptest.NewRequest("GET", "/restapi/json/v1/resources?AUTHTOKEN=tok-secret-1&apiKey=key-secret-2&INPUT_DATA=%7B%22PASSWORD%22%3A%22pw-secret-3%22%7D&x=1", nil)
	req.Header.Set("AUTHTOKEN", "tok-secret-4")
	s.Handler().ServeHTTP(httptest.NewRecorder(), req)

	out := logs.String()
	assert.Contains(t, out, "path=/api/public/v1.0/admin/apiKeys")
	assert.Contains(t, out, "AUTHTOKEN=****")
	assert.Contains(t, out, "x=1")
	for _, secret := range []string{owner.PrivateKey, "tok-secret-1", "key-secret-2", "pw-secret-3", "tok-secret-4", "response="} {
		assert.NotContains(t, out, secret)
	}
}

// digestDo sends one request through the official digest client over the
// in-process transport.
func digestDo(t *testing.T, s *Server, cred opsmanager.KeyCredential, method, target, body string) *httptest.ResponseRecorder {
	t.Helper()
	c := &http.Client{Transport: digest.NewTransportWithHTTPRoundTripper(cred.PublicKey, cred.PrivateKey, s.Transport())}
	req, err := http.NewRequest(method, "http://opsmock"+target, strings.NewReader(body))
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	rec := httptest.NewRecorder()
	rec.Code = resp.StatusCode
	_, err = io.Copy(rec.Body, resp.Body)
	require.NoError(t, err)
	validateOpsManager(t, req, resp.StatusCode, resp.Header, rec.Body.Bytes())
	return rec
}

// validateOpsManager checks a response against spec/opsmanager.yaml, like
// mocktest.Validating (which this package cannot import).
func validateOpsManager(t *testing.T, req *http.Request, status int, h http.Header, body []byte) {
	t.Helper()
	c, err := contract.New("opsmanager")
	require.NoError(t, err)
	assert.NoError(t, c.ValidateResponse(context.Background(), req, status, h, body), "%s %s -> %d: %s", req.Method, req.URL, status, body)
}

// TestResetIsolatesTests: a reset restores the seeded state, the drifts
// given at start and an empty journal, so one test's drift, objects and
// calls never reach the next; ?keep= leaves what it names.
func TestResetIsolatesTests(t *testing.T) {
	s := newServer(t, WithDrifts("opsmanager.pretty-ignored"))
	c := s.InProcessClient()
	owner := s.Credentials().OpsManager[0]
	rec := digestDo(t, s, owner, "POST", "/api/public/v1.0/admin/apiKeys", `{"desc":"made by a test","roles":["GLOBAL_READ_ONLY"]}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	require.NoError(t, s.SetDrifts("opsmanager.pretty-ignored", "opsmanager.no-next-link"))
	listed := func() int {
		rec := digestDo(t, s, owner, "GET", "/api/public/v1.0/admin/apiKeys?itemsPerPage=1", "")
		var v struct{ TotalCount int }
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v))
		return v.TotalCount
	}
	active := func() []string {
		var out []string
		for _, d := range s.Drifts() {
			if d.Active {
				out = append(out, d.Name)
			}
		}
		return out
	}
	before := listed()

	res, err := c.Post("http://x/_opsmock/reset?keep=drifts,journal", "", nil)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, before-1, listed(), "the test's key is gone")
	assert.Len(t, active(), 2, "?keep=drifts kept them")
	entries, _ := s.Journal(JournalFilter{})
	assert.NotEmpty(t, entries, "?keep=journal kept it")

	s.Reset()
	assert.Equal(t, []string{"opsmanager.pretty-ignored"}, active(), "back to the drifts given at start")
	entries, _ = s.Journal(JournalFilter{})
	assert.Empty(t, entries)

	res, err = c.Post("http://x/_opsmock/reset?keep=everything", "", nil)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusBadRequest, res.StatusCode)
}
