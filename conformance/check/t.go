package check

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"

	"github.com/gavv/httpexpect/v2"
)

// T is what a check runs with. Its clients record every exchange and
// validate every response against the spec; failed httpexpect assertions
// and Errorf calls become findings. A check ends early with Skipf or
// Fatalf; cleanups run after it either way.
type T struct {
	ctx    context.Context
	target *Target
	check  Check

	mu        sync.Mutex // guards everything below
	findings  []Finding
	exchanges map[*http.Response]exchange
	skip      string
	broken    string // why the check could not run on (not the target's fault)
	cleanups  []func()
}

func newT(ctx context.Context, tg *Target, c Check) *T {
	return &T{ctx: ctx, target: tg, check: c, exchanges: map[*http.Response]exchange{}}
}

// Context is the run's context.
func (t *T) Context() context.Context { return t.ctx }

// Target is the implementation under test.
func (t *T) Target() *Target { return t.target }

// Client is an HTTP client acting as who. It records and validates the
// answers the check receives; an authentication handshake under it (a
// digest challenge) is the auth checks' business, not every check's. It
// does not follow redirects: a redirect is an answer to check, not to hide.
func (t *T) Client(who Who) *http.Client {
	rt := t.target.base
	if cred, ok := t.target.credential(who); ok {
		rt = t.target.suite.Authenticate(cred, rt)
	}
	return &http.Client{Transport: &recorder{t: t, next: rt},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Expect is an httpexpect client acting as who whose failed assertions
// become findings instead of failing a test.
func (t *T) Expect(who Who) *httpexpect.Expect {
	return httpexpect.WithConfig(httpexpect.Config{
		BaseURL: t.target.URL, Client: t.Client(who), Context: t.ctx, AssertionHandler: (*handler)(t),
	})
}

// Secret registers values no report may show (a created key's private
// key, a password the check read).
func (t *T) Secret(values ...string) { t.target.redactor.Add(values...) }

// Cleanup registers f to run after the check, last registered first, also
// when the check fails or ends early.
func (t *T) Cleanup(f func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cleanups = append(t.cleanups, f)
}

// Errorf records a finding the check makes itself.
func (t *T) Errorf(format string, args ...any) {
	t.addFinding(Finding{Category: t.check.Category, Reason: fmt.Sprintf(format, args...)})
}

// Failf records a finding about a response a client of this T received:
// the report shows that exchange.
func (t *T) Failf(res *http.Response, format string, args ...any) {
	f := Finding{Category: t.check.Category, Reason: fmt.Sprintf(format, args...)}
	t.mu.Lock()
	if ex, ok := t.exchanges[res]; ok {
		f.Request, f.Response = ex.request, ex.response
	}
	t.mu.Unlock()
	t.addFinding(f)
}

// Fatalf records a finding and ends the check.
func (t *T) Fatalf(format string, args ...any) {
	t.Errorf(format, args...)
	runtime.Goexit()
}

// Skipf ends the check as skipped: the target cannot be judged by it
// (nothing suitable to act on, a credential missing).
func (t *T) Skipf(format string, args ...any) {
	t.mu.Lock()
	t.skip = fmt.Sprintf(format, args...)
	t.mu.Unlock()
	runtime.Goexit()
}

// Failed says whether the check has findings so far.
func (t *T) Failed() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.findings) > 0
}

func (t *T) addFinding(f Finding) {
	r := t.target.redactor
	f.Reason, f.Request, f.Response = r.String(f.Reason), r.String(f.Request), r.String(f.Response)
	t.mu.Lock()
	t.findings = append(t.findings, f)
	t.mu.Unlock()
}

// breakf records that the check could not go on for a reason that is not
// a finding about the target (a lost connection).
func (t *T) breakf(format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.broken == "" {
		t.broken = t.target.redactor.String(fmt.Sprintf(format, args...))
	}
}

// handler turns httpexpect's assertion results into findings.
type handler T

func (h *handler) Success(*httpexpect.AssertionContext) {}

func (h *handler) Failure(ctx *httpexpect.AssertionContext, failure *httpexpect.AssertionFailure) {
	if failure.Severity != httpexpect.SeverityError {
		return
	}
	t := (*T)(h)
	var reason strings.Builder
	reason.WriteString(strings.Join(ctx.AliasedPath, "."))
	for _, err := range failure.Errors {
		reason.WriteString(": " + err.Error())
	}
	if failure.Expected != nil {
		fmt.Fprintf(&reason, "; expected %s", clip(fmt.Sprint(failure.Expected.Value)))
	}
	if failure.Actual != nil {
		fmt.Fprintf(&reason, "; actual %s", clip(fmt.Sprint(failure.Actual.Value)))
	}
	if ctx.Response != nil && ctx.Response.Raw() != nil {
		t.Failf(ctx.Response.Raw(), "%s", reason.String())
		return
	}
	t.Errorf("%s", reason.String())
}

// clip keeps a value short in a reason: the exchange shows it whole.
func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
