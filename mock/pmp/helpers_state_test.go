package pmp_test

import (
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
	"github.com/opsmock/opsmock/mock/pmp"
)

// TestTypedHelpers: what a helper adds, the API shows at once; what the
// API could not make, a helper refuses with the product's own message.
func TestTypedHelpers(t *testing.T) {
	srv := mocktest.Start(t, mock.WithProducts("pmp"))
	p := srv.PMP()
	require.NotNil(t, p)

	r, err := p.AddResource(pmp.NewResource{Name: "db-prod", Type: "Linux", DNSName: "db.example.test",
		Accounts: []pmp.Account{{Name: "root", Password: "R00t!Passw0rd#"}, {Name: "backup", Password: "B4ckup!Passw0rd#"}}})
	require.NoError(t, err)
	assert.Equal(t, "admin", r.Owner)
	require.Len(t, r.Accounts, 2)
	assert.Equal(t, "B4ckup!Passw0rd#", r.Accounts[1].Password)
	back, ok := p.Resource("DB-PROD")
	require.True(t, ok, "looked up as PMP does, case-insensitively")
	assert.Equal(t, r, back)

	// The API sees it at once.
	admin := mocktest.PMPClient(t, srv, "Administrator")
	res, err := admin.Get(srv.URL() + "/restapi/json/v1/resources/" + itoa(r.ID) + "/accounts")
	require.NoError(t, err)
	assert.Contains(t, readAll(t, res), `"RESOURCE NAME":"db-prod"`)

	// Shared to a Password User, it shows in that user's list.
	u, err := p.AddUser(pmp.NewUser{Name: "ci-user", Role: "Password User", APIUser: true, Host: "127.0.0.1"})
	require.NoError(t, err)
	require.NotEmpty(t, u.AuthToken, "an API user gets a token")
	require.NoError(t, p.ShareResource("db-prod", "ci-user", "view"))
	req, _ := http.NewRequest(http.MethodGet, srv.URL()+"/restapi/json/v1/resources", nil)
	req.Header.Set("AUTHTOKEN", u.AuthToken)
	res, err = srv.Client().Do(req)
	require.NoError(t, err)
	assert.Contains(t, readAll(t, res), `"RESOURCE NAME":"db-prod"`)

	// The API's rules hold for helpers too.
	_, err = p.AddResource(pmp.NewResource{Name: "weak", Type: "Linux", Accounts: []pmp.Account{{Name: "root", Password: "x"}}})
	assert.ErrorContains(t, err, "Password length must be at least")
	_, err = p.AddResource(pmp.NewResource{Name: "db-prod", Type: "Linux", Accounts: []pmp.Account{{Name: "root", Password: "R00t!Passw0rd#"}}})
	assert.ErrorContains(t, err, "already")
	_, err = p.AddResource(pmp.NewResource{Name: "mine", Type: "Linux", Owner: "auditor", Accounts: []pmp.Account{{Name: "a", Password: "R00t!Passw0rd#"}}})
	assert.ErrorContains(t, err, "as auditor", "a Password Auditor may not create resources")
	_, err = p.AddResource(pmp.NewResource{Name: "empty", Type: "Linux"})
	assert.ErrorContains(t, err, "one account at least")
	_, err = p.AddUser(pmp.NewUser{Name: "x", Role: "Boss"})
	assert.Error(t, err)
	assert.Error(t, p.ShareResource("db-prod", "nobody", "view"))
	_, ok = p.Resource("nothing")
	assert.False(t, ok)

	// A reset takes them away.
	srv.Reset()
	_, ok = p.Resource("db-prod")
	assert.False(t, ok)
}

func itoa(n int) string { return strconv.Itoa(n) }

func readAll(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return string(b)
}
