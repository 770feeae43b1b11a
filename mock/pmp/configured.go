package pmp

import (
	"fmt"
	"slices"
	"strings"
)

// roles lists the five roles a user may have (PMP §17 ROLE).
var roles = []string{roleAdmin, rolePwdAdmin, rolePrivAdmin, roleAuditor, rolePasswdUser}

// maxConfiguredUsers keeps configured users' IDs below the generated ones.
const maxConfiguredUsers = firstGeneratedUser - 1 - 20

// checkUsers refuses configured users the API could not have: each error
// names the entry and the field.
func checkUsers(users []TokenCredential) error {
	if len(users) > maxConfiguredUsers {
		return fmt.Errorf("pmp: at most %d configured users, got %d", maxConfiguredUsers, len(users))
	}
	names, tokens := map[string]bool{}, map[string]bool{}
	for _, su := range seededUsers {
		names[strings.ToLower(su.name)] = true
	}
	for i, u := range users {
		at := fmt.Sprintf("pmp[%d]", i)
		switch {
		case strings.TrimSpace(u.User) == "":
			return fmt.Errorf("%s.user: empty", at)
		case names[strings.ToLower(u.User)]:
			return fmt.Errorf("%s.user: %q exists already (a seeded or an earlier user)", at, u.User)
		case !slices.Contains(roles, u.Role):
			return fmt.Errorf("%s.role: %q is not one of %s", at, u.Role, strings.Join(roles, ", "))
		case len(u.AuthToken) < 8:
			return fmt.Errorf("%s.authToken: at least 8 characters", at)
		case tokens[u.AuthToken]:
			return fmt.Errorf("%s.authToken: used by an earlier user", at)
		}
		names[strings.ToLower(u.User)], tokens[u.AuthToken] = true, true
	}
	return nil
}

// addConfigured adds the configured users after everything seeded, with
// IDs below the generated users': they are listed with the seeded ones and
// draw nothing from the faker, so the rest of the seeded state is the same
// with or without them.
func (st *state) addConfigured(users []TokenCredential) {
	for i, c := range users {
		u := &user{ID: len(seededUsers) + 1 + i, Name: c.User, FullName: c.User, Email: c.User + "@opsmock.test", Role: c.Role,
			APIUser: c.Host != "", Host: c.Host, Locked: c.Locked, Policy: "Strong", CreatedAt: seedEpoch}
		u.setToken(c.AuthToken)
		st.addUser(u)
	}
}
