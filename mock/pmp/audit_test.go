package pmp_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (e *env) audit(params url.Values, as string) []map[string]string {
	e.t.Helper()
	v := e.ok(req{method: http.MethodGet, path: "/audit", params: params, as: as})
	rows := details[[]map[string]string](e.t, v)
	require.Equal(e.t, len(rows), *v.Operation.TotalRows)
	return rows
}

// TestAudit: changes and retrievals leave records of the right type, newest
// first; DURATION follows the server clock; STARTINDEX and LIMIT page.
func TestAudit(t *testing.T) {
	e := newEnv(t)
	seeded := e.audit(url.Values{"AUDITTYPE": {"Resource"}}, "")
	require.Len(t, seeded, 2, "§55's two records")
	assert.Equal(t, "CI/CD Settings Updated", seeded[0]["OPERATIONTYPE"], "newest first")
	assert.Equal(t, "2019-01-03 14:51:06.666", seeded[0]["LASTACCESSEDTIME"])

	e.get("/resources/303/accounts/307/password", map[string]any{"REASON": "audit me"})
	e.clock.Advance(time.Minute)
	e.ok(req{method: http.MethodPut, path: "/user/lock", params: url.Values{"USERNAME": {"guest"}}})
	today := e.audit(url.Values{"AUDITTYPE": {"Resource"}, "DURATION": {"TODAY"}}, "auditor")
	require.Len(t, today, 1)
	assert.Equal(t, map[string]string{"AUDITID": today[0]["AUDITID"], "RESOURCENAME": "WebLogic Server", "ACCOUNTNAME": "system",
		"OPERATIONTYPE": "Password Retrieved", "OPERATEDBY": "admin", "IPADDRESS": "127.0.0.1", "USERNAME": "N/A",
		"LASTACCESSEDTIME": "2026-06-07 08:09:10.000", "REASON": "audit me", "NAME": "N/A", "CLIENT": "REST API"}, today[0])
	users := e.audit(url.Values{"AUDITTYPE": {"User"}}, "")
	require.Len(t, users, 1)
	assert.Equal(t, "User Locked", users[0]["OPERATIONTYPE"])
	assert.Equal(t, "guest", users[0]["USERNAME"])

	e.clock.Advance(24 * time.Hour)
	assert.Empty(t, e.audit(url.Values{"AUDITTYPE": {"Resource"}, "DURATION": {"TODAY"}}, ""))
	assert.Len(t, e.audit(url.Values{"AUDITTYPE": {"Resource"}, "DURATION": {"YESTERDAY"}}, ""), 1)
	assert.Len(t, e.audit(url.Values{"AUDITTYPE": {"Resource"}, "DURATION": {"LAST_7_DAYS"}}, ""), 1)

	all := e.audit(url.Values{"AUDITTYPE": {"Resource"}}, "")
	require.Len(t, all, 3)
	page := e.audit(url.Values{"AUDITTYPE": {"Resource"}, "STARTINDEX": {"2"}, "LIMIT": {"1"}}, "")
	assert.Equal(t, all[1:2], page)

	assert.Equal(t, "AUDITTYPE is mandatory for this operation.", e.fails(req{method: http.MethodGet, path: "/audit"}))
	assert.Equal(t, "STARTINDEX has an invalid value.", e.fails(req{method: http.MethodGet, path: "/audit", params: url.Values{"AUDITTYPE": {"User"}, "STARTINDEX": {"first"}}}))
}

func TestPasswords(t *testing.T) {
	e := newEnv(t)
	policies := details[map[string]any](t, e.get("/passwords/policies", nil))
	assert.Equal(t, "opsmock", policies["ORGANIZATION"])
	names := map[string]bool{}
	for _, p := range policies["POLICIES"].([]any) {
		names[p.(map[string]any)["POLICYNAME"].(string)] = true
	}
	assert.Equal(t, map[string]bool{"Low": true, "Medium": true, "Strong": true, "Offline Password File": true}, names)

	for _, pol := range []string{"Low", "Medium", "Strong", "Offline Password File"} {
		pw := details[map[string]string](t, e.get("/passwords/generate", map[string]any{"POLICY": pol}))["PASSWORD"]
		v := e.ok(req{method: http.MethodPost, path: "/passwords/validate", input: map[string]any{"password": pw, "passwordPolicy": pol}})
		assert.Equal(t, "Valid", v.Operation.Result.Message, "%s generated %q", pol, pw)
		assert.Equal(t, 20000, v.Operation.Result.StatusCode)
	}
	// §86's own input, with its lower-case "details", naming the policy by ID.
	v := e.env(e.do(req{method: http.MethodPost, path: "/passwords/validate",
		input: `{"operation":{"details":{"password":"Test@123","passwordPolicyId":"10000000000003"}}}`}))
	assert.Equal(t, "Valid", v.Operation.Result.Message)
	v = e.env(e.do(req{method: http.MethodPost, path: "/passwords/validate",
		input: `{"operation":{"details":{"password":"Welcome@123","passwordPolicy":"Strong"}}}`}))
	assert.Equal(t, "Password must not contain a dictionary word.", v.Operation.Result.Message)
	v = e.env(e.do(req{method: http.MethodPost, path: "/passwords/validate", input: map[string]any{"password": "abc", "passwordPolicy": "Strong"}}))
	assert.Equal(t, "Failed", v.Operation.Result.Status)
	assert.Equal(t, 46000, v.Operation.Result.StatusCode)
	assert.Equal(t, "Either passwordPolicy or passwordPolicyId should be given.", e.fails(req{method: http.MethodPost, path: "/passwords/validate", input: map[string]any{"password": "abc"}}))
	assert.Equal(t, "Password policy not found.", e.fails(req{method: http.MethodGet, path: "/passwords/generate", input: map[string]any{"POLICY": "Paranoid"}}))
}

func TestAgentKeyAndHA(t *testing.T) {
	e := newEnv(t)
	v := e.ok(req{method: http.MethodPost, path: "/agents/agentkey"})
	assert.Equal(t, "Fetch Agent Key", v.Operation.OperationName)
	first := details[map[string]string](t, v)
	v = e.ok(req{method: http.MethodPost, path: "/agents/agentkey", input: map[string]any{"generateAgentKey": "true", "validityPeriod": 3}})
	second := details[map[string]string](t, v)
	assert.NotEqual(t, first["agentKey"], second["agentKey"])
	assert.Equal(t, "06/07/2026 11:09:10", second["agentKeyEndTime"], "now + 3 hours, MM/dd/yyyy")
	assert.Equal(t, second, details[map[string]string](t, e.ok(req{method: http.MethodPost, path: "/agents/agentkey"})), "fetching keeps it")

	ha := details[map[string]string](t, e.get("/server/getHighAvailabilityStatus", nil))
	assert.Equal(t, "active", ha["haStatus"])
}
