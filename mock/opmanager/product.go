// Package opmanager is the ManageEngine OpManager product of the opsmock
// mock server: apiKey authentication with the header-only URLs, the API Key
// Management model (All / Module / Specific-API keys, enable, disable,
// regenerate, expiry), devices, alarms, discovery, NCM imports and OpUtils
// calls, driven by spec/opmanager.yaml.
package opmanager

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/opsmock/opsmock/mock/internal/callnote"
	"github.com/opsmock/opsmock/mock/internal/memo"
	"github.com/opsmock/opsmock/spec"
	"github.com/opsmock/opsmock/spec/contract"
)

const (
	moduleExt     = "x-module"
	headerOnlyExt = "x-header-only"
)

// Config configures the product. Zero values get defaults.
type Config struct {
	// Seed makes every seeded key, device and alarm deterministic.
	Seed uint64
	// SeedSize is how many devices to generate beyond the fixed one.
	SeedSize int
	// Clock decides key expiry and stamps changes. Default time.Now.
	Clock func() time.Time
	// Logger receives debug lines on refused requests (never a key).
	Logger *slog.Logger
	// AuthFailureStatus answers requests without a usable key. Default
	// DefaultAuthFailureStatus; no capture shows the real one (fact B2).
	AuthFailureStatus int
	// AccessDeniedStatus answers keys not allowed the operation. Default
	// DefaultAccessDeniedStatus.
	AccessDeniedStatus int
	// Keys are keys of your own, seeded after the generated ones, with the
	// values given.
	Keys []KeyCredential
}

// KeyCredential is a key as /_opsmock/credentials lists it and as
// Config.Keys takes it.
type KeyCredential struct {
	User       string `json:"user"` // the owner: admin, operator or guest
	Name       string `json:"name"`
	APIKey     string `json:"apiKey"`
	AccessType string `json:"accessType"` // all, module or specific
	// Status is enabled, disabled or (listed only) expired; empty means
	// enabled.
	Status string `json:"status"`
	// Modules gives a module key its permission per module: none, read or
	// readwrite, within the owner's.
	Modules map[string]string `json:"modules,omitempty"`
	// APIs names a specific-API key's APIs by their path under /api/json/
	// (alarm/listAlarms).
	APIs []string `json:"apis,omitempty"`
	// ExpiresAt, if set, is when the key stops working.
	ExpiresAt *time.Time `json:"expiresAt,omitempty"`
	// Usable says, in a listing, whether a request with the key gets past
	// authentication now: enabled, not expired, its owner's REST API access
	// on. Ignored in Config.Keys.
	Usable bool `json:"usable"`
}

// Product serves the OpManager API. It is safe for concurrent use.
type Product struct {
	cfg        Config
	contract   *contract.Contract
	modules    []string        // every x-module of the spec, sorted
	apis       map[string]bool // every API id: the path under /api/json/
	handlers   map[string]handler
	configured []*apiKey             // Config.Keys, checked; every reset seeds them
	cur        atomic.Pointer[store] // the current state; a reset swaps it
}

type handler func(*call) (any, error)

// outcomer is an answer that can report a failure in its own shape (the
// legacy OpUtils reply's "status": "Failure").
type outcomer interface {
	outcome() (failed bool, detail string)
}

// New builds the product and seeds its state.
func New(cfg Config) (*Product, error) {
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.AuthFailureStatus == 0 {
		cfg.AuthFailureStatus = DefaultAuthFailureStatus
	}
	if cfg.AccessDeniedStatus == 0 {
		cfg.AccessDeniedStatus = DefaultAccessDeniedStatus
	}
	c, err := contract.New(spec.OpManager)
	if err != nil {
		return nil, err
	}
	p := &Product{cfg: cfg, contract: c, apis: map[string]bool{}}
	for _, op := range c.Operations() {
		mod, _ := op.Op.Extensions[moduleExt].(string)
		if mod == "" {
			return nil, fmt.Errorf("opmanager spec: %s has no %s", op.OperationID, moduleExt)
		}
		if !slices.Contains(p.modules, mod) {
			p.modules = append(p.modules, mod)
		}
		p.apis[apiID(c.BasePath(), op.Path)] = true
	}
	sort.Strings(p.modules)
	p.handlers = p.routes()
	if err := contract.CheckTable(c, p.handlers); err != nil {
		return nil, err
	}
	if p.configured, err = p.configuredKeys(cfg.Keys); err != nil {
		return nil, err
	}
	p.cur.Store(newStore(seedState(cfg.Seed, cfg.SeedSize, p.modules, p.configured)))
	return p, nil
}

