package pmp

import (
	"strconv"
)

// shareWords name a granted level in the answer (§56-§59): accounts shared
// to users say View, everything else Read.
var shareWords = map[bool]map[access]string{
	false: {viewAccess: "Read Only", modifyAccess: "Read and Modify", fullAccess: "Full Access"},
	true:  {viewAccess: "View Only", modifyAccess: "View and Modify"},
}

// shareTarget reads USERID or USERGROUPID and checks it exists.
func shareTarget(c *call, st *state) (userID, groupID int, f *failure) {
	switch {
	case c.has("USERID"):
		userID, _ = strconv.Atoi(c.in("USERID"))
		if _, ok := st.users[userID]; !ok {
			return 0, 0, failed(msgUnknownUser)
		}
	case c.has("USERGROUPID"):
		groupID, _ = strconv.Atoi(c.in("USERGROUPID"))
		if _, ok := st.groups[groupID]; !ok {
			return 0, 0, failed(msgUnknownGroup)
		}
	default:
		return 0, 0, failed("USERID or USERGROUPID is mandatory in INPUT_DATA.")
	}
	return userID, groupID, nil
}

// applyShare sets or revokes a share and words the answer.
// The share maps may be nil (seeded objects shared to nobody): a grant
// makes the map it writes.
func applyShare(users, groups *map[int]access, userID, groupID int, typ string, account bool) (string, *failure) {
	shares, key, who := users, userID, "user"
	if groupID != 0 {
		shares, key, who = groups, groupID, "user group(s)"
	}
	if typ == "revoke" {
		delete(*shares, key)
		return "Permission revoked from " + who + " successfully.", nil
	}
	level := accessNames[typ]
	word, ok := shareWords[account && groupID == 0][level]
	if !ok { // §57: an account is shared to a user with view or modify only
		return "", failed("ACCESSTYPE " + typ + " is not allowed when sharing an account to a user.")
	}
	if *shares == nil {
		*shares = map[int]access{}
	}
	(*shares)[key] = level
	return word + " permission granted to " + who + " successfully.", nil
}

// §56, §58: share a resource the caller has full access to.
func shareResource(c *call) (reply, error) {
	var msg string
	var f *failure
	c.store.write(func(st *state) {
		var r *resource
		if r, f = st.resourceNeeding(c.user, c.pathID("resourceId"), fullAccess); f != nil {
			return
		}
		uid, gid, tf := shareTarget(c, st)
		if tf != nil {
			f = tf
			return
		}
		if msg, f = applyShare(&r.UserShares, &r.GroupShares, uid, gid, c.in("ACCESSTYPE"), false); f == nil {
			st.record(c, auditResource, "Resource Shared", r.Name, "", c.in("ACCESSTYPE"))
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: msg}, nil
}

// §57, §59: share an account of a resource the caller has full access to.
func shareAccount(c *call) (reply, error) {
	var msg string
	var f *failure
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
		uid, gid, tf := shareTarget(c, st)
		if tf != nil {
			f = tf
			return
		}
		if msg, f = applyShare(&a.UserShares, &a.GroupShares, uid, gid, c.in("ACCESSTYPE"), true); f == nil {
			st.record(c, auditResource, "Account Shared", r.Name, a.Name, c.in("ACCESSTYPE"))
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: msg}, nil
}

// §60, §61: share groups in bulk. The action is "triggered": what could not
// be done (unknown IDs, groups the caller does not manage) goes to the
// audit, as the answer says (§60).
func shareResourceGroups(c *call) (reply, error) {
	groupIDs, ok := c.inIDs("resourceGroupIds")
	userIDs, okU := c.inIDs("userIds")
	teamIDs, okG := c.inIDs("userGroupIds")
	if !ok || !okU || !okG {
		return reply{}, failed("resourceGroupIds, userIds and userGroupIds in INPUT_DATA must list IDs.")
	}
	if len(userIDs) == 0 && len(teamIDs) == 0 {
		return reply{}, failed("userIds or userGroupIds is mandatory in INPUT_DATA.")
	}
	typ := c.in("accessType")
	c.store.write(func(st *state) {
		for _, gid := range groupIDs {
			g, f := st.findGroup(c.user, gid, true)
			if f != nil {
				st.record(c, auditResource, "Resource Group Share Failed", "", "", strconv.Itoa(gid)+": "+f.message)
				continue
			}
			for _, uid := range userIDs {
				if _, known := st.users[uid]; known {
					_, _ = applyShare(&g.UserShares, &g.GroupShares, uid, 0, typ, false)
				}
			}
			for _, tid := range teamIDs {
				if _, known := st.groups[tid]; known {
					_, _ = applyShare(&g.UserShares, &g.GroupShares, 0, tid, typ, false)
				}
			}
			st.record(c, auditResource, "Resource Group Shared", "", "", g.Name+": "+typ)
		}
	})
	action := "Share"
	if typ == "revoke" {
		action = "Revoke"
	}
	return reply{message: action + " action triggered. Refer Audit for more details.", statusCode: codeTriggered}, nil
}
