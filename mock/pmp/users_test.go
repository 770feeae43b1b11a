package pmp_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func byName(name string) url.Values { return url.Values{"USERNAME": {name}} }

func TestUserLifecycle(t *testing.T) {
	e := newEnv(t)
	v := e.ok(req{method: http.MethodPost, path: "/user", input: map[string]any{"USERNAME": "jason1", "FIRSTNAME": "Jason", "LASTNAME": "J",
		"FULLNAME": "JasonThomas", "EMAIL": "jason@opmanager.com", "POLICY": "Strong", "ROLE": "Password User", "ISSUPERADMIN": "false",
		"PASSWORD": "Test@123", "DEPARTMENT": "NOC", "LOCATION": "Level 10 - South Wing", "ISAPIUSER": "false", "EXPIRYDATE": "NeverExpires"}})
	assert.Equal(t, "CREATE_USER", v.Operation.Name)
	assert.Equal(t, "User Created Successfully", v.Operation.Result.Message)
	id := details[map[string]string](t, e.ok(req{method: http.MethodGet, path: "/user/getUserId", params: byName("jason1")}))["USERID"]

	// An API user gets a token that works at once, from its bound host.
	v = e.ok(req{method: http.MethodPost, path: "/user", input: map[string]any{"USERNAME": "jason", "FULLNAME": "Jason Thomas",
		"EMAIL": "jason@opmanager.com", "ROLE": "Password User", "ISAPIUSER": "true", "HOSTNAME": "127.0.0.1", "EXPIRYDATE": "2099-12-31"}})
	assert.Equal(t, "SUCCESS", v.Operation.Result.Message)
	tok := details[map[string]string](t, v)["AUTHTOKEN"]
	require.Regexp(t, `^[0-9A-F-]{36}$`, tok)
	e.ok(req{method: http.MethodGet, path: "/resources", token: tok})

	// Lock refuses the token until unlock.
	assert.Equal(t, "User account jason locked successfully.", e.ok(req{method: http.MethodPut, path: "/user/lock", params: byName("jason")}).Operation.Result.Message)
	assert.Equal(t, "User account is locked. Contact your administrator.", e.fails(req{method: http.MethodGet, path: "/resources", token: tok}))
	assert.Equal(t, "User account jason unlocked successfully.", e.ok(req{method: http.MethodPut, path: "/user/unlock", params: byName("jason")}).Operation.Result.Message)
	e.ok(req{method: http.MethodGet, path: "/resources", token: tok})
	assert.Equal(t, "Two Factor Authentication reset successfully", e.ok(req{method: http.MethodPut, path: "/user/resetMFA", params: byName("jason")}).Operation.Result.Message)

	assert.Equal(t, "User jason1 deleted Successfully", e.ok(req{method: http.MethodDelete, path: "/user/" + id}).Operation.Result.Message)
	assert.Equal(t, "User jason deleted successfully", e.ok(req{method: http.MethodDelete, path: "/user", params: byName("jason")}).Operation.Result.Message)
	assert.Equal(t, "API key received is not associated to any user. Authentication failed.", e.fails(req{method: http.MethodGet, path: "/resources", token: tok}))
	assert.Equal(t, "User not found.", e.fails(req{method: http.MethodGet, path: "/user/getUserId", params: byName("jason1")}))

	cases := []struct {
		name string
		r    req
		want string
	}{
		{"duplicate", req{method: http.MethodPost, path: "/user", input: map[string]any{"USERNAME": "guest", "EMAIL": "g@x.y", "ROLE": "Password User"}}, "User guest already exists."},
		{"bad role", req{method: http.MethodPost, path: "/user", input: map[string]any{"USERNAME": "u2", "EMAIL": "g@x.y", "ROLE": "Root"}}, "ROLE in INPUT_DATA must be one of: Administrator, Password Administrator, Privileged Administrator, Password Auditor, Password User."},
		{"super admin not admin", req{method: http.MethodPost, path: "/user", input: map[string]any{"USERNAME": "u3", "EMAIL": "g@x.y", "ROLE": "Password User", "ISSUPERADMIN": true}}, "Only an Administrator can be a super administrator."},
		{"bad expiry", req{method: http.MethodPost, path: "/user", input: map[string]any{"USERNAME": "u4", "EMAIL": "g@x.y", "ROLE": "Password User", "EXPIRYDATE": "tomorrow"}}, "EXPIRYDATE in INPUT_DATA is not valid."},
		{"delete self", req{method: http.MethodDelete, path: "/user", params: byName("admin")}, "This operation cannot be performed on your own user account."},
		{"lock self", req{method: http.MethodPut, path: "/user/lock", params: byName("admin")}, "This operation cannot be performed on your own user account."},
		{"unknown user", req{method: http.MethodPut, path: "/user/unlock", params: byName("nobody")}, "User not found."},
		{"missing USERNAME", req{method: http.MethodPut, path: "/user/lock"}, "USERNAME is mandatory for this operation."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, e.fails(tc.r)) })
	}
}

