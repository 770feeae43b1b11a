package pmp

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

type resourceSummaryDoc struct {
	Description string `json:"RESOURCE DESCRIPTION"`
	Name        string `json:"RESOURCE NAME"`
	ID          string `json:"RESOURCE ID"`
	Type        string `json:"RESOURCE TYPE"`
	Accounts    string `json:"NOOFACCOUNTS"`
}

// §1: the resources the caller owns or that are shared to it.
func getResources(c *call) (reply, error) {
	docs := []resourceSummaryDoc{}
	c.store.read(func(st *state) {
		for _, id := range st.resourceOrder {
			r := st.resources[id]
			if st.visibleResource(c.user, r) {
				docs = append(docs, resourceSummaryDoc{Description: r.Description, Name: r.Name, ID: strconv.Itoa(r.ID),
					Type: r.Type, Accounts: strconv.Itoa(len(st.visibleAccounts(c.user, r)))})
			}
		}
	})
	return reply{message: "Resources fetched successfully", totalRows: rows(len(docs)), details: docs}, nil
}

type accountSummaryDoc struct {
	Favorite string `json:"ISFAVPASS"`
	Name     string `json:"ACCOUNT NAME"`
	PasswdID string `json:"PASSWDID"`
	Status   string `json:"PASSWORD STATUS"`
	ID       string `json:"ACCOUNT ID"`
}

// passwordStatus is how lists show a password: masked, or "[In Use]" while
// checked out under access control (§2 note).
func passwordStatus(a *account) string {
	if a.InUse {
		return "[In Use]"
	}
	return "*****"
}

