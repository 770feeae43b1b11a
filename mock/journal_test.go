package mock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJournal(t *testing.T) {
	s := newServer(t)
	creds := s.Credentials()
	token := creds.PMP[0].AuthToken
	do := func(method, target, contentType, body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		s.Handler().ServeHTTP(rec, req)
		return rec
	}
	input := url.Values{"INPUT_DATA": {`{"operation":{"Details":{"RESOURCENAME":"web","ACCOUNTNAME":"root","RESOURCETYPE":"Linux","PASSWORD":"S3cr3t!Passw0rd#"}}}`}}
	do("GET", "/api/public/v1.0/admin/apiKeys", "", "")
	do("POST", "/api/json/alarm/acknowledgeAlarm?apiKey=secret-key&entity=x", "", "")
	do("GET", "/restapi/json/v1/resources?AUTHTOKEN="+token, "", "")
	do("POST", "/restapi/json/v1/resources?AUTHTOKEN="+token, "application/x-www-form-urlencoded", input.Encode())
	do("GET", "/restapi/json/v1/resources/987654/accounts?AUTHTOKEN="+token, "", "")
	do("GET", "/_opsmock/health", "", "") // control plane: not journalled

	entries, dropped := s.Journal(JournalFilter{})
	require.Len(t, entries, 5)
	assert.Zero(t, dropped)
	for i, e := range entries {
		assert.Equal(t, int64(i+1), e.Seq)
		assert.NotZero(t, e.Time)
	}
	e := entries[0]
	assert.Equal(t, "opsmanager", e.Product)
	assert.Equal(t, "listGlobalApiKeys", e.OperationID, "a refused request still names its operation")
	assert.Equal(t, http.StatusUnauthorized, e.Status)
	assert.Equal(t, OutcomeFailed, e.Outcome)
	assert.Contains(t, e.Detail, "401 Unauthorized")

	e = entries[1]
	assert.Equal(t, "opmanager", e.Product)
	assert.Equal(t, map[string]any{"apiKey": "****", "entity": "x"}, e.Query, "secrets never reach the journal")
	assert.Equal(t, OutcomeFailed, e.Outcome)
	assert.Equal(t, "API_KEY_INVALID", e.Detail)

	e = entries[2]
	assert.Equal(t, "getResources", e.OperationID)
	assert.Equal(t, OutcomeSuccess, e.Outcome)
	assert.Equal(t, map[string]any{"AUTHTOKEN": "****"}, e.Query)

	e = entries[3]
	assert.Equal(t, "createResource", e.OperationID)
	assert.Equal(t, OutcomeSuccess, e.Outcome)
	assert.Equal(t, map[string]any{"INPUT_DATA": map[string]any{"operation": map[string]any{"Details": map[string]any{
		"RESOURCENAME": "web", "ACCOUNTNAME": "root", "RESOURCETYPE": "Linux", "PASSWORD": "****"}}}}, e.Body,
		"INPUT_DATA decoded, its password masked, the rest as sent")

	e = entries[4]
	assert.Equal(t, http.StatusOK, e.Status, "PMP fails with HTTP 200 ...")
	assert.Equal(t, OutcomeFailed, e.Outcome, "... and the journal says it failed")
	assert.NotEmpty(t, e.Detail)

	raw, err := json.Marshal(entries)
	require.NoError(t, err)
	for _, secret := range []string{token, "secret-key", "S3cr3t!Passw0rd#"} {
		assert.NotContains(t, string(raw), secret)
	}

	failed, _ := s.Journal(JournalFilter{Outcome: OutcomeFailed})
	assert.Len(t, failed, 3)
	pmpCalls, _ := s.Journal(JournalFilter{Product: "pmp", OperationID: "createResource"})
	assert.Len(t, pmpCalls, 1)

	var body struct {
		Entries []JournalEntry `json:"entries"`
		Dropped int            `json:"dropped"`
	}
	rec := do("GET", "/_opsmock/journal?product=pmp&outcome=success", "", "")
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body))
	assert.Len(t, body.Entries, 2)
	assert.Equal(t, http.StatusBadRequest, do("GET", "/_opsmock/journal?outcome=maybe", "", "").Code)
	assert.Equal(t, http.StatusOK, do("DELETE", "/_opsmock/journal", "", "").Code)
	entries, _ = s.Journal(JournalFilter{})
	assert.Empty(t, entries)
	assert.Equal(t, http.StatusMethodNotAllowed, do("POST", "/_opsmock/journal", "", "").Code)
}

// TestJournalIsBounded: a full journal drops its oldest entries, counts
// them, and keeps numbering.
func TestJournalIsBounded(t *testing.T) {
	s := newServer(t, WithJournalSize(3))
	for range 5 {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/public/v1.0/admin/apiKeys", nil))
	}
	entries, dropped := s.Journal(JournalFilter{})
	require.Len(t, entries, 3)
	assert.Equal(t, 2, dropped)
	assert.Equal(t, []int64{3, 4, 5}, []int64{entries[0].Seq, entries[1].Seq, entries[2].Seq}, "the oldest went first")
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
