package pmp_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newResource(name string, extra map[string]any) map[string]any {
	d := map[string]any{"RESOURCENAME": name, "ACCOUNTNAME": "Administrator", "RESOURCETYPE": "Windows", "PASSWORD": "Test123#@!"}
	for k, v := range extra {
		d[k] = v
	}
	return d
}

// TestVisibility: each user lists what it owns or what is shared to it
// (directly, through a user group, or through a resource group).
func TestVisibility(t *testing.T) {
	e := newEnv(t)
	guest := e.resourceNames("guest")
	assert.Contains(t, guest, "CentOS Machine", "shared to guest")
	assert.Contains(t, guest, "Cisco IOS Device", "shared to guest's user group")
	assert.Contains(t, guest, "WebLogic Server", "two of its accounts are shared to guest")
	assert.NotContains(t, guest, "License Keys")
	assert.Contains(t, e.resourceNames("pwdadmin"), "WebLogic Server", "shared to the DBAs group")
	assert.Contains(t, e.resourceNames("pwdadmin"), "CentOS Machine", "through resource group st1")
	assert.NotContains(t, e.resourceNames("auditor"), "CentOS Machine")
	assert.Len(t, e.resourceNames("superadmin"), 4+25, "a super admin sees everything")

	// Accounts: guest sees only the shared accounts of 303.
	v := e.ok(req{method: http.MethodGet, path: "/resources/303/accounts", as: "guest"})
	d := details[map[string]any](t, v)
	var names []string
	for _, a := range d["ACCOUNT LIST"].([]any) {
		names = append(names, a.(map[string]any)["ACCOUNT NAME"].(string))
	}
	assert.ElementsMatch(t, []string{"system", "sysdba"}, names)

	// Unknown and invisible resources fail alike.
	assert.Equal(t, e.fails(req{method: http.MethodGet, path: "/resources/304/accounts", as: "guest"}),
		e.fails(req{method: http.MethodGet, path: "/resources/999999/accounts", as: "guest"}))
}

// TestResourceLifecycle: create, read back every way, edit, delete, and the
// documented failure afterwards.
func TestResourceLifecycle(t *testing.T) {
	e := newEnv(t)
	v := e.ok(req{method: http.MethodPost, path: "/resources", input: newResource("Windows Server", map[string]any{
		"RESOURCEURL": "http://windowsserver/adminconsole", "NOTES": "Testing API", "RESOURCEPASSWORDPOLICY": "Strong",
		"RESOURCECUSTOMFIELD": []any{map[string]any{"CUSTOMLABEL": "Secure Resource", "CUSTOMVALUE": "YES"}},
		"ACCOUNTCUSTOMFIELD":  []any{map[string]any{"CUSTOMLABEL": "Rotation", "CUSTOMVALUE": "weekly"}},
	})})
	assert.Equal(t, "CREATE RESOURCE", v.Operation.Name)
	assert.Equal(t, "Resource Windows Server has been added successfully", v.Operation.Result.Message)

	id := details[map[string]string](t, e.get("/resources/resourcename/Windows Server", nil))["RESOURCEID"]
	ids := details[map[string]string](t, e.ok(req{method: http.MethodGet, path: "/resources/getResourceIdAccountId",
		params: url.Values{"RESOURCENAME": {"windows server"}, "ACCOUNTNAME": {"Administrator"}}}))
	assert.Equal(t, id, ids["RESOURCEID"])
	res := details[map[string]any](t, e.get("/resources/"+id+"/accounts", nil))
	assert.Equal(t, "Windows", res["RESOURCE TYPE"])
	assert.Equal(t, "admin", res["RESOURCE OWNER"])
	assert.Equal(t, []any{map[string]any{"CUSTOMFIELDVALUE": "YES", "CUSTOMFIELDTYPE": "Character",
		"CUSTOMFIELDLABEL": "Secure Resource", "CUSTOMFIELDCOLUMNNAME": "COLUMN_CHAR1"}}, res["CUSTOM FIELD"])
	acct := details[map[string]any](t, e.get("/resources/"+id+"/accounts/"+ids["ACCOUNTID"], nil))
	assert.Equal(t, "COLUMN_CHAR2", acct["CUSTOM FIELD"].([]any)[0].(map[string]any)["CUSTOMFIELDCOLUMNNAME"], "a new label gets the next column")
	pw := details[map[string]string](t, e.get("/resources/"+id+"/accounts/"+ids["ACCOUNTID"]+"/password", nil))
	assert.Equal(t, "Test123#@!", pw["PASSWORD"])

	v = e.ok(req{method: http.MethodPut, path: "/resources/" + id, input: map[string]any{"RESOURCENAME": "Test", "LOCATION": "4th floor", "DEPARTMENT": "QA"}})
	assert.Equal(t, "Resource Test modified successfully.", v.Operation.Result.Message)
	res = details[map[string]any](t, e.get("/resources/"+id+"/accounts", nil))
	assert.Equal(t, "Test", res["RESOURCE NAME"])
	assert.Equal(t, "4th floor", res["LOCATION"])

	v = e.ok(req{method: http.MethodDelete, path: "/resources/" + id})
	assert.Equal(t, "Resources deleted successfully.", v.Operation.Result.Message)
	assert.Equal(t, "Resource not found or you do not have permission to access it.", e.fails(req{method: http.MethodGet, path: "/resources/" + id + "/accounts"}))
	e.fails(req{method: http.MethodGet, path: "/resources/resourcename/Test"})
	e.fails(req{method: http.MethodGet, path: "/resources/" + id + "/accounts/" + ids["ACCOUNTID"] + "/password"})
}

