// Package opsmanager is the MongoDB Ops Manager Global API Keys product of
// the opsmock mock server: digest authentication, global roles, the global
// access list, envelope/pretty rendering and pagination, all driven by
// spec/opsmanager.yaml.
package opsmanager

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"sync/atomic"
	"time"

	"github.com/opsmock/opsmock/mock/internal/callnote"
	"github.com/opsmock/opsmock/mock/internal/memo"
	"github.com/opsmock/opsmock/spec"
	"github.com/opsmock/opsmock/spec/contract"
)

// DefaultNonceTTL is how long a digest nonce stays valid. The vendor says only
// that nonces are short-lived (fact A4); past this, a correct response gets
// 401 stale=true and a fresh nonce.
const DefaultNonceTTL = 5 * time.Minute

// defaultMaxNonces bounds the nonce store; the oldest are dropped first.
const defaultMaxNonces = 100_000

// Config configures the product. Zero values get defaults.
type Config struct {
	// Seed makes every seeded id, key pair and description deterministic.
	Seed uint64
	// SeedSize is how many generated keys to seed beyond the fixed ones.
	SeedSize int
	// Clock stamps created objects and ages nonces. Default time.Now.
	Clock func() time.Time
	// Logger receives debug lines on refused authentication (never secrets).
	Logger *slog.Logger
	// Keys are extra credentials seeded (and listed) besides the generated ones.
	Keys []KeyCredential
	// NonceTTL is the digest nonce lifetime. Default DefaultNonceTTL.
	NonceTTL time.Duration
	// NonceSource supplies the digest nonces' randomness. Default
	// crypto/rand. Fixture generation passes a seeded one so recorded
	// exchanges repeat; a server anyone can reach must not.
	NonceSource io.Reader
}

// KeyCredential is a usable key pair, as listed by /_opsmock/credentials.
type KeyCredential struct {
	PublicKey  string   `json:"publicKey"`
	PrivateKey string   `json:"privateKey"`
	Roles      []string `json:"roles"`
	Desc       string   `json:"desc"`
}

// Product serves the Ops Manager API. It is safe for concurrent use.
type Product struct {
	cfg      Config
	contract *contract.Contract
	roles    roleSet
	handlers map[string]handler
	cur      atomic.Pointer[store] // the current state; a reset swaps it
	nonces   *nonceStore
}

// call is one authenticated, routed, validated request, as handlers see it.
type call struct {
	r      *http.Request
	store  *store // the state pinned when the request arrived
	match  *contract.Match
	caller apiKey
	body   []byte
	ip     netip.Addr
	now    time.Time
	// memoKey names the request for its key, and version is the state
	// version it arrived at: where a pure read keeps its answer.
	memoKey string
	version uint64
}

// handler serves one operation; render turns its result or error into bytes.
type handler func(*call) (result, error)

// New builds the product and seeds its state.
func New(cfg Config) (*Product, error) {
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.NonceTTL <= 0 {
		cfg.NonceTTL = DefaultNonceTTL
	}
	c, err := contract.New(spec.OpsManager)
	if err != nil {
		return nil, err
	}
	roles, err := rolesFromSpec(c.Doc())
	if err != nil {
		return nil, err
	}
	for _, k := range cfg.Keys {
		if err := validateKeyCredential(k, roles); err != nil {
			return nil, err
		}
	}
	p := &Product{cfg: cfg, contract: c, roles: roles, nonces: newNonceStore(cfg.NonceTTL, defaultMaxNonces, cfg.NonceSource)}
	p.handlers = p.routes()
	if err := contract.CheckTable(c, p.handlers); err != nil {
		return nil, err
	}
	p.cur.Store(newStore(seedState(cfg.Seed, cfg.SeedSize, cfg.Keys, roles)))
	return p, nil
}

// Name returns the product name.
func (p *Product) Name() string { return spec.OpsManager }

// Prefixes returns the path prefixes the product owns.
func (p *Product) Prefixes() []string { return p.contract.Prefixes() }