// apiID names an API as the Specific-API list does: its path under
// /api/json/, e.g. "v1/ncmsettings/getSysLogBlockedHosts" (OPM-KEYS).
func apiID(base, path string) string {
	return strings.TrimPrefix(strings.TrimPrefix(path, base), "/")
}

// Name returns the product name.
func (p *Product) Name() string { return spec.OpManager }

// Prefixes returns the path prefixes the product owns.
func (p *Product) Prefixes() []string { return p.contract.Prefixes() }

// Reset restores the seeded state for seed.
func (p *Product) Reset(seed uint64) {
	p.cur.Store(newStore(seedState(seed, p.cfg.SeedSize, p.modules, p.configured)))
}

// current is the store a request pins for its whole life.
func (p *Product) current() *store { return p.cur.Load() }

// Credentials lists the seeded keys that still exist, with their status now.
func (p *Product) Credentials() []KeyCredential {
	now := p.cfg.Clock()
	out := []KeyCredential{}
	p.current().read(func(st *state) {
		for _, k := range st.keys {
			if k.ID < 1000 { // seeded, not created at runtime
				c := k.credential(now)
				c.Usable = c.Status == statusEnabled && st.users[k.Owner].RESTAccess
				out = append(out, c)
			}
		}
	})
	return out
}

// WriteInternalError answers a panicked request in the product's shape.
func (p *Product) WriteInternalError(w http.ResponseWriter, _ *http.Request) {
	render(w, nil, &apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: "Internal error."})
}

// ServeHTTP runs the pipeline: parameters, key, route, access, XSS check,
// spec validation, handler, render.
func (p *Product) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := p.serve(w, r)
	var ae *apiError
	if errors.As(err, &ae) {
		callnote.Outcome(r, true, ae.Code)
	} else if err != nil {
		callnote.Outcome(r, true, err.Error())
	} else if o, ok := body.(outcomer); ok {
		failed, detail := o.outcome()
		callnote.Outcome(r, failed, detail)
	}
	render(w, body, err)
}

func (p *Product) serve(w http.ResponseWriter, r *http.Request) (any, error) {
	m, routeErr := p.contract.Match(r)
	if m != nil {
		callnote.Operation(r, m.OperationID())
	}
	headerOnly := m != nil && m.Route.Operation.Extensions[headerOnlyExt] == true
	s := p.current() // one state for the whole request, whatever a reset does meanwhile

	// A key in the header or the query is checked before the body is read:
	// the body of a refused caller is never read, whatever its size. Only a
	// key sent as a form field needs the body first.
	early := r.Header.Get(apiKeyParam) != "" || (!headerOnly && r.URL.Query().Get(apiKeyParam) != "")
	var key apiKey
	var owner user
	if early {
		var ae *apiError
		if key, owner, ae = p.authenticate(s, r, r.URL.Query(), headerOnly); ae != nil {
			p.cfg.Logger.Debug("opmanager: key refused", "path", r.URL.Path, "code", ae.Code)
			return nil, ae
		}
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errInvalidFile("The request exceeds the maximum size of %d bytes.", tooBig.Limit)
		}
		return nil, errInvalidFile("The request body could not be read.")
	}
	values, files, paramErr := readParams(r, body)
	if !early {
		var ae *apiError
		if key, owner, ae = p.authenticate(s, r, values, headerOnly); ae != nil {
			p.cfg.Logger.Debug("opmanager: key refused", "path", r.URL.Path, "code", ae.Code)
			return nil, ae
		}
	}
	switch {
	case errors.Is(routeErr, contract.ErrMethodNotAllowed):
		w.Header().Set("Allow", strings.Join(p.contract.AllowedMethods(r), ", "))
		return nil, &apiError{Status: http.StatusMethodNotAllowed, Code: codeMethod,
			Message: fmt.Sprintf("The %s method is not allowed on %s.", r.Method, r.URL.Path)}
	case routeErr != nil:
		return nil, &apiError{Status: http.StatusNotFound, Code: codeURLNotFound,
			Message: fmt.Sprintf("The requested URL %s is not available.", r.URL.Path)}
	}
	// A pure read answered before at this state version, for this key and
	// this very request, is answered again: what follows (authorization,
	// parameter checks, validation, the handler) depends on nothing else.
	// Only pure reads keep answers (pure).
	memoKey, version := memo.Key(strconv.Itoa(key.ID), r, body), s.memo.Version()
	if a, ok := s.memo.Get(version, memoKey); ok {
		return a, nil
	}
	if ae := p.authorize(key, owner, m, r.Method); ae != nil {
		return nil, ae
	}
	if paramErr != nil {
		return nil, errInvalidFile("%s", paramErr.Error())
	}
	if ae := checkXSS(values); ae != nil {
		return nil, ae
	}
	if err := p.contract.ValidateRequest(r.Context(), validationRequest(r, values, body), m); err != nil {
		return nil, requestError(err)
	}
	return p.handlers[m.OperationID()](&call{r: r, store: s, values: values, files: files, key: key, user: owner, p: p,
		memoKey: memoKey, version: version})
}

