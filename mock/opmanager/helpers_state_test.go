package opmanager_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
	"github.com/opsmock/opsmock/mock/opmanager"
)

// TestTypedHelpers: a device with an alarm and a key added by helpers
// show through the API at once; the rules hold for helpers too.
func TestTypedHelpers(t *testing.T) {
	srv := mocktest.Start(t, mock.WithProducts("opmanager"))
	opm := srv.OpManager()
	require.NotNil(t, opm)

	d, err := opm.AddDevice(opmanager.Device{Name: "10.99.0.1", DisplayName: "ci-router", Category: "Router", Vendor: "Cisco"})
	require.NoError(t, err)
	assert.Equal(t, 5, d.Status)
	a, err := opm.AddAlarm(opmanager.NewAlarm{Device: "10.99.0.1", Severity: 1, Message: "CPU at 99%"})
	require.NoError(t, err)
	assert.Equal(t, fmtEntity(d.MOID), a.Entity)
	got, ok := opm.Device("10.99.0.1")
	require.True(t, ok)
	assert.Equal(t, 1, got.Status, "the device takes the alarm's severity")

	key, err := opm.AddKey(opmanager.KeyCredential{User: "operator", Name: "ci alarms", AccessType: "module", Modules: map[string]string{"Alarms": "read"}})
	require.NoError(t, err)
	assert.True(t, key.Usable)
	req, _ := http.NewRequest(http.MethodGet, srv.URL()+"/api/json/alarm/listAlarms?deviceName=10.99.0.1", nil)
	req.Header.Set("apiKey", key.APIKey)
	res, err := mocktest.Client(t, srv).Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var alarms []struct{ Entity, Message string }
	require.NoError(t, json.NewDecoder(res.Body).Decode(&alarms))
	require.Len(t, alarms, 1)
	assert.Equal(t, "CPU at 99%", alarms[0].Message)

	_, err = opm.AddDevice(opmanager.Device{Name: "10.99.0.1"})
	assert.ErrorContains(t, err, "exists already")
	_, err = opm.AddDevice(opmanager.Device{Name: "ci-host"})
	assert.ErrorContains(t, err, "is not an address")
	_, err = opm.AddAlarm(opmanager.NewAlarm{Device: "nowhere", Severity: 1})
	assert.ErrorContains(t, err, "no device")
	_, err = opm.AddAlarm(opmanager.NewAlarm{Device: "10.99.0.1", Severity: 9})
	assert.ErrorContains(t, err, "severity 9")
	_, err = opm.AddAlarm(opmanager.NewAlarm{Device: "10.99.0.1", Severity: 2})
	assert.ErrorContains(t, err, "already")
	_, err = opm.AddKey(opmanager.KeyCredential{User: "operator", Name: "too much", AccessType: "module", Modules: map[string]string{"Alarms": "readwrite"}})
	assert.ErrorContains(t, err, "exceeds the privileges of user operator")

	srv.Reset()
	_, ok = opm.Device("10.99.0.1")
	assert.False(t, ok, "a reset takes them away")
}

func fmtEntity(moid int) string { return strconv.Itoa(moid) + "_CPUUSAGE" }
