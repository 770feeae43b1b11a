package opsmanager

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"time"
)

// Typed helpers for Go tests: put a known key or access-list entry into
// the mock, or read one back, without writing HTTP. Writes run the
// product's own pipeline (access list, routing, role, spec validation,
// handler) as a Global Owner key, minus the digest handshake: a helper
// cannot make what the API could not, and the API sees the result at once.

// Key is a global API key as a test sees it, private key included.
type Key struct {
	ID         string
	Desc       string
	PublicKey  string
	PrivateKey string
	Roles      []string
}

// AccessListEntry is a global access list entry.
type AccessListEntry struct {
	ID          string
	CIDRBlock   string
	Description string
	Created     time.Time
}

// AddKey creates a global API key (fact A6: desc of 1 to 250 characters,
// one accepted global role at least) and returns it with its private key.
func (p *Product) AddKey(desc string, roles ...string) (Key, error) {
	var doc keyDoc
	if err := p.act(http.MethodPost, "/admin/apiKeys", map[string]any{"desc": desc, "roles": roles}, &doc); err != nil {
		return Key{}, err
	}
	k, ok := p.Key(doc.PublicKey)
	if !ok {
		return Key{}, fmt.Errorf("opsmanager: key %s was created but cannot be found", doc.ID)
	}
	return k, nil
}

// Key reads a key by its public key.
func (p *Product) Key(publicKey string) (Key, bool) {
	k, ok := p.current().keyByPublic(publicKey)
	if !ok {
		return Key{}, false
	}
	return Key{ID: k.ID, Desc: k.Desc, PublicKey: k.PublicKey, PrivateKey: k.PrivateKey, Roles: slices.Clone(k.Roles)}, true
}

// AddAccessListEntry adds a CIDR block to the global access list (fact A7).
// Once the list holds an entry, only callers it covers get in: add the
// test's own address first (127.0.0.1/32 for an in-process client).
func (p *Product) AddAccessListEntry(cidr, description string) (AccessListEntry, error) {
	var doc accessDoc
	if err := p.act(http.MethodPost, "/admin/accessList", map[string]any{"cidrBlock": cidr, "description": description}, &doc); err != nil {
		return AccessListEntry{}, err
	}
	for _, e := range p.AccessList() {
		if e.ID == doc.ID {
			return e, nil
		}
	}
	return AccessListEntry{}, fmt.Errorf("opsmanager: entry %s was created but cannot be found", doc.ID)
}

// AccessList lists the global access list, oldest first.
func (p *Product) AccessList() []AccessListEntry {
	var out []AccessListEntry
	for _, e := range p.current().listAccess() {
		out = append(out, AccessListEntry{ID: e.ID, CIDRBlock: e.CIDR, Description: e.Description, Created: e.Created})
	}
	return out
}

// act runs one API call through the product's pipeline as the first
// Global Owner key and decodes the answer into out; an error answer is
// returned as an error with its code.
func (p *Product) act(method, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	s := p.current()
	var owner apiKey
	found := false
	for _, k := range s.listKeys() {
		if slices.Contains(k.Roles, "GLOBAL_OWNER") {
			owner, found = k, true
			break
		}
	}
	if !found {
		return errors.New("opsmanager: no Global Owner key left to act as")
	}
	r := httptest.NewRequest(method, p.contract.BasePath()+path, strings.NewReader(string(body)))
	r.Header.Set("Content-Type", "application/json")
	r.RemoteAddr = "127.0.0.1:40000"
	m, routeErr := p.contract.Match(r)
	res, err := p.serve(s, r, owner, m, routeErr)
	var ae *apiError
	if errors.As(err, &ae) {
		return fmt.Errorf("opsmanager: %s %s: %d %s: %s", method, path, ae.Status, ae.Code, ae.Detail)
	}
	if err != nil {
		return err
	}
	raw, err := json.Marshal(res.body)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, out)
}
