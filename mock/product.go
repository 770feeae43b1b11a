package mock

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"net/http"
	"strings"
	"sync"

	"github.com/opsmock/opsmock/mock/opmanager"
	"github.com/opsmock/opsmock/mock/opsmanager"
	"github.com/opsmock/opsmock/mock/pmp"
	"github.com/opsmock/opsmock/spec"
)

// Product is one vendor API the server serves.
type Product interface {
	http.Handler
	// Name is the product name (spec.OpsManager, ...).
	Name() string
	// Prefixes are the path prefixes it owns, without trailing slash.
	Prefixes() []string
	// WriteInternalError answers a request whose handler panicked, in the
	// product's own 500 shape.
	WriteInternalError(w http.ResponseWriter, r *http.Request)
	// Reset restores the seeded state for seed.
	Reset(seed uint64)
	// OperationOf names the operation a request would reach ("" if none),
	// for faults scoped to an operation.
	OperationOf(r *http.Request) string
	// WriteFault answers an injected fault's status in the product's own
	// error shape.
	WriteFault(w http.ResponseWriter, r *http.Request, status int)
	// ExportState writes the whole state; CheckState reads one back
	// without installing it; ImportState installs it.
	ExportState() (json.RawMessage, error)
	CheckState(json.RawMessage) error
	ImportState(json.RawMessage) error
}

// builders makes each product from the server settings.
var builders = map[string]func(s *settings) (Product, error){
	spec.PMP: func(s *settings) (Product, error) {
		return pmp.New(pmp.Config{
			Seed: productSeed(s.seed, spec.PMP), SeedSize: s.seedSize, Clock: s.clock, Logger: s.logger, Users: s.credentials.PMP, Entropy: s.entropy,
		})
	},
	spec.OpsManager: func(s *settings) (Product, error) {
		return opsmanager.New(opsmanager.Config{
			Seed: productSeed(s.seed, spec.OpsManager), SeedSize: s.seedSize,
			Clock: s.clock, Logger: s.logger, Keys: s.credentials.OpsManager, NonceSource: s.entropy,
		})
	},
	spec.OpManager: func(s *settings) (Product, error) {
		return opmanager.New(opmanager.Config{
			Seed: productSeed(s.seed, spec.OpManager), SeedSize: s.seedSize,
			Clock: s.clock, Logger: s.logger, AuthFailureStatus: s.opmanagerAuthStatus, Keys: s.credentials.OpManager,
		})
	},
}

// controller is a product with its own control-plane actions, served under
// /_opsmock/<product>/.
type controller interface {
	Control() http.Handler
}

// Built lists the products this build can serve, in spec.Known order (a
// test keeps it equal to spec.Known).
func Built() []string {
	var out []string
	for _, name := range spec.Known {
		if builders[name] != nil {
			out = append(out, name)
		}
	}
	return out
}

// buildProducts builds the products at once: each loads its spec, which is
// most of start-up (kin-openapi's YAML decoding), and they share nothing.
func buildProducts(s *settings) ([]Product, error) {
	names := s.products
	if len(names) == 0 {
		names = Built()
	}
	for _, name := range names {
		if builders[name] == nil {
			return nil, fmt.Errorf("unknown product %q (known: %s)", name, strings.Join(spec.Known, ", "))
		}
	}
	out := make([]Product, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			out[i], errs[i] = builders[name](s)
			if errs[i] != nil {
				errs[i] = fmt.Errorf("product %s: %w", name, errs[i])
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// productSeed derives each product's seed from the server seed, so a
// product's seeded state and credentials are the same whichever other
// products run beside it (serve --product opsmanager prints the same keys as
// serve --product all).
func productSeed(seed uint64, product string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(product))
	return seed ^ h.Sum64()
}

// owns says whether path falls under prefix at a segment boundary.
func owns(prefix, path string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}
