package pmp_test

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAccountDetailsAndPassword(t *testing.T) {
	e := newEnv(t)
	d := details[map[string]any](t, e.get("/resources/303/accounts/307", nil))
	assert.Equal(t, "Sep 10, 2013 3:33 PM", d["LAST MODIFIED TIME"], "§3's example")
	assert.Equal(t, "N/A", d["LAST ACCESSED TIME"])
	assert.Len(t, d["CUSTOM FIELD"], 4)

	assert.Equal(t, "fqxdB7ded@4", details[map[string]string](t, e.get("/resources/303/accounts/307/password",
		map[string]any{"REASON": "Need the password to Login Windows Server", "TICKETID": "7"}))["PASSWORD"])
	d = details[map[string]any](t, e.get("/resources/303/accounts/307", nil))
	assert.Equal(t, "Jun 7, 2026 8:09 AM", d["LAST ACCESSED TIME"], "a retrieval stamps the account")

	// Wrong resource for the account, unknown account.
	e.fails(req{method: http.MethodGet, path: "/resources/301/accounts/307"})
	e.fails(req{method: http.MethodGet, path: "/resources/303/accounts/999999/password"})
}

func TestChangePassword(t *testing.T) {
	e := newEnv(t)
	put := func(as string, d map[string]any) req {
		return req{method: http.MethodPut, path: "/resources/303/accounts/307/password", as: as, input: d}
	}
	assert.Equal(t, "Password length must be at least 8 characters.", e.fails(put("", map[string]any{"NEWPASSWORD": "Ab1!", "RESETTYPE": "LOCAL"})))
	assert.Equal(t, "RESETTYPE in INPUT_DATA must be one of: LOCAL, REMOTE.", e.fails(put("", map[string]any{"NEWPASSWORD": "Test@12345$", "RESETTYPE": "SOMEWHERE"})))
	assert.Equal(t, "NEWPASSWORD is mandatory in INPUT_DATA.", e.fails(put("", map[string]any{"RESETTYPE": "LOCAL"})))
	v := e.ok(put("", map[string]any{"NEWPASSWORD": "Test@12345$", "RESETTYPE": "LOCAL", "REASON": "Password Expired", "TICKETID": "7"}))
	assert.Equal(t, "Password changed successfully", v.Operation.Result.Message)
	assert.Equal(t, "Test@12345$", details[map[string]string](t, e.get("/resources/303/accounts/307/password", nil))["PASSWORD"])
	// guest has modify on 307 (shared), view on 308.
	e.ok(put("guest", map[string]any{"NEWPASSWORD": "Guest@12345$", "RESETTYPE": "LOCAL"}))
	assert.Equal(t, "You do not have permission to modify this resource.", e.fails(req{method: http.MethodPut,
		path: "/resources/303/accounts/308/password", as: "guest", input: map[string]any{"NEWPASSWORD": "Guest@12345$", "RESETTYPE": "LOCAL"}}))
}

