package pmp

import (
	"fmt"
	"maps"
	"strconv"
)

// accountTimeLayout is how §3 prints times ("Sep 10, 2013 3:33 PM").
const accountTimeLayout = "Jan 2, 2006 3:04 PM"

// §3: an account's details.
func getAccountDetails(c *call) (reply, error) {
	var details map[string]any
	var f *failure
	c.store.read(func(st *state) {
		var a *account
		if a, f = st.findAccount(c.user, c.pathID("resourceId"), c.pathID("accountId")); f != nil {
			return
		}
		last := "N/A"
		if !a.LastAccessed.IsZero() {
			last = a.LastAccessed.UTC().Format(accountTimeLayout)
		}
		details = map[string]any{"DESCRIPTION": a.Description, "LAST ACCESSED TIME": last,
			"LAST MODIFIED TIME": a.LastModified.UTC().Format(accountTimeLayout), "PASSWORD STATUS": passwordStatus(a),
			"PASSWDID": strconv.Itoa(a.ID), "CUSTOM FIELD": fieldDocs(a.CustomFields, st.accountFields)}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Account details fetched successfully", details: details}, nil
}

// mayRead says whether c's user may read a's secret now: under password
// access control only the owner, a super admin, or a requester who checked
// it out may (§10-§15).
func (st *state) mayRead(u user, a *account) bool {
	if !a.AccessControl || u.SuperAdmin || st.resources[a.ResourceID].OwnerID == u.ID {
		return true
	}
	for _, rq := range st.requests {
		if rq.AccountID == a.ID && rq.RequesterID == u.ID && rq.Status == requestCheckedOut {
			return true
		}
	}
	return false
}

// §4: an account's password; every retrieval is audited.
func getAccountPassword(c *call) (reply, error) {
	var pw string
	var f *failure
	c.store.write(func(st *state) {
		var a *account
		if a, f = st.findAccount(c.user, c.pathID("resourceId"), c.pathID("accountId")); f != nil {
			return
		}
		if !st.mayRead(c.user, a) {
			f = failed(msgAccessControl)
			return
		}
		pw, a.LastAccessed = a.password(), c.now
		st.record(c, auditResource, "Password Retrieved", st.resources[a.ResourceID].Name, a.Name, c.in("REASON"))
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Password fetched successfully", details: map[string]string{"PASSWORD": pw}}, nil
}

// §5: change a password the caller may modify, under the account's policy.
func changeAccountPassword(c *call) (reply, error) {
	var f *failure
	c.store.write(func(st *state) {
		var a *account
		if a, f = st.accountNeeding(c.user, c.pathID("resourceId"), c.pathID("accountId"), modifyAccess); f != nil {
			return
		}
		pol, _ := findPolicy(a.Policy)
		if why := pol.check(c.in("NEWPASSWORD"), a.Name); why != "" {
			f = failed(why)
			return
		}
		a.setPassword(c.in("NEWPASSWORD"))
		a.LastModified = c.now
		st.record(c, auditResource, "Password Changed", st.resources[a.ResourceID].Name, a.Name, c.in("REASON"))
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Password changed successfully"}, nil
}

// accountFlags are §21's boolean account settings (build 12230).
var accountFlags = []string{"RECORD_RDP_SESSIONS", "RECORD_CLI_SESSIONS", "DISABLE_PASSWORD_RESETS", "CONFIGURE_PASSWORD_RESET",
	"IIS_WEB_CONFIG_RESET", "IIS_APP_POOL_RESTART", "IIS_APP_POOL_RESET", "SERVICES_RESTART", "SERVICES_RESET", "SCHEDULED_TASK_RESET"}

// accountSettings applies §21/§22's optional fields of m to a; it checks
// everything before changing anything.
func accountSettings(st *state, a *account, m map[string]any) *failure {
	in := func(k string) string { return scalarText(m[k]) }
	_, hasSecret := m["TOTP_SECRET"]
	var totp *totpConfig
	if hasSecret && in("TOTP_SECRET") != "" {
		var f *failure
		if totp, f = newTOTP(in("TOTP_SECRET"), in("TOTP_ALGORITHM"), in("TOTP_DIGITS"), in("TOTP_VALIDITY")); f != nil {
			return f
		}
	}
	var groups []int
	if raw, ok := m["ACCOUNT_RESOURCE_GROUP_IDS"].([]any); ok {
		for _, v := range raw {
			id, _ := strconv.Atoi(scalarText(v))
			if _, ok := st.rgroups[id]; !ok {
				return failed(fmt.Sprintf("Resource group %s not found.", scalarText(v)))
			}
			groups = append(groups, id)
		}
	}
	if hasSecret {
		a.TOTP = totp // an empty secret removes the TOTP (§22)
	}
	if groups != nil {
		a.ResourceGroupIDs = groups
	}
	for _, flag := range accountFlags {
		if _, ok := m[flag]; ok {
			if a.Flags == nil {
				a.Flags = map[string]bool{}
			}
			a.Flags[flag] = in(flag) == "true"
		}
	}
	if _, ok := m["NOTES"]; ok {
		a.Notes = in("NOTES")
	}
	a.CustomFields = setFields(a.CustomFields, &st.accountFields, objects(m["ACCOUNTCUSTOMFIELD"]))
	return nil
}

// §21: add accounts; each succeeds or fails on its own.
func createAccounts(c *call) (reply, error) {
	results := map[string]map[string]string{}
	var f *failure
	c.store.write(func(st *state) {
		var r *resource
		if r, f = st.resourceNeeding(c.user, c.pathID("resourceId"), modifyAccess); f != nil {
			return
		}
		for _, m := range c.inObjects("ACCOUNTLIST") {
			name := scalarText(m["ACCOUNTNAME"])
			results[name] = map[string]string{"STATUS": st.addAccount(c, r, m)}
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Account added successfully", details: []any{results}}, nil
}

// addAccount adds one ACCOUNTLIST item and says how it went.
func (st *state) addAccount(c *call, r *resource, m map[string]any) string {
	name, pw := scalarText(m["ACCOUNTNAME"]), scalarText(m["PASSWORD"])
	if _, dup := st.accountByName(r, name); dup {
		return "Account already exists"
	}
	polName := scalarText(m["ACCOUNTPASSWORDPOLICY"])
	if polName == "" {
		polName = r.Policy
	}
	pol, ok := findPolicy(polName)
	if !ok {
		return msgUnknownPolicy
	}
	if why := pol.check(pw, name); why != "" {
		return why
	}
	probe := &account{Flags: map[string]bool{}}
	if f := accountSettings(st, probe, m); f != nil {
		return f.message
	}
	a := newAccount(st, r, name, pw, pol.name, "", c)
	a.TOTP, a.ResourceGroupIDs, a.Flags, a.Notes, a.CustomFields = probe.TOTP, probe.ResourceGroupIDs, probe.Flags, probe.Notes, probe.CustomFields
	st.record(c, auditResource, "Account Added", r.Name, name, "")
	return "Account added successfully"
}

// §22: edit an account the caller may modify.
func editAccount(c *call) (reply, error) {
	var f *failure
	name := c.in("ACCOUNTNAME")
	c.store.write(func(st *state) {
		var a *account
		if a, f = st.accountNeeding(c.user, c.pathID("resourceId"), c.pathID("accountId"), modifyAccess); f != nil {
			return
		}
		r := st.resources[a.ResourceID]
		if other, dup := st.accountByName(r, name); dup && other.ID != a.ID {
			f = failed(fmt.Sprintf("Account %s already exists.", name))
			return
		}
		pol := a.Policy
		if c.has("ACCOUNTPASSWORDPOLICY") {
			p, ok := findPolicy(c.in("ACCOUNTPASSWORDPOLICY"))
			if !ok {
				f = failed(msgUnknownPolicy)
				return
			}
			pol = p.name
		}
		edited := *a
		edited.Flags = maps.Clone(a.Flags)
		if f = accountSettings(st, &edited, c.input); f != nil {
			return
		}
		edited.Name, edited.Policy, edited.LastModified = name, pol, c.now
		if edited.Name != a.Name {
			st.retargetKeys(r.ID, a.Name, edited.Name)
		}
		*a = edited
		st.record(c, auditResource, "Account Modified", r.Name, a.Name, "")
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf("Account %s modified successfully", name)}, nil
}

// §19: delete an account of a resource the caller has full access to.
func deleteAccount(c *call) (reply, error) {
	var f *failure
	var name string
	c.store.write(func(st *state) {
		var a *account
		if a, f = st.findAccount(c.user, c.pathID("resourceId"), c.pathID("accountId")); f != nil {
			return
		}
		r := st.resources[a.ResourceID]
		if st.resourceAccess(c.user, r) < fullAccess {
			f = failed(msgNeedFull)
			return
		}
		name = a.Name
		st.deleteAccountRequests(a.ID)
		st.retargetKeys(r.ID, a.Name, "")
		delete(st.accounts, a.ID)
		r.AccountIDs = without(r.AccountIDs, a.ID)
		st.record(c, auditResource, "Account Deleted", r.Name, name, "")
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf("Account %s deleted successfully.", name)}, nil
}

// §20: the file of a File, License or Key Store resource.
func downloadFile(c *call) (reply, error) {
	var file *storedFile
	var f *failure
	c.store.write(func(st *state) {
		var a *account
		if a, f = st.findAccount(c.user, c.pathID("resourceId"), c.pathID("accountId")); f != nil {
			return
		}
		r := st.resources[a.ResourceID]
		if r.File == nil || c.inBool("ISCUSTOMFIELD") {
			f = failed(msgNoFile)
			return
		}
		if !st.mayRead(c.user, a) {
			f = failed(msgAccessControl)
			return
		}
		file = &storedFile{Name: r.File.Name, Contents: append([]byte(nil), r.File.Contents...)}
		st.record(c, auditResource, "File Downloaded", r.Name, a.Name, c.in("REASON"))
	})
	if f != nil {
		return reply{}, f
	}
	return reply{file: file}, nil
}

// §91: the account's current TOTP, at the server clock.
func getAccountTOTP(c *call) (reply, error) {
	var code string
	var f *failure
	c.store.write(func(st *state) {
		var a *account
		if a, f = st.findAccount(c.user, 0, c.pathID("accountId")); f != nil {
			return
		}
		switch {
		case a.TOTP == nil:
			f = coded(msgNoTOTP)
		case !st.mayRead(c.user, a):
			f = coded(msgAccessControl)
		default:
			code = a.TOTP.code(c.now)
			st.record(c, auditResource, "TOTP Retrieved", st.resources[a.ResourceID].Name, a.Name, "")
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "TOTP has been successfully fetched.", statusCode: codeOK, details: map[string]string{"TOTP": code}}, nil
}
