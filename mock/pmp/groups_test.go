package pmp_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func groupID(t *testing.T, e *env, name string) string {
	return details[map[string]string](t, e.ok(req{method: http.MethodGet, path: "/resourcegroup/getResourceGroupId",
		params: url.Values{"RESOURCEGROUPNAME": {name}}}))["RESOURCEGROUPID"]
}

func associated(t *testing.T, e *env, resourceID string) []string {
	var names []string
	for _, g := range details[map[string][]map[string]any](t, e.get("/resources/"+resourceID+"/associatedGroups", nil))["ASSOCIATED GROUPS"] {
		names = append(names, g["GROUP NAME"].(string))
	}
	return names
}

func TestStaticGroups(t *testing.T) {
	e := newEnv(t)
	v := e.ok(req{method: http.MethodPost, path: "/resourcegroup", input: map[string]any{"GROUPNAME": "CG1", "DESCRIPTION": "description",
		"PARENTGROUPID": 301, "GROUPTYPE": "STATIC", "POLICY": "Low", "NoHelpDeskRetrieval": "false"}})
	assert.Equal(t, "Group CG1 has been added successfully.", v.Operation.Result.Message)
	id := groupID(t, e, "CG1")

	v = e.ok(req{method: http.MethodPost, path: "/resourcegroup/" + id + "/associateResources", input: map[string]any{"RESOURCEIDS": []any{302, "303", 999999}}})
	assert.Equal(t, map[string]map[string]string{"302": {"status": "Success"}, "303": {"status": "Success"},
		"999999": {"status": "Failed", "message": "Resource not found or you do not have permission to access it."}}, details[map[string]map[string]string](t, v))
	assert.Contains(t, associated(t, e, "302"), "CG1")
	v = e.ok(req{method: http.MethodPost, path: "/resourcegroup/" + id + "/disassociateResources", input: map[string]any{"RESOURCEIDS": []any{302}}})
	assert.Equal(t, "Resource removed from group successfully.", v.Operation.Result.Message)
	assert.NotContains(t, associated(t, e, "302"), "CG1")

	groups := details[[]map[string]string](t, e.get("/resourcegroup", nil))
	var cg1 map[string]string
	for _, g := range groups {
		if g["resourceGroupName"] == "CG1" {
			cg1 = g
		}
	}
	require.NotNil(t, cg1)
	assert.Equal(t, map[string]string{"resourceGroupDescription": "description", "accessType": "fullaccess", "resourceGroupName": "CG1",
		"isOwner": "true", "resourceGroupType": "static", "resourceGroupId": id, "timeCreated": "2026-06-07 08:09:10.000",
		"subGroupOf": "301", "ownerId": "1"}, cg1)

	assert.Equal(t, "Resource Group deleted successfully.", e.ok(req{method: http.MethodDelete, path: "/resourcegroup",
		params: url.Values{"RESOURCEGROUPID": {id}}}).Operation.Result.Message)
	assert.Equal(t, "Resource group not found.", e.fails(req{method: http.MethodGet, path: "/resourcegroup/getResourceGroupId", params: url.Values{"RESOURCEGROUPNAME": {"CG1"}}}))
	assert.Equal(t, "Group Default Group already exists.", e.fails(req{method: http.MethodPost, path: "/resourcegroup", input: map[string]any{"GROUPNAME": "Default Group", "GROUPTYPE": "STATIC"}}))
}

