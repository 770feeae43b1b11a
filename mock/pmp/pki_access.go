package pmp

import (
	"fmt"
	"slices"
	"strings"
)

// certVisible: the owner, users and user groups it is shared to, users
// and groups a certificate group holding it is shared to, and super
// administrators see a certificate (§65-§72).
func (st *state) certVisible(u user, c *certEntry) bool {
	if u.SuperAdmin || c.OwnerID == u.ID || c.UserShares[u.ID] {
		return true
	}
	groups := st.groupsOf(u.ID)
	for _, g := range groups {
		if c.GroupShare[g] {
			return true
		}
	}
	for _, cg := range st.pki.certGroups {
		if !slices.Contains(cg.CertIDs, c.ID) {
			continue
		}
		if cg.UserShares[u.ID] {
			return true
		}
		for _, g := range groups {
			if cg.GroupSh[g] {
				return true
			}
		}
	}
	return false
}

// mayManage: only the owner or a super administrator deletes, shares or
// regroups what it owns.
func mayManage(u user, ownerID int) bool { return u.SuperAdmin || ownerID == u.ID }

// visibleCerts lists the certificates u sees, in repository order.
func (st *state) visibleCerts(u user) []*certEntry {
	var out []*certEntry
	for _, id := range st.pki.certOrder {
		if c := st.pki.certs[id]; st.certVisible(u, c) {
			out = append(out, c)
		}
	}
	return out
}

// normalSerial makes "0A:1b" and "a1b" the same serial.
func normalSerial(s string) string {
	s = strings.ToLower(strings.NewReplacer(":", "", " ", "").Replace(strings.TrimSpace(s)))
	s = strings.TrimLeft(s, "0")
	if s == "" {
		return "0"
	}
	return s
}

// matchCerts lists the visible certificates with that common name (and
// serial, when given).
func (st *state) matchCerts(u user, cn, serial string) []*certEntry {
	var out []*certEntry
	for _, c := range st.visibleCerts(u) {
		if !equalFold(c.Cert.Subject.CommonName, cn) {
			continue
		}
		if serial != "" && normalSerial(serial) != c.Cert.SerialNumber.Text(16) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// oneCert resolves common_name (+ serial_number) to one visible
// certificate; several without a serial is ambiguous (x-inferred).
func (st *state) oneCert(u user, cn, serial string) (*certEntry, *failure) {
	found := st.matchCerts(u, cn, serial)
	switch len(found) {
	case 0:
		return nil, failed(fmt.Sprintf(msgNoCert, cn))
	case 1:
		return found[0], nil
	}
	return nil, failed(fmt.Sprintf(msgAmbiguousCert, cn))
}
