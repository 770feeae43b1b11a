package mocktest

import (
	"net/http"
	"testing"

	"github.com/opsmock/opsmock/mock"
)

// ClientOption changes a ready client.
type ClientOption func(*clientConfig)

type clientConfig struct {
	network  bool
	validate bool
}

// OverNetwork makes the client speak to the started server over its
// socket instead of in process.
func OverNetwork() ClientOption { return func(c *clientConfig) { c.network = true } }

// WithoutValidation stops the client checking every answer against the
// spec (for a test that provokes answers outside it on purpose, such as a
// drift's).
func WithoutValidation() ClientOption { return func(c *clientConfig) { c.validate = false } }

// base is the transport under the credential: in process or over the
// socket, validating unless told not to.
func base(t testing.TB, srv *mock.Server, opts []ClientOption) http.RoundTripper {
	t.Helper()
	cfg := clientConfig{validate: true}
	for _, o := range opts {
		o(&cfg)
	}
	rt := srv.Transport()
	if cfg.network {
		c := srv.Client()
		if c == nil {
			t.Fatalf("mocktest: OverNetwork needs a started server (mocktest.Start)")
		}
		rt = c.Transport
	}
	if cfg.validate {
		rt = Validating(t, rt)
	}
	return rt
}

// PMPClient is a client that sends the AUTHTOKEN of the first usable user
// with role (Administrator, Password Administrator, Privileged
// Administrator, Password Auditor, Password User) on every request. Build
// INPUT_DATA with pmp.InputValues.
func PMPClient(t testing.TB, srv *mock.Server, role string, opts ...ClientOption) *http.Client {
	t.Helper()
	return ready(t)(srv.PMPTransport(role, base(t, srv, opts)))
}

// OpManagerClient is a client that sends the first usable key of an access
// type (all, module, specific) in the apiKey header on every request.
func OpManagerClient(t testing.TB, srv *mock.Server, access string, opts ...ClientOption) *http.Client {
	t.Helper()
	return ready(t)(srv.OpManagerTransport(access, base(t, srv, opts)))
}

// OpsManagerClient is a client that authenticates with HTTP Digest as the
// first key pair holding a global role (GLOBAL_OWNER, GLOBAL_READ_ONLY).
func OpsManagerClient(t testing.TB, srv *mock.Server, role string, opts ...ClientOption) *http.Client {
	t.Helper()
	return ready(t)(srv.OpsManagerTransport(role, base(t, srv, opts)))
}

// ready makes a client of an authenticating transport, or fails the test.
func ready(t testing.TB) func(http.RoundTripper, error) *http.Client {
	return func(rt http.RoundTripper, err error) *http.Client {
		t.Helper()
		if err != nil {
			t.Fatalf("mocktest: %v", err)
		}
		return &http.Client{Transport: rt}
	}
}

// Calls lists the journalled requests a client made to an operation
// (createResource, listAlarms, createGlobalApiKey, …), oldest first: what
// a test asserts its client sent.
func Calls(t testing.TB, srv *mock.Server, operationID string) []mock.JournalEntry {
	t.Helper()
	entries, dropped := srv.Journal(mock.JournalFilter{OperationID: operationID})
	if dropped > 0 {
		t.Logf("mocktest: the journal dropped %d older entries (mock.WithJournalSize)", dropped)
	}
	return entries
}

// PMPInput is the INPUT_DATA Details a PMP call sent (from its query or
// its body), as the journal keeps it: secrets masked, the rest as sent.
func PMPInput(t testing.TB, e mock.JournalEntry) map[string]any {
	t.Helper()
	for _, fields := range []any{e.Query, e.Body} {
		m, _ := fields.(map[string]any)
		input, _ := m["INPUT_DATA"].(map[string]any)
		op, _ := input["operation"].(map[string]any)
		if details, ok := op["Details"].(map[string]any); ok {
			return details
		}
	}
	t.Fatalf("mocktest: %s %s sent no INPUT_DATA with Details", e.Method, e.Path)
	return nil
}