// Reset restores the seeded state for seed and forgets every nonce.
func (p *Product) Reset(seed uint64) {
	p.cur.Store(newStore(seedState(seed, p.cfg.SeedSize, p.cfg.Keys, p.roles)))
	p.nonces.reset()
}

// Credentials lists the seeded credentials that still exist.
func (p *Product) Credentials() []KeyCredential { return p.current().credentials() }

// current is the store a request pins for its whole life.
func (p *Product) current() *store { return p.cur.Load() }

// WriteInternalError answers in the product's 500 shape (fact A2 UNEXPECTED_ERROR).
func (p *Product) WriteInternalError(w http.ResponseWriter, r *http.Request) {
	render(w, formatOf(r), result{}, errUnexpected())
}

// ServeHTTP runs the pipeline: digest authentication, access list, routing,
// role, validation, handler, render.
func (p *Product) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := p.current() // one state for the whole request, whatever a reset does meanwhile
	m, routeErr := p.contract.Match(r)
	if m != nil {
		callnote.Operation(r, m.OperationID())
	}
	key, fail := p.authenticate(s, r)
	if fail != nil {
		p.cfg.Logger.Debug("opsmanager: authentication refused", "path", r.URL.Path, "reason", fail.reason, "stale", fail.stale)
		callnote.Outcome(r, true, "401 Unauthorized: "+fail.reason)
		p.writeChallenge(w, fail.stale)
		return
	}
	res, err := p.serve(s, r, key, m, routeErr)
	var ae *apiError
	if errors.As(err, &ae) {
		callnote.Outcome(r, true, ae.Code)
	} else if err != nil {
		callnote.Outcome(r, true, err.Error())
	}
	if errors.As(err, &ae) && ae.Status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", strings.Join(p.contract.AllowedMethods(r), ", "))
	}
	render(w, formatOf(r), res, err)
}

func (p *Product) serve(s *store, r *http.Request, caller apiKey, m *contract.Match, routeErr error) (result, error) {
	ip := clientAddr(r)
	// The access list guards every global-key request, like the auth filter.
	if !s.admits(ip) {
		return result{}, errIPNotOnAccessList(ip.String())
	}
	if errors.Is(routeErr, contract.ErrMethodNotAllowed) {
		return result{}, errMethodNotAllowed(r.Method, r.URL.Path)
	}
	if routeErr != nil {
		return result{}, errResourceNotFound(r.URL.Path)
	}
	// Roles are checked before the body is looked at: a read-only key gets
	// USER_UNAUTHORIZED for any write, well-formed or not.
	if !grants(caller.Roles, m.Extension(requiredRoleExt)) {
		return result{}, errUserUnauthorized()
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return result{}, errBodyTooLarge(tooBig.Limit)
		}
		return result{}, errInvalidJSON()
	}
	// A pure read answered before at this state version, for this key and
	// this very request, is answered again: the checks that follow and the
	// handler depend on nothing else. Only pure reads keep answers (pure).
	memoKey, version := memo.Key(caller.ID, r, body), s.memo.Version()
	if a, ok := s.memo.Get(version, memoKey); ok {
		return result{status: a.Status, body: a}, nil
	}
	if m.Route.Operation.RequestBody != nil {
		if ae := checkMediaType(r, body); ae != nil {
			return result{}, ae
		}
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err := p.contract.ValidateRequest(r.Context(), r, m); err != nil {
		return result{}, requestError(err)
	}
	return p.handlers[m.OperationID()](&call{r: r, store: s, match: m, caller: caller, body: body, ip: ip, now: p.cfg.Clock(),
		memoKey: memoKey, version: version})
}

// clientAddr is the caller's address, IPv4-mapped IPv6 unmapped. Forwarding
// headers are not trusted: the access list must see the real peer.
func clientAddr(r *http.Request) netip.Addr {
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		return ap.Addr().Unmap()
	}
	a, _ := netip.ParseAddr(r.RemoteAddr)
	return a.Unmap()
}
