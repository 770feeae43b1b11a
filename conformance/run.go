package conformance

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"time"

	"github.com/opsmock/opsmock/conformance/check"
)

// DefaultTimeout bounds each request when Options.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Options configure a run.
type Options struct {
	// Product is pmp, opsmanager or opmanager.
	Product string
	// Primary is the credential the checks act with; Low, optional, a
	// lower-privileged one that enables the authorization checks.
	Primary, Low check.Credential
	// Write enables the lifecycle checks, which create, change and delete
	// objects of their own (named with a recognisable prefix).
	Write bool
	// ReadSecrets enables the reads that reveal a secret (a password, a
	// TOTP, a passphrase, a key file), which a real server audits. Write
	// implies it.
	ReadSecrets bool
	// LowUser names the user of the low credential (PMP), for the checks
	// that share something with it and read the effect back as it.
	LowUser string
	// Run and Skip select checks by ID; nil selects all, skips none.
	Run, Skip *regexp.Regexp
	// Rate caps requests per second; 0 means no cap.
	Rate float64
	// Timeout bounds each request; zero means DefaultTimeout.
	Timeout time.Duration
	// Insecure accepts any TLS certificate (self-signed deployments).
	Insecure bool
	// Transport carries the requests instead of a new http.Transport (the
	// mock's in-process transport, say). Timeout and Insecure then do not
	// apply; Rate does.
	Transport http.RoundTripper
	// Progress, if set, is called after each check.
	Progress func(check.Result)
}

// Errors of a run that could not judge the target. Each is exit status 2
// on the command line.
var (
	ErrUnreachable = check.ErrUnreachable
	ErrNotServed   = check.ErrNotServed
	ErrUsage       = errors.New("usage")
	// ErrRefused is a credential the target does not accept: a typo is
	// not a broken server, so no check runs.
	ErrRefused = errors.New("credential refused")
)

// Run checks the implementation at target. The report holds every
// selected check's result and which operations the run exercised; err is
// set when the run could not judge the target at all (bad options, target
// unreachable or not serving the product, a credential refused), in which
// case every selected check is reported as an error with that reason and
// none ran.
func Run(ctx context.Context, target string, opts Options) (report Report, err error) {
	report = Report{Product: opts.Product, Target: target, Write: opts.Write, Started: time.Now().UTC()}
	s, err := suite(opts.Product)
	if err != nil {
		return report, fmt.Errorf("%w: %v", ErrUsage, err)
	}
	if err := checkCredentials(opts); err != nil {
		return report, err
	}
	checks := selectChecks(s.Checks, opts)
	if len(checks) == 0 {
		return report, fmt.Errorf("%w: --run/--skip select none of the %d %s checks (opsmock check --list shows them)", ErrUsage, len(s.Checks), opts.Product)
	}
	redactor := &check.Redactor{}
	tg, err := check.NewTarget(target, s, opts.Primary, opts.Low, opts.Write, transport(opts), redactor)
	if err != nil {
		return report, err
	}
	tg.ReadSecrets = opts.ReadSecrets || opts.Write
	tg.LowUser = opts.LowUser
	start := time.Now()
	defer func() {
		report.Duration = time.Since(start)
		for i := range report.Results {
			report.Results[i].Redact(redactor)
		}
		report.Coverage = coverage(tg, report)
	}()
	if err := preflight(ctx, tg, opts); err != nil {
		for _, c := range checks {
			report.Results = append(report.Results, check.Result{ID: c.ID, Rule: c.Rule, Category: c.Category, Write: c.Write,
				Status: check.Error, Reason: "not run: " + redactor.String(err.Error())})
		}
		return report, &redactedError{msg: redactor.String(err.Error()), err: err}
	}
	for _, c := range checks {
		if ctx.Err() != nil {
			return report, ctx.Err()
		}
		res := check.Execute(ctx, tg, c)
		report.Results = append(report.Results, res)
		if opts.Progress != nil {
			opts.Progress(res)
		}
	}
	return report, nil
}

// preflight confirms, before any check, that the target serves the
// product (any answer in its shape counts, its refusal included) and
// that it accepts each credential given.
func preflight(ctx context.Context, tg *check.Target, opts Options) error {
	if err := check.Probe(ctx, tg); err != nil {
		return err
	}
	for _, who := range []check.Who{check.Primary, check.Low} {
		if who == check.Low && opts.Low.Empty() {
			continue
		}
		if err := check.Accepts(ctx, tg, who); err != nil {
			if errors.Is(err, check.ErrUnreachable) {
				return err
			}
			return &RefusedError{Flag: credentialFlag(opts.Product, who == check.Low), Answer: err.Error()}
		}
	}
	return nil
}

// redactedError keeps an error's kind (errors.Is) with a message a
// report may show.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// RefusedError is a credential the target refused in the preflight.
type RefusedError struct {
	Flag   string // the command-line flag that gave it
	Answer string // what the target answered, in a few words
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("the target refused %s: %s", e.Flag, e.Answer)
}

// Unwrap makes it an ErrRefused.
func (e *RefusedError) Unwrap() error { return ErrRefused }

func selectChecks(all []check.Check, opts Options) []check.Check {
	var out []check.Check
	for _, c := range all {
		if (opts.Run == nil || opts.Run.MatchString(c.ID)) && (opts.Skip == nil || !opts.Skip.MatchString(c.ID)) {
			out = append(out, c)
		}
	}
	sortByID(out)
	return out
}

func transport(opts Options) http.RoundTripper {
	rt := opts.Transport
	if rt == nil {
		timeout := opts.Timeout
		if timeout == 0 {
			timeout = DefaultTimeout
		}
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.ResponseHeaderTimeout = timeout
		t.TLSHandshakeTimeout = timeout
		if opts.Insecure {
			t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // the user asked: --insecure
		}
		rt = &timeoutTransport{next: t, timeout: timeout}
	}
	if opts.Rate > 0 {
		rt = &limiter{next: rt, every: time.Duration(float64(time.Second) / opts.Rate)}
	}
	return rt
}
