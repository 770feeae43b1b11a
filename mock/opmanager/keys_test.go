package opmanager_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (e *env) listDevicesWith(key string) resp {
	return e.do(req{method: http.MethodGet, api: "device/listDevices", key: key})
}

// TestKeyLifecycle walks one key through the management actions and checks
// at each step what the API says of it.
func TestKeyLifecycle(t *testing.T) {
	e := newEnv(t)
	k := e.createKey("admin", map[string]any{
		"name": "inventory rw", "accessType": "module", "modules": map[string]string{"Inventory": "readwrite"},
		"expiresAt": e.clock.Now().Add(time.Hour),
	})
	assert.Equal(t, "enabled", k.Status)
	assert.Regexp(t, `^[0-9a-f]{32}$`, k.APIKey)
	assert.Equal(t, http.StatusOK, e.listDevicesWith(k.APIKey).status)
	// Module keys reach only their modules: addDevice is in Discovery.
	r := e.do(req{method: http.MethodPost, api: "discovery/addDevice", key: k.APIKey, params: url.Values{"deviceName": {"10.1.1.1"}}})
	assert.Equal(t, "API_ACCESS_DENIED", errCode(t, r))

	action := func(a string) {
		t.Helper()
		status, b := e.control(http.MethodPost, fmt.Sprintf("apikeys/%d/%s", k.ID, a), "admin", nil)
		require.Equal(t, http.StatusOK, status, "%s: %s", a, b)
	}
	old := k.APIKey
	action("regenerate")
	_, b := e.control(http.MethodGet, "apikeys", "admin", nil)
	var keys []keyDoc
	require.NoError(t, json.Unmarshal(b, &keys))
	for _, kk := range keys {
		if kk.ID == k.ID {
			k = kk
		}
	}
	assert.NotEqual(t, old, k.APIKey)
	assert.Equal(t, "API_KEY_INVALID", errCode(t, e.listDevicesWith(old)), "the old value stops working at once")
	assert.Equal(t, http.StatusOK, e.listDevicesWith(k.APIKey).status)

	action("disable")
	assert.Equal(t, "API_KEY_DISABLED", errCode(t, e.listDevicesWith(k.APIKey)))
	action("enable")
	assert.Equal(t, http.StatusOK, e.listDevicesWith(k.APIKey).status)

	e.clock.Advance(2 * time.Hour) // past expiresAt
	assert.Equal(t, "API_KEY_EXPIRED", errCode(t, e.listDevicesWith(k.APIKey)))

	status, _ := e.control(http.MethodDelete, fmt.Sprintf("apikeys/%d", k.ID), "admin", nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "API_KEY_INVALID", errCode(t, e.listDevicesWith(k.APIKey)))
}

func TestExpireAction(t *testing.T) {
	e := newEnv(t)
	k := e.createKey("admin", map[string]any{"name": "short", "accessType": "all"})
	status, _ := e.control(http.MethodPost, fmt.Sprintf("apikeys/%d/expire", k.ID), "admin", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "API_KEY_EXPIRED", errCode(t, e.listDevicesWith(k.APIKey)))
}

// TestSpecificKeyFromControlPlane: a Specific-API key reaches exactly its APIs.
func TestSpecificKeyFromControlPlane(t *testing.T) {
	e := newEnv(t)
	k := e.createKey("admin", map[string]any{"name": "devices only", "accessType": "specific", "apis": []string{"device/listDevices"}})
	assert.Equal(t, http.StatusOK, e.listDevicesWith(k.APIKey).status)
	r := e.do(req{method: http.MethodGet, api: "device/getDeviceSummary", key: k.APIKey, params: url.Values{"name": {"opm-server1"}}})
	assert.Equal(t, "API_ACCESS_DENIED", errCode(t, r))
}

// TestSuperAdminLimits: a super admin lists, disables and deletes other
// users' keys, but cannot regenerate (or re-enable) them (OPM-KEYS).
func TestSuperAdminLimits(t *testing.T) {
	e := newEnv(t)
	k := e.createKey("operator", map[string]any{"name": "operator key", "accessType": "all"})
	path := fmt.Sprintf("apikeys/%d", k.ID)

	_, b := e.control(http.MethodGet, "apikeys", "admin", nil)
	var all []keyDoc
	require.NoError(t, json.Unmarshal(b, &all))
	var seen *keyDoc
	for i := range all {
		if all[i].ID == k.ID {
			seen = &all[i]
		}
	}
	require.NotNil(t, seen, "the super admin sees every key")
	assert.Equal(t, "********", seen.APIKey, "but not another user's key value")

	_, b = e.control(http.MethodGet, "apikeys", "operator", nil)
	var own []keyDoc
	require.NoError(t, json.Unmarshal(b, &own))
	for _, kk := range own {
		assert.Equal(t, "operator", kk.CreatedBy, "a user sees only their own keys")
	}

	cases := []struct {
		user, method, path string
		status             int
	}{
		{"admin", http.MethodPost, path + "/regenerate", http.StatusForbidden},
		{"operator", http.MethodPost, "apikeys/1/disable", http.StatusNotFound}, // admin's key: invisible to operator
		{"admin", http.MethodPost, path + "/disable", http.StatusOK},
		{"admin", http.MethodPost, path + "/enable", http.StatusForbidden},
		{"operator", http.MethodPost, path + "/enable", http.StatusOK},
		{"operator", http.MethodPost, path + "/regenerate", http.StatusOK},
		{"admin", http.MethodDelete, path, http.StatusOK},
	}
	for _, tc := range cases {
		status, b := e.control(tc.method, tc.path, tc.user, nil)
		assert.Equal(t, tc.status, status, "%s %s %s: %s", tc.user, tc.method, tc.path, b)
	}
}

