package opmanager_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
)

// TestValidationErrors: bad parameters get HTTP 200 and the documented
// envelope and wording (fact B1), whichever way they were sent.
func TestValidationErrors(t *testing.T) {
	e := newEnv(t)
	long := strings.Repeat("n", 101)
	cases := []struct {
		name    string
		method  string
		api     string
		params  url.Values
		code    string
		message string
	}{
		{"missing", http.MethodPost, "alarm/acknowledgeAlarm", nil, "LESS_THAN_MIN_OCCURANCE", "The parameter 'entity' is mandatory and must have at least 1 occurrence."},
		{"not an integer", http.MethodGet, "device/listDevices", url.Values{"page": {"two"}}, "DATATYPE_NOT_MATCHED", "The parameter 'page' must be of integer type."},
		{"pattern", http.MethodGet, "alarm/listAlarms", url.Values{"severity": {"9"}}, "PATTERN_NOT_MATCHED", "The input specified for the parameter 'severity' does not match the required pattern."},
		{"enum", http.MethodGet, "alarm/listAlarms", url.Values{"alertType": {"EverythingAlarms"}}, "PATTERN_NOT_MATCHED", "The input specified for the parameter 'alertType' does not match the required pattern."},
		{"time format", http.MethodGet, "alarm/listAlarms", url.Values{"fromTime": {"yesterday"}}, "PATTERN_NOT_MATCHED", ""},
		{"impossible date", http.MethodGet, "alarm/listAlarms", url.Values{"toTime": {"2026-02-31"}}, "PATTERN_NOT_MATCHED", ""},
		{"too long", http.MethodPost, "admin/addLinuxCredential", url.Values{"credentialName": {long}, "userName": {"u"}, "password": {"p"}}, "MORE_THAN_MAX_LENGTH", "The parameter 'credentialName' must have a maximum length of 100."},
		{"too short", http.MethodPost, "alarm/clearAlarm", url.Values{"entity": {""}}, "LESS_THAN_MIN_LENGTH", "The parameter 'entity' must have a minimum length of 1."},
		{"script", http.MethodPost, "spm/addSwitch", url.Values{"switchAddress": {"<script>alert(1)</script>"}}, "XSS_DETECTED", "Illegal input detected on the parameter 'switchAddress'."},
		{"missing in a GET", http.MethodGet, "device/getDeviceSummary", nil, "LESS_THAN_MIN_OCCURANCE", "The parameter 'name' is mandatory and must have at least 1 occurrence."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(req{method: tc.method, api: tc.api, key: e.keys["All access"], params: tc.params})
			assert.Equal(t, http.StatusOK, r.status)
			env := decode[errEnvelope](t, r)
			assert.Equal(t, tc.code, env.Error.ErrorCode, "%s", r.body)
			if tc.message != "" {
				assert.Equal(t, tc.message, env.Error.Message)
			}
		})
	}
}

func TestUnknownURLsAndMethods(t *testing.T) {
	e := newEnv(t)
	r := e.get("alarm/deleteEverything", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Equal(t, "URL_NOT_FOUND", errCode(t, r))

	r = e.do(req{method: http.MethodGet, api: "alarm/deleteEverything", keyIn: noKey})
	assert.Equal(t, http.StatusUnauthorized, r.status, "the key is checked first")

	r = e.get("alarm/clearAlarm", url.Values{"entity": {"x"}})
	assert.Equal(t, http.StatusMethodNotAllowed, r.status)
	assert.Equal(t, "METHOD_NOT_ALLOWED", errCode(t, r))
	assert.Equal(t, "POST", r.header.Get("Allow"))
}

func TestOversizeBody(t *testing.T) {
	e := newEnv(t, mock.WithMaxBodyBytes(256))
	r := e.upload("ncmsettings/importDevices", nil, "ipaddress\n"+strings.Repeat("10.0.0.1\n", 100))
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "INVALID_FILE", errCode(t, r))
	assert.Contains(t, string(r.body), "maximum size of 256 bytes")
	require.Equal(t, http.StatusOK, e.get("device/listDevices", nil).status, "the server is fine afterwards")
}
