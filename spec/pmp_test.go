package spec_test

import (
	"bufio"
	"fmt"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/spec"
	"github.com/opsmock/opsmock/spec/contract"
)

// section is one row of testdata/pmp-sections.tsv: a section of PMP-DOC,
// its method and path.
type section struct {
	n            int
	method, path string
}

func pmpSections(t *testing.T, prefix string) []section {
	t.Helper()
	f, err := os.Open("testdata/pmp-sections.tsv")
	require.NoError(t, err)
	defer f.Close()
	var out []section
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		n, err := strconv.Atoi(cols[0])
		require.NoError(t, err)
		if strings.HasPrefix(cols[2], prefix) {
			out = append(out, section{n, cols[1], cols[2]})
		}
	}
	return out
}

func docSections(op spec.Operation) []int {
	var out []int
	raw, _ := op.Op.Extensions["x-doc-sections"].([]any)
	for _, v := range raw {
		if f, ok := v.(float64); ok {
			out = append(out, int(f))
		}
	}
	return out
}

// TestPMPSectionsCovered: every section of the seed is claimed by an
// operation with that method and path, and routes to it; the REST and PKI
// halves are checked apart (54 + 37 rows: 91 sections).
func TestPMPSectionsCovered(t *testing.T) {
	c, err := contract.New(spec.PMP)
	require.NoError(t, err)
	for _, api := range []struct {
		prefix string
		rows   int
	}{{"/restapi/json/v1", 54}, {"/api/pki/restapi", 37}} {
		t.Run(api.prefix, func(t *testing.T) {
			claimed := map[int]spec.Operation{}
			for _, op := range c.Operations() {
				if !strings.HasPrefix(op.Path, api.prefix) {
					continue
				}
				for _, n := range docSections(op) {
					claimed[n] = op
				}
				assert.NotEmpty(t, op.Op.Extensions["x-roles"], "%s lacks x-roles", op.OperationID)
			}
			rows := pmpSections(t, api.prefix)
			require.Len(t, rows, api.rows)
			for _, row := range rows {
				t.Run(fmt.Sprint(row.n), func(t *testing.T) {
					op, ok := claimed[row.n]
					require.True(t, ok, "section %d (%s %s) is claimed by no operation", row.n, row.method, row.path)
					assert.Equal(t, row.method, op.Method)
					assert.Equal(t, row.path, op.Path)
					// A concrete request for the row routes to that operation.
					path := strings.NewReplacer("{resourceId}", "301", "{accountId}", "307", "{requesterId}", "2",
						"{userId}", "5", "{groupId}", "301", "{resourceName}", "CentOS").Replace(row.path)
					m, err := c.Match(httptest.NewRequest(row.method, path, nil))
					require.NoError(t, err)
					assert.Equal(t, op.OperationID, m.OperationID())
				})
			}
			// And no operation claims a section that is not one of these rows.
			var numbers []int
			for _, r := range rows {
				numbers = append(numbers, r.n)
			}
			for n, op := range claimed {
				assert.True(t, slices.Contains(numbers, n), "%s claims section %d, not a row of %s", op.OperationID, n, api.prefix)
			}
		})
	}
}

// TestPKIOperationsUseThePKIEnvelope: PKI operations authenticate by header
// or query only and answer in the PKI shapes, never the REST envelope.
func TestPKIOperationsUseThePKIEnvelope(t *testing.T) {
	c, err := contract.New(spec.PMP)
	require.NoError(t, err)
	n := 0
	for _, op := range c.Operations() {
		if !strings.HasPrefix(op.Path, "/api/pki/restapi") {
			continue
		}
		n++
		require.NotNil(t, op.Op.Security, "%s must override the REST security", op.OperationID)
		var schemes []string
		for _, req := range *op.Op.Security {
			for name := range req {
				schemes = append(schemes, name)
			}
		}
		slices.Sort(schemes)
		assert.Equal(t, []string{"authtokenHeader", "authtokenQuery"}, schemes, op.OperationID)
		ok := op.Op.Responses.Value("200")
		require.NotNil(t, ok, op.OperationID)
		js := ok.Value.Content.Get("application/json")
		require.NotNil(t, js, "%s has no JSON answer (failures are JSON)", op.OperationID)
		refs := []string{js.Schema.Ref}
		for _, alt := range js.Schema.Value.OneOf {
			refs = append(refs, alt.Ref)
		}
		assert.Contains(t, refs, "#/components/schemas/PkiFailedEnvelope", op.OperationID)
		assert.NotContains(t, refs, "#/components/schemas/FailedEnvelope", op.OperationID)
	}
	assert.Equal(t, 37, n)
}
