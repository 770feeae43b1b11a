package opsmanager_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestErrors runs bad and forbidden requests and checks the vendor error
// document (facts A1-A3) each one gets. Every response is also spec-validated.
func TestErrors(t *testing.T) {
	e := newEnv(t)
	keyID := "5d669ce780eef52a42cf0e1e" // OM-LIST's first key
	long := strings.Repeat("x", 251)
	cases := []struct {
		name        string
		reader      bool // as the GLOBAL_READ_ONLY key instead of the owner
		method      string
		path        string
		body        string
		contentType string
		status      int
		code        string
		params      []any
	}{
		{"missing desc", false, "POST", "/admin/apiKeys", `{"roles":["GLOBAL_OWNER"]}`, "", 400, "MISSING_ATTRIBUTE", []any{"desc"}},
		{"missing roles", false, "POST", "/admin/apiKeys", `{"desc":"x"}`, "", 400, "MISSING_ATTRIBUTE", []any{"roles"}},
		{"empty desc", false, "POST", "/admin/apiKeys", `{"desc":"","roles":["GLOBAL_OWNER"]}`, "", 400, "INVALID_ATTRIBUTE", []any{"desc"}},
		{"desc over 250", false, "POST", "/admin/apiKeys", `{"desc":"` + long + `","roles":["GLOBAL_OWNER"]}`, "", 400, "INVALID_ATTRIBUTE", []any{"desc"}},
		{"empty roles", false, "POST", "/admin/apiKeys", `{"desc":"x","roles":[]}`, "", 400, "INVALID_ATTRIBUTE", []any{"roles"}},
		{"unknown role", false, "POST", "/admin/apiKeys", `{"desc":"x","roles":["GLOBAL_NOPE"]}`, "", 400, "INVALID_ENUM_VALUE", []any{"GLOBAL_NOPE"}},
		{"group role", false, "POST", "/admin/apiKeys", `{"desc":"x","roles":["GROUP_OWNER"]}`, "", 400, "ROLE_NEEDS_GROUP_ID", []any{"GROUP_OWNER"}},
		{"org role", false, "POST", "/admin/apiKeys", `{"desc":"x","roles":["ORG_OWNER"]}`, "", 400, "ROLE_NEEDS_ORG_ID", []any{"ORG_OWNER"}},
		{"billing role", false, "POST", "/admin/apiKeys", `{"desc":"x","roles":["GLOBAL_BILLING_ADMIN"]}`, "", 401, "BILLING_UNSUPPORTED", []any{}},
		{"unknown field", false, "POST", "/admin/apiKeys", `{"desc":"x","roles":["GLOBAL_OWNER"],"color":"red"}`, "", 400, "INVALID_ATTRIBUTE", []any{"color"}},
		{"read-only field", false, "POST", "/admin/apiKeys", `{"desc":"x","roles":["GLOBAL_OWNER"],"publicKey":"abcdefgh"}`, "", 400, "ATTRIBUTE_READ_ONLY", []any{"publicKey"}},
		{"malformed JSON", false, "POST", "/admin/apiKeys", `{"desc":`, "", 400, "INVALID_JSON", []any{}},
		{"array body", false, "POST", "/admin/apiKeys", `[]`, "", 400, "INVALID_JSON", []any{}},
		{"wrong attribute type", false, "POST", "/admin/apiKeys", `{"desc":5,"roles":["GLOBAL_OWNER"]}`, "", 400, "INVALID_JSON_ATTRIBUTE", []any{"desc"}},
		{"role of wrong type", false, "POST", "/admin/apiKeys", `{"desc":"x","roles":[7]}`, "", 400, "INVALID_JSON_ATTRIBUTE", []any{"roles"}},
		{"empty body", false, "POST", "/admin/apiKeys", ``, "", 400, "INVALID_JSON", []any{}},
		{"form body", false, "POST", "/admin/apiKeys", `desc=x`, "application/x-www-form-urlencoded", 415, "UNSUPPORTED_MEDIA_TYPE", []any{"application/x-www-form-urlencoded"}},
		{"update with nothing", false, "PATCH", "/admin/apiKeys/" + keyID, `{}`, "", 400, "MISSING_ONE_OF_ATTRIBUTES", []any{"desc", "roles"}},
		{"update unknown key", false, "PATCH", "/admin/apiKeys/000000000000000000000000", `{"desc":"x"}`, "", 400, "API_KEY_NOT_FOUND", []any{"000000000000000000000000"}},
		{"get unknown key", false, "GET", "/admin/apiKeys/nope", ``, "", 400, "API_KEY_NOT_FOUND", []any{"nope"}},
		{"delete unknown key", false, "DELETE", "/admin/apiKeys/nope", ``, "", 400, "API_KEY_NOT_FOUND", []any{"nope"}},
		{"unknown path", false, "GET", "/admin/nothing", ``, "", 404, "RESOURCE_NOT_FOUND", []any{base + "/admin/nothing"}},
		{"unknown method", false, "PUT", "/admin/apiKeys", `{}`, "", 405, "METHOD_NOT_ALLOWED", []any{"PUT"}},
		{"itemsPerPage over 500", false, "GET", "/admin/apiKeys?itemsPerPage=501", ``, "", 400, "INVALID_QUERY_PARAMETER", []any{"itemsPerPage"}},
		{"itemsPerPage zero", false, "GET", "/admin/apiKeys?itemsPerPage=0", ``, "", 400, "INVALID_QUERY_PARAMETER", []any{"itemsPerPage"}},
		{"itemsPerPage not a number", false, "GET", "/admin/apiKeys?itemsPerPage=ten", ``, "", 400, "INVALID_QUERY_PARAMETER", []any{"itemsPerPage"}},
		{"pageNum zero", false, "GET", "/admin/apiKeys?pageNum=0", ``, "", 400, "INVALID_QUERY_PARAMETER", []any{"pageNum"}},
		{"pageNum not a number", false, "GET", "/admin/accessList?pageNum=x", ``, "", 400, "INVALID_QUERY_PARAMETER", []any{"pageNum"}},
		{"pretty not a boolean", false, "GET", "/admin/apiKeys?pretty=maybe", ``, "", 400, "INVALID_QUERY_PARAMETER", []any{"pretty"}},
		{"reader cannot create", true, "POST", "/admin/apiKeys", `{"desc":"x","roles":["GLOBAL_OWNER"]}`, "", 401, "USER_UNAUTHORIZED", []any{}},
		{"role checked before the body", true, "POST", "/admin/apiKeys", `{"desc":`, "", 401, "USER_UNAUTHORIZED", []any{}},
		{"reader cannot update", true, "PATCH", "/admin/apiKeys/" + keyID, `{"desc":"x"}`, "", 401, "USER_UNAUTHORIZED", []any{}},
		{"reader cannot delete", true, "DELETE", "/admin/apiKeys/" + keyID, ``, "", 401, "USER_UNAUTHORIZED", []any{}},
		{"reader cannot add to access list", true, "POST", "/admin/accessList", `{"cidrBlock":"10.0.0.0/8","description":"x"}`, "", 401, "USER_UNAUTHORIZED", []any{}},
		{"bad cidr", false, "POST", "/admin/accessList", `{"cidrBlock":"10.0.0.300/8","description":"x"}`, "", 400, "INVALID_ATTRIBUTE", []any{"cidrBlock"}},
		{"access list entry unknown", false, "GET", "/admin/accessList/nope", ``, "", 404, "ACCESS_LIST_NOT_FOUND", []any{"nope"}},
		{"whitelist entry unknown", false, "DELETE", "/admin/whitelist/nope", ``, "", 404, "ACCESS_LIST_NOT_FOUND", []any{"nope"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cred := e.owner
			if tc.reader {
				cred = e.reader
			}
			req, err := http.NewRequest(tc.method, e.srv.URL()+base+tc.path, strings.NewReader(tc.body))
			require.NoError(t, err)
			ct := tc.contentType
			if ct == "" && tc.body != "" {
				ct = "application/json"
			}
			if ct != "" {
				req.Header.Set("Content-Type", ct)
			}
			resp, err := e.as(cred).Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			require.Equal(t, tc.status, resp.StatusCode)
			body := decode[apiErr](t, readAll(t, resp))
			assert.Equal(t, tc.code, body.ErrorCode)
			assert.Equal(t, tc.status, body.Error)
			assert.Equal(t, http.StatusText(tc.status), body.Reason)
			assert.Equal(t, tc.params, body.Parameters)
			assert.NotEmpty(t, body.Detail)
			if tc.status == http.StatusMethodNotAllowed {
				assert.Equal(t, "GET, POST", resp.Header.Get("Allow"))
			}
		})
	}
	// None of the refused writes changed anything.
	k := decode[map[string]any](t, mustGet(t, e, e.owner, "/admin/apiKeys/"+keyID))
	assert.Equal(t, "Test Global API Key 1", k["desc"])
}
