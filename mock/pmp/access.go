package pmp

import "strings"

// Who may see and change what. A resource's owner has full access; others
// get what is shared to them, to one of their user groups, or through a
// resource group the resource belongs to; the highest level wins. Super
// admins see everything (PMP §1: "resources owned and shared to a user").

// resourceAccess is u's level on r.
func (st *state) resourceAccess(u user, r *resource) access {
	if u.SuperAdmin || r.OwnerID == u.ID {
		return fullAccess
	}
	level := r.UserShares[u.ID]
	groups := st.groupsOf(u.ID)
	for _, g := range groups {
		level = max(level, r.GroupShares[g])
	}
	for _, gid := range st.rgroupOrder {
		g := st.rgroups[gid]
		if !st.inGroup(g, r) {
			continue
		}
		if g.OwnerID == u.ID {
			level = max(level, fullAccess)
		}
		level = max(level, g.UserShares[u.ID])
		for _, ug := range groups {
			level = max(level, g.GroupShares[ug])
		}
	}
	return level
}

// accountAccess is u's level on a: the resource's, or more if the account
// itself is shared.
func (st *state) accountAccess(u user, a *account) access {
	level := st.resourceAccess(u, st.resources[a.ResourceID])
	level = max(level, a.UserShares[u.ID])
	for _, g := range st.groupsOf(u.ID) {
		level = max(level, a.GroupShares[g])
	}
	return level
}

// visibleResource says whether u may see r at all: some access to it or to
// one of its accounts.
func (st *state) visibleResource(u user, r *resource) bool {
	if st.resourceAccess(u, r) > noAccess {
		return true
	}
	for _, aid := range r.AccountIDs {
		if st.accountAccess(u, st.accounts[aid]) > noAccess {
			return true
		}
	}
	return false
}

// visibleAccounts lists r's accounts u may see, in order.
func (st *state) visibleAccounts(u user, r *resource) []*account {
	var out []*account
	for _, aid := range r.AccountIDs {
		if a := st.accounts[aid]; st.accountAccess(u, a) > noAccess {
			out = append(out, a)
		}
	}
	return out
}

// findResource is r when it exists and u may see it; unknown and invisible
// resources fail alike, so IDs do not leak.
func (st *state) findResource(u user, id int) (*resource, *failure) {
	r, ok := st.resources[id]
	if !ok || !st.visibleResource(u, r) {
		return nil, failed(msgNoResource)
	}
	return r, nil
}

// findAccount is the account of resource rid (0: any) u may see.
func (st *state) findAccount(u user, rid, aid int) (*account, *failure) {
	a, ok := st.accounts[aid]
	if !ok || (rid != 0 && a.ResourceID != rid) || st.accountAccess(u, a) == noAccess {
		return nil, failed(msgNoAccount)
	}
	return a, nil
}

// inGroup says whether r belongs to g: listed in a static group, or
// matching a dynamic group's criteria (computed on every read, §54).
func (st *state) inGroup(g *resourceGroup, r *resource) bool {
	if g.Type == "static" {
		for _, id := range g.ResourceIDs {
			if id == r.ID {
				return true
			}
		}
		return false
	}
	if len(g.Criteria) == 0 {
		return false
	}
	for _, c := range g.Criteria {
		ok := st.criterionMatches(c, r)
		if g.MatchAll && !ok {
			return false
		}
		if !g.MatchAll && ok {
			return true
		}
	}
	return g.MatchAll
}

func (st *state) criterionMatches(c criterion, r *resource) bool {
	var values []string
	switch c.Field {
	case "RESOURCENAME":
		values = []string{r.Name}
	case "RESOURCETYPE":
		values = []string{r.Type}
	case "RESOURCEDESCRIPTION":
		values = []string{r.Description}
	case "DNSNAME":
		values = []string{r.DNSName}
	case "DEPARTMENT":
		values = []string{r.Department}
	case "LOCATION":
		values = []string{r.Location}
	case "LOGINNAME": // matches when any account name does
		for _, aid := range r.AccountIDs {
			values = append(values, st.accounts[aid].Name)
		}
	}
	negated := c.Operator == "NOT_CONTAINS" || c.Operator == "NOT_EQUALS"
	for _, v := range values {
		if matchOp(c.Operator, strings.ToLower(v), strings.ToLower(c.Value)) {
			return !negated
		}
	}
	return negated
}

// Dynamic group operators (§54); the NOT_ forms are tested positively and
// negated by the caller.
var criteriaOperators = []string{"CONTAINS", "NOT_CONTAINS", "EQUALS", "NOT_EQUALS", "STARTS_WITH", "ENDS_WITH"}

func matchOp(op, v, want string) bool {
	switch op {
	case "CONTAINS", "NOT_CONTAINS":
		return strings.Contains(v, want)
	case "EQUALS", "NOT_EQUALS":
		return v == want
	case "STARTS_WITH":
		return strings.HasPrefix(v, want)
	case "ENDS_WITH":
		return strings.HasSuffix(v, want)
	}
	return false
}

// criteriaFields are what a dynamic group may test (§54 condition_N).
var criteriaFields = []string{"RESOURCENAME", "LOGINNAME", "RESOURCETYPE", "RESOURCEDESCRIPTION", "DNSNAME", "DEPARTMENT", "LOCATION"}

// needMessage is the failure of a call lacking the access it needs.
func needMessage(need access) string {
	if need >= fullAccess {
		return msgNeedFull
	}
	return msgNeedModify
}

// resourceNeeding finds a resource u may see and requires at least need
// access to it.
func (st *state) resourceNeeding(u user, id int, need access) (*resource, *failure) {
	r, f := st.findResource(u, id)
	if f != nil {
		return nil, f
	}
	if st.resourceAccess(u, r) < need {
		return nil, failed(needMessage(need))
	}
	return r, nil
}

// accountNeeding is resourceNeeding for an account.
func (st *state) accountNeeding(u user, resourceID, accountID int, need access) (*account, *failure) {
	a, f := st.findAccount(u, resourceID, accountID)
	if f != nil {
		return nil, f
	}
	if st.accountAccess(u, a) < need {
		return nil, failed(needMessage(need))
	}
	return a, nil
}
