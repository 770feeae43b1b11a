package conformance_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
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
	pmpsuite "github.com/opsmock/opsmock/conformance/pmp"
	"github.com/opsmock/opsmock/mock"
)

// rewriting changes the mock's answers: a target that differs from it in
// one controlled way.
type rewriting struct {
	next http.RoundTripper
	// before may answer instead of the mock; after may change its answer.
	before func(r *http.Request) *http.Response
	after  func(r *http.Request, status int, body []byte) (int, []byte)
}

func (rw rewriting) RoundTrip(r *http.Request) (*http.Response, error) {
	if rw.before != nil {
		if res := rw.before(r); res != nil {
			return res, nil
		}
	}
	res, err := rw.next.RoundTrip(r)
	if err != nil || rw.after == nil {
		return res, err
	}
	b, _ := io.ReadAll(res.Body)
	res.StatusCode, b = rw.after(r, res.StatusCode, b)
	res.Body = io.NopCloser(bytes.NewReader(b))
	res.ContentLength = int64(len(b))
	res.Header.Del("Content-Length")
	return res, nil
}

func jsonAnswer(r *http.Request, status int, v any) *http.Response {
	b, _ := json.Marshal(v)
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(b)), Request: r}
}

func mockFor(t *testing.T, product string) (*mock.Server, conformance.Options) {
	t.Helper()
	srv, err := mock.New(mock.WithProducts(product))
	require.NoError(t, err)
	return srv, optionsFor(t, product, srv)
}

// TestRefusedCredentialStopsTheRun: a wrong credential is a typo, not a
// broken server: the run stops before any check, naming the flag and what
// the target answered; no finding, every check an error.
func TestRefusedCredentialStopsTheRun(t *testing.T) {
	cases := []struct {
		product, flag string
		spoil         func(o *conformance.Options)
		answer        string
	}{
		{"pmp", "--token", func(o *conformance.Options) { o.Primary.Token = "wrong-token" }, "API key received is not associated to any user"},
		{"pmp", "--token-low", func(o *conformance.Options) { o.Low.Token = "wrong-token" }, "Authentication failed"},
		{"opsmanager", "--public-key/--private-key", func(o *conformance.Options) { o.Primary.PrivateKey = "wrong" }, "HTTP 401"},
		{"opsmanager", "--public-key-low/--private-key-low", func(o *conformance.Options) { o.Low.PrivateKey = "wrong" }, "HTTP 401"},
		{"opmanager", "--api-key", func(o *conformance.Options) { o.Primary.APIKey = "wrong" }, "API_KEY_INVALID"},
		{"opmanager", "--api-key-low", func(o *conformance.Options) { o.Low.APIKey = "wrong" }, "API_KEY_INVALID"},
	}
	for _, c := range cases {
		t.Run(c.product+" "+c.flag, func(t *testing.T) {
			_, opts := mockFor(t, c.product)
			c.spoil(&opts)
			report, err := conformance.Run(context.Background(), "http://opsmock", opts)
			require.Error(t, err)
			assert.True(t, errors.Is(err, conformance.ErrRefused), "%v", err)
			assert.Contains(t, err.Error(), "the target refused "+c.flag+":")
			assert.Contains(t, err.Error(), c.answer)
			assert.NotContains(t, err.Error(), "\n", "one line")
			require.NotEmpty(t, report.Results)
			for _, r := range report.Results {
				assert.Equal(t, check.Error, r.Status, r.ID)
				assert.Empty(t, r.Findings, r.ID)
				assert.Zero(t, r.Requests, r.ID)
			}
		})
	}
}

// TestCredentialUsage: what cannot be a credential of the product, and a
// selection of no check, are usage errors before anything is sent.
func TestCredentialUsage(t *testing.T) {
	cases := []struct {
		name string
		opts conformance.Options
		want string
	}{
		{"none", conformance.Options{Product: "pmp"}, "no credential for pmp (give --token)"},
		{"half a pair", conformance.Options{Product: "opsmanager", Primary: check.Credential{PublicKey: "abcdefgh"}},
			"--public-key/--private-key is a key pair: give both"},
		{"half a low pair", conformance.Options{Product: "opsmanager", Primary: check.Credential{PublicKey: "a", PrivateKey: "b"},
			Low: check.Credential{PrivateKey: "c"}}, "--public-key-low/--private-key-low is a key pair"},
		{"another product's", conformance.Options{Product: "pmp", Primary: check.Credential{Token: "t", APIKey: "k"}},
			"a credential of another product was given; --product pmp takes --token, --token-low"},
		{"no check selected", conformance.Options{Product: "pmp", Primary: check.Credential{Token: "t"}, Run: regexp.MustCompile("nomatch")},
			fmt.Sprintf("--run/--skip select none of the %d pmp checks", len(pmpsuite.Suite().Checks))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sent := 0
			c.opts.Transport = rewriting{before: func(r *http.Request) *http.Response { sent++; return jsonAnswer(r, 200, nil) }}
			_, err := conformance.Run(context.Background(), "http://opsmock", c.opts)
			require.Error(t, err)
			assert.True(t, errors.Is(err, conformance.ErrUsage), "%v", err)
			assert.Contains(t, err.Error(), c.want)
			assert.Zero(t, sent, "nothing sent")
		})
	}
}

