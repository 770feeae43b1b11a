package pmp

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// certShare makes §65-§72's handlers: a certificate or a certificate group
// (ofGroup), to a user or a user group (toGroup), shared or revoked (on).
func certShare(ofGroup, toGroup, on bool) func(*call) (reply, error) {
	return func(c *call) (reply, error) {
		var f *failure
		c.store.write(func(st *state) {
			who, ff := shareRecipient(c, st, toGroup)
			if f = ff; f != nil {
				return
			}
			var users, groups map[int]bool
			if ofGroup {
				name := c.in("certificate_group_name")
				g, ok := st.pki.certGroup(name)
				if !ok {
					f = failed(fmt.Sprintf(msgNoCertGroup, name))
					return
				}
				if !mayManage(c.user, g.OwnerID) {
					f = failed(fmt.Sprintf(msgNotOwner, "certificate group "+g.Name))
					return
				}
				users, groups = g.UserShares, g.GroupSh
			} else {
				e, ff := c.certRef(st)
				if f = ff; f != nil {
					return
				}
				if !mayManage(c.user, e.OwnerID) {
					f = failed(fmt.Sprintf(msgNotOwner, "certificate "+e.Cert.Subject.CommonName))
					return
				}
				users, groups = e.UserShares, e.GroupShare
			}
			shares := users
			if toGroup {
				shares = groups
			}
			if on {
				shares[who] = true
			} else {
				delete(shares, who)
			}
		})
		switch {
		case f != nil:
			return reply{}, f
		case on:
			return reply{message: "Certificate shared successfully."}, nil
		}
		return reply{message: "Access to certificate revoked successfully."}, nil
	}
}

// shareRecipient resolves userId or userGroupId to an existing ID.
func shareRecipient(c *call, st *state, toGroup bool) (int, *failure) {
	if toGroup {
		text := c.in("userGroupId")
		id, _ := strconv.Atoi(text)
		if _, ok := st.groups[id]; !ok {
			return 0, failed(fmt.Sprintf(msgNoUserGroupID, text))
		}
		return id, nil
	}
	text := c.in("userId")
	id, _ := strconv.Atoi(text)
	if _, ok := st.users[id]; !ok {
		return 0, failed(fmt.Sprintf(msgNoUserID, text))
	}
	return id, nil
}

// certIDs reads §73's ssl_details: CertIDs the caller sees, comma-separated.
func (st *state) certIDs(u user, text string) ([]int, *failure) {
	var ids []int
	for _, part := range strings.Split(text, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		id, err := strconv.Atoi(part)
		e, ok := st.pki.certs[id]
		if err != nil || !ok || !st.certVisible(u, e) {
			return nil, failed(fmt.Sprintf(msgNoCertID, id))
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// §73
func createCertificateGroup(c *call) (reply, error) {
	name := c.in("group_name")
	var f *failure
	c.store.write(func(st *state) {
		if _, dup := st.pki.certGroup(name); dup {
			f = failed(fmt.Sprintf(msgCertGroupExists, name))
			return
		}
		ids, ff := st.certIDs(c.user, c.in("ssl_details"))
		if f = ff; f != nil {
			return
		}
		st.pki.certGroups = append(st.pki.certGroups, &certGroup{ID: st.newID("certgroup"), Name: name, Desc: c.in("group_description"),
			Mail: c.in("group_mail"), OwnerID: c.user.ID, CertIDs: ids, UserShares: map[int]bool{}, GroupSh: map[int]bool{}})
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Certificate group added successfully."}, nil
}

// managedGroup finds a certificate group the caller may change.
func (st *state) managedGroup(u user, name string) (*certGroup, *failure) {
	g, ok := st.pki.certGroup(name)
	if !ok {
		return nil, failed(fmt.Sprintf(msgNoCertGroup, name))
	}
	if !mayManage(u, g.OwnerID) {
		return nil, failed(fmt.Sprintf(msgNotOwner, "certificate group "+g.Name))
	}
	return g, nil
}

// §74: the group and its shares go; its certificates stay.
func deleteCertificateGroup(c *call) (reply, error) {
	var f *failure
	c.store.write(func(st *state) {
		g, ff := st.managedGroup(c.user, c.in("group_name"))
		if f = ff; f != nil {
			return
		}
		st.pki.certGroups = slices.DeleteFunc(slices.Clone(st.pki.certGroups), func(x *certGroup) bool { return x == g })
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "The certificate group is deleted successfully."}, nil
}

// §75: group_name names the group (x-inferred); given fields replace.
func editCertificateGroup(c *call) (reply, error) {
	var f *failure
	c.store.write(func(st *state) {
		g, ff := st.managedGroup(c.user, c.in("group_name"))
		if f = ff; f != nil {
			return
		}
		ids := g.CertIDs
		if c.has("ssl_details") {
			if ids, f = st.certIDs(c.user, c.in("ssl_details")); f != nil {
				return
			}
		}
		g.CertIDs = ids
		if c.has("group_description") {
			g.Desc = c.in("group_description")
		}
		if c.has("group_mail") {
			g.Mail = c.in("group_mail")
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "The certificate group is updated successfully."}, nil
}