func TestCreateAndEditAccounts(t *testing.T) {
	e := newEnv(t)
	v := e.ok(req{method: http.MethodPost, path: "/resources/301/accounts", input: map[string]any{"ACCOUNTLIST": []any{
		map[string]any{"ACCOUNTNAME": "bestest047", "PASSWORD": "Pa$$Word@123", "ACCOUNTPASSWORDPOLICY": "Strong", "RECORD_RDP_SESSIONS": true,
			"ACCOUNT_RESOURCE_GROUP_IDS": []any{"1202"}},
		map[string]any{"ACCOUNTNAME": "bestest048", "PASSWORD": "weak"},
		map[string]any{"ACCOUNTNAME": "root", "PASSWORD": "Pa$$Word@123"},
		map[string]any{"ACCOUNTNAME": "bestest049", "PASSWORD": "Pa$$Word@123", "TOTP_SECRET": "SDFGKJ0SDFKJG1"},
		map[string]any{"ACCOUNTNAME": "bestest050", "PASSWORD": "Pa$$Word@123", "ACCOUNT_RESOURCE_GROUP_IDS": []any{"424242"}},
	}}})
	assert.Equal(t, "ADD ACCOUNTS", v.Operation.Name)
	assert.Equal(t, []map[string]map[string]string{{
		"bestest047": {"STATUS": "Account added successfully"},
		"bestest048": {"STATUS": "Password length must be at least 8 characters."},
		"root":       {"STATUS": "Account already exists"},
		"bestest049": {"STATUS": "TOTP_SECRET must be a base32 secret."},
		"bestest050": {"STATUS": "Resource group 424242 not found."},
	}}, details[[]map[string]map[string]string](t, v))
	accounts := details[map[string]any](t, e.get("/resources/301/accounts", nil))["ACCOUNT LIST"].([]any)
	assert.Len(t, accounts, 5, "four seeded and bestest047")

	v = e.ok(req{method: http.MethodPut, path: "/resources/301/accounts/311", input: map[string]any{"ACCOUNTNAME": "superuser", "NOTES": "renamed",
		"ACCOUNTCUSTOMFIELD": []any{map[string]any{"CUSTOMLABEL": "Secure Account", "CUSTOMVALUE": "NO"}}}})
	assert.Equal(t, "Account superuser modified successfully", v.Operation.Result.Message)
	assert.Equal(t, "Account centos already exists.", e.fails(req{method: http.MethodPut, path: "/resources/301/accounts/311", input: map[string]any{"ACCOUNTNAME": "centos"}}))

	v = e.ok(req{method: http.MethodDelete, path: "/resources/301/accounts/311"})
	assert.Equal(t, "Account superuser deleted successfully.", v.Operation.Result.Message)
	e.fails(req{method: http.MethodGet, path: "/resources/301/accounts/311"})
	assert.Equal(t, "You need full access to perform this operation.", e.fails(req{method: http.MethodDelete, path: "/resources/303/accounts/307", as: "guest"}))
}

// totpAt is an independent RFC 6238 SHA1 implementation, to check the mock
// the way a client would.
func totpAt(t *testing.T, secret string, at time.Time, digits int) string {
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	require.NoError(t, err)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(at.Unix()/30))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[19] & 0xf
	code := binary.BigEndian.Uint32(sum[off:]) & 0x7fffffff
	return fmt.Sprintf("%0*d", digits, code%1000000)
}

func TestTOTP(t *testing.T) {
	e := newEnv(t)
	code := func(id string) string {
		return details[map[string]string](t, e.get("/accounts/"+id+"/totp", nil))["TOTP"]
	}
	assert.Equal(t, totpAt(t, "JBSWY3DPEHPK3PXP", e.clock.Now(), 6), code("313"))
	e.clock.Advance(30 * time.Second)
	assert.Equal(t, totpAt(t, "JBSWY3DPEHPK3PXP", e.clock.Now(), 6), code("313"), "codes follow the server clock")

	v := e.ok(req{method: http.MethodGet, path: "/accounts/313/totp"})
	assert.Equal(t, "FETCH_CURRENT_TOTP", v.Operation.Name)
	assert.Equal(t, 20000, v.Operation.Result.StatusCode)

	// Configure on edit, then remove with an empty secret (§22).
	e.ok(req{method: http.MethodPut, path: "/resources/301/accounts/312", input: map[string]any{"ACCOUNTNAME": "centos", "TOTP_SECRET": "GEZDGNBVGY3TQOJQ"}})
	assert.Equal(t, totpAt(t, "GEZDGNBVGY3TQOJQ", e.clock.Now(), 6), code("312"))
	e.ok(req{method: http.MethodPut, path: "/resources/301/accounts/312", input: map[string]any{"ACCOUNTNAME": "centos", "TOTP_SECRET": ""}})
	r := e.env(e.do(req{method: http.MethodGet, path: "/accounts/312/totp"}))
	assert.Equal(t, "TOTP is not configured for this account.", r.Operation.Result.Message)
	assert.Equal(t, 46000, r.Operation.Result.StatusCode)
	assert.Equal(t, "TOTP_SECRET must be a base32 secret.", e.fails(req{method: http.MethodPut, path: "/resources/301/accounts/312",
		input: map[string]any{"ACCOUNTNAME": "centos", "TOTP_SECRET": "not base32!"}}))
}

