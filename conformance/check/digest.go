package check

import (
	"crypto/md5" //nolint:gosec // RFC 7616's MD5 is what Ops Manager speaks (fact A4)
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// DigestAuth authenticates as Ops Manager expects (fact A4): HTTP Digest,
// MD5, qop=auth, the public key as user name and the private key as
// password. Unlike a general client it never hides the target's answer:
// a 401 whose challenge cannot be answered (none, no nonce, another
// algorithm) is returned as it came, with a note for the report saying
// why no credentials followed.
func DigestAuth(c Credential, next http.RoundTripper) http.RoundTripper {
	return DigestAuthWith(c, next, func() string { return randomHex(8) })
}

// DigestAuthWith is DigestAuth with the client nonces cnonce makes:
// fixture generation makes them repeatable.
func DigestAuthWith(c Credential, next http.RoundTripper, cnonce func() string) http.RoundTripper {
	return &digestTransport{user: c.PublicKey, pass: c.PrivateKey, next: next, cnonce: cnonce}
}

type digestTransport struct {
	user, pass string
	next       http.RoundTripper
	cnonce     func() string
}

func (d *digestTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	first, err := again(r)
	if err != nil {
		return nil, err
	}
	res, err := d.next.RoundTrip(first)
	if err != nil || res.StatusCode != http.StatusUnauthorized {
		return res, err
	}
	var challenge string
	for _, v := range res.Header.Values("WWW-Authenticate") {
		if scheme, _, _ := strings.Cut(strings.TrimSpace(v), " "); strings.EqualFold(scheme, "Digest") {
			challenge = strings.TrimSpace(v)[len(scheme):]
		}
	}
	if challenge == "" {
		noteWire(r.Context(), "the 401 carries no Digest challenge in WWW-Authenticate, so the key pair was never sent")
		return res, nil
	}
	p := authParams(challenge)
	alg := strings.ToUpper(p["algorithm"])
	switch {
	case p["nonce"] == "":
		noteWire(r.Context(), "the Digest challenge has no nonce, so the key pair was never sent")
		return res, nil
	case alg != "" && alg != "MD5":
		noteWire(r.Context(), "the Digest challenge asks for algorithm %s; Ops Manager uses MD5, so the key pair was never sent", p["algorithm"])
		return res, nil
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	res.Body.Close()

	second, err := again(r)
	if err != nil {
		return nil, err
	}
	uri := r.URL.RequestURI()
	ha1 := md5hex(d.user + ":" + p["realm"] + ":" + d.pass)
	ha2 := md5hex(r.Method + ":" + uri)
	fields := []string{
		fmt.Sprintf(`username="%s"`, d.user), fmt.Sprintf(`realm="%s"`, p["realm"]),
		fmt.Sprintf(`nonce="%s"`, p["nonce"]), fmt.Sprintf(`uri="%s"`, uri),
	}
	if qopAuth(p["qop"]) {
		cnonce := d.cnonce()
		const nc = "00000001"
		resp := md5hex(strings.Join([]string{ha1, p["nonce"], nc, cnonce, "auth", ha2}, ":"))
		fields = append(fields, `qop=auth`, "nc="+nc, fmt.Sprintf(`cnonce="%s"`, cnonce), fmt.Sprintf(`response="%s"`, resp))
	} else {
		fields = append(fields, fmt.Sprintf(`response="%s"`, md5hex(ha1+":"+p["nonce"]+":"+ha2)))
	}
	fields = append(fields, "algorithm=MD5")
	if p["opaque"] != "" {
		fields = append(fields, fmt.Sprintf(`opaque="%s"`, p["opaque"]))
	}
	second.Header.Set("Authorization", "Digest "+strings.Join(fields, ", "))
	return d.next.RoundTrip(second)
}

// again is a copy of r with a fresh body, to send once more.
func again(r *http.Request) (*http.Request, error) {
	c := r.Clone(r.Context())
	if r.Body != nil && r.GetBody != nil {
		b, err := r.GetBody()
		if err != nil {
			return nil, err
		}
		c.Body = b
	}
	return c, nil
}

// authParams parses name=value and name="quoted, value" pairs.
func authParams(s string) map[string]string {
	out := map[string]string{}
	for s = strings.TrimSpace(s); s != ""; {
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			break
		}
		name := strings.ToLower(strings.TrimSpace(strings.TrimLeft(s[:eq], ", ")))
		s = strings.TrimSpace(s[eq+1:])
		var value string
		if strings.HasPrefix(s, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
			}
			value, s = b.String(), s[min(i+1, len(s)):]
		} else {
			end := strings.IndexByte(s, ',')
			if end < 0 {
				end = len(s)
			}
			value, s = strings.TrimSpace(s[:end]), s[end:]
		}
		out[name] = value
		s = strings.TrimLeft(s, ", ")
	}
	return out
}

func qopAuth(qop string) bool {
	for _, q := range strings.Split(qop, ",") {
		if strings.TrimSpace(q) == "auth" {
			return true
		}
	}
	return false
}

func md5hex(s string) string {
	h := md5.Sum([]byte(s)) //nolint:gosec // see DigestAuth
	return hex.EncodeToString(h[:])
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
