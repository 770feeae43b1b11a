package mock

import (
	"io"
	"log/slog"
	"sync"
	"time"
)

// Defaults.
const (
	// DefaultSeed is the seed used when none is given: the state, ids and
	// credentials of a default server are the same on every run.
	DefaultSeed uint64 = 1
	// DefaultSeedSize is how many generated objects each product seeds
	// beyond its fixed ones: enough for several pages at small page sizes.
	DefaultSeedSize = 25
	// DefaultMaxBodyBytes bounds request bodies.
	DefaultMaxBodyBytes int64 = 10 << 20
	// DefaultAddr is where Start listens when WithAddr is not given: a free
	// loopback port, like httptest.
	DefaultAddr = "127.0.0.1:0"
)

// Option configures a Server.
type Option func(*settings)

// settings is what the options set; New reads it once.
type settings struct {
	// seed makes every seeded id, secret and timestamp deterministic.
	seed uint64
	// seedSize scales the generated part of the seeded state.
	seedSize int
	// clock stamps objects created at runtime and ages nonces and keys.
	clock func() time.Time
	// entropy, if set, makes digest nonces and generated key material
	// repeatable.
	entropy io.Reader
	// products names the products to serve; empty means all available.
	products []string
	// credentials are extra credentials seeded into each product.
	credentials Credentials
	// logger receives the access log and server events.
	logger *slog.Logger
	// maxBodyBytes bounds every request body.
	maxBodyBytes int64
	// addr is the listen address used by Start.
	addr string
	// opmanagerAuthStatus answers OpManager requests without a usable key.
	opmanagerAuthStatus int
	// drifts are the contract drifts active from the start.
	drifts []string
	// journalSize bounds the journal.
	journalSize int
	// faults are the transport faults active from the start.
	faults []Fault
	// tls, if set, makes Start serve HTTPS.
	tls *TLS
	// controlToken, if set, is required by the control plane.
	controlToken string
	// stateFile, if set, keeps the state across starts; stateEvery saves
	// it on a timer too.
	stateFile  string
	stateEvery time.Duration
	// setups run on every freshly seeded state.
	setups []func(*Server) error
	// bodyBudget bounds the body bytes requests under way may hold.
	bodyBudget int64
	// timeouts bound how long a connection may take.
	timeouts Timeouts
}

// DefaultBodyBudget bounds the request body bytes all requests under way
// may have read at once: enough for several bodies of the largest size.
const DefaultBodyBudget int64 = 64 << 20

// WithBodyBudget bounds the request body bytes all requests under way may
// hold at once (default DefaultBodyBudget); past it a request's body
// cannot be read and its product answers with its own error.
func WithBodyBudget(n int64) Option { return func(s *settings) { s.bodyBudget = n } }

// Timeouts bound a connection's time: reading the headers, reading the
// whole request (a client trickling its body is cut off), writing the
// answer, and idling between requests.
type Timeouts struct {
	ReadHeader, Read, Write, Idle time.Duration
}

// DefaultTimeouts. Write leaves room for the longest latency fault (5m).
var DefaultTimeouts = Timeouts{ReadHeader: 10 * time.Second, Read: 30 * time.Second, Write: 6 * time.Minute, Idle: 2 * time.Minute}

// WithTimeouts sets the server's timeouts (default DefaultTimeouts); zero
// fields keep their default.
func WithTimeouts(t Timeouts) Option {
	return func(s *settings) {
		if t.ReadHeader == 0 {
			t.ReadHeader = DefaultTimeouts.ReadHeader
		}
		if t.Read == 0 {
			t.Read = DefaultTimeouts.Read
		}
		if t.Write == 0 {
			t.Write = DefaultTimeouts.Write
		}
		if t.Idle == 0 {
			t.Idle = DefaultTimeouts.Idle
		}
		s.timeouts = t
	}
}

