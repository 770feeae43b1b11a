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
	clients  func(*mock.Server, *recorder) (map[string]*http.Client, error)
	scenario func(*session, *mock.Server) error
}{
	spec.OpManager: {clients: opManagerClients, scenario: opManagerScenario},
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

// Record drives one product's mock through its scenario and returns the
// exchanges, in the order made.
func Record(product string, seed uint64, seedSize int) ([]Exchange, error) {
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
	rec := &recorder{next: srv.Transport()}
	clients, err := sc.clients(srv, rec)
	if err != nil {
		return nil, err
	}
	s := &session{product: product, base: strings.TrimSuffix(c.BasePath(), "/"), contract: c, rec: rec, clients: clients}
	if err := sc.scenario(s, srv); err != nil {
		return nil, fmt.Errorf("%s: %w", product, err)
	}
	return s.out, nil
}

// Generate writes the fixture tree: <out>/<product>/<operationId>/<case>.json
// and <out>/index.json. Each product's directory is built aside and then
// renamed into place, so a failure leaves the old tree, never a mix.
func Generate(o Options) error {
	if o.Format == "" {
		o.Format = "json"
	}
	if o.Format != "json" {
		return fmt.Errorf("%w: format %q (want json)", ErrUsage, o.Format)
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
	for _, p := range products {
		exchanges, err := Record(p, o.Seed, o.SeedSize)
		if err != nil {
			return err
		}
		for _, ex := range exchanges {
			rel := filepath.ToSlash(filepath.Join(ex.Product, ex.OperationID, ex.Case+".json"))
			if err := writeJSON(filepath.Join(staging, rel), ex); err != nil {
				return err
			}
			index = append(index, IndexEntry{Product: ex.Product, OperationID: ex.OperationID, Case: ex.Case,
				Status: ex.Response.Status, Outcome: ex.Outcome, File: rel})
		}
	}
	for _, p := range products {
		if err := os.RemoveAll(filepath.Join(o.Out, p)); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(staging, p), filepath.Join(o.Out, p)); err != nil {
			return err
		}
	}
	sortIndex(index)
	b, err := encode(index)
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(o.Out, "index.json"), b, 0o644)
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

func writeJSON(path string, v any) error {
	b, err := encode(v)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