// TestLookAlikesAreJudged: a target that serves the product's paths in
// the wrong shape is judged (checks fail), not reported as "not served".
func TestLookAlikesAreJudged(t *testing.T) {
	cases := []struct {
		product string
		target  func(next http.RoundTripper) http.RoundTripper
		failing string // a check that must fail
	}{
		{"pmp", func(next http.RoundTripper) http.RoundTripper {
			// Refuses anonymous requests with a bare 401.
			return rewriting{next: next, before: func(r *http.Request) *http.Response {
				if r.Header.Get("AUTHTOKEN") == "" && r.URL.Query().Get("AUTHTOKEN") == "" {
					return jsonAnswer(r, http.StatusUnauthorized, map[string]any{"message": "unauthorized"})
				}
				return nil
			}}
		}, "pmp.auth.missing-token"},
		{"opmanager", func(next http.RoundTripper) http.RoundTripper {
			// Spells the error code field errorCode.
			return rewriting{next: next, after: func(_ *http.Request, status int, b []byte) (int, []byte) {
				return status, bytes.ReplaceAll(b, []byte(`"errorcode"`), []byte(`"errorCode"`))
			}}
		}, "opmanager.auth.missing-key"},
	}
	for _, c := range cases {
		t.Run(c.product, func(t *testing.T) {
			srv, opts := mockFor(t, c.product)
			opts.Transport = c.target(srv.Transport())
			report, err := conformance.Run(context.Background(), "http://opsmock", opts)
			require.NoError(t, err, "the target is judged")
			res, ok := report.Result(c.failing)
			require.True(t, ok)
			assert.Equal(t, check.Fail, res.Status)
		})
	}
}

