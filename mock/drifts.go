package mock

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/opsmock/opsmock/mock/internal/callnote"
	"github.com/opsmock/opsmock/mock/internal/drift"
)

// DriftInfo describes a named contract drift: a deliberate way of breaking
// the contract, to prove a conformance check or a client's resilience.
type DriftInfo struct {
	Name    string `json:"name"`
	Product string `json:"product"`
	Breaks  string `json:"breaks"`
	Active  bool   `json:"active"`
}

// Drifts lists every known drift and whether it is active.
func (s *Server) Drifts() []DriftInfo {
	active := s.activeDrifts()
	var out []DriftInfo
	for _, d := range drift.All() {
		_, on := active[d.Name]
		out = append(out, DriftInfo{Name: d.Name, Product: d.Product, Breaks: d.Breaks, Active: on})
	}
	return out
}

// SetDrifts makes exactly these drifts active (none to heal the server).
func (s *Server) SetDrifts(names ...string) error {
	set := map[string]drift.Drift{}
	for _, n := range names {
		d, ok := drift.Find(n)
		if !ok {
			return fmt.Errorf("unknown drift %q (GET /_opsmock/drifts lists them)", n)
		}
		set[n] = d
	}
	s.drifts.mu.Lock()
	s.drifts.active = set
	s.drifts.mu.Unlock()
	return nil
}

// driftSet is the active drifts.
type driftSet struct {
	mu     sync.RWMutex // guards active
	active map[string]drift.Drift
}

// activeDriftsOf names the active drifts of a product, sorted; nil if none.
func (s *Server) activeDriftsOf(product string) []string {
	var out []string
	for name, d := range s.activeDrifts() {
		if d.Product == product {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

func (s *Server) activeDrifts() map[string]drift.Drift {
	s.drifts.mu.RLock()
	defer s.drifts.mu.RUnlock()
	return s.drifts.active
}

// applyDrifts runs the active drifts concerning the request's product
// around it: request rewrites first, then answer rewrites on a buffered
// answer. Without drifts it costs one map read.
func (s *Server) applyDrifts(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		active := s.activeDrifts()
		var ds []drift.Drift
		for _, d := range active {
			if drift.Applies(d, r.URL.Path) {
				ds = append(ds, d)
			}
		}
		if len(ds) == 0 {
			next.ServeHTTP(w, r)
			return
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i].Name < ds[j].Name })
		env := driftEnv{s: s, next: next}
		var res *drift.Response
		for _, d := range ds {
			if d.Request != nil {
				if res = d.Request(env, r); res != nil {
					break // this drift answers instead of the product
				}
			}
		}
		rewrites := slices.ContainsFunc(ds, func(d drift.Drift) bool { return d.Response != nil })
		if res == nil && !rewrites {
			next.ServeHTTP(w, r)
			return
		}
		if res == nil {
			res = capture(next, r)
		}
		// Every answer gets the rewrites, also one a drift gave itself.
		for _, d := range ds {
			if d.Response != nil {
				d.Response(r, res)
			}
		}
		writeDrifted(w, res)
	})
}

func capture(h http.Handler, r *http.Request) *drift.Response {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return &drift.Response{Status: rec.Code, Header: rec.Header().Clone(), Body: rec.Body.Bytes()}
}

func writeDrifted(w http.ResponseWriter, res *drift.Response) {
	h := w.Header()
	for k, v := range res.Header {
		h[k] = v
	}
	if len(res.Body) > 0 || h.Get("Content-Length") != "" {
		h.Set("Content-Length", strconv.Itoa(len(res.Body)))
	}
	w.WriteHeader(res.Status)
	_, _ = bytes.NewReader(res.Body).WriteTo(w)
}

// driftEnv gives drifts the server's seeded credentials and the products
// without drifts.
type driftEnv struct {
	s    *Server
	next http.Handler
}

func (e driftEnv) OpsManagerKey(role string) (string, string, bool) {
	for _, k := range e.s.Credentials().OpsManager {
		if slices.Contains(k.Roles, role) {
			return k.PublicKey, k.PrivateKey, true
		}
	}
	return "", "", false
}

func (e driftEnv) PMPToken(user string) (string, bool) {
	for _, c := range e.s.Credentials().PMP {
		if c.User == user {
			return c.AuthToken, true
		}
	}
	return "", false
}

func (e driftEnv) PMPTokens() []string {
	var out []string
	for _, c := range e.s.Credentials().PMP {
		out = append(out, c.AuthToken)
	}
	return out
}

func (e driftEnv) OpManagerKey(user string) (string, bool) {
	for _, c := range e.s.Credentials().OpManager {
		if c.User == user && c.AccessType == "all" && c.Status == "enabled" {
			return c.APIKey, true
		}
	}
	return "", false
}

func (e driftEnv) KnownOpManagerKey(key string) bool {
	for _, c := range e.s.Credentials().OpManager {
		if c.APIKey == key {
			return true
		}
	}
	return false
}

// Do asks the product on the drift's own behalf: the journal's note of the
// caller's request stays the caller's.
func (e driftEnv) Do(r *http.Request) *drift.Response {
	return capture(e.next, r.WithContext(callnote.Without(r.Context())))
}
