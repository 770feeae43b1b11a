package pmp

import (
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// authResult is what authentication decides besides the user.
type authResult int

const (
	authOK authResult = iota
	authFailed
	authNoAnswer // fact C1: a bound host name that does not resolve gets no payload at all
)

// token finds the caller's token: the AUTHTOKEN header, the AUTHTOKEN
// parameter, or (REST only, withApp) APP_AUTHTOKEN with APP_NAME (fact C3).
func token(r *http.Request, values url.Values, withApp bool) string {
	if t := strings.TrimSpace(r.Header.Get("AUTHTOKEN")); t != "" {
		return t
	}
	if t := strings.TrimSpace(values.Get("AUTHTOKEN")); t != "" {
		return t
	}
	if withApp && values.Get("APP_NAME") != "" {
		return strings.TrimSpace(values.Get("APP_AUTHTOKEN"))
	}
	return ""
}

// authenticate returns a copy of the token's user, or why it is refused.
func (p *Product) authenticate(s *store, r *http.Request, values url.Values, client netip.Addr, withApp bool) (user, *failure, authResult) {
	tok := token(r, values, withApp)
	var (
		u     user
		found bool
	)
	if tok != "" {
		s.read(func(st *state) {
			var up *user
			if up, found = st.userByToken(tok); found {
				u = *up
			}
		})
	}
	switch {
	case !found:
		return user{}, failed(msgNoToken), authFailed
	case u.Locked:
		return user{}, failed(msgLocked), authFailed
	case u.Expiry != nil && !p.cfg.Clock().Before(*u.Expiry):
		return user{}, failed(msgExpired), authFailed
	}
	if u.Host != "" {
		switch bound, ok := hostAddr(u.Host); {
		case !ok:
			return user{}, nil, authNoAnswer
		case bound != client && !(bound.IsLoopback() && client.IsLoopback()):
			return user{}, failed(msgWrongHost), authFailed
		}
	}
	return u, nil, authOK
}

// hostAddr resolves a bound host without DNS: an address, or localhost.
// Any other name counts as not resolving (the mock never looks names up).
func hostAddr(host string) (netip.Addr, bool) {
	if strings.EqualFold(host, "localhost") {
		return netip.MustParseAddr("127.0.0.1"), true
	}
	a, err := netip.ParseAddr(host)
	return a.Unmap(), err == nil
}

func clientAddr(r *http.Request) netip.Addr {
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		return ap.Addr().Unmap()
	}
	a, _ := netip.ParseAddr(r.RemoteAddr)
	return a.Unmap()
}
