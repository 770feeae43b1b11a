package pmp

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// §17 and §24: a user, or an API user whose token the answer carries.
func createUser(c *call) (reply, error) {
	name := c.in("USERNAME")
	role := c.in("ROLE")
	var expiry *time.Time
	if e := c.in("EXPIRYDATE"); e != "" && e != "NeverExpires" {
		t, err := time.Parse("2006-01-02", e)
		if err != nil {
			return reply{}, failed(msgBadExpiry)
		}
		expiry = &t
	}
	if c.inBool("ISSUPERADMIN") && role != roleAdmin {
		return reply{}, failed(msgSuperAdminRole)
	}
	polName := c.in("POLICY")
	pol, ok := findPolicy(polName)
	if !ok {
		return reply{}, failed(msgUnknownPolicy)
	}
	api := c.inBool("ISAPIUSER")
	if pw := c.in("PASSWORD"); !api && pw != "" {
		if why := pol.check(pw, name); why != "" {
			return reply{}, failed(why)
		}
	}
	var f *failure
	var tok string
	c.store.write(func(st *state) {
		if _, dup := st.userByName(name); dup {
			f = failed(fmt.Sprintf("User %s already exists.", name))
			return
		}
		u := &user{ID: st.newID("user"), Name: name, FirstName: c.in("FIRSTNAME"), LastName: c.in("LASTNAME"),
			FullName: c.in("FULLNAME"), Email: c.in("EMAIL"), Role: role, Department: c.in("DEPARTMENT"),
			Location: c.in("LOCATION"), Policy: pol.name, SuperAdmin: c.inBool("ISSUPERADMIN"), APIUser: api,
			Expiry: expiry, LoginPassword: c.in("PASSWORD"), CreatedAt: c.now}
		if api {
			u.Host = c.in("HOSTNAME")
			tok = newToken(st)
			u.setToken(tok)
		}
		st.addUser(u)
		op := "User Added"
		if api {
			op = "API User Added"
		}
		st.recordUser(c, op, name, "")
	})
	if f != nil {
		return reply{}, f
	}
	if api {
		return reply{message: "SUCCESS", details: map[string]string{"AUTHTOKEN": tok}}, nil
	}
	return reply{message: "User Created Successfully"}, nil
}

// newToken is an AUTHTOKEN in the form of §24's sample: an upper-case UUID.
func newToken(st *state) string { return strings.ToUpper(st.faker.UUID()) }

// removeUser deletes u: its resources and groups pass to the caller, its
// shares, memberships and requests go (PMP asks whom to transfer to; the
// mock transfers to the admin deleting, `x-inferred`).
func (st *state) removeUser(c *call, u *user) {
	for _, r := range st.resources {
		if r.OwnerID == u.ID {
			r.OwnerID = c.user.ID
		}
		delete(r.UserShares, u.ID)
	}
	for _, a := range st.accounts {
		delete(a.UserShares, u.ID)
	}
	for _, g := range st.rgroups {
		if g.OwnerID == u.ID {
			g.OwnerID = c.user.ID
		}
		delete(g.UserShares, u.ID)
	}
	for _, g := range st.groups {
		g.Members = without(g.Members, u.ID)
	}
	st.requests = slices.DeleteFunc(st.requests, func(rq *pwRequest) bool { return rq.RequesterID == u.ID })
	st.dropUser(u)
	st.recordUser(c, "User Deleted", u.Name, "")
}

