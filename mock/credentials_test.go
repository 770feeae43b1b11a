package mock

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock/pmp"
)

func TestCredentialsByIntent(t *testing.T) {
	s := newServer(t)
	c := s.Credentials()

	admin, err := c.PMP.ByRole("Administrator")
	require.NoError(t, err)
	assert.Equal(t, "admin", admin.User)
	user, err := c.PMP.ByRole("Password User")
	require.NoError(t, err)
	assert.Equal(t, "guest", user.User, "the first usable one: not locked, not bound to another host")
	bound, err := c.PMP.ByUser("farhost")
	require.NoError(t, err)
	assert.False(t, bound.Usable())
	_, err = c.PMP.ByRole("Boss")
	assert.ErrorContains(t, err, `no usable PMP user with role "Boss" (roles: Administrator, Password User,`)
	_, err = c.PMP.ByUser("nobody")
	assert.ErrorContains(t, err, `no PMP user "nobody" (users: admin, guest,`)

	reader, err := c.OpsManager.ByRole("GLOBAL_READ_ONLY")
	require.NoError(t, err)
	assert.Equal(t, []string{"GLOBAL_READ_ONLY"}, reader.Roles)
	_, err = c.OpsManager.ByRole("GLOBAL_BACKUP_ADMIN")
	assert.ErrorContains(t, err, "no Ops Manager key with role")

	module, err := c.OpManager.ByAccess("module")
	require.NoError(t, err)
	assert.Equal(t, "Alarms read-only", module.Name)
	assert.Equal(t, map[string]string{"Alarms": "read"}, module.Modules)
	all, err := c.OpManager.ByAccess("all")
	require.NoError(t, err)
	assert.Equal(t, "All access", all.Name)
	guest, err := c.OpManager.ByName("Guest without REST access")
	require.NoError(t, err)
	assert.False(t, guest.Usable, "enabled, but its owner's REST access is off")
	_, err = c.OpManager.ByAccess("everything")
	assert.ErrorContains(t, err, "access types: all, module, specific")

	none := newServer(t, WithProducts("pmp")).Credentials()
	_, err = none.OpManager.ByAccess("all")
	assert.ErrorContains(t, err, "none: is the product served?")
}

