// Package mocktest starts opsmock servers inside Go tests and checks every
// response they send against the product specs.
package mocktest

import (
	"bytes"
	"io"
	"net/http"
	"testing"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/spec"
	"github.com/opsmock/opsmock/spec/contract"
)

// Start builds and starts a server on a free loopback port and closes it
// when the test ends. It fails the test if the server cannot start.
func Start(t testing.TB, opts ...mock.Option) *mock.Server {
	t.Helper()
	srv, err := mock.New(opts...)
	if err != nil {
		t.Fatalf("mocktest: new server: %v", err)
	}
	if err := srv.Start(); err != nil {
		t.Fatalf("mocktest: start server: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("mocktest: close server: %v", err)
		}
	})
	return srv
}

// Client returns a client for the started server whose every response is
// validated against the spec (see Validating).
func Client(t testing.TB, srv *mock.Server) *http.Client {
	t.Helper()
	return &http.Client{Transport: Validating(t, srv.Client().Transport)}
}

// InProcessClient is Client without the network.
func InProcessClient(t testing.TB, srv *mock.Server) *http.Client {
	t.Helper()
	return &http.Client{Transport: Validating(t, srv.Transport())}
}

// Validating wraps rt so that every response to a request under a product's
// base path is validated against that product's spec; a violation fails t
// (the response is still returned). Other paths pass unchecked.
func Validating(t testing.TB, rt http.RoundTripper) http.RoundTripper {
	t.Helper()
	var contracts []*contract.Contract
	for _, p := range spec.Available() {
		c, err := contract.New(p)
		if err != nil {
			t.Fatalf("mocktest: load %s spec: %v", p, err)
		}
		contracts = append(contracts, c)
	}
	return &validatingTransport{t: t, next: rt, contracts: contracts}
}

type validatingTransport struct {
	t         testing.TB
	next      http.RoundTripper
	contracts []*contract.Contract
}

func (v *validatingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := v.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	c := v.owner(req.URL.Path)
	if c == nil {
		return resp, nil
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if verr := c.ValidateResponse(req.Context(), req, resp.StatusCode, resp.Header, body); verr != nil {
		v.t.Errorf("mocktest: %s %s answered %d, which violates spec/%s.yaml: %v\nbody: %s",
			req.Method, req.URL.RequestURI(), resp.StatusCode, c.Product(), verr, truncate(body))
	}
	return resp, nil
}

func (v *validatingTransport) owner(path string) *contract.Contract {
	for _, c := range v.contracts {
		if c.Owns(path) {
			return c
		}
	}
	return nil
}

func truncate(b []byte) string {
	const max = 2000
	if len(b) > max {
		return string(b[:max]) + "..."
	}
	return string(b)
}
