package pmp_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opsmock/opsmock/mock"
)

// TestInputTransports: INPUT_DATA works from the query, a urlencoded body
// labelled text/json, a plain form, and a multipart part.
func TestInputTransports(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		name string
		in   inputIn
	}{{"query", inputQuery}, {"text/json body", inputForm}, {"multipart part", inputMultipart}} {
		t.Run(tc.name, func(t *testing.T) {
			name := "via-" + strings.ReplaceAll(tc.name, "/", "-")
			e.ok(req{method: http.MethodPost, path: "/resources", inputIn: tc.in, input: newResource(name, nil)})
			assert.Contains(t, e.resourceNames("admin"), name)
		})
	}
}

// TestBadInput: every kind of bad input gets a Failed envelope with HTTP
// 200 and a message naming the problem; none is a 500.
func TestBadInput(t *testing.T) {
	e := newEnv(t)
	post := func(input any) req { return req{method: http.MethodPost, path: "/resources", input: input} }
	cases := []struct {
		name string
		r    req
		want string
	}{
		{"not JSON", post(`{"operation":`), "INPUT_DATA is not valid JSON."},
		{"JSON but not an object", post(`[1,2,3]`), "INPUT_DATA must have the form {\"operation\":{\"Details\":{...}}}."},
		{"no operation", post(`{"Details":{}}`), "INPUT_DATA must have the form {\"operation\":{\"Details\":{...}}}."},
		{"no Details", post(`{"operation":{}}`), "INPUT_DATA must have the form {\"operation\":{\"Details\":{...}}}."},
		{"missing", req{method: http.MethodPost, path: "/resources"}, "INPUT_DATA is mandatory for this operation."},
		{"missing field", post(map[string]any{"RESOURCENAME": "x"}), "ACCOUNTNAME is mandatory in INPUT_DATA."},
		{"number for a name", post(newResource("x", map[string]any{"ACCOUNTNAME": 7})), "ACCOUNTNAME in INPUT_DATA has the wrong type."},
		{"object for a list", req{method: http.MethodPost, path: "/resources/301/accounts", input: map[string]any{"ACCOUNTLIST": map[string]any{}}}, "ACCOUNTLIST in INPUT_DATA has the wrong type."},
		{"nested missing", req{method: http.MethodPost, path: "/resources/301/accounts", input: map[string]any{"ACCOUNTLIST": []any{map[string]any{"ACCOUNTNAME": "a"}}}}, "ACCOUNTLIST[0].PASSWORD is mandatory in INPUT_DATA."},
		{"bad ID in a list", req{method: http.MethodPost, path: "/resourcegroup/301/associateResources", input: map[string]any{"RESOURCEIDS": []any{"three"}}}, "RESOURCEIDS[0] in INPUT_DATA has the wrong type."},
		{"empty list", req{method: http.MethodPost, path: "/resourcegroup/301/associateResources", input: map[string]any{"RESOURCEIDS": []any{}}}, "RESOURCEIDS in INPUT_DATA must not be empty."},
		{"unknown resource", req{method: http.MethodGet, path: "/resources/987654/accounts"}, "Resource not found or you do not have permission to access it."},
		{"non-numeric ID", req{method: http.MethodGet, path: "/resources/abc/accounts"}, "Resource not found or you do not have permission to access it."},
		{"unknown account", req{method: http.MethodGet, path: "/accounts/987654/totp"}, "Account not found or you do not have permission to access it."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, e.fails(tc.r)) })
	}
}

func TestHugeBody(t *testing.T) {
	e := newEnv(t, mock.WithMaxBodyBytes(1024))
	big := newResource("huge", map[string]any{"NOTES": strings.Repeat("n", 4096)})
	assert.Equal(t, "The request is larger than the allowed size.", e.fails(req{method: http.MethodPost, path: "/resources", input: big}))
	e.ok(req{method: http.MethodGet, path: "/resources"}) // and the server goes on
}

func TestUnknownPathsAndMethods(t *testing.T) {
	e := newEnv(t)
	r := e.do(req{method: http.MethodGet, path: "/nothing/here"})
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Contains(t, string(r.body), `"message":"Invalid API URL."`)
	r = e.do(req{method: http.MethodPatch, path: "/resources"})
	assert.Equal(t, http.StatusMethodNotAllowed, r.status)
	r = e.do(req{method: http.MethodGet, path: "/nothing/here", tokenIn: tokenNone})
	assert.Contains(t, string(r.body), noTokenMessage, "the token is checked first")
}
