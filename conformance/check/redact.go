package check

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// redacted replaces every secret in a report.
const redacted = "[REDACTED]"

var (
	privateKeyBlock = regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)`)
	// JSON fields whose names say secret: passwords (PMP §4), private keys
	// (fact A6), tokens and keys, passphrases (§37), TOTP secrets.
	stringField = regexp.MustCompile(`"([^"\\]{1,80})"(\s*:\s*)"(?:[^"\\]|\\.)*"`)
	// The same as query or form parameters, in any case.
	secretParam = regexp.MustCompile(`(?i)((?:^|[?&\s])[a-z_]*(?:authtoken|apikey|password|passphrase|privatekey|secret)=)[^&\s]*`)
	// A Digest Authorization header's response= proves knowledge of the
	// private key: a report never shows it.
	digestResponse = regexp.MustCompile(`(?i)(\bresponse=)("[^"]*"|[^,\s]*)`)
	// §37 puts the passphrase in the message itself.
	passphraseMessage = regexp.MustCompile(`(Private key passphrase of certificate .*? is )[^"\n]*`)
	// base64Run is text that may be base64 hiding a secret.
	base64Run = regexp.MustCompile(`[A-Za-z0-9+/_-]{8,}={0,2}`)
)

// secretNames matches field names that hold secrets (case-insensitive).
const secretNames = `(?i:password|passphrase|privatekey|private_key|apikey|authtoken|agentkey|installkey|secret|totp)`

// secretName says whether a field or parameter name holds a secret; names
// that only describe one (a policy, a status, a flag) do not.
var (
	secretName   = regexp.MustCompile(`^[A-Za-z0-9_ .-]{0,40}` + secretNames + `[A-Za-z0-9_ .-]{0,40}$`)
	notSecretKey = regexp.MustCompile(`(?i)policy|status|available|type|length|expir|count|reset|required|complex`)
)

func isSecretName(name string) bool {
	return secretName.MatchString(name) && !notSecretKey.MatchString(name)
}

// masked says whether a value is already masked by the product
// ("********-****-****-f34419a39f8a", "****"): not a secret, and showing
// it is how a report proves the product masked it.
func masked(v string) bool { return strings.HasPrefix(v, "****") }

// Redactor removes secrets from report text: the credentials in use,
// values a check learned or sent (a created key's private key, a password
// it generated or read), private key blocks, and fields and parameters
// named as secrets. A registered secret is removed in every encoding it
// can take on the wire: literal, JSON string escaping, URL query and path
// encoding (%XX in either case, + for spaces), those combined (INPUT_DATA
// is JSON inside a form), and base64 of any text containing it.
type Redactor struct {
	mu       sync.Mutex // guards secrets, forms
	secrets  map[string]bool
	forms    []string // every encoding of every secret, longest first
	minBytes int
}

// minSecret is the shortest value treated as a secret: shorter ones would
// blank out ordinary text.
const minSecret = 4

// Add registers values to redact wherever they appear, in any encoding.
// Values shorter than four characters are ignored.
func (r *Redactor) Add(values ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.secrets == nil {
		r.secrets = map[string]bool{}
	}
	added := false
	for _, v := range values {
		if len(v) < minSecret || r.secrets[v] {
			continue
		}
		r.secrets[v] = true
		added = true
	}
	if !added {
		return
	}
	seen := map[string]bool{}
	r.forms = r.forms[:0]
	for v := range r.secrets {
		for _, f := range encodings(v) {
			if !seen[f] && len(f) >= minSecret {
				seen[f] = true
				r.forms = append(r.forms, f)
			}
		}
	}
	// Longest first, so a secret containing another is replaced whole.
	sort.Slice(r.forms, func(i, j int) bool {
		if len(r.forms[i]) != len(r.forms[j]) {
			return len(r.forms[i]) > len(r.forms[j])
		}
		return r.forms[i] < r.forms[j]
	})
}

// encodings lists the forms a value takes on the wire and in a report.
func encodings(v string) []string {
	layer := []string{v, jsonEscape(v, true), jsonEscape(v, false), asciiJSONEscape(v)}
	out := append([]string(nil), layer...)
	for _, l := range layer {
		for _, u := range []string{url.QueryEscape(l), url.PathEscape(l), strings.ReplaceAll(url.QueryEscape(l), "+", "%20")} {
			out = append(out, u, lowerHex(u))
			// Twice encoded: a form value inside a URL, or the reverse.
			out = append(out, url.QueryEscape(u))
		}
	}
	return out
}

// jsonEscape is a string as a JSON encoder writes it, without the quotes.
func jsonEscape(v string, html bool) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	_ = enc.Encode(v)
	s := strings.TrimSuffix(b.String(), "\n")
	return s[1 : len(s)-1]
}

