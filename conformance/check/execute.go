package check

import (
	"context"
	"fmt"
	"time"
)

// Execute runs one check against a target and returns its result.
func Execute(ctx context.Context, tg *Target, c Check) Result {
	res := Result{ID: c.ID, Rule: c.Rule, Category: c.Category, Write: c.Write}
	switch {
	case c.Write && !tg.Write:
		res.Status, res.Reason = Skip, "changes state: run with --write"
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
	res.Findings = t.findings
	switch {
	case t.broken != "":
		res.Status, res.Reason = Error, t.broken
	case len(t.findings) > 0:
		res.Status = Fail
	case t.skip != "":
		res.Status, res.Reason = Skip, t.skip
	default:
		res.Status = Pass
	}
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

// Probe asks the suite whether the target serves its product.
func Probe(ctx context.Context, tg *Target) error {
	t := newT(ctx, tg, Check{ID: tg.Product() + ".probe"})
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		err = tg.suite.Probe(t)
	}()
	<-done
	if t.broken != "" {
		return fmt.Errorf("%w: %s", ErrUnreachable, t.broken)
	}
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotServed, err)
	}
	return nil
}