// TestUserExpiry: an account past EXPIRYDATE is refused.
func TestUserExpiry(t *testing.T) {
	e := newEnv(t)
	v := e.ok(req{method: http.MethodPost, path: "/user", input: map[string]any{"USERNAME": "temp", "EMAIL": "t@x.y",
		"ROLE": "Password User", "ISAPIUSER": true, "HOSTNAME": "localhost", "EXPIRYDATE": "2026-06-08"}})
	tok := details[map[string]string](t, v)["AUTHTOKEN"]
	e.ok(req{method: http.MethodGet, path: "/resources", token: tok})
	e.clock.Advance(48 * 3600e9)
	assert.Equal(t, "User account has expired. Contact your administrator.", e.fails(req{method: http.MethodGet, path: "/resources", token: tok}))
}

// TestUserGroups: membership changes what sharing to the group reaches.
func TestUserGroups(t *testing.T) {
	e := newEnv(t)
	assert.NotContains(t, e.resourceNames("auditor"), "License Keys")
	v := e.ok(req{method: http.MethodPost, path: "/user/addUserToUserGroup", params: url.Values{"USERNAME": {"auditor"}, "USERGROUPNAME": {"Auditors"}}})
	assert.Equal(t, "User auditor added to User Group Auditors successfully", v.Operation.Result.Message)
	gid := details[map[string]string](t, e.ok(req{method: http.MethodGet, path: "/user/getUserGroupId", params: url.Values{"USERGROUPNAME": {"Auditors"}}}))["USERGROUPID"]
	e.ok(req{method: http.MethodPut, path: "/resources/304/share", input: map[string]any{"ACCESSTYPE": "view", "USERGROUPID": gid}})
	assert.Contains(t, e.resourceNames("auditor"), "License Keys")

	v = e.ok(req{method: http.MethodPost, path: "/user/removeUserFromUserGroup", input: map[string]any{"USERIDS": []any{5, 2}, "USERGROUPIDS": []any{gid}}})
	rows := details[map[string][]map[string]string](t, v)["RESULT"]
	require.Len(t, rows, 2)
	assert.Equal(t, "User Removed Successfully", rows[0]["message"])
	assert.Equal(t, "User does not exist in the User Group", rows[1]["message"])
	assert.NotContains(t, e.resourceNames("auditor"), "License Keys")

	v = e.ok(req{method: http.MethodDelete, path: "/userGroup", input: map[string]any{"userGroupIds": []any{gid, 424242}}})
	assert.Equal(t, 20000, v.Operation.Result.StatusCode)
	res := details[map[string]map[string]any](t, v)
	assert.Equal(t, "Success", res[gid]["status"])
	assert.Equal(t, float64(46000), res["424242"]["statusCode"])
	r := e.env(e.do(req{method: http.MethodDelete, path: "/userGroup", input: map[string]any{"userGroupIds": []any{424242}}}))
	assert.Equal(t, "Failed", r.Operation.Result.Status, "nothing deleted")
	assert.Equal(t, "User group not found.", e.fails(req{method: http.MethodGet, path: "/user/getUserGroupId", params: url.Values{"USERGROUPNAME": {"Auditors"}}}))
}