// TestAccessControlWorkflow walks §10-§15 with guest requesting sysdba
// (308), which is under password access control.
func TestAccessControlWorkflow(t *testing.T) {
	e := newEnv(t)
	asGuest := func(method, path string) req { return req{method: method, path: path, as: "guest"} }
	assert.Equal(t, "Password access control is enabled for this account. Request the password and check it out first.",
		e.fails(asGuest(http.MethodGet, "/resources/303/accounts/308/password")))
	assert.Equal(t, "A password request for this account is already pending.", e.fails(asGuest(http.MethodPost, "/accounts/308/requestpassword")),
		"the seeded §11 request is pending")

	pending := details[map[string]any](t, e.get("/accounts/passwordaccessrequests", nil))
	assert.Equal(t, "2", pending["REQUESTER USERID"], "§11's object names the requester")
	assert.Equal(t, "Guest guest", pending["REQUESTED BY FULLNAME"])
	require.Len(t, pending["PASSWORDREQUESTLIST"], 1)
	e.fails(asGuest(http.MethodPost, "/accounts/308/checkout")) // not approved yet

	e.ok(req{method: http.MethodPost, path: "/accounts/308/requester/2/approve"})
	assert.Equal(t, map[string]any{"PASSWORDREQUESTLIST": []any{}}, details[map[string]any](t, e.get("/accounts/passwordaccessrequests", nil)))
	v := e.ok(asGuest(http.MethodPost, "/accounts/308/checkout"))
	assert.Equal(t, map[string]string{"STATUS": "***** [checkIn]"}, details[map[string]string](t, v))
	assert.NotEmpty(t, details[map[string]string](t, e.ok(asGuest(http.MethodGet, "/resources/303/accounts/308/password")))["PASSWORD"])
	list := details[map[string]any](t, e.get("/resources/303/accounts", nil))["ACCOUNT LIST"].([]any)
	for _, a := range list {
		if a.(map[string]any)["ACCOUNT NAME"] == "sysdba" {
			assert.Equal(t, "[In Use]", a.(map[string]any)["PASSWORD STATUS"])
		}
	}

	v = e.ok(asGuest(http.MethodPost, "/accounts/308/requester/2/checkin"))
	assert.Equal(t, "Password have been checked in successfully", v.Operation.Result.Message)
	e.fails(asGuest(http.MethodGet, "/resources/303/accounts/308/password"))

	// A new request, rejected this time.
	v = e.ok(asGuest(http.MethodPost, "/accounts/308/requestpassword"))
	assert.Equal(t, map[string]string{"STATUS": "WAITING FOR APPROVAL"}, details[map[string]string](t, v))
	assert.Equal(t, "Password Rejected successfully", e.ok(req{method: http.MethodPost, path: "/accounts/308/requester/2/reject"}).Operation.Result.Message)
	e.fails(req{method: http.MethodPost, path: "/accounts/308/requester/2/approve"}) // nothing pending now

	assert.Equal(t, "Password access control is not enabled for this account.", e.fails(asGuest(http.MethodPost, "/accounts/307/requestpassword")))
	assert.Equal(t, "You cannot decide this password request.", e.fails(req{method: http.MethodPost, path: "/accounts/308/requester/1/approve"}),
		"an admin cannot approve its own request")
}

// TestPasswordRequestsOfSeveralRequesters: §11's object names the oldest
// request's requester, and each item its own (spec getPasswordRequests).
func TestPasswordRequestsOfSeveralRequesters(t *testing.T) {
	e := newEnv(t)
	e.ok(req{method: http.MethodPost, path: "/accounts/308/requestpassword", as: "pwdadmin", input: map[string]any{"REASON": "second"}})
	pending := details[map[string]any](t, e.get("/accounts/passwordaccessrequests", nil))
	assert.Equal(t, "guest", pending["REQUESTED BY"], "the seeded request is the oldest")
	var who []string
	for _, it := range pending["PASSWORDREQUESTLIST"].([]any) {
		item := it.(map[string]any)
		who = append(who, item["REQUESTED BY"].(string)+" "+item["ACCOUNT ID"].(string))
	}
	assert.Equal(t, []string{"guest 308", "pwdadmin 308"}, who)
}
