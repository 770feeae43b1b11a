package mock

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/opsmock/opsmock/mock/internal/controlapi"
	"github.com/opsmock/opsmock/mock/internal/fault"
	"github.com/opsmock/opsmock/mock/internal/tlscert"
)

// shutdownGrace is how long Close waits for in-flight requests.
const shutdownGrace = 5 * time.Second

// Server is the mock server. Create it with New; serve it with Start or
// mount Handler in your own server.
type Server struct {
	cfg      settings
	products []Product
	handler  http.Handler
	seed     atomic.Uint64 // current seed; reset may change it
	journal  *journal
	drifts   driftSet
	faults   *fault.Set
	tlsID    *tlscert.Identity // nil without TLS
	saver    *stateSaver       // nil without a state file
	// bodyBytes is what requests under way have read of their bodies.
	bodyBytes atomic.Int64

	mu      sync.Mutex // guards ln, httpSrv, url, client, started, closed, controlToken
	ln      net.Listener
	httpSrv *http.Server
	url     string
	client  *http.Client
	started bool
	closed  bool
	// controlToken is what the control plane requires ("" while open).
	controlToken string
}

// New builds a server and seeds every product. It does not listen.
func New(opts ...Option) (*Server, error) {
	cfg := settings{
		seed: DefaultSeed, seedSize: DefaultSeedSize, clock: time.Now,
		logger: slog.New(slog.DiscardHandler), maxBodyBytes: DefaultMaxBodyBytes, addr: DefaultAddr,
		bodyBudget: DefaultBodyBudget, timeouts: DefaultTimeouts,
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.seedSize < 0 {
		return nil, fmt.Errorf("seed size %d is negative", cfg.seedSize)
	}
	products, err := buildProducts(&cfg)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, products: products, journal: newJournal(cfg.journalSize), faults: fault.NewSet(cfg.seed),
		controlToken: cfg.controlToken}
	s.seed.Store(cfg.seed)
	if err := s.SetDrifts(cfg.drifts...); err != nil {
		return nil, err
	}
	if err := s.SetFaults(cfg.faults...); err != nil {
		return nil, err
	}
	if cfg.tls != nil {
		if s.tlsID, err = newIdentity(cfg.tls); err != nil {
			return nil, err
		}
	}
	loaded := false
	if cfg.stateFile != "" {
		if loaded, err = s.loadStateFile(); err != nil {
			return nil, err
		}
	}
	if !loaded {
		if err := s.setup(); err != nil {
			return nil, err
		}
	}
	if cfg.stateFile != "" {
		s.saver = &stateSaver{path: cfg.stateFile, stop: make(chan struct{})}
		s.startSaving()
	}
	s.handler = s.recoverPanics(s.accessLog(s.journalRequests(s.limitBody(s.applyFaults(s.applyDrifts(http.HandlerFunc(s.dispatch)))))))
	return s, nil
}

// Handler returns the server's handler, for mounting or in-process use.
func (s *Server) Handler() http.Handler { return s.handler }

// Products lists the served products' names.
func (s *Server) Products() []string {
	out := make([]string, len(s.products))
	for i, p := range s.products {
		out[i] = p.Name()
	}
	return out
}

// Seed returns the current seed.
func (s *Server) Seed() uint64 { return s.seed.Load() }

// Reset restores the server as New made it, for the next test: every
// product's seeded state under the current seed, the drifts and faults
// given at start (WithDrifts, WithFaults; none by default) and an empty
// journal. Nothing a test did leaks into the next.
func (s *Server) Reset() { s.ResetSeed(s.Seed()) }

// ResetSeed is Reset under seed, which becomes the current seed.
func (s *Server) ResetSeed(seed uint64) { s.reset(seed, ResetKeep{}) }

// ResetKeep names what a reset leaves as it is.
type ResetKeep struct {
	Drifts  bool `json:"drifts"`  // keep the drifts active now
	Faults  bool `json:"faults"`  // keep the faults active now
	Journal bool `json:"journal"` // keep the journal
}

