package opmanager

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/opsmock/opsmock/mock/internal/controlapi"
)

// actingUserHeader names the user a control-plane call acts as, when the
// `user` query parameter does not. The default is the super admin.
const actingUserHeader = "X-Opsmock-User"

// Control serves the API Key Management actions the real product offers
// only in its UI (OPM-KEYS), mounted under /_opsmock/opmanager/:
//
//	GET    apikeys                      keys the acting user may see
//	POST   apikeys                      create a key owned by the acting user
//	POST   apikeys/{id}/enable|disable|regenerate|expire
//	DELETE apikeys/{id}
//	GET    users
//	POST   users/{name}/rest-access/enable|disable
//	GET    state                        what the write APIs stored (no secrets)
func (p *Product) Control() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		actor := r.URL.Query().Get("user")
		if actor == "" {
			actor = r.Header.Get(actingUserHeader)
		}
		if actor == "" {
			actor = userAdmin
		}
		status, body := p.control(r, actor, strings.Split(strings.Trim(r.URL.Path, "/"), "/"))
		if msg, isErr := body.(string); isErr {
			controlapi.Error(w, status, msg)
			return
		}
		controlapi.Write(w, status, body)
	})
}

// control routes one call; a string body is an error message.
func (p *Product) control(r *http.Request, actor string, seg []string) (int, any) {
	route := r.Method + " " + seg[0]
	switch {
	case route == "GET apikeys" && len(seg) == 1:
		return p.listKeys(actor)
	case route == "POST apikeys" && len(seg) == 1:
		return p.createKey(r, actor)
	case route == "POST apikeys" && len(seg) == 3:
		return p.keyAction(actor, seg[1], seg[2])
	case route == "DELETE apikeys" && len(seg) == 2:
		return p.keyAction(actor, seg[1], "delete")
	case route == "GET users" && len(seg) == 1:
		return p.listUsers()
	case route == "POST users" && len(seg) == 4 && seg[2] == "rest-access":
		return p.setRESTAccess(actor, seg[1], seg[3])
	case route == "GET state" && len(seg) == 1:
		return http.StatusOK, p.stateDoc()
	}
	return http.StatusNotFound, fmt.Sprintf("no opmanager control endpoint %s %s", r.Method, r.URL.Path)
}

