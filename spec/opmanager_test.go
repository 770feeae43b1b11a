package spec

import (
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// headerOnlyURLs is the list OPM-KEYS gives under "How to send an apiKey?".
var headerOnlyURLs = []string{
	"/api/json/alarm/listAlarms",
	"/api/json/admin/addLinuxCredential",
	"/api/json/discovery/addDiscoveryProfile",
	"/api/json/discovery/editDiscoveryProfile",
	"/api/json/v2/discovery/addDiscoveryProfile",
	"/api/json/v2/discovery/editDiscoveryProfile",
	"/api/json/ncmsettings/importSSHKey",
	"/api/json/ncmsettings/importDevices",
	"/api/json/ncmsettings/uploadConfigletFile",
	"/api/json/ncmsettings/uploadConfigletPreView",
	"/api/json/ncmsettings/importConfiglets",
	"/api/json/ncmdevice/updateHostNamefromFileImp",
	"/api/json/ncmdevice/editCustomColfromFileImp",
	"/api/json/ncmdevice/importDG",
	"/api/json/ipam/addSubnet",
	"/api/json/spm/addSwitch",
}

func TestOpManagerExtensions(t *testing.T) {
	doc, err := Load(OpManager)
	require.NoError(t, err)
	var headerOnly []string
	for _, op := range Operations(OpManager, doc) {
		assert.NotEmpty(t, op.Op.Extensions["x-module"], "%s lacks x-module", op.OperationID)
		if op.Op.Extensions["x-header-only"] == true {
			headerOnly = append(headerOnly, op.Path)
			require.NotNil(t, op.Op.Security, "%s: header-only needs its own security", op.OperationID)
			require.Len(t, *op.Op.Security, 1, op.OperationID)
			assert.Contains(t, (*op.Op.Security)[0], "apiKeyHeader", op.OperationID)
		}
	}
	want := append([]string(nil), headerOnlyURLs...)
	sort.Strings(want)
	sort.Strings(headerOnly)
	assert.Equal(t, want, headerOnly)
}

var parenthesis = regexp.MustCompile(`\([^)]*\)`)

// documentedOperation is one row of testdata/opmanager-operations.tsv
// (docs/sources.md fact B4).
type documentedOperation struct {
	module, method, path, name string
	required, optional         []string // parameter names
}

func readDocumentedOperations(t *testing.T) []documentedOperation {
	t.Helper()
	b, err := os.ReadFile("testdata/opmanager-operations.tsv")
	require.NoError(t, err)
	names := func(field string) []string {
		field = parenthesis.ReplaceAllString(field, "") // a note may hold ";"
		var out []string
		for _, p := range strings.Split(field, ";") {
			if name, _, _ := strings.Cut(strings.TrimSpace(p), ":"); name != "" && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
		return out
	}
	var out []documentedOperation
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "module\t") {
			continue
		}
		f := strings.Split(line, "\t")
		require.Len(t, f, 7, "line %d", i+1)
		out = append(out, documentedOperation{module: f[0], method: f[1], path: f[2], name: f[3],
			required: names(f[4]), optional: names(f[5])})
	}
	return out
}

// TestOpManagerDocumentedOperations holds the spec to the vendor's list:
// every documented operation is in it with its method and path, declares
// each documented parameter, and marks the documented required ones
// required.
func TestOpManagerDocumentedOperations(t *testing.T) {
	doc, err := Load(OpManager)
	require.NoError(t, err)
	byRoute := map[string]Operation{}
	for _, op := range Operations(OpManager, doc) {
		byRoute[op.Method+" "+op.Path] = op
	}
	documented := readDocumentedOperations(t)
	require.Len(t, documented, 85, "the reference documents 85 operations")
	for _, d := range documented {
		op, ok := byRoute[d.method+" "+d.path]
		if !assert.True(t, ok, "%s %s (%s) is documented but not in the spec", d.method, d.path, d.name) {
			continue
		}
		declared := map[string]bool{}
		for _, p := range op.Op.Parameters {
			if p.Value != nil && p.Value.In == "query" {
				declared[p.Value.Name] = p.Value.Required
			}
		}
		for _, name := range d.required {
			req, has := declared[name]
			assert.True(t, has && req, "%s: documented required parameter %s is not required in the spec", d.name, name)
		}
		for _, name := range d.optional {
			_, has := declared[name]
			assert.True(t, has, "%s: documented parameter %s is not declared", d.name, name)
		}
	}
}
