package opsmanager

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

const (
	roleOwner    = "GLOBAL_OWNER"
	roleReadOnly = "GLOBAL_READ_ONLY"
	// requiredRoleExt is the operation extension naming the role it needs.
	requiredRoleExt = "x-required-role"
)

// roleSet holds the role names, read from the spec so they are written once:
// accepted on create/update (GlobalRole) and valid on a stored key
// (StoredGlobalRole, which adds GLOBAL_BILLING_ADMIN, fact A6).
type roleSet struct {
	accepted, stored []string
}

func rolesFromSpec(doc *openapi3.T) (roleSet, error) {
	read := func(name string) ([]string, error) {
		ref := doc.Components.Schemas[name]
		if ref == nil || ref.Value == nil || len(ref.Value.Enum) == 0 {
			return nil, fmt.Errorf("opsmanager spec: schema %s has no enum", name)
		}
		out := make([]string, 0, len(ref.Value.Enum))
		for _, v := range ref.Value.Enum {
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("opsmanager spec: %s enum holds %v", name, v)
			}
			out = append(out, s)
		}
		return out, nil
	}
	accepted, err := read("GlobalRole")
	if err != nil {
		return roleSet{}, err
	}
	stored, err := read("StoredGlobalRole")
	if err != nil {
		return roleSet{}, err
	}
	for _, r := range []string{roleOwner, roleReadOnly} {
		if !slices.Contains(accepted, r) {
			return roleSet{}, fmt.Errorf("opsmanager spec: GlobalRole lacks %s", r)
		}
	}
	return roleSet{accepted: accepted, stored: stored}, nil
}

// grants says whether a key's roles satisfy an operation's required role.
// Every global role includes Global Read Only's privileges, so reading needs
// any role; writing needs Global Owner itself (OM-CREATE, fact A6).
func grants(roles []string, required string) bool {
	switch required {
	case "":
		return true
	case roleReadOnly:
		return len(roles) > 0
	default:
		return slices.Contains(roles, required)
	}
}

// isStored says whether a key may hold role.
func (r roleSet) isStored(role string) bool { return slices.Contains(r.stored, role) }

// listRoles answers the roles a key may be given (spec
// listGlobalApiKeyRoles, x-inferred shape): a bare array, cut by pageNum and
// itemsPerPage like a list page.
func (p *Product) listRoles(c *call) (result, error) {
	start, end := pagingOf(c.r).cut(len(p.roles.accepted))
	return result{status: http.StatusOK, body: slices.Clone(p.roles.accepted[start:end])}, nil
}