// §2: a resource's details with the accounts the caller may see.
func getResourceAccounts(c *call) (reply, error) {
	var details map[string]any
	var f *failure
	c.store.read(func(st *state) {
		var r *resource
		if r, f = st.findResource(c.user, c.pathID("resourceId")); f != nil {
			return
		}
		accounts := []accountSummaryDoc{}
		for _, a := range st.visibleAccounts(c.user, r) {
			accounts = append(accounts, accountSummaryDoc{Favorite: strconv.FormatBool(a.Favorite), Name: a.Name,
				PasswdID: strconv.Itoa(a.ID), Status: passwordStatus(a), ID: strconv.Itoa(a.ID)})
		}
		owner := ""
		if u, ok := st.users[r.OwnerID]; ok {
			owner = u.Name
		}
		details = map[string]any{
			"RESOURCE ID": strconv.Itoa(r.ID), "RESOURCE NAME": r.Name, "RESOURCE DESCRIPTION": r.Description,
			"RESOURCE TYPE": r.Type, "DNS NAME": r.DNSName, "PASSWORD POLICY": r.Policy, "DEPARTMENT": r.Department,
			"LOCATION": r.Location, "RESOURCE URL": r.URL, "RESOURCE OWNER": owner,
			"CUSTOM FIELD": fieldDocs(r.CustomFields, st.resourceFields), "ACCOUNT LIST": accounts,
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Resource details with account list fetched successfully", details: details}, nil
}

// adminRoles may own resources (§6 note on OWNERNAME).
var adminRoles = []string{roleAdmin, rolePwdAdmin, rolePrivAdmin}

// §6: a resource with its first account.
func createResource(c *call) (reply, error) {
	name := c.in("RESOURCENAME")
	var f *failure
	c.store.write(func(st *state) {
		if _, dup := st.resourceByName(name); dup {
			f = failed(fmt.Sprintf("Resource %s already exists.", name))
			return
		}
		typeName := c.in("RESOURCETYPE")
		if typeName == "" {
			typeName = defaultResourceType
		}
		typ, ok := findType(typeName)
		if !ok {
			f = failed(msgUnknownType)
			return
		}
		owner := c.user
		if n := c.in("OWNERNAME"); n != "" {
			o, ok := st.userByName(n)
			if !ok || !slices.Contains(adminRoles, o.Role) {
				f = failed("OWNERNAME must name an Administrator, Password Administrator or Privileged Administrator.")
				return
			}
			owner = *o
		}
		file := c.files["file"]
		if file != nil && !slices.Contains(fileTypes, typ.Name) {
			f = failed(msgFileType)
			return
		}
		resPolicy, accPolicy, pf := policies(c.in("RESOURCEPASSWORDPOLICY"), c.in("ACCOUNTPASSWORDPOLICY"))
		if pf != nil {
			f = pf
			return
		}
		if why := accPolicy.check(c.in("PASSWORD"), c.in("ACCOUNTNAME")); why != "" {
			f = failed(why)
			return
		}
		r := &resource{ID: st.newID("resource"), Name: name, Type: typ.Name, Description: c.in("RESOURCEDESCRIPTION"),
			DNSName: c.in("DNSNAME"), Department: c.in("DEPARTMENT"), Location: c.in("LOCATION"), URL: c.in("RESOURCEURL"),
			Policy: resPolicy.name, OwnerID: owner.ID, File: file, CreatedAt: c.now,
			UserShares: map[int]access{}, GroupShares: map[int]access{}}
		r.CustomFields = setFields(nil, &st.resourceFields, c.inObjects("RESOURCECUSTOMFIELD"))
		a := newAccount(st, r, c.in("ACCOUNTNAME"), c.in("PASSWORD"), accPolicy.name, c.in("NOTES"), c)
		a.CustomFields = setFields(nil, &st.accountFields, c.inObjects("ACCOUNTCUSTOMFIELD"))
		st.addResource(r)
		if g := c.in("RESOURCEGROUPNAME"); g != "" {
			st.addToNamedGroup(g, owner.ID, r.ID, c)
		}
		st.record(c, auditResource, "Resource Added", r.Name, "", "")
		st.record(c, auditResource, "Account Added", r.Name, a.Name, "")
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf("Resource %s has been added successfully", name)}, nil
}

// policies resolves a resource policy and an account policy (the account's
// defaults to the resource's, which defaults to the default policy).
func policies(resName, accName string) (policy, policy, *failure) {
	res, ok := findPolicy(resName)
	if !ok {
		return policy{}, policy{}, failed(msgUnknownPolicy)
	}
	if accName == "" {
		return res, res, nil
	}
	acc, ok := findPolicy(accName)
	if !ok {
		return policy{}, policy{}, failed(msgUnknownPolicy)
	}
	return res, acc, nil
}

// newAccount adds an account to r. Callers hold the write lock.
func newAccount(st *state, r *resource, name, password, policyName, notes string, c *call) *account {
	a := &account{ID: st.newID("account"), ResourceID: r.ID, Name: name, Password: password, Policy: policyName,
		Notes: notes, Flags: map[string]bool{}, UserShares: map[int]access{}, GroupShares: map[int]access{},
		LastModified: c.now}
	st.accounts[a.ID] = a
	r.AccountIDs = append(r.AccountIDs, a.ID)
	return a
}

// §18: edit a resource the caller may modify.
func editResource(c *call) (reply, error) {
	var f *failure
	var name string
	c.store.write(func(st *state) {
		var r *resource
		if r, f = st.resourceNeeding(c.user, c.pathID("resourceId"), modifyAccess); f != nil {
			return
		}
		name = c.in("RESOURCENAME")
		if other, dup := st.resourceByName(name); dup && other.ID != r.ID {
			f = failed(fmt.Sprintf("Resource %s already exists.", name))
			return
		}
		typ := r.Type
		if c.has("RESOURCETYPE") {
			t, ok := findType(c.in("RESOURCETYPE"))
			if !ok {
				f = failed(msgUnknownType)
				return
			}
			if t.Name != r.Type && (slices.Contains(pinnedTypes, t.Name) || slices.Contains(pinnedTypes, r.Type)) {
				f = failed(msgTypeChange)
				return
			}
			typ = t.Name
		}
		pol := r.Policy
		if c.has("RESOURCEPASSWORDPOLICY") {
			p, ok := findPolicy(c.in("RESOURCEPASSWORDPOLICY"))
			if !ok {
				f = failed(msgUnknownPolicy)
				return
			}
			pol = p.name
		}
		st.renameResource(r, name)
		r.Type, r.Policy = typ, pol
		for key, field := range map[string]*string{"RESOURCEDESCRIPTION": &r.Description, "RESOURCEURL": &r.URL,
			"DNSNAME": &r.DNSName, "DEPARTMENT": &r.Department, "LOCATION": &r.Location} {
			if c.has(key) {
				*field = c.in(key)
			}
		}
		r.CustomFields = setFields(r.CustomFields, &st.resourceFields, c.inObjects("RESOURCECUSTOMFIELD"))
		st.record(c, auditResource, "Resource Modified", r.Name, "", "")
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf("Resource %s modified successfully.", name)}, nil
}

// §9: delete a resource the caller has full access to.
func deleteResource(c *call) (reply, error) {
	var f *failure
	c.store.write(func(st *state) {
		var r *resource
		if r, f = st.resourceNeeding(c.user, c.pathID("resourceId"), fullAccess); f != nil {
			return
		}
		st.deleteResource(r)
		st.record(c, auditResource, "Resource Deleted", r.Name, "", "")
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Resources deleted successfully."}, nil
}

// §7: the IDs of a resource and one of its accounts, by name.
func getResourceIdAccountId(c *call) (reply, error) {
	var details map[string]string
	c.store.read(func(st *state) {
		r, ok := st.resourceByName(c.param("RESOURCENAME"))
		if !ok || !st.visibleResource(c.user, r) {
			return
		}
		a, ok := st.accountByName(r, c.param("ACCOUNTNAME"))
		if !ok || st.accountAccess(c.user, a) == noAccess {
			return
		}
		details = map[string]string{"RESOURCEID": strconv.Itoa(r.ID), "ACCOUNTID": strconv.Itoa(a.ID)}
	})
	if details == nil {
		return reply{}, failed("No resource and account with the given names were found.")
	}
	return reply{message: "Resource ID and account ID fetched successfully for the given resource name and account name.", details: details}, nil
}

// §8: the ID of a resource, by name.
func getResourceIdByName(c *call) (reply, error) {
	var id string
	c.store.read(func(st *state) {
		if r, ok := st.resourceByName(c.path["resourceName"]); ok && st.visibleResource(c.user, r) {
			id = strconv.Itoa(r.ID)
		}
	})
	if id == "" {
		return reply{}, failed(msgNoResource)
	}
	return reply{message: "Resource ID fetched successfully for the given resource name.", details: map[string]string{"RESOURCEID": id}}, nil
}

type groupRefDoc struct {
	ID   int    `json:"GROUP ID"`
	Name string `json:"GROUP NAME"`
}

// §81: the resource groups a resource belongs to, among those the caller sees.
func getAssociatedGroups(c *call) (reply, error) {
	var docs []groupRefDoc
	var f *failure
	c.store.read(func(st *state) {
		var r *resource
		if r, f = st.findResource(c.user, c.pathID("resourceId")); f != nil {
			return
		}
		docs = []groupRefDoc{}
		for _, gid := range st.rgroupOrder {
			g := st.rgroups[gid]
			if st.inGroup(g, r) && st.groupAccess(c.user, g) > noAccess {
				docs = append(docs, groupRefDoc{ID: g.ID, Name: g.Name})
			}
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Associated groups fetched successfully", details: map[string]any{"ASSOCIATED GROUPS": docs}}, nil
}

type resourceTypeDoc struct {
	Commands         []string `json:"COMMAND_SET"`
	SyncSupported    string   `json:"ISSYNCSUPPORTED"`
	Custom           string   `json:"CUSTOMRESOURCETYPE"`
	Certificate      string   `json:"ISCERTIFICATE"`
	Category         string   `json:"CATEGORY"`
	SyncType         string   `json:"SYNCTYPE"`
	DefaultSupported string   `json:"ISDEFAULT_SUPPORTED_RESOURCETYPE"`
	OSID             string   `json:"OSID"`
	ResourceAttrs    []string `json:"RESOURCE_ATTRIBUTES"`
	AccountAttrs     []string `json:"ACCOUNT_ATTRIBUTES"`
	Name             string   `json:"RESOURCETYPE"`
	Default          string   `json:"DEFAULTRESOURCETYPE"`
}

// §78: the resource types, optionally those whose name contains a term.
func getResourceTypes(c *call) (reply, error) {
	var terms []string
	if raw, ok := c.input["RESOURCETYPE_CONTAINING"].([]any); ok {
		for _, t := range raw {
			terms = append(terms, strings.ToLower(scalarText(t)))
		}
	}
	docs := []resourceTypeDoc{}
	for _, t := range resourceTypes {
		if len(terms) > 0 && !slices.ContainsFunc(terms, func(term string) bool { return strings.Contains(strings.ToLower(t.Name), term) }) {
			continue
		}
		cmds := t.Commands
		if cmds == nil {
			cmds = []string{}
		}
		docs = append(docs, resourceTypeDoc{Commands: cmds, SyncSupported: strconv.FormatBool(t.SyncSupported),
			Custom: "Windows", Certificate: strconv.FormatBool(t.Certificate), Category: t.Category, SyncType: t.SyncType,
			DefaultSupported: "true", OSID: t.OSID, ResourceAttrs: resourceAttributes, AccountAttrs: accountAttributes,
			Name: t.Name, Default: strconv.FormatBool(t.Default)})
	}
	return reply{message: "Resource Types fetched successfully", details: map[string]any{"RESOURCETYPES": docs, "ORGANIZATIONNAME": organization}}, nil
}

type remoteResultDoc struct {
	Status  string `json:"STATUS"`
	Name    string `json:"RESOURCENAME"`
	ID      string `json:"RESOURCEID"`
	Message string `json:"MESSAGE,omitempty"`
}

// §63: store remote reset settings on each listed resource of the type.
func configureRemotePasswordReset(c *call) (reply, error) {
	ids, ok := c.inIDs("RESOURCEIDS")
	if !ok {
		return reply{}, failed("RESOURCEIDS in INPUT_DATA must list resource IDs.")
	}
	typ := c.in("RESOURCETYPE")
	if typ == "" {
		typ = "Linux"
	}
	settings := map[string]string{}
	for k := range c.input {
		if k != "RESOURCEIDS" {
			settings[k] = c.in(k)
		}
	}
	var docs []remoteResultDoc
	c.store.write(func(st *state) {
		for _, id := range ids {
			r, f := st.findResource(c.user, id)
			switch {
			case f != nil:
				docs = append(docs, remoteResultDoc{Status: "FAILED", ID: strconv.Itoa(id), Message: f.message})
			case st.resourceAccess(c.user, r) < modifyAccess:
				docs = append(docs, remoteResultDoc{Status: "FAILED", Name: r.Name, ID: strconv.Itoa(id), Message: msgNeedModify})
			case !equalFold(r.Type, typ):
				docs = append(docs, remoteResultDoc{Status: "FAILED", Name: r.Name, ID: strconv.Itoa(id), Message: "The resource is not of type " + typ + "."})
			default:
				r.RemoteReset = settings
				st.record(c, auditResource, "Remote Password Reset Configured", r.Name, "", "")
				docs = append(docs, remoteResultDoc{Status: "SUCCESS", Name: r.Name, ID: strconv.Itoa(id)})
			}
		}
	})
	return reply{message: "Password reset details configured for the matching resources.", details: map[string]any{"CONFIGURATION RESULT": docs}}, nil
}