// TestUnreachableIsAnErrorInJUnit: a dashboard must not show green for a
// target the run could not reach.
func TestUnreachableIsAnErrorInJUnit(t *testing.T) {
	opts := conformance.Options{Product: "pmp", Primary: check.Credential{Token: "t"}}
	report, err := conformance.Run(context.Background(), "http://127.0.0.1:1", opts)
	require.True(t, errors.Is(err, conformance.ErrUnreachable), "%v", err)
	var b bytes.Buffer
	require.NoError(t, report.Render(&b, "junit"))
	var doc struct {
		Suites []struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Errors   int `xml:"errors,attr"`
			Skipped  int `xml:"skipped,attr"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(b.Bytes(), &doc))
	require.Len(t, doc.Suites, 1)
	s := doc.Suites[0]
	n := len(pmpsuite.Suite().Checks)
	assert.Equal(t, n, s.Tests)
	assert.Equal(t, n, s.Errors)
	assert.Zero(t, s.Skipped)
	assert.Contains(t, b.String(), "connection was refused")
}

// TestNoVacuousPasses: where a check's precondition does not hold on the
// target, it skips with the reason; it never passes.
func TestNoVacuousPasses(t *testing.T) {
	oneSeverity := func(r *http.Request, status int, b []byte) (int, []byte) {
		if !strings.HasSuffix(r.URL.Path, "/alarm/listAlarms") {
			return status, b
		}
		var alarms []map[string]any
		if json.Unmarshal(b, &alarms) != nil {
			return status, b
		}
		for _, a := range alarms {
			a["numericSeverity"] = 1 // every alarm Critical, and the filter ignored
		}
		out, _ := json.Marshal(alarms)
		return status, out
	}
	noAlarms := func(r *http.Request, status int, b []byte) (int, []byte) {
		if strings.HasSuffix(r.URL.Path, "/alarm/listAlarms") && r.Method == http.MethodGet && status == 200 && bytes.HasPrefix(b, []byte("[")) {
			return status, []byte("[]")
		}
		return status, b
	}
	oneDevice := func(r *http.Request, status int, b []byte) (int, []byte) {
		if strings.HasSuffix(r.URL.Path, "/device/listDevices") && r.URL.Query().Get("page") != "" {
			return status, []byte(`{"total":1,"page":1,"records":1,"rows":[]}`)
		}
		return status, b
	}
	oneKey := func(r *http.Request, status int, b []byte) (int, []byte) {
		if !strings.HasSuffix(r.URL.Path, "/admin/apiKeys") || status != 200 {
			return status, b
		}
		var doc map[string]any
		if json.Unmarshal(b, &doc) != nil {
			return status, b
		}
		results, _ := doc["results"].([]any)
		doc["results"], doc["totalCount"] = results[:min(1, len(results))], 1
		doc["links"] = []any{map[string]any{"rel": "self", "href": "http://opsmock" + r.URL.RequestURI() + "&pageNum=1"}}
		out, _ := json.Marshal(doc)
		return status, out
	}
	noKeys := func(r *http.Request, status int, b []byte) (int, []byte) {
		if strings.HasSuffix(r.URL.Path, "/admin/apiKeys") && status == 200 && r.Method == http.MethodGet {
			return status, []byte(`{"results":[],"totalCount":0,"links":[{"rel":"self","href":"http://opsmock/api/public/v1.0/admin/apiKeys?pageNum=1"}]}`)
		}
		return status, b
	}
	noResources := func(r *http.Request, status int, b []byte) (int, []byte) {
		if strings.HasSuffix(r.URL.Path, "/restapi/json/v1/resources") && r.Method == http.MethodGet && bytes.Contains(b, []byte(`"Success"`)) {
			return status, []byte(`{"operation":{"name":"GET RESOURCES","result":{"status":"Success","message":"Resources fetched successfully"},"totalRows":0,"Details":[]}}`)
		}
		return status, b
	}
	cases := []struct {
		product string
		after   func(*http.Request, int, []byte) (int, []byte)
		checks  []string
	}{
		{"opmanager", oneSeverity, []string{"opmanager.shape.alarm-severity-filter"}},
		{"opmanager", noAlarms, []string{"opmanager.shape.list-alarms", "opmanager.shape.alarm-severity-filter"}},
		{"opmanager", oneDevice, []string{"opmanager.pagination.list-devices", "opmanager.shape.list-devices"}},
		{"opsmanager", oneKey, []string{"opsmanager.pagination.walk-pages", "opsmanager.pagination.links"}},
		{"opsmanager", noKeys, []string{"opsmanager.shape.item-self-links", "opsmanager.shape.private-key-redacted", "opsmanager.envelope.envelope-single"}},
		{"pmp", noResources, []string{"pmp.shape.values-are-strings", "pmp.shape.id-lookups"}},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.checks, ","), func(t *testing.T) {
			srv, opts := mockFor(t, c.product)
			opts.Transport = rewriting{next: srv.Transport(), after: c.after}
			opts.Run = regexp.MustCompile("^(" + strings.Join(c.checks, "|") + ")$")
			report, err := conformance.Run(context.Background(), "http://opsmock", opts)
			require.NoError(t, err)
			for _, id := range c.checks {
				res, ok := report.Result(id)
				require.True(t, ok, id)
				assert.Equal(t, check.Skip, res.Status, "%s: %s %v", id, res.Reason, res.Findings)
				assert.NotEmpty(t, res.Reason, id)
			}
		})
	}
}

// TestWrongCredentialsNeedsTheRightOnes: a target refusing every Digest
// header cannot pass the wrong-credentials check: the check reads with
// the right pair first and skips when that is refused too.
func TestWrongCredentialsNeedsTheRightOnes(t *testing.T) {
	srv, opts := mockFor(t, "opsmanager")
	refuseAll := rewriting{next: srv.Transport(), before: func(r *http.Request) *http.Response {
		if r.Header.Get("Authorization") != "" && r.URL.Query().Get("itemsPerPage") == "1" {
			res := jsonAnswer(r, http.StatusUnauthorized, map[string]any{"error": 401, "reason": "Unauthorized", "detail": "no"})
			res.Header.Set("WWW-Authenticate", `Digest realm="MMS Public API", domain="", nonce="abcdefghijklmnopqrstuvwxyz012345", algorithm=MD5, qop="auth", stale=false`)
			return res
		}
		return nil
	}}
	s, err := conformance.SuiteFor("opsmanager")
	require.NoError(t, err)
	tg, err := check.NewTarget("http://opsmock", s, opts.Primary, opts.Low, false, refuseAll, &check.Redactor{})
	require.NoError(t, err)
	for _, c := range s.Checks {
		if c.ID == "opsmanager.auth.wrong-credentials" {
			res := check.Execute(context.Background(), tg, c)
			assert.Equal(t, check.Skip, res.Status, "%s %v", res.Reason, res.Findings)
			assert.Contains(t, res.Reason, "the right key pair is refused too")
			return
		}
	}
	t.Fatal("no wrong-credentials check")
}

// libraryWords are what a finding must never show: assertion-library
// chains, Go value dumps, formatting mistakes.
var libraryWords = regexp.MustCompile(`Expect\(\)|Request\("|JSON\(\)\.|\.Object\(\)|map\[|%!|\[\]interface|&\{|0xc0|read on closed response body|challenge is bad`)

// TestFindingsAreReadable runs each suite against the mock with every
// killing drift of the product at once, and reads the text report as a
// person would: each failed check shows its rule, each finding one plain
// sentence and its exchange, bounded, an exchange already shown referred
// to by number.
func TestFindingsAreReadable(t *testing.T) {
	for _, product := range conformance.Products() {
		t.Run(product, func(t *testing.T) {
			var drifts []string
			for _, d := range killers {
				if strings.HasPrefix(d, product+".") && !slicesContains(drifts, d) {
					drifts = append(drifts, d)
				}
			}
			for d := range extraKillers {
				if strings.HasPrefix(d, product+".") {
					drifts = append(drifts, d)
				}
			}
			srv, err := mock.New(mock.WithProducts(product), mock.WithDrifts(drifts...))
			require.NoError(t, err)
			report, err := conformance.Run(context.Background(), "http://opsmock", optionsFor(t, product, srv))
			require.NoError(t, err)
			var b bytes.Buffer
			require.NoError(t, report.Render(&b, "text"))
			out := b.String()
			lines := strings.Split(out, "\n")
			failed, refs, answerRun := 0, 0, 0
			for i, l := range lines {
				if m := libraryWords.FindString(l); m != "" {
					t.Errorf("line %d shows %q: %s", i+1, m, l)
				}
				assert.LessOrEqual(t, len(l), 420, "line %d is too long: %.120s…", i+1, l)
				if strings.HasPrefix(l, "FAIL  ") {
					failed++
					require.Greater(t, len(lines), i+1)
					assert.True(t, strings.HasPrefix(strings.TrimSpace(lines[i+1]), "rule: "), "no rule under %s", l)
				}
				if strings.Contains(l, "(same exchange as ") || strings.Contains(l, "(same answer as ") {
					refs++
				}
				if strings.HasPrefix(strings.TrimSpace(l), "<") {
					answerRun++
					assert.LessOrEqual(t, answerRun, 45, "an answer longer than the bound at line %d", i+1)
				} else {
					answerRun = 0
				}
			}
			assert.Greater(t, failed, len(drifts)/2, "the drifts make checks fail")
			assert.Greater(t, refs, 0, "repeated exchanges are referred to, not printed again")
			for _, res := range report.Results {
				for _, f := range res.Findings {
					assert.NotContains(t, f.Reason, "\n", "%s: a reason is one sentence", res.ID)
				}
			}
		})
	}
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCoverageInEveryFormat: every report ends with the operations the run
// exercised, and a read-only run says what the rest need.
func TestCoverageInEveryFormat(t *testing.T) {
	_, opts := mockFor(t, "pmp")
	opts.Write = false
	report, err := conformance.Run(context.Background(), "http://opsmock", opts)
	require.NoError(t, err)
	c := report.Coverage
	require.Equal(t, 87, c.Operations)
	assert.Greater(t, len(c.Exercised), 10)
	assert.Equal(t, c.Operations, len(c.Exercised)+len(c.NotExercised))
	needWrite := 0
	for _, g := range c.NotExercised {
		if g.Why == "needs --write" {
			needWrite++
			assert.NotEqual(t, http.MethodGet, g.Method, g.OperationID)
		}
	}
	assert.Greater(t, needWrite, 0)
	line := c.Line("pmp")
	assert.Regexp(t, `^pmp: \d+/87 operations exercised \(\d+%\); \d+ need --write`, line)
	for _, format := range conformance.Formats {
		var b bytes.Buffer
		require.NoError(t, report.Render(&b, format))
		switch format {
		case "json":
			var doc struct {
				Coverage struct {
					Operations int      `json:"operations"`
					Exercised  []string `json:"exercised"`
				} `json:"coverage"`
			}
			require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
			assert.Equal(t, 87, doc.Coverage.Operations)
			assert.Equal(t, c.Exercised, doc.Coverage.Exercised)
		default:
			assert.Contains(t, b.String(), line, format)
		}
	}
}
