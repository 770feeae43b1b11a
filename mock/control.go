package mock

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

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
	if r.URL.Path != controlPrefix+"/health" && !s.controlAllowed(w, r) {
		return
	}
	type handlers map[string]func(http.ResponseWriter, *http.Request) // by method
	routes := map[string]handlers{
		controlPrefix + "/health":      {http.MethodGet: s.health},
		controlPrefix + "/credentials": {http.MethodGet: s.credentialsHandler},
		controlPrefix + "/reset":       {http.MethodPost: s.resetHandler},
		controlPrefix + "/journal":     {http.MethodGet: s.journalHandler, http.MethodDelete: s.clearJournal},
		controlPrefix + "/drifts":      {http.MethodGet: s.driftsHandler, http.MethodPut: s.putDrifts},
		controlPrefix + "/state":       {http.MethodGet: s.getState, http.MethodPut: s.putState},
		controlPrefix + "/state/save":  {http.MethodPost: s.saveState},
		controlPrefix + "/faults": {http.MethodGet: s.faultsHandler, http.MethodPost: s.postFault,
			http.MethodPut: s.putFaults, http.MethodDelete: s.clearFaults},
	}
	for _, p := range s.products {
		prefix := controlPrefix + "/" + p.Name()
		if c, ok := p.(controller); ok && owns(prefix, r.URL.Path) {
			http.StripPrefix(prefix, c.Control()).ServeHTTP(w, r)
			return
		}
	}
	if id, ok := strings.CutPrefix(r.URL.Path, controlPrefix+"/faults/"); ok && id != "" {
		s.faultByID(w, r, id)
		return
	}
	if name, ok := strings.CutPrefix(r.URL.Path, controlPrefix+"/drifts/"); ok && name != "" {
		s.driftByName(w, r, name)
		return
	}
	byMethod, ok := routes[r.URL.Path]
	if !ok {
		controlapi.Error(w, http.StatusNotFound, "no control endpoint "+r.URL.Path)
		return
	}
	h, ok := byMethod[r.Method]
	if !ok {
		allowed := slices.Sorted(maps.Keys(byMethod))
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		controlapi.Error(w, http.StatusMethodNotAllowed, r.Method+" not allowed on "+r.URL.Path+"; use "+strings.Join(allowed, " or "))
		return
	}
	h(w, r)
}

// health answers anyone (a container's health check has no token), but
// the seed, from which every seeded credential follows, only to those the
// control plane admits.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	doc := map[string]any{"status": "ok", "version": Version(), "products": s.Products()}
	if s.authorizedControl(r) {
		doc["seed"] = s.Seed()
	}
	controlapi.Write(w, http.StatusOK, doc)
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

// resetHandler restores the server as it started (seeded state, drifts,
// journal): ?seed=N under a new seed, ?keep=drifts,journal to leave those.
func (s *Server) resetHandler(w http.ResponseWriter, r *http.Request) {
	seed := s.Seed()
	if v := r.URL.Query().Get("seed"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			controlapi.Error(w, http.StatusBadRequest, "seed must be an unsigned integer, got "+strconv.Quote(v))
			return
		}
		seed = n
	}
	var keep ResetKeep
	if v := r.URL.Query().Get("keep"); v != "" {
		for _, part := range strings.Split(v, ",") {
			switch strings.TrimSpace(part) {
			case "drifts":
				keep.Drifts = true
			case "faults":
				keep.Faults = true
			case "journal":
				keep.Journal = true
			default:
				controlapi.Error(w, http.StatusBadRequest, "keep takes drifts, faults and journal, got "+strconv.Quote(part))
				return
			}
		}
	}
	s.reset(seed, keep)
	controlapi.Write(w, http.StatusOK, map[string]any{"status": "reset", "seed": seed, "kept": keep})
}

// journalHandler lists the journal, filtered by ?product=, operationId=,
// outcome=, method= and path= (a prefix).
func (s *Server) journalHandler(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := JournalFilter{Product: q.Get("product"), OperationID: q.Get("operationId"), Outcome: q.Get("outcome"),
		Method: q.Get("method"), Path: q.Get("path")}
	if f.Outcome != "" && f.Outcome != OutcomeSuccess && f.Outcome != OutcomeFailed {
		controlapi.Error(w, http.StatusBadRequest, "outcome must be success or failed, got "+strconv.Quote(f.Outcome))
		return
	}
	entries, dropped := s.Journal(f)
	controlapi.Write(w, http.StatusOK, map[string]any{"entries": entries, "dropped": dropped})
}

func (s *Server) clearJournal(w http.ResponseWriter, _ *http.Request) {
	s.ClearJournal()
	controlapi.Write(w, http.StatusOK, map[string]any{"status": "cleared"})
}

func (s *Server) driftsHandler(w http.ResponseWriter, _ *http.Request) {
	controlapi.Write(w, http.StatusOK, map[string]any{"drifts": s.Drifts()})
}