// TestDynamicGroups: membership follows the criteria, also for resources
// created after the group.
func TestDynamicGroups(t *testing.T) {
	e := newEnv(t)
	e.ok(req{method: http.MethodPost, path: "/resourcegroup", input: map[string]any{"GROUPNAME": "CG3", "DESCRIPTION": "description",
		"PARENTGROUPID": 1201, "POLICY": "Low", "GROUPTYPE": "DYNAMIC", "andor": "and", "NoOfCriteria": 2,
		"condition_1": "RESOURCENAME", "operator_1": "CONTAINS", "valuefield_1": "db",
		"condition_2": "LOGINNAME", "operator_2": "EQUALS", "valuefield_2": "oracle"}})
	e.ok(req{method: http.MethodPost, path: "/resources", input: newResource("payroll-db", map[string]any{"ACCOUNTNAME": "oracle", "RESOURCETYPE": "Linux"})})
	e.ok(req{method: http.MethodPost, path: "/resources", input: newResource("crm-db", map[string]any{"ACCOUNTNAME": "postgres", "RESOURCETYPE": "Linux"})})
	id := func(name string) string {
		return details[map[string]string](t, e.get("/resources/resourcename/"+name, nil))["RESOURCEID"]
	}
	assert.Contains(t, associated(t, e, id("payroll-db")), "CG3")
	assert.NotContains(t, associated(t, e, id("crm-db")), "CG3", "both criteria must hold")
	e.ok(req{method: http.MethodPost, path: "/resources/" + id("crm-db") + "/accounts", input: map[string]any{"ACCOUNTLIST": []any{
		map[string]any{"ACCOUNTNAME": "oracle", "PASSWORD": "Pa$$Word@123"}}}})
	assert.Contains(t, associated(t, e, id("crm-db")), "CG3", "computed on every read")

	assert.Equal(t, "Resources can be associated only with static resource groups.", e.fails(req{method: http.MethodPost,
		path: "/resourcegroup/" + groupID(t, e, "CG3") + "/associateResources", input: map[string]any{"RESOURCEIDS": []any{301}}}))
	bad := []struct {
		name string
		in   map[string]any
		want string
	}{
		{"no criteria count", map[string]any{"GROUPNAME": "D1", "GROUPTYPE": "DYNAMIC"}, "NoOfCriteria is mandatory in INPUT_DATA for a dynamic group."},
		{"bad field", map[string]any{"GROUPNAME": "D2", "GROUPTYPE": "DYNAMIC", "NoOfCriteria": 1, "condition_1": "COLOUR", "operator_1": "EQUALS", "valuefield_1": "x"}, "condition_1 in INPUT_DATA must be one of: RESOURCENAME, LOGINNAME, RESOURCETYPE, RESOURCEDESCRIPTION, DNSNAME, DEPARTMENT, LOCATION."},
		{"missing value", map[string]any{"GROUPNAME": "D3", "GROUPTYPE": "DYNAMIC", "NoOfCriteria": 1, "condition_1": "RESOURCENAME", "operator_1": "EQUALS"}, "valuefield_1 is mandatory in INPUT_DATA."},
		{"unknown parent", map[string]any{"GROUPNAME": "D4", "GROUPTYPE": "STATIC", "PARENTGROUPID": "424242"}, "PARENTGROUPID does not name a resource group you can see."},
		{"bad type", map[string]any{"GROUPNAME": "D5", "GROUPTYPE": "FLUID"}, "GROUPTYPE in INPUT_DATA must be one of: STATIC, DYNAMIC, static, dynamic."},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, e.fails(req{method: http.MethodPost, path: "/resourcegroup", input: tc.in}))
		})
	}
}

