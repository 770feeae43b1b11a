// Package pmp is the ManageEngine Password Manager Pro product of the opsmock
// mock server: AUTHTOKEN authentication with host-bound API users, the
// INPUT_DATA convention, the operation envelope, roles and per-user
// visibility, and the resources, accounts, password workflow, users, groups,
// sharing and audit of /restapi/json/v1, driven by spec/pmp.yaml.
package pmp

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/opsmock/opsmock/mock/internal/callnote"
	"github.com/opsmock/opsmock/mock/internal/memo"
	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
	"github.com/opsmock/opsmock/spec"
	"github.com/opsmock/opsmock/spec/contract"
)

// rolesExt names the operation extension listing the roles it allows.
const rolesExt = "x-roles"

// Config configures the product. Zero values get defaults.
type Config struct {
	// Seed makes every seeded ID, token, password and name deterministic.
	Seed uint64
	// SeedSize is how many resources (and users) to generate beyond the
	// document's examples.
	SeedSize int
	// Clock stamps changes, ages tokens and computes TOTPs. Default time.Now.
	Clock func() time.Time
	// Logger receives debug lines on refused requests (never a token).
	Logger *slog.Logger
	// Users are users of your own, added to the seeded ones with the
	// tokens given: name, role, token, and the host an API user is bound
	// to (empty: any host).
	Users []TokenCredential
	// Entropy, if set, is the only source of the randomness in generated
	// keys, serials and keystores, so the same requests give the same
	// bytes: for fixtures. Default crypto/rand.
	Entropy io.Reader
}

// TokenCredential is a user's token, as /_opsmock/credentials lists it and
// as Config.Users takes it.
type TokenCredential struct {
	User      string `json:"user"`
	Role      string `json:"role"`
	AuthToken string `json:"authToken"`
	// Host is the host an API user is bound to: a request from elsewhere
	// is refused (fact C1); empty for users that may call from anywhere.
	Host string `json:"host,omitempty"`
	// Locked users are refused.
	Locked bool `json:"locked,omitempty"`
}

// Usable says whether a request from this machine can authenticate with
// the credential: not locked, and bound to no host or to a loopback one.
func (c TokenCredential) Usable() bool {
	if c.Locked {
		return false
	}
	if c.Host == "" {
		return true
	}
	a, ok := hostAddr(c.Host)
	return ok && a.IsLoopback()
}

// Product serves PMP. It is safe for concurrent use.
type Product struct {
	cfg      Config
	contract *contract.Contract
	routes   map[string]route
	cur      atomic.Pointer[store] // the current state; a reset swaps it
	maxRange int                   // §41's range limit, the spec's x-max-range
	entropy  *pki.Entropy          // nil: crypto/rand
}

// New builds the product and seeds its state.
func New(cfg Config) (*Product, error) {
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if err := checkUsers(cfg.Users); err != nil {
		return nil, err
	}
	c, err := contract.New(spec.PMP)
	if err != nil {
		return nil, err
	}
	p := &Product{cfg: cfg, contract: c, maxRange: maxRangeFallback}
	if cfg.Entropy != nil {
		p.entropy = pki.Seeded(cfg.Entropy)
	}
	if op, ok := c.Operation("sslCertRangeDiscovery"); ok {
		if n, ok := op.Op.Extensions["x-max-range"].(float64); ok && n >= 1 {
			p.maxRange = int(n)
		}
	}
	p.routes = p.table()
	if err := contract.CheckTable(c, p.routes); err != nil {
		return nil, err
	}
	p.cur.Store(newStore(p.seeded(cfg.Seed)))
	return p, nil
}

// Name returns the product name.
func (p *Product) Name() string { return spec.PMP }

// Prefixes returns the path prefixes the product owns.
func (p *Product) Prefixes() []string { return p.contract.Prefixes() }

// Reset restores the seeded state for seed.
func (p *Product) Reset(seed uint64) { p.cur.Store(newStore(p.seeded(seed))) }

// seeded is the state a seed gives, with the configured users.
func (p *Product) seeded(seed uint64) *state {
	st := seedState(seed, p.cfg.SeedSize)
	st.addConfigured(p.cfg.Users)
	return st
}

// current is the store a request pins for its whole life.
func (p *Product) current() *store { return p.cur.Load() }

// Credentials lists the seeded users' tokens that still exist.
func (p *Product) Credentials() []TokenCredential {
	out := []TokenCredential{}
	p.current().read(func(st *state) {
		for _, id := range st.userOrder {
			if u := st.users[id]; u.Token != "" && id < firstGeneratedUser {
				out = append(out, TokenCredential{User: u.Name, Role: u.Role, AuthToken: u.Token, Host: u.Host, Locked: u.Locked})
			}
		}
	})
	return out
}

// pkiPrefix is the PKI API's root (§25-§76); its answers have their own shape.
const pkiPrefix = "/api/pki/restapi"

func isPKI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, pkiPrefix) }

// WriteInternalError answers a panicked request in the product's shape.
func (p *Product) WriteInternalError(w http.ResponseWriter, r *http.Request) {
	render(w, route{name: "INTERNAL ERROR", pki: isPKI(r)}, reply{}, failed(msgInternal))
}

