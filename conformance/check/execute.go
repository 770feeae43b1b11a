package check

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Execute runs one check against a target and returns its result.
func Execute(ctx context.Context, tg *Target, c Check) Result {
	res := Result{ID: c.ID, Rule: c.Rule, Category: c.Category, Write: c.Write}
	switch {
	case c.Write && !tg.Write:
		res.Status, res.Reason = Skip, "changes state: run with --write"
		return res
	case c.Secrets && !tg.ReadSecrets:
		res.Status, res.Reason = Skip, "reads secrets, which the target audits: run with --read-secrets or --write"
		return res
	case c.NeedsLow && tg.Low.Empty():
		res.Status, res.Reason = Skip, "needs the lower-privileged credential"
		return res
	}
	start := time.Now()
	t := newT(ctx, tg, c)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer t.runCleanups()
		defer func() {
			if p := recover(); p != nil {
				t.breakf("the check panicked: %v", p)
			}
		}()
		c.Run(t)
	}()
	<-done
	res.Duration = time.Since(start)
	t.mu.Lock()
	defer t.mu.Unlock()
	res.Findings = finish(t.findings, tg.redactor)
	res.Requests, res.Operations, res.Exercised, res.LeftBehind = t.requests, t.operationList(), t.exercised, t.left
	switch {
	case t.broken != "":
		res.Status, res.Reason = Error, t.broken
	case len(t.findings) > 0:
		res.Status = Fail
	case t.skip != "":
		res.Status, res.Reason = Skip, t.skip
	case t.requests == 0:
		// A pass must rest on something the target answered.
		res.Status, res.Reason = Error, "the check sent no request, so it exercised nothing"
	default:
		res.Status = Pass
	}
	res.Redact(tg.redactor)
	return res
}

// runCleanups runs the registered cleanups, last first; one that panics
// or fails does not stop the others.
func (t *T) runCleanups() {
	t.mu.Lock()
	cleanups := t.cleanups
	t.cleanups = nil
	t.mu.Unlock()
	for i := len(cleanups) - 1; i >= 0; i-- {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("cleanup panicked: %v", p)
				}
			}()
			cleanups[i]()
		}()
	}
}

// Probe tells whether the target serves the suite's product: one GET of
// its probe path without credentials. A transport failure is
// ErrUnreachable; a not-found, or a web page where the product answers
// JSON, is ErrNotServed. Any other answer, a refusal in whatever shape
// included, means the product is there to be judged.
func Probe(ctx context.Context, tg *Target) error {
	t := newT(ctx, tg, Check{ID: tg.Product() + ".probe"})
	var (
		res  *http.Response
		body []byte
		err  error
	)
	run(t, func() {
		res, err = t.Client(Anonymous).Get(tg.URL + tg.suite.ProbePath)
		if err == nil {
			body, _ = io.ReadAll(res.Body)
			res.Body.Close()
		}
	})
	switch {
	case t.broken != "":
		return fmt.Errorf("%w: %s", ErrUnreachable, t.broken)
	case err != nil:
		return fmt.Errorf("%w: %s", ErrUnreachable, explainTransport(err))
	}
	what := fmt.Sprintf("GET %s answered %s", tg.suite.ProbePath, statusText(res))
	ct := res.Header.Get("Content-Type")
	switch {
	case res.StatusCode == http.StatusNotFound:
		return fmt.Errorf("%w: %s: no %s API at this URL (check --target and --product)", ErrNotServed, what, tg.Product())
	case strings.Contains(ct, "html") && res.StatusCode != http.StatusUnauthorized && res.StatusCode != http.StatusForbidden:
		return fmt.Errorf("%w: %s with a web page (%d bytes of %s), not the %s API (check --target and --product)",
			ErrNotServed, what, len(body), ct, tg.Product())
	}
	return nil
}

// Accepts tells whether the target accepts who's credential, with the
// suite's harmless read: nil, or ErrRefused saying what it answered.
func Accepts(ctx context.Context, tg *Target, who Who) error {
	t := newT(ctx, tg, Check{ID: tg.Product() + ".preflight"})
	var err error
	run(t, func() { err = tg.suite.Accepts(t, who) })
	switch {
	case t.broken != "":
		return fmt.Errorf("%w: %s", ErrUnreachable, t.broken)
	case err != nil:
		return refusal(tg.redactor.String(err.Error()))
	}
	return nil
}

// refusal is what a target answered a credential it refused; it is an
// ErrRefused.
type refusal string

func (r refusal) Error() string        { return string(r) }
func (r refusal) Is(target error) bool { return target == ErrRefused }

// run calls f in its own goroutine, as checks run: Skipf and Fatalf end it.
func run(t *T, f func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if p := recover(); p != nil {
				t.breakf("panicked: %v", p)
			}
		}()
		f()
	}()
	<-done
}

func statusText(res *http.Response) string {
	return fmt.Sprintf("HTTP %d %s", res.StatusCode, http.StatusText(res.StatusCode))
}
