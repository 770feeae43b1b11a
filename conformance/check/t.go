package check

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"sort"
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

	mu         sync.Mutex // guards everything below
	findings   []Finding
	exchanges  map[*http.Response]*exchange
	skip       string
	broken     string // why the check could not run on (not the target's fault)
	cleanups   []func()
	requests   int
	operations map[string]bool
	exercised  []string
	left       []string
}

func newT(ctx context.Context, tg *Target, c Check) *T {
	return &T{ctx: ctx, target: tg, check: c, exchanges: map[*http.Response]*exchange{}, operations: map[string]bool{}}
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
	var rt http.RoundTripper = wireTap{next: t.target.base}
	if cred, ok := t.target.credential(who); ok {
		rt = t.target.suite.Authenticate(cred, rt)
	}
	return t.clientOver(rt)
}

// ClientWith is a client authenticating with cred, whatever the target's
// credentials are (a deliberately wrong key pair, say).
func (t *T) ClientWith(cred Credential) *http.Client {
	return t.clientOver(t.target.suite.Authenticate(cred, wireTap{next: t.target.base}))
}

func (t *T) clientOver(rt http.RoundTripper) *http.Client {
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
// key, a password the check generated or read), in any encoding.
func (t *T) Secret(values ...string) { t.target.redactor.Add(values...) }

// Cleanup registers f to run after the check, last registered first, also
// when the check fails or ends early.
func (t *T) Cleanup(f func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cleanups = append(t.cleanups, f)
}

// Exercised records what the check compared, in a few words ("3 pages,
// 30 keys"), for the report: a pass says what it rests on.
func (t *T) Exercised(format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.exercised = append(t.exercised, fmt.Sprintf(format, args...))
}

// LeftBehind records an object the check created and could not remove
// (the product has no API to delete it): the report lists it, so an
// operator knows what a --write run left on the target.
func (t *T) LeftBehind(format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.left = append(t.left, fmt.Sprintf(format, args...))
}

// Shared returns the run's value for key, made once by the first check
// that asks, with its own requests: checks that each need, say, a device
// to work on share one rather than each leaving one behind. A failed
// make is remembered, and later checks get its error too.
func (t *T) Shared(key string, make func() (string, error)) (string, error) {
	tg := t.target
	tg.sharedMu.Lock()
	defer tg.sharedMu.Unlock()
	if v, ok := tg.shared[key]; ok {
		return v.value, v.err
	}
	value, err := make()
	if tg.shared == nil {
		tg.shared = map[string]sharedValue{}
	}
	tg.shared[key] = sharedValue{value, err}
	return value, err
}

// Errorf records a finding the check makes itself.
func (t *T) Errorf(format string, args ...any) {
	t.addFinding(Finding{Category: t.check.Category, Reason: fmt.Sprintf(format, args...)})
}

// Failf records a finding about a response a client of this T received:
// the report shows that exchange.
func (t *T) Failf(res *http.Response, format string, args ...any) {
	t.FailfAs(t.check.Category, res, format, args...)
}

// FailfAs is Failf for a finding of another kind than the check's: a check
// sweeping many operations reports a refused credential as auth, so the
// report says what broke.
func (t *T) FailfAs(cat Category, res *http.Response, format string, args ...any) {
	f := Finding{Category: cat, Reason: fmt.Sprintf(format, args...)}
	t.mu.Lock()
	f.ex = t.exchanges[res]
	t.mu.Unlock()
	t.addFinding(f)
}

// Fatalf records a finding and ends the check.
func (t *T) Fatalf(format string, args ...any) {
	t.Errorf(format, args...)
	runtime.Goexit()
}

// Skipf ends the check as skipped: the target cannot be judged by it
// (nothing suitable to act on, a credential missing). A check skips rather
// than passes whenever it could not exercise its rule.
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

// sent notes one answered request and the operation it reached.
func (t *T) sent(operationID string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.requests++
	if operationID != "" {
		t.operations[operationID] = true
	}
}

func (t *T) operationList() []string {
	out := make([]string, 0, len(t.operations))
	for op := range t.operations {
		out = append(out, op)
	}
	sort.Strings(out)
	return out
}

// handler turns httpexpect's assertion results into findings, each one
// plain sentence about the answer it looked at.
type handler T

func (h *handler) Success(*httpexpect.AssertionContext) {}

func (h *handler) Failure(ctx *httpexpect.AssertionContext, failure *httpexpect.AssertionFailure) {
	if failure.Severity != httpexpect.SeverityError {
		return
	}
	t := (*T)(h)
	reason, path := describe(t.target.redactor, ctx, failure)
	f := Finding{Category: t.check.Category, Reason: reason, JSONPath: path}
	if ctx.Response != nil && ctx.Response.Raw() != nil {
		t.mu.Lock()
		f.ex = t.exchanges[ctx.Response.Raw()]
		t.mu.Unlock()
	}
	t.addFinding(f)
}

// Show renders a value the target sent for a finding's sentence: as JSON,
// redacted, then clipped. Never Go's %v of a map or slice.
func (t *T) Show(v any) string { return plain{t.target.redactor}.show(v) }
