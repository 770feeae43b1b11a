package conformance

import (
	"context"
	"io"
	"net/http"
	"sync"
	"time"
)

// limiter spaces requests at least every apart: a gentle client of a
// production deployment.
type limiter struct {
	next  http.RoundTripper
	every time.Duration

	mu   sync.Mutex // guards last
	last time.Time
}

func (l *limiter) RoundTrip(r *http.Request) (*http.Response, error) {
	l.mu.Lock()
	wait := time.Until(l.last.Add(l.every))
	if wait < 0 {
		wait = 0
	}
	l.last = time.Now().Add(wait)
	l.mu.Unlock()
	if wait > 0 {
		select {
		case <-time.After(wait):
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	return l.next.RoundTrip(r)
}

// timeoutTransport bounds each request, body included.
type timeoutTransport struct {
	next    http.RoundTripper
	timeout time.Duration
}

func (t *timeoutTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(r.Context(), t.timeout)
	res, err := t.next.RoundTrip(r.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	res.Body = &cancelOnClose{ReadCloser: res.Body, cancel: cancel}
	return res, nil
}

// cancelOnClose ends a request's deadline when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}
