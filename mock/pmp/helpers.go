package pmp

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Typed helpers for Go tests: put a known object into the mock, or read
// one back, without writing HTTP. Writes run the product's own pipeline
// (routing, the caller's role, spec validation, the handler's rules and
// audit) as the named user, minus the token: a helper cannot make what the
// API could not, and the API sees the result at once.

// Account is an account as a test sees it.
type Account struct {
	ID       int
	Name     string
	Password string
}

// Resource is a resource with its accounts.
type Resource struct {
	ID          int
	Name        string
	Type        string
	DNSName     string
	Description string
	Owner       string
	Accounts    []Account
}

// NewResource describes a resource to add: a name, a type, and one
// account at least (PMP §6 creates a resource with its first account).
type NewResource struct {
	Name, Type, DNSName, Description string
	// Owner is the user creating it; default admin.
	Owner    string
	Accounts []Account // Name and Password; IDs are given by the mock
}

// AddResource creates a resource with its accounts, as its owner would
// through the API (PMP §6, §9): every password must satisfy the policy.
func (p *Product) AddResource(nr NewResource) (Resource, error) {
	owner := orAdmin(nr.Owner)
	if len(nr.Accounts) == 0 {
		return Resource{}, errors.New("pmp: a resource needs one account at least (PMP §6)")
	}
	first := nr.Accounts[0]
	in := map[string]any{"RESOURCENAME": nr.Name, "RESOURCETYPE": nr.Type, "ACCOUNTNAME": first.Name, "PASSWORD": first.Password}
	if nr.DNSName != "" {
		in["DNSNAME"] = nr.DNSName
	}
	if nr.Description != "" {
		in["RESOURCEDESCRIPTION"] = nr.Description
	}
	if _, err := p.act(owner, http.MethodPost, "/restapi/json/v1/resources", in); err != nil {
		return Resource{}, err
	}
	r, ok := p.Resource(nr.Name)
	if !ok {
		return Resource{}, fmt.Errorf("pmp: resource %q was created but cannot be found", nr.Name)
	}
	if len(nr.Accounts) > 1 {
		list := make([]any, 0, len(nr.Accounts)-1)
		for _, a := range nr.Accounts[1:] {
			list = append(list, map[string]any{"ACCOUNTNAME": a.Name, "PASSWORD": a.Password})
		}
		if _, err := p.act(owner, http.MethodPost, "/restapi/json/v1/resources/"+strconv.Itoa(r.ID)+"/accounts",
			map[string]any{"ACCOUNTLIST": list}); err != nil {
			return Resource{}, err
		}
		r, _ = p.Resource(nr.Name)
	}
	return r, nil
}

// Resource reads a resource and its accounts, passwords included, by name
// (case-insensitive, as PMP looks names up).
func (p *Product) Resource(name string) (Resource, bool) {
	var out Resource
	var ok bool
	p.current().read(func(st *state) {
		r, found := st.resourceByName(name)
		if !found {
			return
		}
		ok = true
		out = Resource{ID: r.ID, Name: r.Name, Type: r.Type, DNSName: r.DNSName, Description: r.Description}
		if u, found := st.users[r.OwnerID]; found {
			out.Owner = u.Name
		}
		for _, id := range r.AccountIDs {
			a := st.accounts[id]
			out.Accounts = append(out.Accounts, Account{ID: a.ID, Name: a.Name, Password: a.password()})
		}
	})
	return out, ok
}

// NewUser describes a user to add (PMP §17): name and role; an API user
// gets a token, bound to Host if given.
type NewUser struct {
	Name, Role, Email string
	APIUser           bool
	Host              string
}

