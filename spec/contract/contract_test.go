package contract

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func opsManager(t *testing.T) *Contract {
	t.Helper()
	c, err := New("opsmanager")
	require.NoError(t, err)
	return c
}

func TestMatch(t *testing.T) {
	c := opsManager(t)
	cases := []struct {
		method, target string
		op             string
		params         map[string]string
		err            error
	}{
		{"GET", "/api/public/v1.0/admin/apiKeys?pretty=true", "listGlobalApiKeys", map[string]string{}, nil},
		{"PATCH", "/api/public/v1.0/admin/apiKeys/abc", "updateGlobalApiKey", map[string]string{"apiKeyId": "abc"}, nil},
		{"GET", "http://host:1/api/public/v1.0/admin/whitelist/x", "getGlobalWhitelistEntry", map[string]string{"accessListId": "x"}, nil},
		{"GET", "/api/public/v1.0/admin/apiKeys/a%20b%2Fc", "getGlobalApiKey", map[string]string{"apiKeyId": "a b/c"}, nil},
		// kin-openapi would route these to {apiKeyId} = "": they are 405s.
		{"PATCH", "/api/public/v1.0/admin/apiKeys", "", nil, ErrMethodNotAllowed},
		{"DELETE", "/api/public/v1.0/admin/apiKeys", "", nil, ErrMethodNotAllowed},
		{"PUT", "/api/public/v1.0/admin/apiKeys/abc", "", nil, ErrMethodNotAllowed},
		{"GET", "/api/public/v1.0/admin/nothing", "", nil, ErrNotFound},
		{"GET", "/elsewhere", "", nil, ErrNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			m, err := c.Match(httptest.NewRequest(tc.method, tc.target, nil))
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.op, m.OperationID())
			assert.Equal(t, tc.params, m.PathParams)
		})
	}
	assert.Equal(t, []string{"GET", "POST"}, c.AllowedMethods(httptest.NewRequest("PUT", "/api/public/v1.0/admin/apiKeys", nil)))
	assert.Equal(t, []string{"GET", "PATCH", "DELETE"}, c.AllowedMethods(httptest.NewRequest("PUT", "/api/public/v1.0/admin/apiKeys/k", nil)))
}

func TestValidateRequestLeavesBodyAndQuery(t *testing.T) {
	c := opsManager(t)
	body := `{"desc":"x","roles":["GLOBAL_OWNER"]}`
	r := httptest.NewRequest("POST", "/api/public/v1.0/admin/apiKeys?pretty=true", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	m, err := c.Match(r)
	require.NoError(t, err)
	require.NoError(t, c.ValidateRequest(context.Background(), r, m))
	assert.Equal(t, "pretty=true", r.URL.RawQuery, "defaults must not be written into the query")
	rest, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	assert.Equal(t, body, string(rest), "body must be readable again")

	r = httptest.NewRequest("GET", "/api/public/v1.0/admin/apiKeys?itemsPerPage=900", nil)
	m, err = c.Match(r)
	require.NoError(t, err)
	assert.ErrorContains(t, c.ValidateRequest(context.Background(), r, m), "itemsPerPage")
}

func TestValidateUnrouted(t *testing.T) {
	c := opsManager(t)
	r := httptest.NewRequest("GET", "/api/public/v1.0/admin/nothing", nil)
	json := http.Header{"Content-Type": {"application/json"}}
	good := `{"detail":"Cannot find resource /x.","error":404,"errorCode":"RESOURCE_NOT_FOUND","parameters":["/x"],"reason":"Not Found"}`
	assert.NoError(t, c.ValidateResponse(context.Background(), r, 404, json, []byte(good)))
	assert.Error(t, c.ValidateResponse(context.Background(), r, 200, json, []byte(good)), "unrouted success")
	assert.Error(t, c.ValidateResponse(context.Background(), r, 404, http.Header{"Content-Type": {"text/html"}}, []byte(good)))
	assert.Error(t, c.ValidateResponse(context.Background(), r, 404, json, []byte(`{"message":"nope"}`)))
	assert.Error(t, c.ValidateResponse(context.Background(), r, 404, json, []byte(`not json`)))
}

func TestCheckTable(t *testing.T) {
	c := opsManager(t)
	table := map[string]int{}
	for _, op := range c.Operations() {
		table[op.OperationID] = 1
	}
	require.NoError(t, CheckTable(c, table))

	delete(table, "getGlobalApiKey")
	assert.EqualError(t, CheckTable(c, table), "opsmanager: operation getGlobalApiKey has no handler")
	table["getGlobalApiKey"] = 1
	table["renameGlobalApiKey"] = 1
	assert.EqualError(t, CheckTable(c, table), "opsmanager: handler renameGlobalApiKey has no operation in the spec")
}

func TestPrefixes(t *testing.T) {
	om := opsManager(t)
	assert.Equal(t, []string{"/api/public/v1.0"}, om.Prefixes())
	pmp, err := New("pmp")
	require.NoError(t, err)
	assert.Equal(t, []string{"/restapi/json/v1", "/api/pki/restapi"}, pmp.Prefixes())
	for path, want := range map[string]bool{
		"/restapi/json/v1/resources": true, "/restapi/json/v1": true, "/api/pki/restapi/getAllSSHKeys": true,
		"/restapi/json/v10/x": false, "/api/public/v1.0/admin/apiKeys": false, "/": false,
	} {
		assert.Equal(t, want, pmp.Owns(path), path)
	}
}
