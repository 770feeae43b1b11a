package pmp_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
	"github.com/opsmock/opsmock/mock/pmp"
)

// TestClientFlow is a client test written with the embedding helpers
// only: the test shares a resource to a Password User, whose client lists
// it, reads its password and tries to delete it; the journal shows each
// call with PMP's own outcome.
func TestClientFlow(t *testing.T) {
	srv := mocktest.Start(t, mock.WithProducts("pmp"))
	r, err := srv.PMP().AddResource(pmp.NewResource{Name: "app-db", Type: "Linux",
		Accounts: []pmp.Account{{Name: "app", Password: "Zx9!qLm#4Tv$w"}}})
	require.NoError(t, err)
	require.NoError(t, srv.PMP().ShareResource("app-db", "guest", "view"))

	client := mocktest.PMPClient(t, srv, "Password User")
	base := srv.URL() + "/restapi/json/v1/resources"
	for _, target := range []string{base, base + "/" + itoa(r.ID) + "/accounts/" + itoa(r.Accounts[0].ID) + "/password"} {
		res, err := client.Get(target)
		require.NoError(t, err)
		res.Body.Close()
	}
	req, _ := http.NewRequest(http.MethodDelete, base+"/"+itoa(r.ID), strings.NewReader(""))
	res, err := client.Do(req)
	require.NoError(t, err)
	res.Body.Close()

	list := mocktest.Calls(t, srv, "getResources")
	require.Len(t, list, 1)
	assert.Equal(t, mock.OutcomeSuccess, list[0].Outcome)
	read := mocktest.Calls(t, srv, "getAccountPassword")
	require.Len(t, read, 1)
	assert.Equal(t, mock.OutcomeSuccess, read[0].Outcome)
	del := mocktest.Calls(t, srv, "deleteResource")
	require.Len(t, del, 1)
	assert.Equal(t, http.StatusOK, del[0].Status, "PMP refuses with HTTP 200 ...")
	assert.Equal(t, mock.OutcomeFailed, del[0].Outcome, "... which the journal shows as failed")
	assert.NotEmpty(t, del[0].Detail)
	_, still := srv.PMP().Resource("app-db")
	assert.True(t, still)
}
