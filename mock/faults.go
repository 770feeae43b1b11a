package mock

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	"github.com/opsmock/opsmock/mock/internal/callnote"
	"github.com/opsmock/opsmock/mock/internal/fault"
)

// Fault is a transport fault: what a client must survive. Kind is one of
// latency, status, reset, empty, truncate, ratelimit; Product and
// OperationID scope it (empty: all); Probability (seeded) and Count ("the
// next 3 calls") bound it. ParseFault reads the --fault form.
type Fault = fault.Fault

// FaultDuration is a Fault's duration: "200ms" in JSON.
type FaultDuration = fault.Duration

// ParseFault reads KIND[@PRODUCT[/OPERATION]][,key=value...], as --fault
// takes it: latency@pmp,delay=200ms (or delay=100ms-500ms);
// status@opsmanager/listGlobalApiKeys,status=503,count=3;
// ratelimit@opmanager/listAlarms,limit=25,window=1m; reset,p=0.1;
// empty; truncate@pmp.
func ParseFault(s string) (Fault, error) { return fault.Parse(s) }

// WithFaults activates transport faults from the start; a reset restores
// them.
func WithFaults(fs ...Fault) Option {
	return func(s *settings) { s.faults = append([]Fault(nil), fs...) }
}

// SetFaults makes exactly these faults active (none to heal the server).
// A fault that could not act is refused and nothing changes.
func (s *Server) SetFaults(fs ...Fault) error {
	checked, err := s.checkFaults(fs)
	if err != nil {
		return err
	}
	s.faults.Replace(checked)
	return nil
}

// AddFault activates one more fault and returns it with its id.
func (s *Server) AddFault(f Fault) (Fault, error) {
	checked, err := s.checkFaults([]Fault{f})
	if err != nil {
		return Fault{}, err
	}
	return s.faults.Add(checked[0]), nil
}

// RemoveFault deactivates a fault by id.
func (s *Server) RemoveFault(id string) bool { return s.faults.Remove(id) }

// Faults lists the active faults with how often each fired.
func (s *Server) Faults() []Fault { return s.faults.List() }

func (s *Server) checkFaults(fs []Fault) ([]Fault, error) {
	out := make([]Fault, len(fs))
	for i, f := range fs {
		if err := f.Check(s.Products()); err != nil {
			return nil, fmt.Errorf("fault %d: %w", i+1, err)
		}
		out[i] = f
	}
	return out, nil
}

// abortKey carries, for the in-process transport, how a fault ended a
// request without an answer: there is no connection to reset.
type abortKey struct{}

type abortNote struct{ kind string }

// applyFaults lets the active faults act on vendor-API requests. Without
// faults it costs one lock.
func (s *Server) applyFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := s.productFor(r.URL.Path)
		if p == nil || s.faults.Empty() {
			next.ServeHTTP(w, r)
			return
		}
		a, ok := s.faults.Decide(p.Name(), p.OperationOf(r), s.cfg.clock())
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		callnote.Fault(r, a.Label)
		switch a.Kind {
		case fault.Latency:
			select {
			case <-time.After(a.Delay):
			case <-r.Context().Done():
				return
			}
			next.ServeHTTP(w, r)
		case fault.Status, fault.RateLimit:
			if a.RetryAfter > 0 {
				w.Header().Set("Retry-After", strconv.Itoa(max(1, int((a.RetryAfter+time.Second-1)/time.Second))))
			}
			p.WriteFault(w, r, a.StatusCode)
		case fault.Reset, fault.Empty:
			closeWithoutAnswer(w, r, a.Kind)
		case fault.Truncate:
			truncate(w, r, next)
		}
	})
}

// closeWithoutAnswer ends the connection: with a TCP reset (SO_LINGER 0)
// or a plain close, before a byte of answer.
func closeWithoutAnswer(w http.ResponseWriter, r *http.Request, kind string) {
	if n, ok := r.Context().Value(abortKey{}).(*abortNote); ok {
		n.kind = kind // in process: the transport answers with the error
		panic(http.ErrAbortHandler)
	}
	hj, ok := unwrapHijacker(w)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if kind == fault.Reset {
		if tc, ok := netConn(conn).(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
	}
	_ = conn.Close()
}

// truncate sends the product's answer with its full Content-Length but
// only half its body, then drops the connection.
func truncate(w http.ResponseWriter, r *http.Request, next http.Handler) {
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.Code)
	_, _ = bytes.NewReader(body[:len(body)/2]).WriteTo(w)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	if n, ok := r.Context().Value(abortKey{}).(*abortNote); ok {
		n.kind = fault.Truncate
	}
	panic(http.ErrAbortHandler) // the server closes the connection mid-body
}

// unwrapHijacker finds the connection's Hijacker under the middleware's
// response recorders.
func unwrapHijacker(w http.ResponseWriter) (http.Hijacker, bool) {
	for {
		if hj, ok := w.(http.Hijacker); ok {
			return hj, true
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return nil, false
		}
		w = u.Unwrap()
	}
}

// netConn is the TCP connection under a TLS one.
func netConn(c net.Conn) net.Conn {
	if nc, ok := c.(interface{ NetConn() net.Conn }); ok {
		return nc.NetConn()
	}
	return c
}
