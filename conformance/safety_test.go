package conformance_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/conformance"
	"github.com/opsmock/opsmock/conformance/check"
	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/spec"
)

// readOnlyProbes are the only non-GET requests a read-only run may send:
// each must be refused, so none can change state.
var readOnlyProbes = map[string]bool{
	"POST /api/public/v1.0/admin/apiKeys":   true, // read-only key, body without roles
	"POST /api/json/alarm/acknowledgeAlarm": true, // read-only key, no alarm named
	// opmanager.auth.module-scope: the Alarms module's writes, as the
	// read-only key, with no parameters.
	"POST /api/json/alarm/unAcknowledgeAlarm": true,
	"POST /api/json/alarm/clearAlarm":         true,
	"POST /api/json/alarm/addNotes":           true,
	"POST /api/json/alarm/deleteAlarm":        true,
	"POST /api/json/events/addEvent":          true,
}

// TestReadOnlyRunsOnlyRead counts methods in the mock's journal: without
// Write, every request is a GET or a refused probe.
func TestReadOnlyRunsOnlyRead(t *testing.T) {
	for _, product := range []string{"opsmanager", "pmp", "opmanager"} {
		t.Run(product, func(t *testing.T) {
			srv, err := mock.New(mock.WithProducts(product))
			require.NoError(t, err)
			opts := optionsFor(t, product, srv)
			opts.Write = false
			report, err := conformance.Run(context.Background(), "http://opsmock", opts)
			require.NoError(t, err)
			require.False(t, report.Failed())
			entries, _ := srv.Journal(mock.JournalFilter{})
			methods := map[string]int{}
			secret := secretOperations(t, product)
			for _, e := range entries {
				methods[e.Method]++
				assert.False(t, secret[e.OperationID], "read-only run without --read-secrets read a secret: %s", e.OperationID)
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
// it created: what it can list is as before.
func TestWriteRunCleansUp(t *testing.T) {
	for _, product := range []string{"opsmanager", "pmp", "opmanager"} {
		t.Run(product, func(t *testing.T) {
			srv, err := mock.New(mock.WithProducts(product))
			require.NoError(t, err)
			before := snapshot(t, product, srv)
			report, err := conformance.Run(context.Background(), "http://opsmock", optionsFor(t, product, srv))
			require.NoError(t, err)
			require.False(t, report.Failed())
			entries, _ := srv.Journal(mock.JournalFilter{})
			writes := 0
			for _, e := range entries {
				if e.Method != http.MethodGet && e.Status < 400 {
					writes++
				}
			}
			assert.Greater(t, writes, 0, "the lifecycle checks wrote")
			assert.Equal(t, before, snapshot(t, product, srv))
		})
	}
}

// snapshot lists, as the primary credential, what the write checks touch.
func snapshot(t *testing.T, product string, srv *mock.Server) string {
	t.Helper()
	opts := optionsFor(t, product, srv)
	var urls []string
	var rt http.RoundTripper
	switch product {
	case "opsmanager":
		urls = []string{"/api/public/v1.0/admin/apiKeys?itemsPerPage=500"}
		rt = conformanceDigest(opts.Primary, srv.Transport())
	case "pmp":
		urls = []string{"/restapi/json/v1/resources", "/api/pki/restapi/getAllSSHKeys", "/api/pki/restapi/getAllSSLCertificates",
			"/restapi/json/v1/accounts/passwordaccessrequests"}
		rt = check.HeaderAuth("AUTHTOKEN", func(c check.Credential) string { return c.Token })(opts.Primary, srv.Transport())
	case "opmanager":
		// Alarms as who and severity: acknowledging stamps a modification
		// time no API can restore. Subnets and profiles have no list.
		return alarmStates(t, check.HeaderAuth("apiKey", func(c check.Credential) string { return c.APIKey })(opts.Primary, srv.Transport()))
	}
	var b bytes.Buffer
	for _, u := range urls {
		res, err := (&http.Client{Transport: rt}).Get("http://opsmock" + u)
		require.NoError(t, err)
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		b.Write(body)
	}
	return b.String()
}

// TestReportsHideSecrets runs each suite with drifts that make checks fail
// on exchanges holding secrets (a created key's private key, passwords
// read back, a token in a query), and greps every report format for every
// secret that crossed the wire and every credential.
func TestReportsHideSecrets(t *testing.T) {
	cases := []struct {
		product  string
		drifts   []string
		pattern  *regexp.Regexp
		mustFail string // a check whose failing exchange holds a secret
		evidence string // what the report shows of that exchange
	}{
		{"opsmanager", []string{"opsmanager.create-answers-201", "opsmanager.accept-wrong-key", "opsmanager.list-results-renamed"},
			fullPrivateKey, "opsmanager.lifecycle.api-key", "privateKey"},
		{"pmp", []string{"pmp.password-change-noop", "pmp.query-token-ignored", "pmp.approve-noop"},
			pmpSecret, "pmp.lifecycle.password-change", "PASSWORD"},
		// OpManager's secret is the key itself, here in a failing request's query.
		{"opmanager", []string{"opmanager.query-key-ignored"}, nil, "opmanager.auth.query-key", "apiKey="},
	}
	for _, c := range cases {
		t.Run(c.product, func(t *testing.T) {
			srv, err := mock.New(mock.WithProducts(c.product), mock.WithDrifts(c.drifts...))
			require.NoError(t, err)
			opts := optionsFor(t, c.product, srv)
			wire := &secretSniffer{next: srv.Transport(), pattern: c.pattern}
			opts.Transport = wire
			report, err := conformance.Run(context.Background(), "http://opsmock", opts)
			require.NoError(t, err)
			res, _ := report.Result(c.mustFail)
			require.Equal(t, check.Fail, res.Status, "its exchange, with a secret, is in the report")
			if c.pattern != nil {
				require.NotEmpty(t, wire.seen, "secrets crossed the wire")
			}
			secrets := append(wire.seen, opts.Primary.PrivateKey, opts.Low.PrivateKey, opts.Primary.Token, opts.Low.Token,
				opts.Primary.APIKey, opts.Low.APIKey)
			for _, format := range conformance.Formats {
				var b bytes.Buffer
				require.NoError(t, report.Render(&b, format))
				out := b.String()
				assert.Contains(t, out, c.evidence, "%s: the exchange holding the secret is in the report", format)
				for _, secret := range secrets {
					if secret != "" {
						assert.NotContains(t, out, secret, "%s report shows a secret", format)
					}
				}
			}
		})
	}
}

// pmpSecret is a password or token in a PMP answer.
var pmpSecret = regexp.MustCompile(`"(?:PASSWORD|AUTHTOKEN)"\s*:\s*"([^"]{4,})"`)

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
	if s.pattern == nil {
		return res, nil
	}
	for _, m := range s.pattern.FindAllSubmatch(b, -1) {
		s.seen = append(s.seen, string(m[1]))
	}
	return res, nil
}

// TestOtherProductsTargetIsNotServed: each product's checks against a
// target serving only another product end with ErrNotServed, every check
// reported as an error (a CI dashboard must not show green); nothing
// panics.
func TestOtherProductsTargetIsNotServed(t *testing.T) {
	cred := map[string]check.Credential{"opsmanager": {PublicKey: "abcdefgh", PrivateKey: "x"}, "pmp": {Token: "x"}, "opmanager": {APIKey: "x"}}
	for _, c := range []struct{ product, served string }{{"opsmanager", "pmp"}, {"opmanager", "pmp"}, {"pmp", "opsmanager"}, {"opmanager", "opsmanager"}} {
		t.Run(c.product+" at "+c.served, func(t *testing.T) {
			srv, err := mock.New(mock.WithProducts(c.served))
			require.NoError(t, err)
			opts := conformance.Options{Product: c.product, Primary: cred[c.product], Transport: srv.Transport()}
			report, err := conformance.Run(context.Background(), "http://opsmock", opts)
			require.Error(t, err)
			assert.True(t, errors.Is(err, conformance.ErrNotServed), "%v", err)
			require.NotEmpty(t, report.Results)
			for _, r := range report.Results {
				assert.Equal(t, check.Error, r.Status)
			}
		})
	}
}

func TestUnreachableTarget(t *testing.T) {
	opts := conformance.Options{Product: "opsmanager", Primary: check.Credential{PublicKey: "abcdefgh", PrivateKey: "x"}}
	_, err := conformance.Run(context.Background(), "http://127.0.0.1:1", opts)
	assert.True(t, errors.Is(err, conformance.ErrUnreachable), "%v", err)
}

func alarmStates(t *testing.T, rt http.RoundTripper) string {
	t.Helper()
	res, err := (&http.Client{Transport: rt}).Get("http://opsmock/api/json/alarm/listAlarms")
	require.NoError(t, err)
	defer res.Body.Close()
	var alarms []struct {
		Entity, Who     string
		NumericSeverity int
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&alarms))
	var b strings.Builder
	for _, a := range alarms {
		fmt.Fprintf(&b, "%s %s %d\n", a.Entity, a.Who, a.NumericSeverity)
	}
	return b.String()
}

// secretOperations are a product's operations marked x-reveals-secret.
func secretOperations(t *testing.T, product string) map[string]bool {
	doc, err := spec.Load(product)
	require.NoError(t, err)
	out := map[string]bool{}
	for _, op := range spec.Operations(product, doc) {
		if op.Op.Extensions["x-reveals-secret"] == true {
			out[op.OperationID] = true
		}
	}
	return out
}