// authenticate finds the request's key: from the apiKey header (any case),
// or, except on header-only URLs, from the apiKey query or form parameter.
func (p *Product) authenticate(s *store, r *http.Request, values map[string][]string, headerOnly bool) (apiKey, user, *apiError) {
	deny := func(code, format string, args ...any) (apiKey, user, *apiError) {
		return apiKey{}, user{}, &apiError{Status: p.cfg.AuthFailureStatus, Code: code, Message: fmt.Sprintf(format, args...)}
	}
	value := r.Header.Get(apiKeyParam)
	if value == "" && !headerOnly && len(values[apiKeyParam]) > 0 {
		value = values[apiKeyParam][0]
	}
	if value == "" {
		if headerOnly {
			return deny(codeKeyMissing, "The apiKey is missing. This API accepts it only in the apiKey request header.")
		}
		return deny(codeKeyMissing, "The apiKey is missing. Send it in the apiKey request header.")
	}
	var (
		key   apiKey
		owner user
		found bool
	)
	s.read(func(st *state) {
		var k *apiKey
		if k, found = st.keyByValue(value); found {
			key, owner = k.clone(), st.users[k.Owner].clone()
		}
	})
	if !found {
		return deny(codeKeyInvalid, "The apiKey is invalid.")
	}
	switch key.status(p.cfg.Clock()) {
	case statusDisabled:
		return deny(codeKeyDisabled, "The apiKey '%s' is disabled.", key.Name)
	case statusExpired:
		return deny(codeKeyExpired, "The apiKey '%s' expired on %s.", key.Name, key.ExpiresAt.UTC().Format(time.RFC3339))
	}
	if !owner.RESTAccess {
		return deny(codeRESTDisabled, "REST API access is disabled for the user '%s'. Contact the administrator user.", owner.Name)
	}
	return key, owner, nil
}

// authorize applies the owner's privileges, then the key's access type.
func (p *Product) authorize(key apiKey, owner user, m *contract.Match, method string) *apiError {
	module := m.Extension(moduleExt)
	api := apiID("", m.Route.Path)
	need := needed(method)
	deny := func(format string, args ...any) *apiError {
		return &apiError{Status: p.cfg.AccessDeniedStatus, Code: codeAccessDenied, Message: fmt.Sprintf(format, args...)}
	}
	if owner.Privileges[module] < need {
		return deny("The user '%s' has no %s access to the %s module.", owner.Name, need, module)
	}
	if !key.allows(module, api, need) {
		return deny("The apiKey '%s' does not allow %s.", key.Name, api)
	}
	return nil
}
