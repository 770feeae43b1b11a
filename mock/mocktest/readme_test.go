package mocktest_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
	"github.com/opsmock/opsmock/mock/pmp"
)

// TestMyClient: a PMP client creates a resource; the test checks what the
// client sent and what PMP now holds.
func TestMyClient(t *testing.T) {
	srv := mocktest.Start(t, mock.WithProducts("pmp"))    // closed at t.Cleanup
	client := mocktest.PMPClient(t, srv, "Administrator") // sends AUTHTOKEN; checks every answer against the spec

	// What your client does: create a resource with its first account (PMP §6).
	form := pmp.InputValues(map[string]any{"RESOURCENAME": "web-01", "RESOURCETYPE": "Linux",
		"ACCOUNTNAME": "root", "PASSWORD": "Zx9!qLm#4Tv$w"})
	res, err := client.Post(srv.URL()+"/restapi/json/v1/resources", "application/x-www-form-urlencoded",
		strings.NewReader(form.Encode()))
	require.NoError(t, err)
	res.Body.Close()

	calls := mocktest.Calls(t, srv, "createResource") // what the client sent, secrets masked
	require.Len(t, calls, 1)
	assert.Equal(t, "success", calls[0].Outcome)
	assert.Equal(t, "web-01", mocktest.PMPInput(t, calls[0])["RESOURCENAME"])
	assert.Equal(t, "****", mocktest.PMPInput(t, calls[0])["PASSWORD"])

	stored, ok := srv.PMP().Resource("web-01") // what PMP now holds
	require.True(t, ok)
	assert.Equal(t, "Zx9!qLm#4Tv$w", stored.Accounts[0].Password)
}