func get(s *Server, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// TestCredentialsOfYourOwn: WithCredentials adds PMP users and OpManager
// keys (as it did Ops Manager pairs); they work through the API, are
// listed, survive a reset, and leave the seeded state as it was.
func TestCredentialsOfYourOwn(t *testing.T) {
	expired := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	mine := Credentials{
		PMP: PMPCredentials{
			{User: "ci-bot", Role: "Password User", AuthToken: "CI-BOT-TOKEN-0001"},
			{User: "far-bot", Role: "Administrator", AuthToken: "FAR-BOT-TOKEN-0001", Host: "198.51.100.9"},
		},
		OpManager: OpManagerCredentials{
			{User: "operator", Name: "ci alarms", APIKey: "ci-alarms-key-0001", AccessType: "module", Modules: map[string]string{"Alarms": "read"}},
			{User: "admin", Name: "ci expired", APIKey: "ci-expired-key-0001", AccessType: "all", ExpiresAt: &expired},
		},
		OpsManager: OpsManagerCredentials{{PublicKey: "cibotkey", PrivateKey: "11111111-2222-3333-4444-555555555555", Roles: []string{"GLOBAL_OWNER"}}},
	}
	plain := newServer(t)
	s := newServer(t, WithCredentials(mine))

	assert.Contains(t, get(s, "/restapi/json/v1/resources", "AUTHTOKEN", "CI-BOT-TOKEN-0001").Body.String(), `"status":"Success"`)
	assert.Contains(t, get(s, "/restapi/json/v1/resources", "AUTHTOKEN", "FAR-BOT-TOKEN-0001").Body.String(), "not allowed to access from this host")
	assert.Equal(t, http.StatusOK, get(s, "/api/json/alarm/listAlarms", "apiKey", "ci-alarms-key-0001").Code)
	assert.Contains(t, get(s, "/api/json/device/listDevices", "apiKey", "ci-alarms-key-0001").Body.String(), "ACCESS_DENIED")
	assert.Contains(t, get(s, "/api/json/alarm/listAlarms", "apiKey", "ci-expired-key-0001").Body.String(), "API_KEY_EXPIRED")

	c := s.Credentials()
	bot, err := c.PMP.ByUser("ci-bot")
	require.NoError(t, err)
	assert.Equal(t, pmp.TokenCredential{User: "ci-bot", Role: "Password User", AuthToken: "CI-BOT-TOKEN-0001"}, bot)
	key, err := c.OpManager.ByName("ci expired")
	require.NoError(t, err)
	assert.Equal(t, "expired", key.Status)
	_, err = c.OpsManager.ByRole("GLOBAL_OWNER")
	require.NoError(t, err)

	// The seeded state is the same with or without them.
	assert.Equal(t, plain.Credentials().PMP, c.PMP[:len(plain.Credentials().PMP)])
	assert.Equal(t, plain.Credentials().OpManager, c.OpManager[:len(plain.Credentials().OpManager)])
	s.Reset()
	assert.Equal(t, c.PMP, s.Credentials().PMP, "a reset keeps them")
}

func TestCredentialsOfYourOwnRefused(t *testing.T) {
	cases := []struct {
		name  string
		creds Credentials
		want  string
	}{
		{"pmp no user", Credentials{PMP: PMPCredentials{{Role: "Password User", AuthToken: "TOKEN-TOKEN-1"}}}, "pmp[0].user: empty"},
		{"pmp seeded name", Credentials{PMP: PMPCredentials{{User: "Admin", Role: "Password User", AuthToken: "TOKEN-TOKEN-1"}}}, `pmp[0].user: "Admin" exists already`},
		{"pmp role", Credentials{PMP: PMPCredentials{{User: "x", Role: "Boss", AuthToken: "TOKEN-TOKEN-1"}}}, `pmp[0].role: "Boss" is not one of Administrator`},
		{"pmp short token", Credentials{PMP: PMPCredentials{{User: "x", Role: "Password User", AuthToken: "T"}}}, "pmp[0].authToken: at least 8 characters"},
		{"pmp same token", Credentials{PMP: PMPCredentials{{User: "x", Role: "Password User", AuthToken: "TOKEN-TOKEN-1"},
			{User: "y", Role: "Password User", AuthToken: "TOKEN-TOKEN-1"}}}, "pmp[1].authToken: used by an earlier user"},
		{"opmanager owner", Credentials{OpManager: OpManagerCredentials{{User: "root", Name: "k", APIKey: "key-key-key-1", AccessType: "all"}}}, `opmanager[0].user: "root" is not a user`},
		{"opmanager access", Credentials{OpManager: OpManagerCredentials{{User: "admin", Name: "k", APIKey: "key-key-key-1", AccessType: "most"}}}, "opmanager[0]: accessType must be all, module or specific"},
		{"opmanager module", Credentials{OpManager: OpManagerCredentials{{User: "admin", Name: "k", APIKey: "key-key-key-1", AccessType: "module",
			Modules: map[string]string{"Coffee": "read"}}}}, `opmanager[0]: unknown module "Coffee"`},
		{"opmanager beyond owner", Credentials{OpManager: OpManagerCredentials{{User: "operator", Name: "k", APIKey: "key-key-key-1", AccessType: "module",
			Modules: map[string]string{"Alarms": "readwrite"}}}}, "opmanager[0]: module Alarms: readwrite exceeds the privileges of user operator"},
		{"opmanager api", Credentials{OpManager: OpManagerCredentials{{User: "admin", Name: "k", APIKey: "key-key-key-1", AccessType: "specific",
			APIs: []string{"alarm/everything"}}}}, `opmanager[0]: unknown API "alarm/everything"`},
		{"opmanager name", Credentials{OpManager: OpManagerCredentials{{User: "admin", APIKey: "key-key-key-1", AccessType: "all"}}}, "opmanager[0]: name is required"},
		{"opmanager status", Credentials{OpManager: OpManagerCredentials{{User: "admin", Name: "k", APIKey: "key-key-key-1", AccessType: "all", Status: "paused"}}},
			`opmanager[0].status: "paused" is not enabled or disabled`},
		{"opsmanager role", Credentials{OpsManager: OpsManagerCredentials{{PublicKey: "abcdefgh", PrivateKey: "11111111-2222-3333-4444-555555555555",
			Roles: []string{"GLOBAL_BOSS"}}}}, "GLOBAL_BOSS"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(WithCredentials(c.creds))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}