// keyDoc is a key as the control plane shows it. The value is shown to its
// owner only, as the management page does.
type keyDoc struct {
	ID          int               `json:"id"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	APIKey      string            `json:"apiKey"`
	Type        string            `json:"type"`
	AccessType  string            `json:"accessType"`
	Modules     map[string]string `json:"modules,omitempty"`
	APIs        []string          `json:"apis,omitempty"`
	Status      string            `json:"status"`
	CreatedBy   string            `json:"createdBy"`
	CreatedAt   string            `json:"createdAt"`
	ExpiresAt   string            `json:"expiresAt,omitempty"`
}

func (p *Product) keyDocOf(k apiKey, actor string) keyDoc {
	d := keyDoc{ID: k.ID, Name: k.Name, Description: k.Description, APIKey: "********", Type: k.Type,
		AccessType: k.Access, APIs: k.APIs, Status: k.status(p.cfg.Clock()), CreatedBy: k.Owner,
		CreatedAt: k.CreatedAt.UTC().Format(time.RFC3339)}
	if k.Owner == actor {
		d.APIKey = k.Value
	}
	if k.Access == accessModule {
		d.Modules = map[string]string{}
		for m, perm := range k.Modules {
			d.Modules[m] = perm.String()
		}
	}
	if k.ExpiresAt != nil {
		d.ExpiresAt = k.ExpiresAt.UTC().Format(time.RFC3339)
	}
	return d
}

func (p *Product) actingUser(st *state, actor string) (*user, bool) {
	u, ok := st.users[actor]
	return u, ok
}

// listKeys: a super admin sees every key (OPM-KEYS), others their own.
func (p *Product) listKeys(actor string) (int, any) {
	var docs []keyDoc
	var err string
	p.current().read(func(st *state) {
		u, ok := p.actingUser(st, actor)
		if !ok {
			err = "unknown user " + strconv.Quote(actor)
			return
		}
		for _, k := range st.keys {
			if u.SuperAdmin || k.Owner == actor {
				docs = append(docs, p.keyDocOf(*k, actor))
			}
		}
	})
	if err != "" {
		return http.StatusNotFound, err
	}
	if docs == nil {
		docs = []keyDoc{}
	}
	return http.StatusOK, docs
}

// keyRequest is the body of POST apikeys; unknown fields are refused.
type keyRequest struct {
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Type        string            `json:"type"`
	AccessType  string            `json:"accessType"`
	Modules     map[string]string `json:"modules"`
	APIs        []string          `json:"apis"`
	ExpiresAt   *time.Time        `json:"expiresAt"`
}

// createKey generates a key for the acting user. Module permissions may not
// exceed the user's own (OPM-KEYS: "based on your current user privileges").
func (p *Product) createKey(r *http.Request, actor string) (int, any) {
	var req keyRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return http.StatusBadRequest, "invalid JSON body: " + err.Error()
	}
	now := p.cfg.Clock()
	k := &apiKey{Name: strings.TrimSpace(req.Name), Description: req.Description, Type: req.Type, Access: req.AccessType,
		Owner: actor, Enabled: true, CreatedAt: now, ExpiresAt: req.ExpiresAt}
	if k.Type == "" {
		k.Type = "Custom"
	}
	var status int
	var body any
	p.current().write(func(st *state) {
		owner, ok := p.actingUser(st, actor)
		if !ok {
			status, body = http.StatusNotFound, "unknown user "+strconv.Quote(actor)
			return
		}
		if msg := p.checkKeyRequest(k, req, owner, now); msg != "" {
			status, body = http.StatusBadRequest, msg
			return
		}
		k.ID = st.newID()
		k.setValue(newKeyValue(st.faker))
		st.keys = append(st.keys, k)
		status, body = http.StatusCreated, p.keyDocOf(*k, actor)
	})
	return status, body
}

func (p *Product) checkKeyRequest(k *apiKey, req keyRequest, owner *user, now time.Time) string {
	switch {
	case k.Name == "" || len(k.Name) > 100:
		return "name is required, at most 100 characters"
	case k.Type != "Custom" && k.Type != "MCP":
		return "type must be Custom or MCP"
	case k.ExpiresAt != nil && !k.ExpiresAt.After(now):
		return "expiresAt must be in the future"
	}
	switch k.Access {
	case accessAll:
	case accessModule:
		k.Modules = map[string]permission{}
		for m, level := range req.Modules {
			perm, ok := parsePermission(level)
			switch {
			case !slices.Contains(p.modules, m):
				return fmt.Sprintf("unknown module %q (modules: %s)", m, strings.Join(p.modules, ", "))
			case !ok:
				return fmt.Sprintf("module %s: permission must be none, read or readwrite", m)
			case perm > owner.Privileges[m]:
				return fmt.Sprintf("module %s: %s exceeds the privileges of user %s", m, level, owner.Name)
			}
			k.Modules[m] = perm
		}
	case accessSpecific:
		if len(req.APIs) == 0 {
			return "a specific-API key needs apis"
		}
		for _, api := range req.APIs {
			if !p.apis[api] {
				return fmt.Sprintf("unknown API %q: name it by its path under /api/json/, e.g. alarm/listAlarms", api)
			}
		}
		k.APIs = slices.Clone(req.APIs)
	default:
		return "accessType must be all, module or specific"
	}
	return ""
}

// keyAction applies enable, disable, regenerate, expire or delete. The
// owner may do all; a super admin may disable, expire and delete other
// users' keys but never regenerate them (OPM-KEYS).
func (p *Product) keyAction(actor, idText, action string) (int, any) {
	id, err := strconv.Atoi(idText)
	if err != nil {
		return http.StatusNotFound, "no API key " + strconv.Quote(idText)
	}
	if !slices.Contains([]string{"enable", "disable", "regenerate", "expire", "delete"}, action) {
		return http.StatusNotFound, "unknown action " + strconv.Quote(action) + ": enable, disable, regenerate, expire or delete"
	}
	var status int
	var body any
	p.current().write(func(st *state) {
		u, ok := p.actingUser(st, actor)
		k, found := st.keyByID(id)
		switch {
		case !ok:
			status, body = http.StatusNotFound, "unknown user "+strconv.Quote(actor)
			return
		case !found || (k.Owner != actor && !u.SuperAdmin):
			status, body = http.StatusNotFound, fmt.Sprintf("no API key %d for user %s", id, actor)
			return
		case k.Owner != actor && (action == "regenerate" || action == "enable"):
			status, body = http.StatusForbidden, fmt.Sprintf("only the owner (%s) may %s this key", k.Owner, action)
			return
		}
		switch action {
		case "enable":
			k.Enabled = true
		case "disable":
			k.Enabled = false
		case "regenerate":
			k.setValue(newKeyValue(st.faker)) // the old value stops working at once
		case "expire":
			now := p.cfg.Clock()
			k.ExpiresAt = &now
		case "delete":
			st.keys = slices.DeleteFunc(st.keys, func(x *apiKey) bool { return x.ID == id })
			status, body = http.StatusOK, map[string]any{"deleted": id}
			return
		}
		status, body = http.StatusOK, p.keyDocOf(*k, actor)
	})
	return status, body
}

type userDoc struct {
	Name       string            `json:"name"`
	Role       string            `json:"role"`
	SuperAdmin bool              `json:"superAdmin"`
	RESTAccess bool              `json:"restAccess"`
	Privileges map[string]string `json:"privileges"`
}

func (p *Product) listUsers() (int, any) {
	var docs []userDoc
	p.current().read(func(st *state) {
		for _, name := range st.userOrder {
			u := st.users[name]
			d := userDoc{Name: u.Name, Role: u.Role, SuperAdmin: u.SuperAdmin, RESTAccess: u.RESTAccess, Privileges: map[string]string{}}
			for m, perm := range u.Privileges {
				d.Privileges[m] = perm.String()
			}
			docs = append(docs, d)
		}
	})
	return http.StatusOK, docs
}

// setRESTAccess toggles a user's REST API access; only a super admin may
// (OPM-KEYS: an administrator edits the user under User Management).
func (p *Product) setRESTAccess(actor, name, action string) (int, any) {
	if action != "enable" && action != "disable" {
		return http.StatusNotFound, "rest-access takes enable or disable"
	}
	var status int
	var body any
	p.current().write(func(st *state) {
		a, okActor := p.actingUser(st, actor)
		u, okUser := st.users[name]
		switch {
		case !okActor || !okUser:
			status, body = http.StatusNotFound, "unknown user"
		case !a.SuperAdmin:
			status, body = http.StatusForbidden, "only a super admin may change REST API access"
		default:
			u.RESTAccess = action == "enable"
			status, body = http.StatusOK, map[string]any{"user": name, "restAccess": u.RESTAccess}
		}
	})
	return status, body
}

// stateDoc shows what the write APIs stored, without secrets, so a test can
// read back what only the UI would show.
func (p *Product) stateDoc() any {
	type credDoc struct {
		Name        string `json:"name"`
		Description string `json:"description"`
		UserName    string `json:"userName"`
		Protocol    string `json:"protocol"`
		Port        int    `json:"port"`
		Timeout     int    `json:"timeout"`
	}
	type ncmDoc struct {
		IPAddress     string            `json:"ipaddress"`
		HostName      string            `json:"hostname"`
		Vendor        string            `json:"vendor"`
		CustomColumns map[string]string `json:"customColumns"`
	}
	out := map[string]any{}
	p.current().read(func(st *state) {
		creds := []credDoc{}
		for _, c := range st.linuxCreds {
			creds = append(creds, credDoc{c.Name, c.Description, c.UserName, c.Protocol, c.Port, c.Timeout})
		}
		profiles := []profileDoc{}
		for _, pr := range st.profiles {
			profiles = append(profiles, profileDocOf(*pr))
		}
		ncm := []ncmDoc{}
		for _, d := range st.ncmDevices {
			ncm = append(ncm, ncmDoc{d.IPAddress, d.HostName, d.Vendor, maps.Clone(d.CustomColumns)})
		}
		configlets := []configletDoc{}
		for _, c := range st.configlets {
			configlets = append(configlets, configletDoc{c.Name, c.Commands})
		}
		files := []map[string]any{}
		for _, f := range st.files {
			files = append(files, map[string]any{"id": f.ID, "name": f.Name, "lines": bytes.Count(f.Contents, []byte("\n")) + 1})
		}
		sshKeys := []string{}
		for name := range st.sshKeys {
			sshKeys = append(sshKeys, name)
		}
		slices.Sort(sshKeys)
		groups := map[string][]string{} // copies: the body is encoded after the lock is released
		for g, members := range st.dgroups {
			groups[g] = slices.Clone(members)
		}
		out["linuxCredentials"], out["discoveryProfiles"], out["ncmDevices"] = creds, profiles, ncm
		out["deviceGroups"], out["configlets"], out["configletFiles"] = groups, configlets, files
		out["sshKeys"], out["subnets"], out["switches"] = sshKeys, append([]subnet{}, st.subnets...), append([]spmSwitch{}, st.switches...)
	})
	return out
}