// AddUser creates a user as the admin would through the API, and returns
// its credential (a token only for an API user, as PMP gives).
func (p *Product) AddUser(nu NewUser) (TokenCredential, error) {
	email := nu.Email
	if email == "" {
		email = nu.Name + "@opsmock.test"
	}
	in := map[string]any{"USERNAME": nu.Name, "ROLE": nu.Role, "EMAIL": email, "FIRSTNAME": nu.Name, "LASTNAME": "test"}
	if nu.APIUser {
		in["ISAPIUSER"], in["HOSTNAME"] = "true", nu.Host
	}
	if _, err := p.act("admin", http.MethodPost, "/restapi/json/v1/user", in); err != nil {
		return TokenCredential{}, err
	}
	var out TokenCredential
	p.current().read(func(st *state) {
		if u, ok := st.userByName(nu.Name); ok {
			out = TokenCredential{User: u.Name, Role: u.Role, AuthToken: u.Token, Host: u.Host, Locked: u.Locked}
		}
	})
	return out, nil
}

// ShareResource shares a resource with a user (view, modify or
// fullaccess), or revokes the share (revoke), as its owner would (PMP §56).
func (p *Product) ShareResource(resource, user, accessType string) error {
	var owner string
	var resourceID, userID int
	p.current().read(func(st *state) {
		if r, ok := st.resourceByName(resource); ok {
			resourceID = r.ID
			if o, ok := st.users[r.OwnerID]; ok {
				owner = o.Name
			}
		}
		if u, ok := st.userByName(user); ok {
			userID = u.ID
		}
	})
	switch {
	case resourceID == 0:
		return fmt.Errorf("pmp: no resource %q", resource)
	case userID == 0:
		return fmt.Errorf("pmp: no user %q", user)
	}
	_, err := p.act(owner, http.MethodPut, "/restapi/json/v1/resources/"+strconv.Itoa(resourceID)+"/share",
		map[string]any{"USERID": strconv.Itoa(userID), "ACCESSTYPE": accessType})
	return err
}

// AddUserToGroup puts a user in a user group, creating the group when it
// does not exist, as the admin would through the API (PMP §48).
func (p *Product) AddUserToGroup(user, group string) error {
	_, err := p.actQuery("admin", http.MethodPost, "/restapi/json/v1/user/addUserToUserGroup",
		url.Values{"USERNAME": {user}, "USERGROUPNAME": {group}}, nil)
	return err
}

// Users lists the users' names, sorted.
func (p *Product) Users() []string {
	var out []string
	p.current().read(func(st *state) {
		for _, id := range st.userOrder {
			out = append(out, st.users[id].Name)
		}
	})
	sort.Strings(out)
	return out
}

func orAdmin(user string) string {
	if user == "" {
		return "admin"
	}
	return user
}

// act runs one API call through the product's pipeline as user: INPUT_DATA
// in the query for GET and DELETE, in a form body otherwise (fact C3).
func (p *Product) act(as, method, path string, input map[string]any) (reply, error) {
	return p.actQuery(as, method, path, nil, input)
}

// actQuery is act with query parameters besides INPUT_DATA (nil input:
// none).
func (p *Product) actQuery(as, method, path string, query url.Values, input map[string]any) (reply, error) {
	q, body := url.Values{}, ""
	for k, v := range query {
		q[k] = v
	}
	if input != nil {
		if method == http.MethodGet || method == http.MethodDelete {
			q.Set("INPUT_DATA", InputData(input))
		} else {
			body = InputValues(input).Encode()
		}
	}
	target := path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	r.RemoteAddr = "127.0.0.1:40000"
	s := p.current()
	var u user
	var found bool
	s.read(func(st *state) {
		if up, ok := st.userByName(as); ok {
			u, found = *up, true
		}
	})
	if !found {
		return reply{}, fmt.Errorf("pmp: no user %q to act as", as)
	}
	m, err := p.contract.Match(r)
	if err != nil {
		return reply{}, fmt.Errorf("pmp: %s %s: %w", method, path, err)
	}
	raw := []byte(body)
	values, files := readParams(r, raw)
	rep, err := p.serve(s, r, m, p.routes[m.OperationID()], u, values, files, raw, nil, "127.0.0.1")
	if err != nil {
		return reply{}, fmt.Errorf("pmp: %s %s as %s: %w", method, path, as, err)
	}
	return rep, nil
}