func TestSharing(t *testing.T) {
	e := newEnv(t)
	share := func(path string, d map[string]any) string {
		return e.ok(req{method: http.MethodPut, path: path, input: d}).Operation.Result.Message
	}
	assert.NotContains(t, e.resourceNames("auditor"), "License Keys")
	assert.Equal(t, "Read Only permission granted to user successfully.", share("/resources/304/share", map[string]any{"ACCESSTYPE": "view", "USERID": "5"}))
	assert.Contains(t, e.resourceNames("auditor"), "License Keys")
	assert.Contains(t, e.fails(req{method: http.MethodPut, path: "/resources/304", as: "auditor",
		input: map[string]any{"RESOURCENAME": "Mine now"}}), "It needs one of the roles", "an auditor edits nothing, whatever is shared to it")
	assert.Equal(t, "Read and Modify permission granted to user successfully.", share("/resources/304/share", map[string]any{"ACCESSTYPE": "modify", "USERID": "5"}))
	assert.Equal(t, "Permission revoked from user successfully.", share("/resources/304/share", map[string]any{"ACCESSTYPE": "revoke", "USERID": "5"}))
	assert.NotContains(t, e.resourceNames("auditor"), "License Keys")

	assert.Equal(t, "View and Modify permission granted to user successfully.", share("/resources/304/accounts/316/share", map[string]any{"ACCESSTYPE": "modify", "USERID": "5"}))
	assert.Contains(t, e.resourceNames("auditor"), "License Keys", "an account share shows its resource")
	assert.Equal(t, "Read Only permission granted to user group(s) successfully.", share("/resources/304/accounts/316/share", map[string]any{"ACCESSTYPE": "view", "USERGROUPID": "1"}))
	assert.Equal(t, "Full Access permission granted to user group(s) successfully.", share("/resources/304/share", map[string]any{"ACCESSTYPE": "fullaccess", "USERGROUPID": "1"}))

	assert.Equal(t, "ACCESSTYPE fullaccess is not allowed when sharing an account to a user.",
		e.fails(req{method: http.MethodPut, path: "/resources/304/accounts/316/share", input: map[string]any{"ACCESSTYPE": "fullaccess", "USERID": "5"}}))
	assert.Equal(t, "USERID or USERGROUPID is mandatory in INPUT_DATA.", e.fails(req{method: http.MethodPut, path: "/resources/304/share", input: map[string]any{"ACCESSTYPE": "view"}}))
	assert.Equal(t, "User not found.", e.fails(req{method: http.MethodPut, path: "/resources/304/share", input: map[string]any{"ACCESSTYPE": "view", "USERID": "424242"}}))
	// Sharing needs full access: pwdadmin gets view on 304, and may not pass it on...
	share("/resources/304/share", map[string]any{"ACCESSTYPE": "view", "USERID": "3"})
	assert.Equal(t, "You need full access to perform this operation.", e.fails(req{method: http.MethodPut, path: "/resources/304/share", as: "pwdadmin",
		input: map[string]any{"ACCESSTYPE": "view", "USERID": "5"}}))
	// ...but may on 301, which resource group st1 shares to it with full access.
	e.ok(req{method: http.MethodPut, path: "/resources/301/share", as: "pwdadmin", input: map[string]any{"ACCESSTYPE": "view", "USERID": "5"}})
}

func TestShareResourceGroups(t *testing.T) {
	e := newEnv(t)
	assert.NotContains(t, e.resourceNames("auditor"), "CentOS Machine")
	v := e.ok(req{method: http.MethodPut, path: "/resourcegroup/share", input: map[string]any{"resourceGroupIds": []any{"1202", "424242"}, "userIds": []any{"5"}, "accessType": "view"}})
	assert.Equal(t, "SHARE_RESOURCEGROUP(S)", v.Operation.OperationName)
	assert.Equal(t, 20001, v.Operation.Result.StatusCode)
	assert.Equal(t, "Share action triggered. Refer Audit for more details.", v.Operation.Result.Message)
	assert.Contains(t, e.resourceNames("auditor"), "CentOS Machine")

	v = e.ok(req{method: http.MethodPut, path: "/resourcegroup/share", input: map[string]any{"resourceGroupIds": []any{"1202"}, "userIds": []any{"5"}, "accessType": "revoke"}})
	assert.Equal(t, "Revoke action triggered. Refer Audit for more details.", v.Operation.Result.Message)
	assert.NotContains(t, e.resourceNames("auditor"), "CentOS Machine")
	assert.Equal(t, "userIds or userGroupIds is mandatory in INPUT_DATA.", e.fails(req{method: http.MethodPut, path: "/resourcegroup/share",
		input: map[string]any{"resourceGroupIds": []any{"1202"}, "accessType": "view"}}))
}