// deleteUserWhere deletes the user find picks; message words the success.
func deleteUserWhere(c *call, find func(st *state) (*user, bool), message string) (reply, error) {
	var f *failure
	var name string
	c.store.write(func(st *state) {
		u, ok := find(st)
		switch {
		case !ok:
			f = failed(msgUnknownUser)
		case u.ID == c.user.ID:
			f = failed(msgSelf)
		default:
			name = u.Name
			st.removeUser(c, u)
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf(message, name)}, nil
}

// §23
func deleteUser(c *call) (reply, error) {
	return deleteUserWhere(c, func(st *state) (*user, bool) {
		u, ok := st.users[c.pathID("userId")]
		return u, ok
	}, "User %s deleted Successfully")
}

// §47
func deleteUserByName(c *call) (reply, error) {
	return deleteUserWhere(c, func(st *state) (*user, bool) { return st.userByName(c.param("USERNAME")) },
		"User %s deleted successfully")
}

// §46
func getUserId(c *call) (reply, error) {
	var id string
	c.store.read(func(st *state) {
		if u, ok := st.userByName(c.param("USERNAME")); ok {
			id = strconv.Itoa(u.ID)
		}
	})
	if id == "" {
		return reply{}, failed(msgUnknownUser)
	}
	return reply{message: "User Id for the specified username have been fetched successfully", details: map[string]string{"USERID": id}}, nil
}

// setUser applies change to the named user (not the caller); message words
// the success for that user.
func setUser(c *call, op string, message func(name string) string, change func(u *user)) (reply, error) {
	var f *failure
	var name string
	c.store.write(func(st *state) {
		u, ok := st.userByName(c.param("USERNAME"))
		switch {
		case !ok:
			f = failed(msgUnknownUser)
		case u.ID == c.user.ID:
			f = failed(msgSelf)
		default:
			name = u.Name
			change(u)
			st.recordUser(c, op, u.Name, "")
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: message(name)}, nil
}

// named words a message about a user.
func named(format string) func(string) string {
	return func(name string) string { return fmt.Sprintf(format, name) }
}

// §49
func lockUser(c *call) (reply, error) {
	return setUser(c, "User Locked", named("User account %s locked successfully."), func(u *user) { u.Locked = true })
}

// §50 (its sample ends with a stray space, dropped)
func unlockUser(c *call) (reply, error) {
	return setUser(c, "User Unlocked", named("User account %s unlocked successfully."), func(u *user) { u.Locked = false })
}

// §84
func resetMFA(c *call) (reply, error) {
	return setUser(c, "Two Factor Authentication Reset", func(string) string { return "Two Factor Authentication reset successfully" },
		func(u *user) { u.MFAResets++ })
}

// §48: add a user to a group, creating the group if needed (no operation
// creates user groups, so this one does, `x-inferred`).
func addUserToUserGroup(c *call) (reply, error) {
	var f *failure
	var userName, groupName string
	c.store.write(func(st *state) {
		u, ok := st.userByName(c.param("USERNAME"))
		if !ok {
			f = failed(msgUnknownUser)
			return
		}
		g, ok := st.groupByName(c.param("USERGROUPNAME"))
		if !ok {
			g = &userGroup{ID: st.newID("usergroup"), Name: c.param("USERGROUPNAME")}
			st.groups[g.ID] = g
		}
		if slices.Contains(g.Members, u.ID) {
			f = failed(fmt.Sprintf("User %s is already in User Group %s.", u.Name, g.Name))
			return
		}
		g.Members = append(g.Members, u.ID)
		userName, groupName = u.Name, g.Name
		st.recordUser(c, "User Added to User Group", u.Name, g.Name)
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf("User %s added to User Group %s successfully", userName, groupName)}, nil
}

type pairResultDoc struct {
	UserID  string `json:"USERID"`
	Message string `json:"message"`
	GroupID string `json:"USERGROUPID"`
	Status  string `json:"status"`
}

// §90: each (user, group) pair gets its own result.
func removeUserFromUserGroup(c *call) (reply, error) {
	users, okU := c.inIDs("USERIDS")
	groups, okG := c.inIDs("USERGROUPIDS")
	if !okU || !okG {
		return reply{}, failed("USERIDS and USERGROUPIDS in INPUT_DATA must list IDs.")
	}
	docs := []pairResultDoc{}
	c.store.write(func(st *state) {
		for _, uid := range users {
			for _, gid := range groups {
				d := pairResultDoc{UserID: strconv.Itoa(uid), GroupID: strconv.Itoa(gid), Status: statusFailed}
				g, ok := st.groups[gid]
				switch {
				case !ok:
					d.Message = "Invalid User group Id."
				case !slices.Contains(g.Members, uid):
					d.Message = "User does not exist in the User Group"
				default:
					g.Members = without(g.Members, uid)
					d.Message, d.Status = "User Removed Successfully", statusSuccess
					st.recordUser(c, "User Removed from User Group", st.users[uid].Name, g.Name)
				}
				docs = append(docs, d)
			}
		}
	})
	return reply{message: "Users removed from User Group Successfully", details: map[string]any{"RESULT": docs}}, nil
}

// §62
func getUserGroupId(c *call) (reply, error) {
	var id string
	c.store.read(func(st *state) {
		if g, ok := st.groupByName(c.param("USERGROUPNAME")); ok {
			id = strconv.Itoa(g.ID)
		}
	})
	if id == "" {
		return reply{}, failed(msgUnknownGroup)
	}
	return reply{message: "Usergroup Id for the specified usergroup name have been fetched successfully.", details: map[string]string{"USERGROUPID": id}}, nil
}

type idResultDoc struct {
	Message    string `json:"message"`
	Status     string `json:"status"`
	StatusCode int    `json:"statusCode"`
}

// §87: each group ID succeeds or fails on its own; Success if any went.
func deleteUserGroups(c *call) (reply, error) {
	ids, ok := c.inIDs("userGroupIds")
	if !ok {
		return reply{}, coded("userGroupIds in INPUT_DATA must list IDs.")
	}
	results := map[string]idResultDoc{}
	deleted := 0
	c.store.write(func(st *state) {
		for _, id := range ids {
			g, ok := st.groups[id]
			if !ok {
				results[strconv.Itoa(id)] = idResultDoc{"Invalid User group Id.", statusFailed, codeFailed}
				continue
			}
			st.removeGroupShares(id)
			delete(st.groups, id)
			st.recordUser(c, "User Group Deleted", "", g.Name)
			results[strconv.Itoa(id)] = idResultDoc{"User group(s) has been deleted successfully.", statusSuccess, codeOK}
			deleted++
		}
	})
	if deleted == 0 {
		return reply{}, &failure{message: "No user group was deleted.", statusCode: codeFailed, details: results}
	}
	return reply{message: "User group(s) has been deleted successfully.", statusCode: codeOK, details: results}, nil
}

// removeGroupShares drops a user group from every share.
func (st *state) removeGroupShares(groupID int) {
	for _, r := range st.resources {
		delete(r.GroupShares, groupID)
	}
	for _, a := range st.accounts {
		delete(a.GroupShares, groupID)
	}
	for _, g := range st.rgroups {
		delete(g.GroupShares, groupID)
	}
}
