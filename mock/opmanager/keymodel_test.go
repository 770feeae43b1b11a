package opmanager_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/spec"
)

// TestKeyModelCoversEveryOperation applies OPM-KEYS's access types to every
// operation of the spec, the reference's included: a Module key needs Read
// on the operation's x-module for GET and Read/Write otherwise, a key for
// another module is refused, a Specific-API key passes on its one API
// only, and a header-only URL ignores a key sent in the query. Requests
// carry no parameters: passing access ends in the operation's own answer
// (often a missing-parameter error), never API_ACCESS_DENIED.
func TestKeyModelCoversEveryOperation(t *testing.T) {
	e := newEnv(t)
	doc, err := spec.Load(spec.OpManager)
	require.NoError(t, err)
	ops := spec.Operations(spec.OpManager, doc)
	keys := map[string]string{}
	moduleKey := func(module, perm string) string {
		name := module + "/" + perm
		if keys[name] == "" {
			keys[name] = e.createKey("admin", map[string]any{"name": name, "accessType": "module",
				"modules": map[string]string{module: perm}}).APIKey
		}
		return keys[name]
	}
	denied := func(r resp) bool { return r.status == http.StatusForbidden && errCode(t, r) == "API_ACCESS_DENIED" }
	require.NotEmpty(t, ops)
	for i, op := range ops {
		module, _ := op.Op.Extensions["x-module"].(string)
		api := strings.TrimPrefix(op.Path, "/api/json/")
		other := "Alarms"
		if module == other {
			other = "Inventory"
		}
		t.Run(op.OperationID, func(t *testing.T) {
			call := func(key string) resp { return e.do(req{method: op.Method, api: api, key: key}) }
			read := call(moduleKey(module, "read"))
			assert.Equal(t, op.Method != http.MethodGet, denied(read), "Read on %s: %s", module, read.body)
			assert.False(t, denied(call(moduleKey(module, "readwrite"))), "Read/Write on %s", module)
			assert.True(t, denied(call(moduleKey(other, "readwrite"))), "a key for %s only", other)

			specific := e.createKey("admin", map[string]any{"name": "only " + api, "accessType": "specific", "apis": []string{api}}).APIKey
			assert.False(t, denied(call(specific)), "a Specific-API key naming %s", api)
			next := ops[(i+1)%len(ops)]
			r := e.do(req{method: next.Method, api: strings.TrimPrefix(next.Path, "/api/json/"), key: specific})
			assert.True(t, denied(r), "the same key on %s", next.OperationID)

			if op.Op.Extensions["x-header-only"] == true {
				r := e.do(req{method: op.Method, api: api, key: keys[module+"/readwrite"], keyIn: inQuery})
				assert.Equal(t, "API_KEY_MISSING", errCode(t, r), "a header-only URL ignores the query key")
			}
		})
	}
}

// TestValidationCodesCoverEveryOperation: the documented codes (fact B1)
// answer for every operation's parameters, HTTP 200 and naming the
// parameter: with the other required parameters well-formed, leaving one
// out is LESS_THAN_MIN_OCCURANCE, and text in an integer one is
// DATATYPE_NOT_MATCHED.
func TestValidationCodesCoverEveryOperation(t *testing.T) {
	e := newEnv(t)
	doc, err := spec.Load(spec.OpManager)
	require.NoError(t, err)
	checked := 0
	for _, op := range spec.Operations(spec.OpManager, doc) {
		if op.Op.RequestBody != nil && op.Op.RequestBody.Value != nil && op.Op.RequestBody.Value.Required {
			continue // uploads: the file part is checked first (TestNCMUploads)
		}
		api := strings.TrimPrefix(op.Path, "/api/json/")
		for _, ref := range op.Op.Parameters {
			p := ref.Value
			if p == nil || p.In != "query" || p.Schema == nil || p.Schema.Value == nil {
				continue
			}
			send := func(params url.Values) resp {
				return e.do(req{method: op.Method, api: api, key: e.keys["All access"], params: params})
			}
			if p.Required {
				checked++
				params := wellFormed(op)
				params.Del(p.Name)
				r := send(params)
				assert.Equal(t, http.StatusOK, r.status, "%s", op.OperationID)
				assert.Equal(t, "LESS_THAN_MIN_OCCURANCE", errCode(t, r), "%s without %s: %s", op.OperationID, p.Name, r.body)
				assert.Contains(t, string(r.body), "'"+p.Name+"'")
			}
			if p.Schema.Value.Type.Is("integer") {
				checked++
				params := wellFormed(op)
				params.Set(p.Name, "ten")
				r := send(params)
				assert.Equal(t, "DATATYPE_NOT_MATCHED", errCode(t, r), "%s with %s=ten: %s", op.OperationID, p.Name, r.body)
				assert.Contains(t, string(r.body), "'"+p.Name+"'")
			}
		}
	}
	assert.Greater(t, checked, 80, "parameters checked")
}

// wellFormed gives every required parameter of op a value its schema
// accepts: the first enum value, 1 for numbers, else text that fits.
func wellFormed(op spec.Operation) url.Values {
	out := url.Values{}
	for _, ref := range op.Op.Parameters {
		p := ref.Value
		if p == nil || !p.Required || p.Schema == nil || p.Schema.Value == nil {
			continue
		}
		s := p.Schema.Value
		v := "opm-server1"
		switch {
		case len(s.Enum) > 0:
			v = fmt.Sprint(s.Enum[0])
		case s.Type.Is("integer") || s.Type.Is("number") || (s.Pattern != "" && regexp.MustCompile(s.Pattern).MatchString("1")):
			v = "1"
		case s.Type.Is("boolean"):
			v = "true"
		}
		out.Set(p.Name, v)
	}
	return out
}
