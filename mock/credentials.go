package mock

import (
	"fmt"
	"slices"
	"strings"

	"github.com/opsmock/opsmock/mock/opmanager"
	"github.com/opsmock/opsmock/mock/opsmanager"
	"github.com/opsmock/opsmock/mock/pmp"
)

// PMPCredentials are PMP users' tokens, seeded order first.
type PMPCredentials []pmp.TokenCredential

// ByRole is the first usable user of a role (Administrator, Password
// Administrator, Privileged Administrator, Password Auditor, Password
// User): not locked, and callable from this machine.
func (cs PMPCredentials) ByRole(role string) (pmp.TokenCredential, error) {
	for _, c := range cs {
		if c.Role == role && c.Usable() {
			return c, nil
		}
	}
	return pmp.TokenCredential{}, fmt.Errorf("mock: no usable PMP user with role %q (roles: %s)", role, listed(cs, func(c pmp.TokenCredential) string { return c.Role }))
}

// ByUser is the named user's credential.
func (cs PMPCredentials) ByUser(name string) (pmp.TokenCredential, error) {
	for _, c := range cs {
		if strings.EqualFold(c.User, name) {
			return c, nil
		}
	}
	return pmp.TokenCredential{}, fmt.Errorf("mock: no PMP user %q (users: %s)", name, listed(cs, func(c pmp.TokenCredential) string { return c.User }))
}

// OpsManagerCredentials are Ops Manager key pairs, seeded order first.
type OpsManagerCredentials []opsmanager.KeyCredential

// ByRole is the first key pair holding a global role (GLOBAL_OWNER,
// GLOBAL_READ_ONLY, …).
func (cs OpsManagerCredentials) ByRole(role string) (opsmanager.KeyCredential, error) {
	for _, c := range cs {
		if slices.Contains(c.Roles, role) {
			return c, nil
		}
	}
	return opsmanager.KeyCredential{}, fmt.Errorf("mock: no Ops Manager key with role %q (roles: %s)", role,
		listed(cs, func(c opsmanager.KeyCredential) string { return strings.Join(c.Roles, "+") }))
}

// OpManagerCredentials are OpManager keys, seeded order first.
type OpManagerCredentials []opmanager.KeyCredential

// ByAccess is the first usable key of an access type (all, module,
// specific): enabled, not expired, its owner's REST API access on.
func (cs OpManagerCredentials) ByAccess(access string) (opmanager.KeyCredential, error) {
	for _, c := range cs {
		if c.AccessType == access && c.Usable {
			return c, nil
		}
	}
	return opmanager.KeyCredential{}, fmt.Errorf("mock: no usable OpManager key with access %q (access types: %s)", access,
		listed(cs, func(c opmanager.KeyCredential) string { return c.AccessType }))
}

// ByName is the key of that name.
func (cs OpManagerCredentials) ByName(name string) (opmanager.KeyCredential, error) {
	for _, c := range cs {
		if c.Name == name {
			return c, nil
		}
	}
	return opmanager.KeyCredential{}, fmt.Errorf("mock: no OpManager key named %q (keys: %s)", name,
		listed(cs, func(c opmanager.KeyCredential) string { return c.Name }))
}

// listed names what there is, for an error.
func listed[T any](cs []T, name func(T) string) string {
	var out []string
	for _, c := range cs {
		if n := name(c); !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return "none: is the product served?"
	}
	return strings.Join(out, ", ")
}
