package opsmanager_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
)

// TestClientFlow is a client test written with the embedding helpers
// only: a read-only key's client lists the keys, then tries to create
// one; the journal shows the list, and the create refused with
// USER_UNAUTHORIZED and the body the client sent.
func TestClientFlow(t *testing.T) {
	srv := mocktest.Start(t, mock.WithProducts("opsmanager"))
	client := mocktest.OpsManagerClient(t, srv, "GLOBAL_READ_ONLY")
	res, err := client.Get(srv.URL() + "/api/public/v1.0/admin/apiKeys?itemsPerPage=5")
	require.NoError(t, err)
	res.Body.Close()
	res, err = client.Post(srv.URL()+"/api/public/v1.0/admin/apiKeys", "application/json",
		strings.NewReader(`{"desc":"should not exist","roles":["GLOBAL_OWNER"]}`))
	require.NoError(t, err)
	res.Body.Close()

	var answered []mock.JournalEntry // the digest handshake's first leg is refused: leave it out
	for _, e := range append(mocktest.Calls(t, srv, "listGlobalApiKeys"), mocktest.Calls(t, srv, "createGlobalApiKey")...) {
		if !strings.HasPrefix(e.Detail, "401 Unauthorized") {
			answered = append(answered, e)
		}
	}
	require.Len(t, answered, 2)
	assert.Equal(t, mock.OutcomeSuccess, answered[0].Outcome)
	assert.Equal(t, map[string]any{"itemsPerPage": "5"}, answered[0].Query)
	assert.Equal(t, http.StatusUnauthorized, answered[1].Status)
	assert.Equal(t, "USER_UNAUTHORIZED", answered[1].Detail)
	assert.Equal(t, map[string]any{"desc": "should not exist", "roles": []any{"GLOBAL_OWNER"}}, answered[1].Body)
}
