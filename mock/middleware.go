package mock

import (
	"errors"
	"io"
	"net/http"
	"runtime/debug"
	"sync/atomic"
	"time"

	"github.com/opsmock/opsmock/mock/internal/controlapi"
	"github.com/opsmock/opsmock/mock/internal/secret"
)

// responseRecorder notes what a handler wrote, for the access log and for
// knowing whether a panic can still be answered.
type responseRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *responseRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *responseRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap gives the connection's writer to what needs it (a fault
// hijacking the connection).
func (w *responseRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush passes a flush on, so a fault can push a partial answer out.
func (w *responseRecorder) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func record(w http.ResponseWriter) *responseRecorder {
	if rec, ok := w.(*responseRecorder); ok {
		return rec
	}
	return &responseRecorder{ResponseWriter: w}
}

// recoverPanics turns a handler panic into the owning product's own 500
// shape, logs it with its stack, and keeps the server up.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := record(w)
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.cfg.logger.Error("mock: handler panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			if rec.status != 0 {
				panic(http.ErrAbortHandler) // too late for a clean answer: drop the connection
			}
			if p := s.productFor(r.URL.Path); p != nil {
				p.WriteInternalError(rec, r)
				return
			}
			controlapi.Error(rec, http.StatusInternalServerError, "internal error")
		}()
		next.ServeHTTP(rec, r)
	})
}

// accessLog writes one line per request: no headers (they carry the
// credentials), secret query values masked.
func (s *Server) accessLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := record(w)
		defer func() { // deferred: a connection a fault dropped is logged too
			s.cfg.logger.Info("request",
				"method", r.Method, "path", r.URL.Path, "query", secret.Query(r.URL.RawQuery),
				"status", rec.status, "bytes", rec.bytes, "duration", time.Since(start).Round(time.Microsecond),
				"remote", r.RemoteAddr)
		}()
		next.ServeHTTP(rec, r)
	})
}

// limitBody caps every request body, refusing past the limit as it
// streams, and counts what requests under way have read against the
// server's budget: past it, a read fails and the product answers in its
// own error shape, so concurrent large bodies cannot take the memory.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil {
			next.ServeHTTP(w, r)
			return
		}
		b := &budgetedBody{ReadCloser: http.MaxBytesReader(w, r.Body, s.cfg.maxBodyBytes), budget: &s.bodyBytes, limit: s.cfg.bodyBudget}
		r.Body = b
		defer b.release()
		next.ServeHTTP(w, r)
	})
}

// errBodyBudget is a read past the server's budget for request bodies.
var errBodyBudget = errors.New("mock: too many request body bytes under way; try again")

// budgetedBody counts what it reads against a shared budget.
type budgetedBody struct {
	io.ReadCloser
	budget *atomic.Int64
	limit  int64
	held   int64
}

func (b *budgetedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.held += int64(n)
		if b.budget.Add(int64(n)) > b.limit {
			return 0, errBodyBudget
		}
	}
	return n, err
}

func (b *budgetedBody) release() { b.budget.Add(-b.held) }
