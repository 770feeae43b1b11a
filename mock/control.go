package mock

import (
	"net/http"
	"strconv"

	"github.com/opsmock/opsmock/mock/internal/controlapi"
	"github.com/opsmock/opsmock/mock/opmanager"
	"github.com/opsmock/opsmock/mock/opsmanager"
	"github.com/opsmock/opsmock/mock/pmp"
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
	for _, p := range s.products {
		prefix := controlPrefix + "/" + p.Name()
		if c, ok := p.(controller); ok && owns(prefix, r.URL.Path) {
			http.StripPrefix(prefix, c.Control()).ServeHTTP(w, r)
			return
		}
	}
	ep, ok := routes[r.URL.Path]
	switch {
	case !ok:
		controlapi.Error(w, http.StatusNotFound, "no control endpoint "+r.URL.Path)
	case r.Method != ep.method:
		w.Header().Set("Allow", ep.method)
		controlapi.Error(w, http.StatusMethodNotAllowed, r.Method+" not allowed on "+r.URL.Path+"; use "+ep.method)
	default:
		ep.serve(w, r)
	}
}

func (s *Server) health(w http.ResponseWriter, _ *http.Request) {
	controlapi.Write(w, http.StatusOK, map[string]any{
		"status": "ok", "version": Version(), "seed": s.Seed(), "products": s.Products(),
	})
}

// Credentials returns the seeded credentials that still exist, per
// product; a product not served has an empty list.
func (s *Server) Credentials() Credentials {
	c := Credentials{PMP: []pmp.TokenCredential{}, OpsManager: []opsmanager.KeyCredential{}, OpManager: []opmanager.KeyCredential{}}
	for _, p := range s.products {
		switch p := p.(type) {
		case *opsmanager.Product:
			c.OpsManager = p.Credentials()
		case *opmanager.Product:
			c.OpManager = p.Credentials()
		case *pmp.Product:
			c.PMP = p.Credentials()
		}
	}
	return c
}

func (s *Server) credentialsHandler(w http.ResponseWriter, _ *http.Request) {
	controlapi.Write(w, http.StatusOK, s.Credentials())
}

// reset restores the seeded state, with ?seed=N under a new seed.
func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	seed := s.Seed()
	if v := r.URL.Query().Get("seed"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			controlapi.Error(w, http.StatusBadRequest, "seed must be an unsigned integer, got "+strconv.Quote(v))
			return
		}
		seed = n
	}
	s.Reset(seed)
	controlapi.Write(w, http.StatusOK, map[string]any{"status": "reset", "seed": seed})
}