// putDrifts sets the active drifts: {"active":["name",...]}.
func (s *Server) putDrifts(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Active []string `json:"active"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		controlapi.Error(w, http.StatusBadRequest, `want {"active":["drift name",...]}: `+err.Error())
		return
	}
	if err := s.SetDrifts(in.Active...); err != nil {
		controlapi.Error(w, http.StatusBadRequest, err.Error())
		return
	}
	s.driftsHandler(w, r)
}

// driftByName turns one drift on (POST) or off (DELETE).
func (s *Server) driftByName(w http.ResponseWriter, r *http.Request, name string) {
	var active []string
	for _, d := range s.Drifts() {
		if d.Active && d.Name != name {
			active = append(active, d.Name)
		}
	}
	switch r.Method {
	case http.MethodPost:
		active = append(active, name)
	case http.MethodDelete:
	default:
		w.Header().Set("Allow", "POST, DELETE")
		controlapi.Error(w, http.StatusMethodNotAllowed, r.Method+" not allowed; POST turns a drift on, DELETE off")
		return
	}
	if err := s.SetDrifts(active...); err != nil {
		controlapi.Error(w, http.StatusNotFound, err.Error())
		return
	}
	s.driftsHandler(w, r)
}

func (s *Server) faultsHandler(w http.ResponseWriter, _ *http.Request) {
	controlapi.Write(w, http.StatusOK, map[string]any{"faults": s.Faults()})
}

// faultInput is a fault as the control plane takes it: the JSON fields,
// or the --fault form in "spec".
type faultInput struct {
	Fault
	Spec string `json:"spec"`
}

func (in faultInput) fault() (Fault, error) {
	if in.Spec == "" {
		return in.Fault, nil
	}
	return ParseFault(in.Spec)
}

// postFault adds one fault: {"kind":"status","product":"pmp","status":503}
// or {"spec":"status@pmp,status=503"}.
func (s *Server) postFault(w http.ResponseWriter, r *http.Request) {
	var in faultInput
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		controlapi.Error(w, http.StatusBadRequest, `want a fault, {"kind":"latency","delay":"200ms",...} or {"spec":"latency@pmp,delay=200ms"}: `+err.Error())
		return
	}
	f, err := in.fault()
	if err == nil {
		f, err = s.AddFault(f)
	}
	if err != nil {
		controlapi.Error(w, http.StatusBadRequest, err.Error())
		return
	}
	controlapi.Write(w, http.StatusCreated, f)
}

// putFaults sets the active faults: {"faults":[...]}.
func (s *Server) putFaults(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Faults []faultInput `json:"faults"`
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		controlapi.Error(w, http.StatusBadRequest, `want {"faults":[...]}: `+err.Error())
		return
	}
	fs := make([]Fault, len(in.Faults))
	for i, fi := range in.Faults {
		f, err := fi.fault()
		if err != nil {
			controlapi.Error(w, http.StatusBadRequest, fmt.Sprintf("fault %d: %v", i+1, err))
			return
		}
		fs[i] = f
	}
	if err := s.SetFaults(fs...); err != nil {
		controlapi.Error(w, http.StatusBadRequest, err.Error())
		return
	}
	s.faultsHandler(w, r)
}

func (s *Server) clearFaults(w http.ResponseWriter, r *http.Request) {
	_ = s.SetFaults()
	s.faultsHandler(w, r)
}

func (s *Server) faultByID(w http.ResponseWriter, r *http.Request, id string) {
	if r.Method != http.MethodDelete {
		w.Header().Set("Allow", http.MethodDelete)
		controlapi.Error(w, http.StatusMethodNotAllowed, r.Method+" not allowed; DELETE removes a fault")
		return
	}
	if !s.RemoveFault(id) {
		controlapi.Error(w, http.StatusNotFound, "no active fault "+strconv.Quote(id))
		return
	}
	s.faultsHandler(w, r)
}

// getState exports the whole state (see Server.ExportState).
func (s *Server) getState(w http.ResponseWriter, _ *http.Request) {
	b, err := s.ExportState()
	if err != nil {
		controlapi.Error(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="opsmock-state.json"`)
	_, _ = w.Write(b)
}

// putState imports a whole state; a bad one is refused with the reason and
// changes nothing.
func (s *Server) putState(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(r.Body)
	if err == nil {
		err = s.ImportState(b)
	}
	if err != nil {
		controlapi.Error(w, http.StatusBadRequest, err.Error())
		return
	}
	controlapi.Write(w, http.StatusOK, map[string]any{"status": "imported", "seed": s.Seed()})
}

// saveState writes the state file now.
func (s *Server) saveState(w http.ResponseWriter, _ *http.Request) {
	if s.saver == nil {
		controlapi.Error(w, http.StatusConflict, "no state file: start opsmock serve with --state-file to save to one")
		return
	}
	if err := s.SaveState(); err != nil {
		controlapi.Error(w, http.StatusInternalServerError, err.Error())
		return
	}
	controlapi.Write(w, http.StatusOK, map[string]any{"status": "saved", "file": s.saver.path})
}
