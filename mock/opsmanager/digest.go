package opsmanager

import (
	"crypto/md5" //nolint:gosec // RFC 7616 MD5 is what the vendor speaks (fact A4)
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

const (
	digestRealm = "MMS Public API"
	// authFailureBody is the exact body real servers send with a failed digest
	// authentication: three fields, Jackson-pretty, in this key order, 106
	// bytes (fact A1, captured). It never depends on pretty or envelope, because
	// the real digest filter answers before the API sees those flags.
	authFailureBody = "{\n  \"reason\" : \"Unauthorized\",\n  \"error\" : 401,\n  \"detail\" : \"You are not authorized for this resource.\"\n}"
	// dummySecret stands in for the private key of an unknown public key, so
	// a miss costs the same hashing as a hit.
	dummySecret = "00000000-0000-0000-0000-000000000000"
)

// challengeHeader renders the WWW-Authenticate value exactly as fact A4 shows:
// ", " separators, unquoted algorithm and stale, no opaque. The official Go
// digest client (mongodb-forks/digest) rejects any other parameter.
func challengeHeader(nonce string, stale bool) string {
	return fmt.Sprintf(`Digest realm=%q, domain="", nonce=%q, algorithm=MD5, qop="auth", stale=%t`, digestRealm, nonce, stale)
}

// authFailure explains a refused request. reason is for the debug log only
// and never holds a secret.
type authFailure struct {
	stale  bool
	reason string
}

// authenticate checks the request's digest credentials and returns the key
// they belong to.
func (p *Product) authenticate(s *store, r *http.Request) (apiKey, *authFailure) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return apiKey{}, &authFailure{reason: "no Authorization header"}
	}
	params, ok := parseDigestAuthorization(h)
	if !ok {
		return apiKey{}, &authFailure{reason: "Authorization is not a well-formed Digest header"}
	}
	for _, name := range []string{"username", "realm", "nonce", "uri", "response", "qop", "nc", "cnonce"} {
		if params[name] == "" {
			return apiKey{}, &authFailure{reason: "digest parameter " + name + " missing"}
		}
	}
	if params["realm"] != digestRealm {
		return apiKey{}, &authFailure{reason: "wrong realm"}
	}
	// Both algorithm=MD5 and algorithm="MD5" arrive here unquoted; absent means MD5.
	if alg := params["algorithm"]; alg != "" && !strings.EqualFold(alg, "MD5") {
		return apiKey{}, &authFailure{reason: "unsupported algorithm " + alg}
	}
	if params["qop"] != "auth" {
		return apiKey{}, &authFailure{reason: "qop must be auth"}
	}
	nc, err := strconv.ParseUint(params["nc"], 16, 32)
	if err != nil || len(params["nc"]) != 8 {
		return apiKey{}, &authFailure{reason: "nc must be 8 hex digits"}
	}
	// The digest covers the request-target as sent, query string included.
	if params["uri"] != requestTarget(r) {
		return apiKey{}, &authFailure{reason: "digest uri does not match the request target"}
	}

	key, found := s.keyByPublic(params["username"])
	secret := dummySecret
	if found {
		secret = key.PrivateKey
	}
	ha1 := md5hex(params["username"] + ":" + digestRealm + ":" + secret)
	ha2 := md5hex(r.Method + ":" + params["uri"])
	want := md5hex(strings.Join([]string{ha1, params["nonce"], params["nc"], params["cnonce"], "auth", ha2}, ":"))
	match := subtle.ConstantTimeCompare([]byte(want), []byte(strings.ToLower(params["response"]))) == 1
	if !found || !match {
		return apiKey{}, &authFailure{reason: "wrong credentials"}
	}
	switch p.nonces.use(params["nonce"], uint32(nc), p.cfg.Clock()) {
	case nonceStale:
		return apiKey{}, &authFailure{stale: true, reason: "unknown or expired nonce"}
	case nonceReplay:
		return apiKey{}, &authFailure{reason: "replayed nc for this nonce"}
	}
	return key, nil
}

// writeChallenge answers 401 with a fresh nonce and the vendor's exact body.
func (p *Product) writeChallenge(w http.ResponseWriter, stale bool) {
	h := w.Header()
	h.Set("WWW-Authenticate", challengeHeader(p.nonces.issue(p.cfg.Clock()), stale))
	h.Set("Content-Type", contentTypeAuthFailure)
	h.Set("Content-Length", strconv.Itoa(len(authFailureBody)))
	w.WriteHeader(http.StatusUnauthorized)
	_, _ = w.Write([]byte(authFailureBody))
}

// requestTarget is the request-target the client sent (path and query).
func requestTarget(r *http.Request) string {
	if r.RequestURI != "" {
		return r.RequestURI
	}
	return r.URL.RequestURI()
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s)) //nolint:gosec // see import
	return hex.EncodeToString(sum[:])
}

// parseDigestAuthorization parses `Digest k=v, k="v", ...` into lower-case
// keys and unquoted values. Quoted values may hold commas and \-escapes. A
// repeated key or a malformed pair makes the whole header invalid.
func parseDigestAuthorization(h string) (map[string]string, bool) {
	const scheme = "digest "
	if len(h) < len(scheme) || !strings.EqualFold(h[:len(scheme)], scheme) {
		return nil, false
	}
	s := h[len(scheme):]
	out := map[string]string{}
	for {
		s = strings.TrimLeft(s, " \t,")
		if s == "" {
			return out, len(out) > 0
		}
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			return nil, false
		}
		key := strings.ToLower(strings.TrimSpace(s[:eq]))
		s = strings.TrimLeft(s[eq+1:], " \t")
		var val string
		if strings.HasPrefix(s, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, false // unterminated quote
			}
			val, s = b.String(), s[i+1:]
		} else {
			end := strings.IndexByte(s, ',')
			if end < 0 {
				end = len(s)
			}
			val, s = strings.TrimSpace(s[:end]), s[end:]
		}
		if _, dup := out[key]; dup {
			return nil, false
		}
		out[key] = val
	}
}
