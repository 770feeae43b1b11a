package opsmanager

import (
	"net/netip"
	"slices"
	"strings"
	"time"
)

// parseCIDR accepts an IPv4/IPv6 CIDR block or a bare address (the official
// client's fixture stores "172.20.0.1", fact A7).
func parseCIDR(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err == nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// admitsLocked says whether the access list lets ip in: an empty list admits
// everyone. skip names an entry to leave out and replace, when valid, stands
// in for it, so a change can be judged before it is made.
func (st *state) admitsLocked(ip netip.Addr, skip string, replace netip.Prefix) bool {
	n := 0
	for _, id := range st.accessOrder {
		p := st.access[id].prefix
		if id == skip {
			if !replace.IsValid() {
				continue
			}
			p = replace
		}
		n++
		if p.Contains(ip) {
			return true
		}
	}
	return n == 0
}

func (s *store) admits(ip netip.Addr) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.admitsLocked(ip, "", netip.Prefix{})
}

func (s *store) listAccess() []accessEntry {
	entries, _ := s.accessWithin(func(total int) (int, int) { return 0, total })
	return entries
}

// accessWithin copies the entries a cut of the list covers, oldest first,
// and counts them all.
func (s *store) accessWithin(cut func(total int) (start, end int)) ([]accessEntry, int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	start, end := cut(len(s.st.accessOrder))
	out := make([]accessEntry, 0, end-start)
	for _, id := range s.st.accessOrder[start:end] {
		out = append(out, *s.st.access[id])
	}
	return out, len(s.st.accessOrder)
}

func (s *store) getAccess(id string) (accessEntry, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.st.access[id]
	if !ok {
		return accessEntry{}, false
	}
	return *e, true
}

// duplicateLocked says whether another entry already holds this block.
func (st *state) duplicateLocked(p netip.Prefix, except string) bool {
	for _, id := range st.accessOrder {
		if id != except && st.access[id].prefix == p {
			return true
		}
	}
	return false
}

func (s *store) createAccess(cidr, desc string, now time.Time) (accessEntry, *apiError) {
	p, ok := parseCIDR(cidr)
	if !ok {
		return accessEntry{}, errInvalidAttribute("cidrBlock")
	}
	defer s.writing()()
	if s.st.duplicateLocked(p, "") {
		return accessEntry{}, errAddressAlreadyInList(cidr)
	}
	e := &accessEntry{
		ID:   s.st.newID(now, func(id string) bool { return s.st.access[id] != nil }),
		CIDR: cidr, Description: desc, Created: now.UTC(), Updated: now.UTC(), prefix: p,
	}
	s.st.access[e.ID] = e
	s.st.accessOrder = append(s.st.accessOrder, e.ID)
	return *e, nil
}

// updateAccess changes the non-nil fields, refusing a change that would shut
// the caller out (fact A2 CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST).
func (s *store) updateAccess(id string, cidr, desc *string, caller netip.Addr, now time.Time) (accessEntry, *apiError) {
	var p netip.Prefix
	if cidr != nil {
		var ok bool
		if p, ok = parseCIDR(*cidr); !ok {
			return accessEntry{}, errInvalidAttribute("cidrBlock")
		}
	}
	defer s.writing()()
	e, ok := s.st.access[id]
	if !ok {
		return accessEntry{}, errAccessListNotFound(id)
	}
	if cidr != nil {
		if s.st.duplicateLocked(p, id) {
			return accessEntry{}, errAddressAlreadyInList(*cidr)
		}
		if !s.st.admitsLocked(caller, id, p) {
			return accessEntry{}, errCannotRemoveCaller(caller.String())
		}
		if *cidr != e.CIDR {
			e.CIDR, e.prefix, e.Updated = *cidr, p, now.UTC()
		}
	}
	if desc != nil {
		e.Description = *desc
	}
	return *e, nil
}

func (s *store) deleteAccess(id string, caller netip.Addr) *apiError {
	defer s.writing()()
	if _, ok := s.st.access[id]; !ok {
		return errAccessListNotFound(id)
	}
	if !s.st.admitsLocked(caller, id, netip.Prefix{}) {
		return errCannotRemoveCaller(caller.String())
	}
	delete(s.st.access, id)
	s.st.accessOrder = slices.DeleteFunc(s.st.accessOrder, func(x string) bool { return x == id })
	return nil
}
