package opmanager_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opsmock/opsmock/mock"
)

// TestKeyTransport: the key in a header (any case) works everywhere; in the
// query or a form field it works except on the header-only URLs (OPM-KEYS).
func TestKeyTransport(t *testing.T) {
	e := newEnv(t)
	key := e.keys["All access"]
	ops := []struct {
		name       string
		method     string
		api        string
		params     url.Values
		headerOnly bool
	}{
		{"listAlarms (header-only)", http.MethodGet, "alarm/listAlarms", nil, true},
		{"addSubnet (header-only)", http.MethodPost, "ipam/addSubnet", url.Values{"subnetAddress": {"10.99.0.0"}}, true},
		{"listDevices", http.MethodGet, "device/listDevices", nil, false},
		{"getNFAV2TabList", http.MethodGet, "v1/nfadevice/getNFAV2TabList", nil, false},
	}
	transports := []struct {
		name   string
		in     keyIn
		header string
	}{
		{"header apiKey", inHeader, "apiKey"},
		{"header apikey", inHeader, "apikey"},
		{"header APIKEY", inHeader, "APIKEY"},
		{"query", inQuery, ""},
		{"form field", inForm, ""},
	}
	for _, op := range ops {
		for _, tr := range transports {
			if tr.in == inForm && op.method == http.MethodGet {
				continue
			}
			t.Run(op.name+"/"+tr.name, func(t *testing.T) {
				r := e.do(req{method: op.method, api: op.api, key: key, keyIn: tr.in, headerName: tr.header, params: op.params})
				if op.headerOnly && tr.in != inHeader {
					assert.Equal(t, http.StatusUnauthorized, r.status)
					assert.Equal(t, "API_KEY_MISSING", errCode(t, r), "a key outside the header counts as no key")
					assert.Contains(t, string(r.body), "only in the apiKey request header")
					return
				}
				assert.Equal(t, http.StatusOK, r.status)
				assert.Empty(t, errCode(t, r), "%s", r.body)
			})
		}
	}
}

func TestRefusedKeys(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name, key string
		in        keyIn
		code      string
	}{
		{"no key", "", noKey, "API_KEY_MISSING"},
		{"unknown key", "0123456789abcdef0123456789abcdef", inHeader, "API_KEY_INVALID"},
		{"disabled key", e.keys["Disabled"], inHeader, "API_KEY_DISABLED"},
		{"expired key", e.keys["Expired"], inHeader, "API_KEY_EXPIRED"},
		{"owner without REST access", e.keys["Guest without REST access"], inHeader, "REST_API_ACCESS_DISABLED"},
		{"disabled key in the query", e.keys["Disabled"], inQuery, "API_KEY_DISABLED"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(req{method: http.MethodGet, api: "device/listDevices", key: tc.key, keyIn: tc.in})
			assert.Equal(t, http.StatusUnauthorized, r.status)
			assert.Equal(t, tc.code, errCode(t, r))
		})
	}
}

func TestAuthFailureStatusIsConfigurable(t *testing.T) {
	e := newEnv(t, mock.WithOpManagerAuthFailureStatus(http.StatusOK))
	r := e.do(req{method: http.MethodGet, api: "device/listDevices", keyIn: noKey})
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "API_KEY_MISSING", errCode(t, r))
}

// TestAccessTypes runs each seeded key against reads and writes of several
// modules: the key's access type and its owner's privileges both apply.
func TestAccessTypes(t *testing.T) {
	e := newEnv(t)
	ops := map[string]req{
		"read Alarms":     {method: http.MethodGet, api: "alarm/listAlarms"},
		"write Alarms":    {method: http.MethodPost, api: "alarm/acknowledgeAlarm", params: url.Values{"entity": {"nope"}}},
		"read Inventory":  {method: http.MethodGet, api: "device/listDevices"},
		"write IPAM":      {method: http.MethodPost, api: "ipam/addSubnet", params: url.Values{"subnetAddress": {"10.77.0.0"}}},
		"read NCM (spec)": {method: http.MethodGet, api: "v1/ncmsettings/getSysLogBlockedHosts"},
		"read NFA (spec)": {method: http.MethodGet, api: "v1/nfadevice/getNFAV2TabList"},
	}
	allowed := map[string][]string{
		"All access":          {"read Alarms", "write Alarms", "read Inventory", "write IPAM", "read NCM (spec)", "read NFA (spec)"},
		"Alarms read-only":    {"read Alarms"},
		"Specific APIs":       {"read NCM (spec)", "read NFA (spec)"},
		"Operator all access": {"read Alarms", "read Inventory", "read NCM (spec)", "read NFA (spec)"}, // operator: Read everywhere
	}
	for keyName, ok := range allowed {
		for opName, op := range ops {
			t.Run(keyName+"/"+opName, func(t *testing.T) {
				op.key = e.keys[keyName]
				r := e.do(op)
				if slices.Contains(ok, opName) {
					assert.NotEqual(t, "API_ACCESS_DENIED", errCode(t, r), "%s", r.body)
					assert.Equal(t, http.StatusOK, r.status)
				} else {
					assert.Equal(t, http.StatusForbidden, r.status, "%s", r.body)
					assert.Equal(t, "API_ACCESS_DENIED", errCode(t, r))
				}
			})
		}
	}
}