func (s *Server) reset(seed uint64, keep ResetKeep) {
	s.seed.Store(seed)
	for _, p := range s.products {
		p.Reset(productSeed(seed, p.Name()))
	}
	if !keep.Drifts {
		_ = s.SetDrifts(s.cfg.drifts...) // checked by New
	}
	if !keep.Faults {
		_ = s.SetFaults(s.cfg.faults...) // checked by New
	}
	if !keep.Journal {
		s.journal.clear()
	}
	if err := s.setup(); err != nil {
		s.cfg.logger.Error("mock: setup after a reset", "err", err)
	}
}

// setup runs the WithSetup functions on a freshly seeded state.
func (s *Server) setup() error {
	for _, f := range s.cfg.setups {
		if err := f(s); err != nil {
			return fmt.Errorf("setup: %w", err)
		}
	}
	return nil
}

// Start listens on the configured address and serves in the background.
func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("mock: server is closed")
	}
	if s.started {
		return errors.New("mock: server already started")
	}
	ln, err := net.Listen("tcp", s.cfg.addr)
	if err != nil {
		return fmt.Errorf("mock: listen on %s: %w", s.cfg.addr, err)
	}
	s.guardControl(ln.Addr())
	// The server's own complaints (a client's failed TLS handshake) go to
	// the logger at debug level, not to stderr unasked.
	s.httpSrv = &http.Server{Handler: s.handler, ErrorLog: slog.NewLogLogger(s.cfg.logger.Handler(), slog.LevelDebug),
		ReadHeaderTimeout: s.cfg.timeouts.ReadHeader, ReadTimeout: s.cfg.timeouts.Read,
		WriteTimeout: s.cfg.timeouts.Write, IdleTimeout: s.cfg.timeouts.Idle}
	s.url = "http://" + ln.Addr().String()
	s.client = &http.Client{Transport: &http.Transport{}}
	if s.tlsID != nil {
		cfg, pool := s.tlsConfig()
		ln = tls.NewListener(ln, cfg)
		s.url = "https://" + ln.Addr().String()
		s.client = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	}
	s.ln = ln
	s.started = true
	go func() {
		if err := s.httpSrv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.cfg.logger.Error("mock: serve", "err", err)
		}
	}()
	return nil
}

// URL returns the base URL, without trailing slash ("" before Start).
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.url
}

// Client returns an HTTP client for the started server (nil before Start).
func (s *Server) Client() *http.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.client
}

// InProcessClient returns a client that never touches the network: its
// RoundTripper calls the handler directly, whatever host the URL names.
func (s *Server) InProcessClient() *http.Client {
	return &http.Client{Transport: s.Transport()}
}

// Transport returns the no-network RoundTripper behind InProcessClient.
func (s *Server) Transport() http.RoundTripper {
	return &handlerTransport{handler: s.handler}
}

// Close stops listening and waits for in-flight requests. It is safe to call
// more than once and on a server never started.
// With a state file, it saves the state once the requests are done.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	srv, client := s.httpSrv, s.client
	s.mu.Unlock()
	var err error
	if srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		if err = srv.Shutdown(ctx); err != nil {
			err = errors.Join(err, srv.Close())
		}
		client.CloseIdleConnections()
	}
	return errors.Join(err, s.stopSaving())
}

// productFor returns the product owning path, or nil.
func (s *Server) productFor(path string) Product {
	for _, p := range s.products {
		for _, prefix := range p.Prefixes() {
			if owns(prefix, path) {
				return p
			}
		}
	}
	return nil
}

func (s *Server) dispatch(w http.ResponseWriter, r *http.Request) {
	if owns(controlPrefix, r.URL.Path) {
		s.control(w, r)
		return
	}
	if p := s.productFor(r.URL.Path); p != nil {
		p.ServeHTTP(w, r)
		return
	}
	prefixes := map[string][]string{}
	for _, p := range s.products {
		prefixes[p.Name()] = p.Prefixes()
	}
	controlapi.Write(w, http.StatusNotFound, map[string]any{
		"error":    fmt.Sprintf("no opsmock product serves %s", r.URL.Path),
		"products": prefixes,
	})
}
