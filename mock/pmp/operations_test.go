package pmp_test

import (
	"net/http"
	"net/url"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEveryOperationSucceeds sends one well-formed request to every
// /restapi/json/v1 operation and expects Success (downloadfile: the file).
// The table must name exactly the spec's REST operations.
func TestEveryOperationSucceeds(t *testing.T) {
	e := newEnv(t)
	q := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	table := []struct {
		op string
		r  req
	}{
		{"getResources", req{method: "GET", path: "/resources"}},
		{"getResourceAccounts", req{method: "GET", path: "/resources/301/accounts"}},
		{"getAccountDetails", req{method: "GET", path: "/resources/303/accounts/307"}},
		{"getAccountPassword", req{method: "GET", path: "/resources/303/accounts/307/password"}},
		{"changeAccountPassword", req{method: "PUT", path: "/resources/303/accounts/307/password", input: map[string]any{"NEWPASSWORD": "Test@12345$", "RESETTYPE": "LOCAL"}}},
		{"createResource", req{method: "POST", path: "/resources", input: newResource("cover", nil)}},
		{"getResourceIdAccountId", req{method: "GET", path: "/resources/getResourceIdAccountId", params: q("RESOURCENAME", "cover", "ACCOUNTNAME", "Administrator")}},
		{"getResourceIdByName", req{method: "GET", path: "/resources/resourcename/cover"}},
		{"editResource", req{method: "PUT", path: "/resources/301", input: map[string]any{"RESOURCENAME": "CentOS Machine", "LOCATION": "Rack 4"}}},
		{"createAccounts", req{method: "POST", path: "/resources/301/accounts", input: map[string]any{"ACCOUNTLIST": []any{map[string]any{"ACCOUNTNAME": "ops", "PASSWORD": "Pa$$Word@123"}}}}},
		{"editAccount", req{method: "PUT", path: "/resources/301/accounts/312", input: map[string]any{"ACCOUNTNAME": "centos", "NOTES": "n"}}},
		{"deleteAccount", req{method: "DELETE", path: "/resources/301/accounts/311"}},
		{"downloadFile", req{method: "GET", path: "/resources/304/accounts/316/downloadfile"}},
		{"configureRemotePasswordReset", req{method: "POST", path: "/resources/configureremotepasswordreset", input: map[string]any{"RESOURCEIDS": []any{"301"}}}},
		{"getResourceTypes", req{method: "GET", path: "/resources/resourcetypes"}},
		{"getAssociatedGroups", req{method: "GET", path: "/resources/301/associatedGroups"}},
		{"getAccountTOTP", req{method: "GET", path: "/accounts/313/totp"}},
		{"requestPassword", req{method: "POST", path: "/accounts/308/requestpassword", as: "pwdadmin", input: map[string]any{"REASON": "Testing"}}},
		{"getPasswordRequests", req{method: "GET", path: "/accounts/passwordaccessrequests"}},
		{"approvePasswordRequest", req{method: "POST", path: "/accounts/308/requester/3/approve"}},
		{"checkoutPassword", req{method: "POST", path: "/accounts/308/checkout", as: "pwdadmin"}},
		{"checkinPassword", req{method: "POST", path: "/accounts/308/requester/3/checkin", as: "pwdadmin"}},
		{"rejectPasswordRequest", req{method: "POST", path: "/accounts/308/requester/2/reject"}},
		{"generatePassword", req{method: "GET", path: "/passwords/generate", input: map[string]any{"POLICY": "Strong"}}},
		{"getPasswordPolicies", req{method: "GET", path: "/passwords/policies"}},
		{"validatePassword", req{method: "POST", path: "/passwords/validate", input: map[string]any{"password": "Test@123", "passwordPolicy": "Strong"}}},
		{"createUser", req{method: "POST", path: "/user", input: map[string]any{"USERNAME": "cover1", "EMAIL": "c@opsmock.test", "ROLE": "Password User"}}},
		{"getUserId", req{method: "GET", path: "/user/getUserId", params: q("USERNAME", "cover1")}},
		{"deleteUser", req{method: "DELETE", path: "/user/10"}},
		{"deleteUserByName", req{method: "DELETE", path: "/user", params: q("USERNAME", "cover1")}},
		{"addUserToUserGroup", req{method: "POST", path: "/user/addUserToUserGroup", params: q("USERNAME", "auditor", "USERGROUPNAME", "TestGroup")}},
		{"lockUser", req{method: "PUT", path: "/user/lock", params: q("USERNAME", "guest")}},
		{"unlockUser", req{method: "PUT", path: "/user/unlock", params: q("USERNAME", "guest")}},
		{"resetMFA", req{method: "PUT", path: "/user/resetMFA", params: q("USERNAME", "guest")}},
		{"getUserGroupId", req{method: "GET", path: "/user/getUserGroupId", params: q("USERGROUPNAME", "TestGroup")}},
		{"removeUserFromUserGroup", req{method: "POST", path: "/user/removeUserFromUserGroup", input: map[string]any{"USERIDS": []any{5}, "USERGROUPIDS": []any{1}}}},
		{"deleteUserGroups", req{method: "DELETE", path: "/userGroup", input: map[string]any{"userGroupIds": []any{2}}}},
		{"createResourceGroup", req{method: "POST", path: "/resourcegroup", input: map[string]any{"GROUPNAME": "cover", "GROUPTYPE": "STATIC"}}},
		{"associateResources", req{method: "POST", path: "/resourcegroup/901/associateResources", input: map[string]any{"RESOURCEIDS": []any{301}}}},
		{"disassociateResources", req{method: "POST", path: "/resourcegroup/901/disassociateResources", input: map[string]any{"RESOURCEIDS": []any{301}}}},
		{"getResourceGroupId", req{method: "GET", path: "/resourcegroup/getResourceGroupId", params: q("RESOURCEGROUPNAME", "Default Group")}},
		{"getResourceGroups", req{method: "GET", path: "/resourcegroup"}},
		{"deleteResourceGroup", req{method: "DELETE", path: "/resourcegroup", params: q("RESOURCEGROUPID", "901")}},
		{"shareResource", req{method: "PUT", path: "/resources/304/share", input: map[string]any{"ACCESSTYPE": "view", "USERID": "5"}}},
		{"shareAccount", req{method: "PUT", path: "/resources/304/accounts/316/share", input: map[string]any{"ACCESSTYPE": "view", "USERGROUPID": "1"}}},
		{"shareResourceGroups", req{method: "PUT", path: "/resourcegroup/share", input: map[string]any{"resourceGroupIds": []any{"1202"}, "userGroupIds": []any{"1"}, "accessType": "modify"}}},
		{"deleteResource", req{method: "DELETE", path: "/resources/302"}},
		{"getAudit", req{method: "GET", path: "/audit", params: q("AUDITTYPE", "Resource", "LIMIT", "5")}},
		{"getAgentKey", req{method: "POST", path: "/agents/agentkey", input: map[string]any{"generateAgentKey": "true"}}},
		{"getHAStatus", req{method: "GET", path: "/server/getHighAvailabilityStatus"}},
	}
	want := specOperations(t, "/restapi/json/v1")
	var got []string
	for _, row := range table {
		got = append(got, row.op)
		t.Run(row.op, func(t *testing.T) {
			if row.op == "downloadFile" {
				r := e.do(row.r)
				assert.Equal(t, http.StatusOK, r.status)
				assert.Equal(t, "application/octet-stream", r.header.Get("Content-Type"))
				return
			}
			e.ok(row.r)
		})
	}
	sort.Strings(got)
	assert.Equal(t, want, got, "the table must cover every REST operation")
}
