package opmanager

import (
	"crypto/sha256"
	"maps"
	"slices"
	"time"
)

// permission is a module access level (OPM-KEYS, Module access type).
type permission int

const (
	noAccess permission = iota
	readOnly
	readWrite
)

var permissionNames = map[permission]string{noAccess: "none", readOnly: "read", readWrite: "readwrite"}

func (p permission) String() string { return permissionNames[p] }

func parsePermission(s string) (permission, bool) {
	for p, name := range permissionNames {
		if name == s {
			return p, true
		}
	}
	return noAccess, false
}

// needed is what a request needs on its module: GET reads, anything else
// writes (OPM-KEYS: "Read/Write - both read and write operations").
func needed(method string) permission {
	if method == "GET" {
		return readOnly
	}
	return readWrite
}

// Access types of an API key (OPM-KEYS).
const (
	accessAll      = "all"
	accessModule   = "module"
	accessSpecific = "specific"
)

// Key statuses, as /_opsmock/credentials reports them.
const (
	statusEnabled  = "enabled"
	statusDisabled = "disabled"
	statusExpired  = "expired"
)

// user is an OpManager user as far as the API cares.
type user struct {
	Name       string
	Role       string // Administrator or Operator
	SuperAdmin bool   // may list, disable and delete other users' keys
	RESTAccess bool   // OPM-KEYS: off by default for new users
	Privileges map[string]permission
}

func (u user) clone() user {
	u.Privileges = maps.Clone(u.Privileges)
	return u
}

// apiKey is one key of the API Key Management model (OPM-KEYS).
type apiKey struct {
	ID          int
	Name        string
	Description string
	Value       string
	hash        [32]byte // sha256(Value): the lookup index, so lookups never branch on the secret
	Owner       string
	Type        string // Custom or MCP
	Access      string // all, module or specific
	Modules     map[string]permission
	APIs        []string
	Enabled     bool
	CreatedAt   time.Time
	ExpiresAt   *time.Time
}

func (k apiKey) clone() apiKey {
	k.Modules = maps.Clone(k.Modules)
	k.APIs = slices.Clone(k.APIs)
	if k.ExpiresAt != nil {
		t := *k.ExpiresAt
		k.ExpiresAt = &t
	}
	return k
}

func (k *apiKey) setValue(v string) {
	k.Value = v
	k.hash = sha256.Sum256([]byte(v))
}

// status is enabled, disabled or expired at now. Disabled wins: a disabled
// key is refused as disabled whatever its expiry.
func (k apiKey) status(now time.Time) string {
	switch {
	case !k.Enabled:
		return statusDisabled
	case k.ExpiresAt != nil && !now.Before(*k.ExpiresAt):
		return statusExpired
	}
	return statusEnabled
}

// credential is the key as /_opsmock/credentials lists it.
func (k apiKey) credential(now time.Time) KeyCredential {
	c := KeyCredential{User: k.Owner, Name: k.Name, APIKey: k.Value, AccessType: k.Access, Status: k.status(now),
		APIs: slices.Clone(k.APIs)}
	if k.Access == accessModule {
		c.Modules = map[string]string{}
		for m, perm := range k.Modules {
			c.Modules[m] = perm.String()
		}
	}
	if k.ExpiresAt != nil {
		t := *k.ExpiresAt
		c.ExpiresAt = &t
	}
	return c
}

// allows says whether the key's access type lets it call api (its path under
// /api/json/) in module with the given need. The owner's privileges are
// checked separately: a key never grants more than its owner has.
func (k apiKey) allows(module, api string, need permission) bool {
	switch k.Access {
	case accessAll:
		return true
	case accessModule:
		return k.Modules[module] >= need
	case accessSpecific:
		return slices.Contains(k.APIs, api)
	}
	return false
}
