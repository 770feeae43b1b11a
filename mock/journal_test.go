package mock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJournal(t *testing.T) {
	s := newServer(t)
	do := func(method, target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(method, target, nil))
		return rec
	}
	do("GET", "/api/public/v1.0/admin/apiKeys")
	do("POST", "/api/json/alarm/acknowledgeAlarm?apiKey=secret-key&entity=x")
	do("GET", "/restapi/json/v1/resources?AUTHTOKEN=tok")
	do("GET", "/_opsmock/health") // control plane: not journalled
	entries, dropped := s.Journal()
	require.Len(t, entries, 3)
	assert.Zero(t, dropped)
	assert.Equal(t, JournalEntry{Time: entries[0].Time, Method: "GET", Path: "/api/public/v1.0/admin/apiKeys", Product: "opsmanager", Status: 401}, entries[0])
	assert.Equal(t, "opmanager", entries[1].Product)
	assert.Equal(t, "apiKey=REDACTED&entity=x", entries[1].Query, "secrets never reach the journal")
	assert.Equal(t, "AUTHTOKEN=REDACTED", entries[2].Query)

	rec := do("GET", "/_opsmock/journal")
	var body struct {
		Entries []JournalEntry `json:"entries"`
		Dropped int            `json:"dropped"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
	assert.Len(t, body.Entries, 3)
	assert.Equal(t, http.StatusOK, do("DELETE", "/_opsmock/journal").Code)
	entries, _ = s.Journal()
	assert.Empty(t, entries)
	assert.Equal(t, http.StatusMethodNotAllowed, do("POST", "/_opsmock/journal").Code)
}

func TestJournalIsBounded(t *testing.T) {
	var j journal
	for i := range journalSize + 5 {
		j.add(JournalEntry{Status: i})
	}
	assert.Len(t, j.entries, journalSize)
	assert.Equal(t, 5, j.dropped)
	assert.Equal(t, 5, j.entries[0].Status, "the oldest went first")
}

func TestDriftsControlPlane(t *testing.T) {
	s := newServer(t)
	call := func(method, target, body string) (int, map[string]any) {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(method, target, bytes.NewBufferString(body)))
		var v map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &v)
		return rec.Code, v
	}
	active := func() []string {
		var out []string
		for _, d := range s.Drifts() {
			if d.Active {
				out = append(out, d.Name)
			}
		}
		return out
	}
	code, v := call("GET", "/_opsmock/drifts", "")
	require.Equal(t, http.StatusOK, code)
	assert.NotEmpty(t, v["drifts"])
	assert.Empty(t, active())

	code, _ = call("POST", "/_opsmock/drifts/opsmanager.pretty-ignored", "")
	assert.Equal(t, http.StatusOK, code)
	code, _ = call("POST", "/_opsmock/drifts/opsmanager.no-next-link", "")
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, []string{"opsmanager.no-next-link", "opsmanager.pretty-ignored"}, active())
	code, _ = call("DELETE", "/_opsmock/drifts/opsmanager.pretty-ignored", "")
	assert.Equal(t, http.StatusOK, code)
	assert.Equal(t, []string{"opsmanager.no-next-link"}, active())
	code, _ = call("PUT", "/_opsmock/drifts", `{"active":[]}`)
	assert.Equal(t, http.StatusOK, code)
	assert.Empty(t, active())

	code, v = call("POST", "/_opsmock/drifts/no.such-drift", "")
	assert.Equal(t, http.StatusNotFound, code)
	assert.Contains(t, v["error"], "unknown drift")
	code, _ = call("PUT", "/_opsmock/drifts", `{"active":"x"}`)
	assert.Equal(t, http.StatusBadRequest, code)
	code, _ = call("PATCH", "/_opsmock/drifts/opsmanager.no-next-link", "")
	assert.Equal(t, http.StatusMethodNotAllowed, code)

	_, err := New(WithDrifts("no.such-drift"))
	assert.ErrorContains(t, err, "unknown drift")
}

// TestDriftsChangeOnlyTheirProduct: an Ops Manager drift leaves other
// products' answers alone, and a healed server answers as before.
func TestDriftsChangeOnlyTheirProduct(t *testing.T) {
	s := newServer(t)
	get := func(target string) string {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		return rec.Header().Get("WWW-Authenticate") + rec.Body.String()
	}
	om, pmpBefore := get("/api/public/v1.0/admin/apiKeys"), get("/restapi/json/v1/resources")
	require.NoError(t, s.SetDrifts("opsmanager.challenge-basic"))
	assert.Contains(t, get("/api/public/v1.0/admin/apiKeys"), "Basic realm")
	assert.Equal(t, pmpBefore, get("/restapi/json/v1/resources"))
	require.NoError(t, s.SetDrifts())
	assert.Contains(t, get("/api/public/v1.0/admin/apiKeys"), "Digest realm")
	assert.NotEmpty(t, om)
}
