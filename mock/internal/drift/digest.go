package drift

import (
	"bytes"
	"crypto/md5" //nolint:gosec // RFC 7616 MD5, what Ops Manager speaks (fact A4)
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
)

const realm = "MMS Public API"

// digestParams reads the key=value pairs of a Digest header.
func digestParams(h string) map[string]string {
	out := map[string]string{}
	h, ok := strings.CutPrefix(h, "Digest ")
	if !ok {
		return out
	}
	for _, part := range splitParams(h) {
		k, v, found := strings.Cut(strings.TrimSpace(part), "=")
		if found {
			out[strings.ToLower(k)] = strings.Trim(v, `"`)
		}
	}
	return out
}

// splitParams splits on commas outside quotes.
func splitParams(s string) []string {
	var out []string
	quoted, start := false, 0
	for i, c := range s {
		switch {
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s)) //nolint:gosec // see import
	return hex.EncodeToString(sum[:])
}

// bufferBody lets a request be sent twice.
func bufferBody(r *http.Request) []byte {
	if r.Body == nil {
		return nil
	}
	b, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(b))
	return b
}

// resign makes r carry valid digest credentials of the key with role: on
// the nonce the client already used, or on a fresh challenge.
func resign(env Env, r *http.Request, role string) {
	pub, priv, ok := env.OpsManagerKey(role)
	if !ok {
		return
	}
	p := digestParams(r.Header.Get("Authorization"))
	nonce, nc, cnonce := p["nonce"], p["nc"], p["cnonce"]
	if nonce == "" {
		probe := r.Clone(r.Context())
		probe.Header.Del("Authorization")
		probe.Body, probe.ContentLength = http.NoBody, 0
		nonce = digestParams(env.Do(probe).Header.Get("WWW-Authenticate"))["nonce"]
	}
	if nc == "" {
		nc = "00000001"
	}
	if cnonce == "" {
		cnonce = "0pdr1ft0"
	}
	uri := r.URL.RequestURI()
	ha1, ha2 := md5hex(pub+":"+realm+":"+priv), md5hex(r.Method+":"+uri)
	response := md5hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
	r.Header.Set("Authorization", fmt.Sprintf(`Digest username="%s", realm="%s", nonce="%s", uri="%s", response="%s", algorithm=MD5, qop=auth, nc=%s, cnonce="%s"`,
		pub, realm, nonce, uri, response, nc, cnonce))
}
