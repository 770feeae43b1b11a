package fixturegen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/opsmock/opsmock/internal/atomicfile"
	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/spec"
	"github.com/opsmock/opsmock/spec/contract"
)

// Clock is the instant every fixture is recorded at: fixed, so times in
// answers repeat.
var Clock = time.Date(2024, 3, 9, 9, 0, 0, 0, time.UTC)

// ErrUsage marks a request the generator cannot act on (an unknown product
// or format, an --out it may not replace): the command exits 2.
var ErrUsage = errors.New("usage")

// Options says what to generate and where.
type Options struct {
	Out      string   // the tree's root
	Products []string // empty: every product with a scenario
	Seed     uint64
	SeedSize int
	Format   string // json
	Force    bool   // replace what Out holds
}

// scenarios are the products the generator can record, and how.
var scenarios = map[string]struct {
	prepare  func(*mock.Server) error // makes the seeded state hold what the scenario needs, for any seed
	clients  func(*mock.Server, *recorder) (map[string]*http.Client, error)
	scenario func(*session, *mock.Server) error
}{
	spec.OpManager: {prepare: opManagerPrepare, clients: opManagerClients, scenario: opManagerScenario},
	spec.PMP:       {clients: pmpClients, scenario: pmpScenario},
	spec.OpsManager: {clients: func(srv *mock.Server, rec *recorder) (map[string]*http.Client, error) {
		return opsManagerClients(srv, rec)
	},
		scenario: opsManagerScenario},
}

// Products lists the products the generator records, sorted.
func Products() []string {
	var out []string
	for p := range scenarios {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Recording is what one product's scenario gives: the exchanges in the
// order made, the multi-step sequences among them, and the seeded state the
// scenario started from.
type Recording struct {
	Exchanges []Exchange
	Sequences []Sequence
	State     []byte // a state file (opsmock-state) of this product alone
}

// Record drives one product's mock through its scenario.
func Record(product string, seed uint64, seedSize int) (*Recording, error) {
	sc, ok := scenarios[product]
	if !ok {
		return nil, fmt.Errorf("%w: no fixtures for product %q (have %v)", ErrUsage, product, Products())
	}
	srv, err := mock.New(mock.WithProducts(product), mock.WithSeed(seed), mock.WithSeedSize(seedSize),
		mock.WithClock(func() time.Time { return Clock }), mock.WithEntropy(entropySource(seed)))
	if err != nil {
		return nil, err
	}
	c, err := contract.New(product)
	if err != nil {
		return nil, err
	}
	if sc.prepare != nil {
		if err := sc.prepare(srv); err != nil {
			return nil, fmt.Errorf("%s: %w", product, err)
		}
	}
	state, err := seededState(srv, product)
	if err != nil {
		return nil, err
	}
	rec := &recorder{next: srv.Transport()}
	clients, err := sc.clients(srv, rec)
	if err != nil {
		return nil, err
	}
	s := &session{product: product, base: strings.TrimSuffix(c.BasePath(), "/"), contract: c, rec: rec, clients: clients}
	if err := sc.scenario(s, srv); err != nil {
		return nil, fmt.Errorf("%s: %w", product, err)
	}
	return &Recording{Exchanges: s.out, Sequences: s.sequences, State: state}, nil
}

// seededState is the state before any request, indented. PMP seeds its
// PKI part on first use; the control plane's network view makes it exist
// (from its own generator stream, so no later answer changes).
func seededState(srv *mock.Server, product string) ([]byte, error) {
	if product == spec.PMP {
		req, _ := http.NewRequest(http.MethodGet, "http://opsmock/_opsmock/pmp/network", nil)
		res, err := srv.Transport().RoundTrip(req)
		if err != nil {
			return nil, err
		}
		res.Body.Close()
	}
	raw, err := srv.ExportState()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Generate writes the fixture tree. JSON and YAML: <out>/<product>/
// <operationId>/<case>.<ext>, <out>/<product>/state.json (a state file),
// <out>/sequences/<product>/<name>.<ext> and <out>/index.<ext>. HAR:
// <out>/<product>.har. Each product's files are built aside and then
// renamed into place, so a failure leaves the old tree, never a mix.
func Generate(o Options) error {
	if o.Format == "" {
		o.Format = "json"
	}
	f, ok := formats[o.Format]
	if !ok {
		return fmt.Errorf("%w: format %q (want json, yaml or har)", ErrUsage, o.Format)
	}
	products := o.Products
	if len(products) == 0 {
		products = Products()
	}
	for _, p := range products {
		if _, ok := scenarios[p]; !ok {
			return fmt.Errorf("%w: no fixtures for product %q (have %v)", ErrUsage, p, Products())
		}
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return fmt.Errorf("%w: --out %s: %v", ErrUsage, o.Out, err)
	}
	if !o.Force {
		if entries, err := os.ReadDir(o.Out); err == nil && len(entries) > 0 {
			return fmt.Errorf("%w: --out %s is not empty (--force replaces its fixtures)", ErrUsage, o.Out)
		}
	}
	staging, err := os.MkdirTemp(o.Out, ".fixtures-*")
	if err != nil {
		return fmt.Errorf("%w: --out %s is not writable: %v", ErrUsage, o.Out, err)
	}
	defer os.RemoveAll(staging)
	var index []IndexEntry
	var placed []string // paths under staging, moved into place at the end
	for _, p := range products {
		r, err := Record(p, o.Seed, o.SeedSize)
		if err != nil {
			return err
		}
		entries, paths, err := f.write(staging, p, r)
		if err != nil {
			return err
		}
		index = append(index, entries...)
		placed = append(placed, paths...)
	}
	for _, rel := range placed {
		if err := os.RemoveAll(filepath.Join(o.Out, rel)); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(o.Out, rel)), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(staging, rel), filepath.Join(o.Out, rel)); err != nil {
			return err
		}
	}
	if f.index == "" {
		return nil
	}
	sortIndex(index)
	b, err := f.encode(index)
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(o.Out, f.index), b, 0o644)
}

// entropySource makes the mock's nonces and key material repeatable for a seed.
func entropySource(seed uint64) *rand.ChaCha8 {
	var key [32]byte
	for i := range 8 {
		key[i] = byte(seed >> (8 * i))
	}
	return rand.NewChaCha8(key)
}

// encode is indented JSON with a final newline; maps come out with sorted
// keys (encoding/json), so the bytes repeat.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