func TestCreateResourceRules(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name    string
		details map[string]any
		want    string
	}{
		{"duplicate name", newResource("CentOS Machine", nil), "Resource CentOS Machine already exists."},
		{"unknown type", newResource("R1", map[string]any{"RESOURCETYPE": "Mainframe"}), "Invalid resource type."},
		{"weak password", newResource("R2", map[string]any{"PASSWORD": "short"}), "Password length must be at least 8 characters."},
		{"no uppercase under Strong", newResource("R3", map[string]any{"PASSWORD": "abcdefg1!"}), "Password must contain at least 1 uppercase character(s)."},
		{"dictionary word", newResource("R4", map[string]any{"PASSWORD": "Password1!"}), "Password must not contain a dictionary word."},
		{"unknown policy", newResource("R5", map[string]any{"ACCOUNTPASSWORDPOLICY": "Paranoid"}), "Password policy not found."},
		{"owner not an admin", newResource("R6", map[string]any{"OWNERNAME": "guest"}), "OWNERNAME must name an Administrator, Password Administrator or Privileged Administrator."},
		{"missing field", map[string]any{"RESOURCENAME": "R7", "RESOURCETYPE": "Windows", "PASSWORD": "Test123#@!"}, "ACCOUNTNAME is mandatory in INPUT_DATA."},
		{"wrong type", newResource("R8", map[string]any{"RESOURCENAME": 42}), "RESOURCENAME in INPUT_DATA has the wrong type."},
		{"too many custom fields", newResource("R9", map[string]any{"RESOURCECUSTOMFIELD": make([]any, 21)}), "RESOURCECUSTOMFIELD in INPUT_DATA has too many items."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, e.fails(req{method: http.MethodPost, path: "/resources", input: tc.details}))
		})
	}
	// A low policy admits what Strong refused; OWNERNAME and RESOURCEGROUPNAME apply.
	// Linux: a Windows resource would reach guest through the shared dynamic group a2.
	e.ok(req{method: http.MethodPost, path: "/resources", input: newResource("Lab", map[string]any{"RESOURCETYPE": "Linux",
		"PASSWORD": "short", "RESOURCEPASSWORDPOLICY": "Low", "OWNERNAME": "pwdadmin", "RESOURCEGROUPNAME": "Lab Machines"})})
	assert.Contains(t, e.resourceNames("pwdadmin"), "Lab")
	assert.NotContains(t, e.resourceNames("guest"), "Lab")
	groups := details[[]map[string]string](t, e.ok(req{method: http.MethodGet, path: "/resourcegroup", as: "pwdadmin"}))
	assert.True(t, slices.ContainsFunc(groups, func(g map[string]string) bool { return g["resourceGroupName"] == "Lab Machines" }))
}

