package opmanager_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
	"github.com/opsmock/opsmock/mock/opmanager"
)

// TestClientFlow is a client test written with the embedding helpers
// only: with a Module key (Alarms read-only) a client lists the alarms of
// a device the test raised one on, then tries to acknowledge it; the
// journal shows the read as a success and the write as OpManager's
// refusal.
func TestClientFlow(t *testing.T) {
	srv := mocktest.Start(t, mock.WithProducts("opmanager"))
	_, err := srv.OpManager().AddDevice(opmanager.Device{Name: "10.99.0.7", Category: "Server"})
	require.NoError(t, err)
	a, err := srv.OpManager().AddAlarm(opmanager.NewAlarm{Device: "10.99.0.7", Severity: 2})
	require.NoError(t, err)

	client := mocktest.OpManagerClient(t, srv, "module")
	res, err := client.Get(srv.URL() + "/api/json/alarm/listAlarms?deviceName=10.99.0.7")
	require.NoError(t, err)
	res.Body.Close()
	res, err = client.Post(srv.URL()+"/api/json/alarm/acknowledgeAlarm", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"entity": {a.Entity}}.Encode()))
	require.NoError(t, err)
	res.Body.Close()

	list := mocktest.Calls(t, srv, "listAlarms")
	require.Len(t, list, 1)
	assert.Equal(t, mock.OutcomeSuccess, list[0].Outcome)
	assert.Equal(t, map[string]any{"deviceName": "10.99.0.7"}, list[0].Query)
	ack := mocktest.Calls(t, srv, "acknowledgeAlarm")
	require.Len(t, ack, 1)
	assert.Equal(t, http.StatusForbidden, ack[0].Status)
	assert.Equal(t, mock.OutcomeFailed, ack[0].Outcome)
	assert.Equal(t, "API_ACCESS_DENIED", ack[0].Detail)
	assert.Equal(t, map[string]any{"entity": a.Entity}, ack[0].Body)
	assert.Empty(t, srv.OpManager().Alarms()[len(srv.OpManager().Alarms())-1].AcknowledgedBy, "nothing changed")
}
