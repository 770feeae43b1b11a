package opsmanager_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPureReadsFollowWrites: each read the registration table wraps in
// pure is answered again from what it rendered, until a write the read
// shows; then it shows it. Answers carry links to the host asked, so two
// hosts never share one.
func TestPureReadsFollowWrites(t *testing.T) {
	e := newEnv(t)
	read := func(path string) string {
		t.Helper()
		res, body := e.do(e.as(e.reader), http.MethodGet, base+path, "")
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		return string(body)
	}
	var keyID string
	for _, row := range []struct {
		name, path string
		write      func()
		shows      string
	}{
		{"listGlobalApiKeys", "/admin/apiKeys?itemsPerPage=500", func() {
			res, body := e.do(e.as(e.owner), http.MethodPost, base+"/admin/apiKeys", `{"desc":"pure-read key","roles":["GLOBAL_READ_ONLY"]}`)
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
			keyID = decode[struct{ ID string }](t, body).ID
		}, "pure-read key"},
		{"getGlobalApiKey", "/admin/apiKeys/<key>", func() {
			res, body := e.do(e.as(e.owner), http.MethodPatch, base+"/admin/apiKeys/"+keyID, `{"desc":"pure-read renamed"}`)
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		}, "pure-read renamed"},
		{"listGlobalAccessListEntries", "/admin/accessList", func() {
			res, body := e.addEntry("127.0.0.0/8")
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		}, "127.0.0.0/8"},
		{"listGlobalWhitelistEntries", "/admin/whitelist", func() {
			res, body := e.addEntry("10.9.0.0/16")
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		}, "10.9.0.0/16"},
	} {
		t.Run(row.name, func(t *testing.T) {
			path := strings.ReplaceAll(row.path, "<key>", keyID)
			before := read(path)
			assert.Equal(t, before, read(path), "a repeated read answers the same")
			require.NotContains(t, before, row.shows)
			row.write()
			assert.Contains(t, read(path), row.shows, "the read after the write shows it")
		})
	}
	// Links name the host asked.
	req, err := http.NewRequest(http.MethodGet, e.srv.URL()+base+"/admin/apiKeys", nil)
	require.NoError(t, err)
	req.Host = "other.opsmock.test"
	res, err := e.as(e.reader).Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	page := decode[struct{ Links []struct{ Href string } }](t, body)
	require.NotEmpty(t, page.Links)
	assert.Contains(t, page.Links[0].Href, "other.opsmock.test")
}
