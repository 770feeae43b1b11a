package conformance_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/conformance"
	"github.com/opsmock/opsmock/conformance/check"
)

// specials is every printable ASCII special character, a space and a
// non-ASCII letter: each secret of the test holds all of them.
const specials = ` !"#$%&'()*+,-./:;<=>?@[\]^_` + "`{|}~é"

// secretOf is a secret with a marker of its own first: a report showing
// even the start of it is caught.
func secretOf(marker string) string { return marker + specials + marker[:4] }

// echoTarget is a hostile stand-in for each product: it accepts the
// test's credentials, hands out secrets with every special character, and
// answers the checks' other requests with failures that echo what they
// received in every encoding it came in (raw query, raw body, base64 of
// both, the credential headers), so the reports are full of secrets.
type echoTarget struct {
	product string
	token   string // PMP token / OpManager key / Ops Manager public key

	mu      sync.Mutex // guards counter
	counter int
}

func (e *echoTarget) fresh(kind string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.counter++
	return secretOf(fmt.Sprintf("Mk%s%06dQ", kind, e.counter))
}

func (e *echoTarget) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	echo := fmt.Sprintf("echo %s %s?%s body=%s b64body=%s b64query=%s auth=%s", r.Method, r.URL.Path, r.URL.RawQuery, body,
		base64.StdEncoding.EncodeToString(body), base64.URLEncoding.EncodeToString([]byte(r.URL.RawQuery)),
		r.Header.Get("Authorization")+r.Header.Get("AUTHTOKEN")+r.Header.Get("apiKey"))
	w.Header().Set("Content-Type", "application/json")
	switch e.product {
	case "pmp":
		tok := r.Header.Get("AUTHTOKEN")
		if tok == "" {
			tok = r.URL.Query().Get("AUTHTOKEN")
		}
		switch {
		case tok != e.token && tok != e.token+"-low":
			writeJSON(w, map[string]any{"operation": map[string]any{"name": "Authentication",
				"result": map[string]any{"status": "Failed", "message": "API key received is not associated to any user. Authentication failed."}}})
		case strings.HasSuffix(r.URL.Path, "/resources") && r.Method == http.MethodGet:
			writeJSON(w, map[string]any{"operation": map[string]any{"name": "GET RESOURCES", "totalRows": 1,
				"result":  map[string]any{"status": "Success", "message": "ok"},
				"Details": []any{map[string]any{"RESOURCE ID": "1", "RESOURCE NAME": "r", "NOOFACCOUNTS": "x"}}}})
		case strings.HasSuffix(r.URL.Path, "/passwords/generate"):
			writeJSON(w, map[string]any{"operation": map[string]any{"name": "GENERATE PASSWORD",
				"result": map[string]any{"status": "Success", "message": "ok"}, "Details": map[string]any{"PASSWORD": e.fresh("pw")}}})
		default:
			writeJSON(w, map[string]any{"operation": map[string]any{"name": "ECHO",
				"result":  map[string]any{"status": "Failed", "message": echo},
				"Details": map[string]any{"PASSWORD": e.fresh("rd"), "b64": base64.StdEncoding.EncodeToString([]byte(e.fresh("b6")))}}})
		}
	case "opsmanager":
		if !strings.Contains(r.Header.Get("Authorization"), `username="`+e.token+`"`) {
			w.Header().Set("WWW-Authenticate", `Digest realm="MMS Public API", nonce="abc", algorithm=MD5, qop="auth"`)
			w.WriteHeader(http.StatusUnauthorized)
			writeJSON(w, map[string]any{"error": 401, "reason": "Unauthorized", "detail": echo})
			return
		}
		pk := e.fresh("pk")
		writeJSON(w, map[string]any{"results": []any{map[string]any{"id": "x", "privateKey": pk, "desc": echo}}, "totalCount": 9,
			"privateKey": pk, "b64": base64.StdEncoding.EncodeToString([]byte(pk))})
	case "opmanager":
		key := r.Header.Get("apiKey")
		if key == "" {
			key = r.URL.Query().Get("apiKey")
		}
		if (key == e.token || key == e.token+"-low") && strings.HasSuffix(r.URL.Path, "/listAlarms") && r.Header.Get("apiKey") != "" {
			writeJSON(w, []any{map[string]any{"entity": "e", "alarmId": "x", "password": e.fresh("al")}})
			return
		}
		writeJSON(w, map[string]any{"error": map[string]any{"errorcode": "ECHO", "message": echo, "password": e.fresh("op")}})
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	b, _ := json.Marshal(v)
	_, _ = w.Write(b)
}

// wireSniffer records every secret crossing the wire, with its own
// reading of requests and answers (not the runner's): credential headers
// and parameters, and secret-named fields of INPUT_DATA, forms, multipart
// parts and JSON answers.
type wireSniffer struct {
	next http.RoundTripper

	mu   sync.Mutex // guards seen
	seen map[string]bool
}

var sniffedName = regexp.MustCompile(`(?i)^(password|newpassword|oldpassword|privatekey|passphrase|authtoken|apikey|app_authtoken)$`)

func (s *wireSniffer) note(v string) {
	if len(v) >= 6 {
		s.mu.Lock()
		s.seen[v] = true
		s.mu.Unlock()
	}
}

func (s *wireSniffer) fromJSON(text string) {
	var v any
	if json.Unmarshal([]byte(text), &v) != nil {
		return
	}
	var walk func(name string, v any)
	walk = func(name string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(k, e)
			}
		case []any:
			for _, e := range x {
				walk(name, e)
			}
		case string:
			if sniffedName.MatchString(name) {
				s.note(x)
			}
		}
	}
	walk("", v)
}