// asciiJSONEscape is the JSON form encoders that escape every non-ASCII
// character (Jackson with ESCAPE_NON_ASCII, Python's json.dumps) write.
func asciiJSONEscape(v string) string {
	var b strings.Builder
	for _, r := range jsonEscape(v, false) {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		for _, u := range utf16(r) {
			b.WriteString(`\u` + strings.ToLower(hex4(u)))
		}
	}
	return b.String()
}

func utf16(r rune) []uint16 {
	if r < 0x10000 {
		return []uint16{uint16(r)}
	}
	r -= 0x10000
	return []uint16{uint16(0xD800 + (r >> 10)), uint16(0xDC00 + (r & 0x3FF))}
}

func hex4(u uint16) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[u>>12], digits[(u>>8)&0xF], digits[(u>>4)&0xF], digits[u&0xF]})
}

// lowerHex writes %XX escapes with lower-case hex digits, as some clients do.
func lowerHex(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			for j := i + 1; j <= i+2; j++ {
				if b[j] >= 'A' && b[j] <= 'F' {
					b[j] += 'a' - 'A'
				}
			}
		}
	}
	return string(b)
}

// String returns s with every secret replaced.
func (r *Redactor) String(s string) string {
	s = privateKeyBlock.ReplaceAllString(s, "[REDACTED PRIVATE KEY]")
	r.mu.Lock()
	forms := r.forms
	r.mu.Unlock()
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, redacted)
	}
	s = base64Run.ReplaceAllStringFunc(s, func(run string) string {
		if hidesSecret(run, forms) {
			return redacted
		}
		return run
	})
	s = stringField.ReplaceAllStringFunc(s, func(field string) string {
		m := stringField.FindStringSubmatch(field)
		value := field[strings.LastIndex(field[:len(field)-1], `"`)+1 : len(field)-1]
		if !isSecretName(m[1]) || masked(value) {
			return field
		}
		return `"` + m[1] + `"` + m[2] + `"` + redacted + `"`
	})
	s = secretParam.ReplaceAllString(s, "${1}"+redacted)
	s = digestResponse.ReplaceAllString(s, "${1}"+redacted)
	return passphraseMessage.ReplaceAllString(s, "${1}"+redacted)
}

// hidesSecret says whether run is base64 (any alphabet, padded or not)
// of text holding a secret or a private key.
func hidesSecret(run string, forms []string) bool {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		b, err := enc.DecodeString(run)
		if err != nil {
			continue
		}
		text := string(b)
		if privateKeyBlock.MatchString(text) {
			return true
		}
		for _, f := range forms {
			if strings.Contains(text, f) {
				return true
			}
		}
	}
	return false
}

// Harvest registers the secrets a body or query carries: the values of
// fields and parameters named as secrets, in JSON (INPUT_DATA included,
// wherever it is), forms and queries. The runner calls it on everything it
// sends and receives, so a password it read is redacted everywhere, also
// in reports written before it was read.
func (r *Redactor) Harvest(text string) {
	var found []string
	collectJSON(text, &found)
	// A query or form body: no spaces, quotes or braces of its own.
	if strings.Contains(text, "=") && !strings.ContainsAny(text, " \t\n\"{}") {
		q, _ := url.ParseQuery(strings.TrimPrefix(text, "?"))
		for name, vs := range q {
			for _, v := range vs {
				if isSecretName(name) && !masked(v) {
					found = append(found, v)
				}
				collectJSON(v, &found)
			}
		}
	}
	r.Add(found...)
}

// collectJSON adds the string values of secret-named fields in any JSON
// document text holds.
func collectJSON(text string, found *[]string) {
	t := strings.TrimSpace(text)
	if t == "" || (t[0] != '{' && t[0] != '[') {
		return
	}
	var v any
	if json.Unmarshal([]byte(t), &v) != nil {
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
			if isSecretName(name) && !masked(x) {
				*found = append(*found, x)
			}
			collectJSON(x, found) // JSON inside a string (INPUT_DATA in a field)
		}
	}
	walk("", v)
}
