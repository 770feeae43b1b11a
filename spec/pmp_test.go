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

// section is one row of testdata/pmp-sections.tsv (copied from the shared
// contract list): the seed section, its method and path.
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

// TestPMPRESTSectionsCovered: every /restapi/json/v1 section of the seed is
// claimed by an operation with that method and path, and routes to it.
func TestPMPRESTSectionsCovered(t *testing.T) {
	c, err := contract.New(spec.PMP)
	require.NoError(t, err)
	claimed := map[int]spec.Operation{}
	for _, op := range c.Operations() {
		if !strings.HasPrefix(op.Path, "/restapi/json/v1") {
			continue
		}
		for _, n := range docSections(op) {
			claimed[n] = op
		}
		assert.NotEmpty(t, op.Op.Extensions["x-roles"], "%s lacks x-roles", op.OperationID)
	}
	rows := pmpSections(t, "/restapi/json/v1")
	require.Len(t, rows, 54)
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
	// And no operation claims a section that is not a REST row.
	var restNumbers []int
	for _, r := range rows {
		restNumbers = append(restNumbers, r.n)
	}
	for n, op := range claimed {
		assert.True(t, slices.Contains(restNumbers, n), "%s claims section %d, not a REST row", op.OperationID, n)
	}
}
