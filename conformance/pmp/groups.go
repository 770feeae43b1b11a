package pmp

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/opsmock/opsmock/conformance/check"
)

// associatedGroups names the resource groups a resource is in (§81).
func associatedGroups(t *check.T, resourceID string) []string {
	var d struct {
		Groups []struct {
			Name string `json:"GROUP NAME"`
		} `json:"ASSOCIATED GROUPS"`
	}
	_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, rest+"/resources/"+resourceID+"/associatedGroups", nil).details(), &d)
	var out []string
	for _, g := range d.Groups {
		out = append(out, g.Name)
	}
	return out
}

// newResourceGroup creates a static group and registers its deletion.
func newResourceGroup(t *check.T) (name, id string, deleted *bool) {
	name = uniqueName("group")
	must(t, check.Primary, http.MethodPost, rest+"/resourcegroup", map[string]any{"GROUPNAME": name, "GROUPTYPE": "STATIC",
		"DESCRIPTION": "created by opsmock check; deleted at the end of the run"})
	var ids struct{ RESOURCEGROUPID string }
	_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, rest+"/resourcegroup/getResourceGroupId", nil,
		"RESOURCEGROUPNAME", name).details(), &ids)
	if ids.RESOURCEGROUPID == "" {
		t.Fatalf("resource group %s: the lookup by name gave no ID", name)
	}
	deleted = new(bool)
	t.Cleanup(func() {
		if !*deleted {
			send(t, check.Primary, http.MethodDelete, rest+"/resourcegroup", nil, "RESOURCEGROUPID", ids.RESOURCEGROUPID)
		}
	})
	return name, ids.RESOURCEGROUPID, deleted
}

var resourceGroupLifecycle = check.Check{
	ID:       "pmp.lifecycle.resource-group",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `A created static group (§54) is found by name (§83); a resource associated with it lists it among its groups ` +
		`and no longer after disassociation (§81, §79, §80); once the group is deleted its name is not found (§82).`,
	Run: func(t *check.T) {
		_, resourceID, _, _ := newResource(t)
		group, groupID, deleted := newResourceGroup(t)
		ids := map[string]any{"RESOURCEIDS": []string{resourceID}}
		must(t, check.Primary, http.MethodPost, rest+"/resourcegroup/"+groupID+"/associateResources", ids)
		if !slices.Contains(associatedGroups(t, resourceID), group) {
			t.Errorf("the resource does not list group %s after associateResources", group)
		}
		must(t, check.Primary, http.MethodPost, rest+"/resourcegroup/"+groupID+"/disassociateResources", ids)
		if slices.Contains(associatedGroups(t, resourceID), group) {
			t.Errorf("the resource still lists group %s after disassociateResources", group)
		}
		must(t, check.Primary, http.MethodDelete, rest+"/resourcegroup", nil, "RESOURCEGROUPID", groupID)
		*deleted = true
		if _, e := send(t, check.Primary, http.MethodGet, rest+"/resourcegroup/getResourceGroupId", nil, "RESOURCEGROUPNAME", group); e.ok() {
			t.Errorf("deleted group %s is still found by name", group)
		}
	},
}

var accountEdit = check.Check{
	ID:       "pmp.lifecycle.account-edit",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `editAccount renames an account, as the resource's account list then shows (§22); validatePassword accepts a ` +
		`password the Strong policy generated (§86); configureRemotePasswordReset accepts the run's resource (§63).`,
	Run: func(t *check.T) {
		_, resourceID, accountID, _ := newResource(t)
		renamed := uniqueName("account")
		must(t, check.Primary, http.MethodPut, rest+"/resources/"+resourceID+"/accounts/"+accountID, map[string]any{
			"ACCOUNTNAME": renamed, "NOTES": "renamed by opsmock check"})
		if names := accountNames(t, resourceID); !slices.Contains(names, renamed) {
			t.Errorf("the account list shows %v after editAccount renamed the account %s", names, renamed)
		}
		must(t, check.Primary, http.MethodPost, rest+"/passwords/validate", map[string]any{"password": generate(t), "passwordPolicy": "Strong"})
		must(t, check.Primary, http.MethodPost, rest+"/resources/configureremotepasswordreset", map[string]any{
			"RESOURCEIDS": []string{resourceID}, "REMOTEMODE": "ssh", "LINUX_SSHTELNETPORT": "22", "RESOURCEIDENTIFIER": "linux",
			"AUTHENTICATION": "passauth"})
	},
}

// lowSees says whether the low credential's user lists the resource.
func lowSees(t *check.T, resource string) bool {
	_, e := send(t, check.Low, http.MethodGet, rest+"/resources", nil)
	var list []map[string]any
	_ = json.Unmarshal(e.details(), &list)
	for _, r := range list {
		if r["RESOURCE NAME"] == resource {
			return true
		}
	}
	return false
}

var sharing = check.Check{
	ID:       "pmp.lifecycle.sharing",
	Category: check.Lifecycle,
	Write:    true,
	NeedsLow: true,
	Rule: `Sharing the run's resource with the low user (view) makes it list the resource, and revoking hides it again: ` +
		`shared directly (§56), through one of its accounts (§57) and through a resource group (§60). It needs the low ` +
		`user's name (--user-low).`,
	Run: func(t *check.T) {
		user := t.Target().LowUser
		if user == "" {
			t.Skipf("needs the low credential's user name: --user-low")
		}
		var id struct{ USERID string }
		_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, rest+"/user/getUserId", nil, "USERNAME", user).details(), &id)
		resource, resourceID, accountID, _ := newResource(t)
		if lowSees(t, resource) {
			t.Skipf("the low user sees a resource the run just created: sharing cannot be told apart")
		}
		ways := []struct {
			name, method, path string
			grant, revoke      map[string]any
		}{
			{"the resource", http.MethodPut, rest + "/resources/" + resourceID + "/share",
				map[string]any{"ACCESSTYPE": "view", "USERID": id.USERID}, map[string]any{"ACCESSTYPE": "revoke", "USERID": id.USERID}},
			{"its account", http.MethodPut, rest + "/resources/" + resourceID + "/accounts/" + accountID + "/share",
				map[string]any{"ACCESSTYPE": "view", "USERID": id.USERID}, map[string]any{"ACCESSTYPE": "revoke", "USERID": id.USERID}},
		}
		_, groupID, _ := newResourceGroup(t)
		must(t, check.Primary, http.MethodPost, rest+"/resourcegroup/"+groupID+"/associateResources", map[string]any{"RESOURCEIDS": []string{resourceID}})
		ways = append(ways, struct {
			name, method, path string
			grant, revoke      map[string]any
		}{"a resource group", http.MethodPut, rest + "/resourcegroup/share",
			map[string]any{"resourceGroupIds": []string{groupID}, "userIds": []string{id.USERID}, "accessType": "view"},
			map[string]any{"resourceGroupIds": []string{groupID}, "userIds": []string{id.USERID}, "accessType": "revoke"}})
		for _, w := range ways {
			t.Cleanup(func() { send(t, check.Primary, w.method, w.path, w.revoke) })
			must(t, check.Primary, w.method, w.path, w.grant)
			if !lowSees(t, resource) {
				t.Errorf("shared through %s, the resource is not listed for %s", w.name, user)
			}
			must(t, check.Primary, w.method, w.path, w.revoke)
			if lowSees(t, resource) {
				t.Errorf("revoked through %s, the resource is still listed for %s", w.name, user)
			}
		}
		t.Exercised("shared and revoked three ways with %s", user)
	},
}