func (s *wireSniffer) fromValues(q url.Values) {
	for name, vs := range q {
		for _, v := range vs {
			if sniffedName.MatchString(name) {
				s.note(v)
			}
			s.fromJSON(v)
		}
	}
}

func (s *wireSniffer) RoundTrip(r *http.Request) (*http.Response, error) {
	for _, h := range []string{"AUTHTOKEN", "apiKey"} {
		s.note(r.Header.Get(h))
	}
	s.fromValues(r.URL.Query())
	if r.Body != nil {
		b, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(b))
		mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		switch {
		case mt == "application/x-www-form-urlencoded":
			q, _ := url.ParseQuery(string(b))
			s.fromValues(q)
		case strings.HasPrefix(mt, "multipart/"):
			if f, err := multipart.NewReader(bytes.NewReader(b), params["boundary"]).ReadForm(1 << 20); err == nil {
				s.fromValues(f.Value)
			}
		default:
			s.fromJSON(string(b))
		}
	}
	res, err := s.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	b, _ := io.ReadAll(res.Body)
	res.Body = io.NopCloser(bytes.NewReader(b))
	s.fromJSON(string(b))
	return res, nil
}

// handlerTransport serves requests with a handler, in process.
type handlerTransport struct{ h http.Handler }

func (h handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body == nil {
		r.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	h.h.ServeHTTP(rec, r)
	res := rec.Result()
	res.Request = r
	return res, nil
}

// leakForms are the ways a secret could still show in a report: as is,
// URL-encoded (%XX in either case, + for spaces), JSON-escaped, base64,
// and those as the JSON and XML report formats escape them in turn.
func leakForms(secret string) []string {
	jsonEsc := func(s string, html bool) string {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(html)
		_ = enc.Encode(s)
		out := strings.TrimSpace(b.String())
		return out[1 : len(out)-1]
	}
	xmlEsc := func(s string) string {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	base := []string{secret, jsonEsc(secret, true), jsonEsc(secret, false),
		base64.StdEncoding.EncodeToString([]byte(secret)), base64.URLEncoding.EncodeToString([]byte(secret)),
		base64.RawStdEncoding.EncodeToString([]byte(secret))}
	var forms []string
	for _, f := range base {
		for _, e := range []string{f, url.QueryEscape(f), url.PathEscape(f), strings.ToLower(url.QueryEscape(f))} {
			forms = append(forms, e, jsonEsc(e, true), jsonEsc(e, false), xmlEsc(e))
		}
	}
	return forms
}

// TestReportsHideSecretsInEveryEncoding runs each suite, with --write and
// both credentials, against a target that echoes every secret back in
// every encoding, and proves that nothing the sniffer saw cross the wire
// (nor any credential, nor even a secret's first characters) survives in
// the text, JSON or JUnit report.
func TestReportsHideSecretsInEveryEncoding(t *testing.T) {
	for _, product := range []string{"pmp", "opsmanager", "opmanager"} {
		t.Run(product, func(t *testing.T) {
			cred := secretOf("MkcredQ0000001")
			target := &echoTarget{product: product, token: cred}
			opts := conformance.Options{Product: product, Write: true}
			switch product {
			case "pmp":
				opts.Primary, opts.Low = check.Credential{Token: cred}, check.Credential{Token: cred + "-low"}
			case "opsmanager":
				target.token = "abcdefgh"
				opts.Primary = check.Credential{PublicKey: "abcdefgh", PrivateKey: cred}
				opts.Low = check.Credential{PublicKey: "abcdefgh", PrivateKey: secretOf("MkcredQ0000002")}
			case "opmanager":
				opts.Primary, opts.Low = check.Credential{APIKey: cred}, check.Credential{APIKey: cred + "-low"}
			}
			sniffer := &wireSniffer{next: handlerTransport{target}, seen: map[string]bool{}}
			opts.Transport = sniffer
			report, err := conformance.Run(context.Background(), "http://echo.invalid", opts)
			require.NoError(t, err)
			require.True(t, report.Failed(), "the echo target breaks the contract everywhere")

			secrets := []string{opts.Primary.Token, opts.Low.Token, opts.Primary.PrivateKey, opts.Low.PrivateKey,
				opts.Primary.APIKey, opts.Low.APIKey}
			for s := range sniffer.seen {
				secrets = append(secrets, s)
			}
			require.Greater(t, len(sniffer.seen), 3, "secrets crossed the wire")
			markers := regexp.MustCompile(`Mk[a-z0-9]{2}[0-9]{6}Q|MkcredQ[0-9]{7}`)
			for _, format := range conformance.Formats {
				var b bytes.Buffer
				require.NoError(t, report.Render(&b, format))
				out := b.String()
				require.Contains(t, out, "echo ", "%s: the echoing answers are in the report", format)
				for _, secret := range secrets {
					if secret == "" {
						continue
					}
					for _, form := range leakForms(secret) {
						if len(form) >= 6 && strings.Contains(out, form) {
							t.Errorf("%s report shows secret %q as %q", format, secret, form)
						}
					}
				}
				if m := markers.FindString(out); m != "" {
					i := strings.Index(out, m)
					t.Errorf("%s report shows the start of a secret: …%s…", format, out[max(0, i-80):min(len(out), i+80)])
				}
			}
		})
	}
}
