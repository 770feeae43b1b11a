package pmp_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPureReadsFollowWrites: the reads the registration table marks pure
// are answered from what they rendered before, per caller and state
// version; each table row reads, writes something the read shows (as the
// caller or as someone else), and reads again. A write that did not move
// the version on would leave the second read stale.
func TestPureReadsFollowWrites(t *testing.T) {
	e := newEnv(t)
	get := func(r req) string {
		t.Helper()
		res := e.do(r)
		require.Equal(t, http.StatusOK, res.status)
		return string(res.body)
	}
	for _, row := range []struct {
		name  string
		read  req
		write func()
		shows string
	}{
		{"getResources", req{method: http.MethodGet, path: "/resources"},
			func() { e.ok(req{method: http.MethodPost, path: "/resources", input: newResource("memo-host", nil)}) }, "memo-host"},
		{"getResources as another user", req{method: http.MethodGet, path: "/resources", as: "guest"},
			func() {
				e.ok(req{method: http.MethodPut, path: "/resources/304/share", input: map[string]any{"ACCESSTYPE": "view", "USERID": "2"}})
			}, "304"},
		{"getResourceAccounts", req{method: http.MethodGet, path: "/resources/301/accounts"},
			func() {
				e.ok(req{method: http.MethodPost, path: "/resources/301/accounts", input: map[string]any{"ACCOUNTLIST": []any{
					map[string]any{"ACCOUNTNAME": "memo-account", "PASSWORD": "Pa$$Word@123"}}}})
			}, "memo-account"},
		{"getResourceGroups", req{method: http.MethodGet, path: "/resourcegroup"},
			func() {
				e.ok(req{method: http.MethodPost, path: "/resourcegroup", input: map[string]any{"GROUPNAME": "memo-group", "GROUPTYPE": "STATIC"}})
			}, "memo-group"},
		{"getAllSSLCertificates", pkiReq(http.MethodGet, "getAllSSLCertificates", nil),
			func() {
				e.pok(pkiReq(http.MethodPost, "createCertificate", obj{"CNAME": "memo.opsmock.test", "ALG": "EC", "LEN": "256"}))
			}, "memo.opsmock.test"},
	} {
		t.Run(row.name, func(t *testing.T) {
			before := get(row.read)
			assert.Equal(t, before, get(row.read), "a repeated read answers the same")
			require.NotContains(t, before, row.shows)
			row.write()
			assert.Contains(t, get(row.read), row.shows, "the read after the write shows it")
		})
	}
	// Two callers never share an answer.
	assert.NotEqual(t, get(req{method: http.MethodGet, path: "/resources"}), get(req{method: http.MethodGet, path: "/resources", as: "guest"}))
}