// ServeHTTP runs the pipeline: parameters, token, route, role, spec
// validation, handler, render.
func (p *Product) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := p.current() // one state for the whole request, whatever a reset does meanwhile
	m, routeErr := p.contract.Match(r)
	var rt route
	if m != nil {
		rt = p.routes[m.OperationID()]
		callnote.Operation(r, m.OperationID())
	}
	client := clientAddr(r)
	pki := isPKI(r)

	// A token in the header or the query is checked before the body is
	// read: the body of a refused caller is never read, whatever its size.
	// Only a token sent in the body itself needs the body first.
	var body []byte
	var readErr error
	values, files := r.URL.Query(), map[string]*storedFile{}
	if token(r, values, !pki) == "" {
		body, readErr = io.ReadAll(r.Body)
		values, files = readParams(r, body)
	}
	u, fail, verdict := p.authenticate(s, r, values, client, !pki)
	if verdict == authOK && body == nil {
		body, readErr = io.ReadAll(r.Body)
		values, files = readParams(r, body)
	}
	switch verdict {
	case authNoAnswer:
		callnote.Outcome(r, true, "no answer: the API user's host name does not resolve")
		w.WriteHeader(http.StatusOK) // fact C1: nothing at all
		return
	case authFailed:
		p.cfg.Logger.Debug("pmp: token refused", "path", r.URL.Path, "reason", fail.message)
		callnote.Outcome(r, true, fail.message)
		render(w, route{name: "Authentication", pki: pki}, reply{}, fail)
		return
	}
	switch {
	case errors.Is(routeErr, contract.ErrMethodNotAllowed):
		callnote.Outcome(r, true, msgMethod)
		writeUnrouted(w, http.StatusMethodNotAllowed, "INVALID METHOD", msgMethod, pki)
		return
	case routeErr != nil:
		callnote.Outcome(r, true, msgInvalidURL)
		writeUnrouted(w, http.StatusNotFound, "INVALID URL", msgInvalidURL, pki)
		return
	}
	if !rt.pure {
		rep, err := p.serve(s, r, m, rt, u, values, files, body, readErr, client.String())
		p.note(r, rep, err)
		render(w, rt, rep, err)
		return
	}
	// A pure read answers from what it rendered for the same caller and
	// request at this state version; the first time, it renders and keeps
	// a success, provided no write happened meanwhile.
	key, version := memo.Key(strconv.Itoa(u.ID), r, body), s.memo.Version()
	if a, ok := s.memo.Get(version, key); ok {
		a.WriteTo(w)
		return
	}
	rep, err := p.serve(s, r, m, rt, u, values, files, body, readErr, client.String())
	p.note(r, rep, err)
	a := memo.Render(func(w http.ResponseWriter) { render(w, rt, rep, err) })
	if err == nil && (rep.status == "" || strings.EqualFold(rep.status, statusSuccess)) {
		s.memo.Keep(version, key, a)
	}
	a.WriteTo(w)
}

// note tells the journal a request's failure.
func (p *Product) note(r *http.Request, rep reply, err error) {
	if err != nil {
		callnote.Outcome(r, true, err.Error())
	} else if rep.status != "" && !strings.EqualFold(rep.status, statusSuccess) {
		callnote.Outcome(r, true, rep.message) // §64: every deployment failed
	}
}

func (p *Product) serve(s *store, r *http.Request, m *contract.Match, rt route, u user, values url.Values,
	files map[string]*storedFile, body []byte, readErr error, ip string) (reply, error) {
	if readErr != nil {
		var tooBig *http.MaxBytesError
		if errors.As(readErr, &tooBig) {
			return reply{}, failed("The request is larger than the allowed size.")
		}
		return reply{}, failed("The request body could not be read.")
	}
	roles := stringList(m.Route.Operation.Extensions[rolesExt])
	if !slices.Contains(roles, u.Role) {
		return reply{}, failed(msgRole + strings.Join(roles, ", ") + ".")
	}
	if f := missingRequired(m, values); f != nil {
		return reply{}, f
	}
	if err := p.contract.ValidateRequest(r.Context(), validationRequest(r, values, body), m); err != nil {
		return reply{}, requestError(err)
	}
	if rt.pki {
		s.ensurePKI()
	}
	c := &call{r: r, p: p, store: s, user: u, values: values, files: files, input: inputDetails(values),
		path: m.PathParams, ip: ip, now: p.cfg.Clock()}
	return rt.handle(c)
}

// writeUnrouted answers a URL or method that names no operation, in the
// shape of the API the path belongs to.
func writeUnrouted(w http.ResponseWriter, status int, name, msg string, pki bool) {
	res := result{Status: statusFailed, Message: msg}
	if pki {
		writeJSON(w, status, pkiEnvelope{Name: name, Result: &res})
		return
	}
	writeJSON(w, status, envelope{Operation: opBody{Name: name, Result: res}})
}

func stringList(v any) []string {
	raw, _ := v.([]any)
	out := make([]string, 0, len(raw))
	for _, x := range raw {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
