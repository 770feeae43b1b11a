package opmanager

import (
	"fmt"
	"strings"
	"time"
)

// firstConfiguredKey numbers configured keys after the seeded ones and
// below the runtime ones (1000 on): they are listed as credentials.
const (
	firstConfiguredKey = 500
	maxConfiguredKeys  = 400
)

// seededUsers are admin (super admin, Read/Write on every module),
// operator (Read on every module) and guest (REST API access off).
func seededUsers(modules []string) []user {
	all := func(p permission) map[string]permission {
		m := map[string]permission{}
		for _, mod := range modules {
			m[mod] = p
		}
		return m
	}
	return []user{
		{Name: userAdmin, Role: "Administrator", SuperAdmin: true, RESTAccess: true, Privileges: all(readWrite)},
		{Name: userOperator, Role: "Operator", RESTAccess: true, Privileges: all(readOnly)},
		{Name: userGuest, Role: "Operator", Privileges: all(readOnly)},
	}
}

// configuredKeys turns Config.Keys into keys, by the rules of key creation
// (the owner exists, the access type and its modules or APIs are valid,
// module permissions within the owner's). Unlike a key created through the
// control plane, a configured key may already be disabled or expired.
func (p *Product) configuredKeys(in []KeyCredential) ([]*apiKey, error) {
	if len(in) > maxConfiguredKeys {
		return nil, fmt.Errorf("opmanager: at most %d configured keys, got %d", maxConfiguredKeys, len(in))
	}
	users := map[string]*user{}
	for _, u := range seededUsers(p.modules) {
		users[u.Name] = &u
	}
	values := map[string]bool{}
	var out []*apiKey
	for i, c := range in {
		at := fmt.Sprintf("opmanager[%d]", i)
		owner, ok := users[c.User]
		switch {
		case !ok:
			return nil, fmt.Errorf("%s.user: %q is not a user (users: %s, %s, %s)", at, c.User, userAdmin, userOperator, userGuest)
		case len(c.APIKey) < 8:
			return nil, fmt.Errorf("%s.apiKey: at least 8 characters", at)
		case values[c.APIKey]:
			return nil, fmt.Errorf("%s.apiKey: used by an earlier key", at)
		case c.Status != "" && c.Status != statusEnabled && c.Status != statusDisabled:
			return nil, fmt.Errorf("%s.status: %q is not enabled or disabled (expired follows from expiresAt)", at, c.Status)
		}
		values[c.APIKey] = true
		k := &apiKey{ID: firstConfiguredKey + i, Name: strings.TrimSpace(c.Name), Description: "configured key", Owner: c.User,
			Type: "Custom", Access: c.AccessType, Enabled: c.Status != statusDisabled, CreatedAt: seedEpoch, ExpiresAt: c.ExpiresAt}
		// The expiry may be past: check against a time before any.
		if msg := p.checkKeyRequest(k, keyRequest{Modules: c.Modules, APIs: c.APIs}, owner, time.Time{}); msg != "" {
			return nil, fmt.Errorf("%s: %s", at, msg)
		}
		k.setValue(c.APIKey)
		out = append(out, k)
	}
	return out, nil
}