// TestKeyNeverExceedsOwner: a key cannot be created above the owner's
// privileges, and an All-access key of a read-only user cannot write.
func TestKeyNeverExceedsOwner(t *testing.T) {
	e := newEnv(t)
	status, b := e.control(http.MethodPost, "apikeys", "operator", map[string]any{
		"name": "too much", "accessType": "module", "modules": map[string]string{"Alarms": "readwrite"}})
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, string(b), "exceeds the privileges of user operator")

	r := e.do(req{method: http.MethodPost, api: "alarm/clearAlarm", key: e.keys["Operator all access"], params: url.Values{"entity": {"x"}}})
	assert.Equal(t, http.StatusForbidden, r.status)
	assert.Contains(t, string(r.body), "has no readwrite access to the Alarms module")
}

func TestBadKeyRequests(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name string
		body map[string]any
		want string
	}{
		{"no name", map[string]any{"accessType": "all"}, "name is required"},
		{"bad access type", map[string]any{"name": "x", "accessType": "some"}, "accessType must be"},
		{"unknown module", map[string]any{"name": "x", "accessType": "module", "modules": map[string]string{"Payroll": "read"}}, `unknown module "Payroll"`},
		{"bad permission", map[string]any{"name": "x", "accessType": "module", "modules": map[string]string{"Alarms": "all"}}, "none, read or readwrite"},
		{"unknown API", map[string]any{"name": "x", "accessType": "specific", "apis": []string{"alarm/deleteEverything"}}, `unknown API "alarm/deleteEverything"`},
		{"no APIs", map[string]any{"name": "x", "accessType": "specific"}, "needs apis"},
		{"past expiry", map[string]any{"name": "x", "accessType": "all", "expiresAt": "2001-01-01T00:00:00Z"}, "in the future"},
		{"bad type", map[string]any{"name": "x", "accessType": "all", "type": "Other"}, "Custom or MCP"},
		{"unknown field", map[string]any{"name": "x", "accessType": "all", "owner": "admin"}, "unknown field"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, b := e.control(http.MethodPost, "apikeys", "admin", tc.body)
			assert.Equal(t, http.StatusBadRequest, status)
			var msg struct{ Error string }
			require.NoError(t, json.Unmarshal(b, &msg))
			assert.Contains(t, msg.Error, tc.want)
		})
	}
	status, _ := e.control(http.MethodPost, "apikeys", "nobody", map[string]any{"name": "x", "accessType": "all"})
	assert.Equal(t, http.StatusNotFound, status)
	status, _ = e.control(http.MethodPost, "apikeys/1/explode", "admin", nil)
	assert.Equal(t, http.StatusNotFound, status)
}

func TestRESTAccessToggle(t *testing.T) {
	e := newEnv(t)
	guestKey := e.keys["Guest without REST access"]
	assert.Equal(t, "REST_API_ACCESS_DISABLED", errCode(t, e.listDevicesWith(guestKey)))

	status, _ := e.control(http.MethodPost, "users/guest/rest-access/enable", "operator", nil)
	assert.Equal(t, http.StatusForbidden, status, "only a super admin may")
	status, _ = e.control(http.MethodPost, "users/guest/rest-access/enable", "admin", nil)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, http.StatusOK, e.listDevicesWith(guestKey).status)

	status, _ = e.control(http.MethodPost, "users/operator/rest-access/disable", "", nil) // default actor: admin
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "REST_API_ACCESS_DISABLED", errCode(t, e.listDevicesWith(e.keys["Operator all access"])))
}

func TestSeededCredentials(t *testing.T) {
	e := newEnv(t)
	got := map[string]string{}
	access := map[string]string{}
	for _, k := range e.srv.Credentials().OpManager {
		got[k.Name] = k.Status
		access[k.Name] = k.AccessType
		assert.Regexp(t, `^[0-9a-f]{32}$`, k.APIKey)
	}
	assert.Equal(t, map[string]string{
		"All access": "enabled", "Alarms read-only": "enabled", "Specific APIs": "enabled", "Disabled": "disabled",
		"Expired": "expired", "Operator all access": "enabled", "Guest without REST access": "enabled",
	}, got)
	assert.Equal(t, "module", access["Alarms read-only"])
	assert.Equal(t, "specific", access["Specific APIs"])
}
