package mock

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/opsmock/opsmock/mock/opsmanager"
)

// controlPrefix is the control plane's root: opsmock tooling, not part of
// any vendor API.
const controlPrefix = "/_opsmock"

// control serves the control plane.
func (s *Server) control(w http.ResponseWriter, r *http.Request) {
	type endpoint struct {
		method string
		serve  func(http.ResponseWriter, *http.Request)
	}
	routes := map[string]endpoint{
		controlPrefix + "/health":      {http.MethodGet, s.health},
		controlPrefix + "/credentials": {http.MethodGet, s.credentialsHandler},
		controlPrefix + "/reset":       {http.MethodPost, s.reset},
	}
	ep, ok := routes[r.URL.Path]
	switch {
	case !ok:
		writeControlJSON(w, http.StatusNotFound, map[string]string{"error": "no control endpoint " + r.URL.Path})
	case r.Method != ep.method:
		w.Header().Set("Allow", ep.method)
		writeControlJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": r.Method + " not allowed on " + r.URL.Path + "; use " + ep.method})
	default:
		ep.serve(w, r)
	}
}

func (s *Server) health(w http.ResponseWriter, _ *http.Request) {
	writeControlJSON(w, http.StatusOK, map[string]any{
		"status": "ok", "version": Version(), "seed": s.Seed(), "products": s.Products(),
	})
}

// Credentials returns the seeded credentials that still exist, per
// product; a product not served has an empty list.
func (s *Server) Credentials() Credentials {
	c := Credentials{PMP: []any{}, OpsManager: []opsmanager.KeyCredential{}, OpManager: []any{}}
	for _, p := range s.products {
		if om, ok := p.(*opsmanager.Product); ok {
			c.OpsManager = om.Credentials()
		}
	}
	return c
}

func (s *Server) credentialsHandler(w http.ResponseWriter, _ *http.Request) {
	writeControlJSON(w, http.StatusOK, s.Credentials())
}

// reset restores the seeded state, with ?seed=N under a new seed.
func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	seed := s.Seed()
	if v := r.URL.Query().Get("seed"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			writeControlJSON(w, http.StatusBadRequest, map[string]string{"error": "seed must be an unsigned integer, got " + strconv.Quote(v)})
			return
		}
		seed = n
	}
	s.Reset(seed)
	writeControlJSON(w, http.StatusOK, map[string]any{"status": "reset", "seed": seed})
}

func writeControlJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encode response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