// TestFileResources: §6's multipart upload and §20's download.
func TestFileResources(t *testing.T) {
	e := newEnv(t)
	contents := []byte("KEY-1234-5678\n")
	e.ok(req{method: http.MethodPost, path: "/resources", input: newResource("Keys", map[string]any{"RESOURCETYPE": "License Store"}),
		file: contents, fileName: "keys.txt"})
	ids := details[map[string]string](t, e.ok(req{method: http.MethodGet, path: "/resources/getResourceIdAccountId",
		params: url.Values{"RESOURCENAME": {"Keys"}, "ACCOUNTNAME": {"Administrator"}}}))
	r := e.do(req{method: http.MethodGet, path: "/resources/" + ids["RESOURCEID"] + "/accounts/" + ids["ACCOUNTID"] + "/downloadfile"})
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "application/octet-stream", r.header.Get("Content-Type"))
	assert.Equal(t, `attachment; filename="keys.txt"`, r.header.Get("Content-Disposition"))
	assert.Equal(t, contents, r.body)

	assert.Equal(t, "A file can be added only to File Store, License Store or Key Store resources.",
		e.fails(req{method: http.MethodPost, path: "/resources", input: newResource("NotAFileStore", nil), file: contents, fileName: "x.txt"}))
	assert.Equal(t, "No file is associated with this account.",
		e.fails(req{method: http.MethodGet, path: "/resources/303/accounts/307/downloadfile"}))
}

func TestEditResourceRules(t *testing.T) {
	e := newEnv(t)
	assert.Equal(t, "The resource type cannot be changed from or to Key Store, File Store, License Store, Rackspace or AWS IAM.",
		e.fails(req{method: http.MethodPut, path: "/resources/304", input: map[string]any{"RESOURCENAME": "License Keys", "RESOURCETYPE": "Windows"}}))
	assert.Equal(t, "You do not have permission to modify this resource.",
		e.fails(req{method: http.MethodPut, path: "/resources/301", as: "guest", input: map[string]any{"RESOURCENAME": "Mine"}}))
	assert.Equal(t, "You need full access to perform this operation.",
		e.fails(req{method: http.MethodDelete, path: "/resources/301", as: "guest"}))
	assert.Equal(t, "Resource Cisco IOS Device already exists.",
		e.fails(req{method: http.MethodPut, path: "/resources/301", input: map[string]any{"RESOURCENAME": "Cisco IOS Device"}}))
}

func TestResourceTypesAndRemoteReset(t *testing.T) {
	e := newEnv(t)
	types := details[map[string]any](t, e.get("/resources/resourcetypes", map[string]any{"RESOURCETYPE_CONTAINING": []any{"brocade"}}))
	var names []string
	for _, t := range types["RESOURCETYPES"].([]any) {
		names = append(names, t.(map[string]any)["RESOURCETYPE"].(string))
	}
	assert.Equal(t, []string{"Brocade", "Brocade VDX", "Brocade SAN Switch"}, names)

	v := e.ok(req{method: http.MethodPost, path: "/resources/configureremotepasswordreset",
		input: map[string]any{"RESOURCEIDS": []any{"301", 302, "999999"}, "RESOURCETYPE": "Linux", "REMOTEMODE": "ssh"}})
	results := details[map[string][]map[string]string](t, v)["CONFIGURATION RESULT"]
	require.Len(t, results, 3)
	assert.Equal(t, map[string]string{"STATUS": "SUCCESS", "RESOURCENAME": "CentOS Machine", "RESOURCEID": "301"}, results[0])
	assert.Equal(t, "FAILED", results[1]["STATUS"], "302 is Cisco IOS")
	assert.Equal(t, "FAILED", results[2]["STATUS"])
}

// TestCreateResourceDefaultType: an empty or absent RESOURCETYPE gets the
// default type (spec createResource, fact D3), as public clients send it.
func TestCreateResourceDefaultType(t *testing.T) {
	e := newEnv(t)
	empty := newResource("Typeless", map[string]any{"RESOURCETYPE": ""})
	absent := newResource("Untyped", nil)
	delete(absent, "RESOURCETYPE")
	for _, in := range []map[string]any{empty, absent} {
		e.ok(req{method: http.MethodPost, path: "/resources", input: in})
		id := details[map[string]string](t, e.get("/resources/resourcename/"+in["RESOURCENAME"].(string), nil))["RESOURCEID"]
		res := details[map[string]any](t, e.get("/resources/"+id+"/accounts", nil))
		assert.Equal(t, "Windows", res["RESOURCE TYPE"], "%s", in["RESOURCENAME"])
	}
}
