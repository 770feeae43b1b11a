package conformance_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/conformance"
	"github.com/opsmock/opsmock/conformance/check"
	"github.com/opsmock/opsmock/mock"
)

// readOnlyProbes are the only non-GET requests a read-only run may send:
// each must be refused, so none can change state.
var readOnlyProbes = map[string]bool{
	"POST /api/public/v1.0/admin/apiKeys": true, // read-only key, body without roles
}

// TestReadOnlyRunsOnlyRead counts methods in the mock's journal: without
// Write, every request is a GET or a refused probe.
func TestReadOnlyRunsOnlyRead(t *testing.T) {
	for _, product := range []string{"opsmanager"} {
		t.Run(product, func(t *testing.T) {
			srv, err := mock.New(mock.WithProducts(product))
			require.NoError(t, err)
			opts := optionsFor(t, product, srv)
			opts.Write = false
			report, err := conformance.Run(context.Background(), "http://opsmock", opts)
			require.NoError(t, err)
			require.False(t, report.Failed())
			entries, _ := srv.Journal()
			methods := map[string]int{}
			for _, e := range entries {
				methods[e.Method]++
				if e.Method == http.MethodGet {
					continue
				}
				assert.True(t, readOnlyProbes[e.Method+" "+e.Path], "read-only run sent %s %s", e.Method, e.Path)
				assert.GreaterOrEqual(t, e.Status, 400, "%s %s was not refused", e.Method, e.Path)
			}
			assert.Greater(t, methods[http.MethodGet], 20)
			t.Logf("%s read-only run: %v", product, methods)
		})
	}
}

// TestWriteRunCleansUp: with Write the run creates, then deletes only what
// it created: the state it can list is as before.
func TestWriteRunCleansUp(t *testing.T) {
	srv, err := mock.New(mock.WithProducts("opsmanager"))
	require.NoError(t, err)
	before := listKeys(t, srv)
	report, err := conformance.Run(context.Background(), "http://opsmock", opsManagerOptions(t, srv))
	require.NoError(t, err)
	require.False(t, report.Failed())
	entries, _ := srv.Journal()
	writes := 0
	for _, e := range entries {
		if e.Method != http.MethodGet && e.Status < 400 {
			writes++
		}
	}
	assert.Greater(t, writes, 0, "the lifecycle check wrote")
	assert.Equal(t, before, listKeys(t, srv))
}

func listKeys(t *testing.T, srv *mock.Server) string {
	t.Helper()
	owner := opsManagerOptions(t, srv).Primary
	rt := conformanceDigest(owner, srv.Transport())
	res, err := (&http.Client{Transport: rt}).Get("http://opsmock/api/public/v1.0/admin/apiKeys?itemsPerPage=500")
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode, "%s", b)
	return string(b)
}

// TestReportsHideSecrets runs the suite with drifts that make checks fail
// on answers holding secrets (the created key's private key among them),
// and greps every report format for every secret that crossed the wire.
func TestReportsHideSecrets(t *testing.T) {
	srv, err := mock.New(mock.WithProducts("opsmanager"), mock.WithDrifts(
		"opsmanager.create-answers-201", "opsmanager.accept-wrong-key", "opsmanager.list-results-renamed"))
	require.NoError(t, err)
	opts := opsManagerOptions(t, srv)
	wire := &secretSniffer{next: srv.Transport(), pattern: fullPrivateKey}
	opts.Transport = wire
	report, err := conformance.Run(context.Background(), "http://opsmock", opts)
	require.NoError(t, err)
	lifecycle, _ := report.Result("opsmanager.lifecycle.api-key")
	require.Equal(t, check.Fail, lifecycle.Status, "its create exchange, with the private key, is in the report")
	secrets := append(wire.seen, opts.Primary.PrivateKey, opts.Low.PrivateKey)
	require.NotEmpty(t, wire.seen, "the created key's private key crossed the wire")
	for _, format := range conformance.Formats {
		var b bytes.Buffer
		require.NoError(t, report.Render(&b, format))
		out := b.String()
		assert.Contains(t, out, `privateKey`, "%s: the exchange holding the private key is in the report", format)
		for _, secret := range secrets {
			assert.NotContains(t, out, secret, "%s report shows a secret", format)
		}
	}
}

// fullPrivateKey is an unredacted Ops Manager private key in a body.
var fullPrivateKey = regexp.MustCompile(`"privateKey"\s*:\s*"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"`)

// secretSniffer notes every secret in the answers it carries.
type secretSniffer struct {
	next    http.RoundTripper
	pattern *regexp.Regexp
	seen    []string
}

func (s *secretSniffer) RoundTrip(r *http.Request) (*http.Response, error) {
	res, err := s.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	b, _ := io.ReadAll(res.Body)
	res.Body = io.NopCloser(bytes.NewReader(b))
	for _, m := range s.pattern.FindAllSubmatch(b, -1) {
		s.seen = append(s.seen, string(m[1]))
	}
	return res, nil
}

// TestOtherProductsTargetIsNotServed: Ops Manager checks against a PMP-only
// target skip, with ErrNotServed; nothing panics.
func TestOtherProductsTargetIsNotServed(t *testing.T) {
	srv, err := mock.New(mock.WithProducts("pmp"))
	require.NoError(t, err)
	opts := conformance.Options{Product: "opsmanager", Primary: check.Credential{PublicKey: "abcdefgh", PrivateKey: "x"}, Transport: srv.Transport()}
	report, err := conformance.Run(context.Background(), "http://opsmock", opts)
	require.Error(t, err)
	assert.True(t, errors.Is(err, conformance.ErrNotServed), "%v", err)
	require.NotEmpty(t, report.Results)
	for _, r := range report.Results {
		assert.Equal(t, check.Skip, r.Status)
	}
}

func TestUnreachableTarget(t *testing.T) {
	opts := conformance.Options{Product: "opsmanager", Primary: check.Credential{PublicKey: "abcdefgh", PrivateKey: "x"}}
	_, err := conformance.Run(context.Background(), "http://127.0.0.1:1", opts)
	assert.True(t, errors.Is(err, conformance.ErrUnreachable), "%v", err)
}
