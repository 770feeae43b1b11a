package conformance_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/conformance"
	"github.com/opsmock/opsmock/mock"
)

// coverageFloors are the operations a run against the mock must exercise:
// the share of all operations with --write, and the GET operations left
// unexercised by a read-only run with --read-secrets: at least 90%, and
// none, for every product.
var coverageFloors = []struct {
	product       string
	writePercent  float64
	readsUnjudged int
}{
	{"opmanager", 90, 0},
	{"opsmanager", 90, 0},
	{"pmp", 90, 0},
}

// TestCoverageFigures runs every suite against the mock, read-only (with
// --read-secrets) and with --write, and holds the coverage report to the
// floors.
func TestCoverageFigures(t *testing.T) {
	for _, f := range coverageFloors {
		t.Run(f.product, func(t *testing.T) {
			for _, write := range []bool{false, true} {
				srv, err := mock.New(mock.WithProducts(f.product))
				require.NoError(t, err)
				opts := optionsFor(t, f.product, srv)
				opts.Write, opts.ReadSecrets = write, true
				report, err := conformance.Run(context.Background(), "http://opsmock", opts)
				require.NoError(t, err)
				require.False(t, report.Failed(), "the run against the mock fails")
				c := report.Coverage
				t.Logf("write=%v: %s", write, c.Line(f.product))
				if write {
					assert.GreaterOrEqual(t, c.Percent(), f.writePercent, "with --write")
					continue
				}
				var unjudged []string
				for _, g := range c.NotExercised {
					if g.Method == http.MethodGet {
						unjudged = append(unjudged, g.OperationID)
					}
				}
				assert.LessOrEqual(t, len(unjudged), f.readsUnjudged, "reads a read-only run leaves unjudged: %v", unjudged)
			}
		})
	}
}

// TestReportSaysWhatRunsNeedAndLeave: a read-only report says which reads
// need --read-secrets, and a --write report lists what stays on the target.
func TestReportSaysWhatRunsNeedAndLeave(t *testing.T) {
	srv, err := mock.New(mock.WithProducts("pmp"))
	require.NoError(t, err)
	opts := optionsFor(t, "pmp", srv)
	opts.Write = false
	report, err := conformance.Run(context.Background(), "http://opsmock", opts)
	require.NoError(t, err)
	var text strings.Builder
	require.NoError(t, report.Render(&text, "text"))
	assert.Contains(t, text.String(), "5 need --read-secrets")
	assert.NotContains(t, text.String(), "left on the target")

	opts.Write = true
	report, err = conformance.Run(context.Background(), "http://opsmock", opts)
	require.NoError(t, err)
	text.Reset()
	require.NoError(t, report.Render(&text, "text"))
	assert.Regexp(t, `left on the target \(no API removes them\):\n  CSR opsmock-conformance-csr-\S+ \(pmp\.lifecycle\.csr\)`, text.String())
}