// Credentials are usable credentials per product. Server.Credentials returns
// the seeded ones and yours (the JSON of /_opsmock/credentials);
// WithCredentials adds yours, so a test can use fixed secrets.
type Credentials struct {
	// PMP users: name, role, token, and the host an API user is bound to.
	PMP PMPCredentials `json:"pmp"`
	// Ops Manager key pairs with their global roles.
	OpsManager OpsManagerCredentials `json:"opsmanager"`
	// OpManager keys: owner, access type (all, module with its modules,
	// specific with its APIs), status and expiry.
	OpManager OpManagerCredentials `json:"opmanager"`
}

// WithSeed sets the seed (default DefaultSeed).
func WithSeed(seed uint64) Option { return func(s *settings) { s.seed = seed } }

// WithSeedSize sets how many generated objects each product seeds.
func WithSeedSize(n int) Option { return func(s *settings) { s.seedSize = n } }

// WithClock injects the clock (default time.Now).
func WithClock(now func() time.Time) Option { return func(s *settings) { s.clock = now } }

// WithEntropy makes every random part of an answer come from r: Ops
// Manager's digest nonces, and PMP's generated SSH keys, certificate keys,
// serials, CSRs and keystores. The same requests in the same order then
// give the same bytes: for fixture generation only. A server others can
// reach must keep the default, unguessable crypto/rand.
func WithEntropy(r io.Reader) Option {
	return func(s *settings) { s.entropy = &lockedReader{r: r} }
}

// lockedReader lets the products share one stream.
type lockedReader struct {
	mu sync.Mutex
	r  io.Reader
}

func (l *lockedReader) Read(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.r.Read(p)
}

// WithProducts limits the server to these products (spec.OpsManager, ...).
func WithProducts(names ...string) Option {
	return func(s *settings) { s.products = append([]string(nil), names...) }
}

// WithCredentials adds credentials of your own to every product's seeded
// ones, after them, leaving the rest of the seeded state as it was: PMP
// users (user, role, authToken, host), Ops Manager key pairs (publicKey,
// privateKey, roles, desc), OpManager keys (user, name, apiKey,
// accessType, modules, apis, status, expiresAt). New refuses one the
// product could not have, naming it and its field ("pmp[0].role: ...").
// A reset keeps them.
func WithCredentials(c Credentials) Option { return func(s *settings) { s.credentials = c } }

// WithLogger sets the logger (default: discard). The access log is written
// at Info level and never holds a credential.
func WithLogger(l *slog.Logger) Option { return func(s *settings) { s.logger = l } }

// WithMaxBodyBytes bounds request bodies (default DefaultMaxBodyBytes).
func WithMaxBodyBytes(n int64) Option { return func(s *settings) { s.maxBodyBytes = n } }

// WithOpManagerAuthFailureStatus sets the HTTP status OpManager answers a
// request without a usable key with (default 401; no capture of the real
// server shows it, fact B2).
func WithOpManagerAuthFailureStatus(status int) Option {
	return func(s *settings) { s.opmanagerAuthStatus = status }
}

// WithAddr sets the address Start listens on (default DefaultAddr).
func WithAddr(addr string) Option { return func(s *settings) { s.addr = addr } }

// WithJournalSize bounds the journal (default DefaultJournalSize): the
// oldest entries are dropped first, and counted.
func WithJournalSize(n int) Option { return func(s *settings) { s.journalSize = n } }

// WithDrifts activates named contract drifts from the start: ways of
// breaking the contract on purpose, to see how a client copes or to prove
// a conformance check (Server.Drifts lists them).
func WithDrifts(names ...string) Option {
	return func(s *settings) { s.drifts = append([]string(nil), names...) }
}

// WithSetup runs f on every freshly seeded state: at New (unless a state
// file was loaded: its objects are there already) and after every reset,
// so fixed objects a test or a config file declares are always there. An
// error at New fails New; after a reset it is logged.
func WithSetup(f func(*Server) error) Option {
	return func(s *settings) { s.setups = append(s.setups, f) }
}

// FileError is a file New could not use (a state file, a TLS certificate
// or key): what it is, which, and why.
type FileError struct {
	What, Path string
	Err        error
}

func (e *FileError) Error() string { return e.What + " " + e.Path + ": " + e.Err.Error() }

// Unwrap gives the cause.
func (e *FileError) Unwrap() error { return e.Err }
