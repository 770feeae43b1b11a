package opsmanager_test

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mongodb-forks/digest"
	"github.com/stretchr/testify/require"
	"go.mongodb.org/ops-manager/opsmngr"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
	"github.com/opsmock/opsmock/mock/opsmanager"
)

const base = "/api/public/v1.0"

// env is one started mock with a manual clock and its seeded credentials.
type env struct {
	t      *testing.T
	srv    *mock.Server
	clock  *mocktest.Clock
	owner  opsmanager.KeyCredential
	reader opsmanager.KeyCredential
	// validating checks every response against the spec; built once, as
	// building it loads the specs.
	validating http.RoundTripper
}

func newEnv(t *testing.T, opts ...mock.Option) *env {
	t.Helper()
	clock := mocktest.NewClock(time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC))
	opts = append([]mock.Option{mock.WithProducts("opsmanager"), mock.WithClock(clock.Now)}, opts...)
	srv := mocktest.Start(t, opts...)
	e := &env{t: t, srv: srv, clock: clock, validating: mocktest.Validating(t, srv.Client().Transport)}
	creds := srv.Credentials().OpsManager
	for _, c := range creds {
		switch {
		case slices.Equal(c.Roles, []string{"GLOBAL_OWNER"}):
			e.owner = c
		case slices.Equal(c.Roles, []string{"GLOBAL_READ_ONLY"}):
			e.reader = c
		}
	}
	require.NotEmpty(t, e.owner.PublicKey, "no seeded GLOBAL_OWNER key")
	require.NotEmpty(t, e.reader.PublicKey, "no seeded GLOBAL_READ_ONLY key")
	return e
}

// anonymous is a spec-validating client without credentials.
func (e *env) anonymous() *http.Client { return &http.Client{Transport: e.validating} }

// as is a spec-validating client using the official digest transport.
func (e *env) as(c opsmanager.KeyCredential) *http.Client {
	return &http.Client{Transport: digest.NewTransportWithHTTPRoundTripper(c.PublicKey, c.PrivateKey, e.validating)}
}

// om is the official Ops Manager client, over a spec-validating transport.
func (e *env) om(c opsmanager.KeyCredential) *opsmngr.Client {
	client, err := opsmngr.New(e.as(c), opsmngr.SetBaseURL(e.srv.URL()+"/"))
	require.NoError(e.t, err)
	return client
}

// do sends one request as c (nil client: anonymous) and returns status and body.
func (e *env) do(client *http.Client, method, path, body string) (*http.Response, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.srv.URL()+path, rd)
	require.NoError(e.t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	require.NoError(e.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(e.t, err)
	return resp, b
}

// apiErr is the five-field error body.
type apiErr struct {
	Detail     string `json:"detail"`
	Error      int    `json:"error"`
	ErrorCode  string `json:"errorCode"`
	Parameters []any  `json:"parameters"`
	Reason     string `json:"reason"`
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(b, &v), "body: %s", b)
	return v
}

func readAll(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return b
}

// mustGet GETs base+path as c and requires a 200.
func mustGet(t *testing.T, e *env, c opsmanager.KeyCredential, path string) []byte {
	t.Helper()
	resp, b := e.do(e.as(c), http.MethodGet, base+path, "")
	require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s: %s", path, b)
	return b
}
