package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Bounds on what a finding shows of an exchange.
const (
	maxBodyLines = 30   // lines of a body shown
	maxLineBytes = 300  // bytes of one line shown
	maxPartBytes = 1024 // bytes of one multipart text part shown
)

// exchange is one request and its answer as a finding shows them. It is
// kept whole until the check ends, then redacted and only then cut, so a
// cut can never leave part of a secret.
type exchange struct {
	request  string // method, target, headers, body, decoded for reading
	status   string // status line and the headers that matter
	body     []byte // the answer's body
	bodyType string
	note     string // what the runner noticed on the wire (a challenge it could not answer)
}

// Headers worth showing. Credential headers are shown as present, never
// with their value.
var (
	requestHeaders  = []string{"Content-Type", "Accept"}
	secretHeaders   = []string{"AUTHTOKEN", "apiKey"}
	responseHeaders = []string{"Content-Type", "WWW-Authenticate", "Content-Disposition", "Location", "Retry-After"}
)

// dumpRequest shows a request as sent on the wire: method, path with the
// query decoded (INPUT_DATA reads as JSON), the headers that matter
// (credentials as present-but-redacted, or a line saying none were sent),
// and the body decoded (form fields one per line, multipart parts by name).
func dumpRequest(r *http.Request, sent http.Header, body []byte) string {
	var b strings.Builder
	target := r.URL.Path
	if r.URL.RawQuery != "" {
		target += "?" + decodeQuery(r.URL.RawQuery)
	}
	fmt.Fprintf(&b, "%s %s\n", r.Method, target)
	if sent == nil {
		sent = r.Header
	}
	for _, h := range requestHeaders {
		if v := sent.Get(h); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", h, v)
		}
	}
	creds := false
	for _, h := range secretHeaders {
		if sent.Get(h) != "" {
			fmt.Fprintf(&b, "%s: %s (sent)\n", h, redacted)
			creds = true
		}
	}
	if v := sent.Get("Authorization"); v != "" {
		fmt.Fprintf(&b, "Authorization: %s\n", authorizationShown(v))
		creds = true
	}
	if !creds && !queryCredential(r.URL.RawQuery) {
		b.WriteString("(no credentials sent)\n")
	}
	writeRequestBody(&b, sent.Get("Content-Type"), body)
	return b.String()
}

// authorizationShown keeps a Digest header's public parts (username,
// realm, uri, nonce) and never its response; any other scheme is shown by
// name only.
func authorizationShown(v string) string {
	scheme, _, _ := strings.Cut(v, " ")
	if !strings.EqualFold(scheme, "Digest") {
		return scheme + " " + redacted
	}
	return digestResponse.ReplaceAllString(v, "${1}"+redacted)
}

func queryCredential(raw string) bool {
	q, _ := url.ParseQuery(raw)
	for name := range q {
		if strings.EqualFold(name, "AUTHTOKEN") || strings.EqualFold(name, "apiKey") || strings.EqualFold(name, "APP_AUTHTOKEN") {
			return true
		}
	}
	return false
}

// decodeQuery shows a query decoded, keeping its order.
func decodeQuery(raw string) string {
	parts := strings.Split(raw, "&")
	for i, kv := range parts {
		name, value, _ := strings.Cut(kv, "=")
		n, err1 := url.QueryUnescape(name)
		v, err2 := url.QueryUnescape(value)
		if err1 == nil && err2 == nil {
			if strings.Contains(kv, "=") {
				parts[i] = n + "=" + v
			} else {
				parts[i] = n
			}
		}
	}
	return strings.Join(parts, "&")
}

func writeRequestBody(b *strings.Builder, contentType string, body []byte) {
	if len(body) == 0 {
		return
	}
	b.WriteString("\n")
	mt, params, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "application/x-www-form-urlencoded":
		if q, err := url.ParseQuery(string(body)); err == nil {
			names := make([]string, 0, len(q))
			for n := range q {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				for _, v := range q[n] {
					fmt.Fprintf(b, "%s=%s\n", n, v)
				}
			}
			b.WriteString("(form fields, decoded)\n")
			return
		}
	case strings.HasPrefix(mt, "multipart/"):
		if writeParts(b, body, params["boundary"]) {
			return
		}
	}
	if !textual(contentType) {
		fmt.Fprintf(b, "<%d bytes of %s>\n", len(body), contentType)
		return
	}
	b.Write(body)
	b.WriteString("\n")
}

// writeParts shows a multipart body part by part: text parts decoded,
// files by name and size.
func writeParts(b *strings.Builder, body []byte, boundary string) bool {
	if boundary == "" {
		return false
	}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
		data, _ := io.ReadAll(p)
		switch {
		case p.FileName() != "" || !textual(p.Header.Get("Content-Type")):
			fmt.Fprintf(b, "part %s: file %q, %d bytes\n", strconv.Quote(p.FormName()), p.FileName(), len(data))
		case len(data) > maxPartBytes:
			fmt.Fprintf(b, "part %s: %s… <%d bytes in all>\n", strconv.Quote(p.FormName()), data[:maxPartBytes], len(data))
		default:
			fmt.Fprintf(b, "part %s: %s\n", strconv.Quote(p.FormName()), data)
		}
	}
}

// dumpStatus shows the status line and the headers that matter.
func dumpStatus(res *http.Response) string {
	var b strings.Builder
	reason := strings.TrimSpace(strings.TrimPrefix(res.Status, strconv.Itoa(res.StatusCode)))
	if reason == "" {
		reason = http.StatusText(res.StatusCode)
	}
	fmt.Fprintf(&b, "HTTP %d %s\n", res.StatusCode, reason)
	for _, h := range responseHeaders {
		if v := res.Header.Get(h); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", h, v)
		}
	}
	return b.String()
}

// showBody is an answer's body, already redacted, cut to a bounded size.
// A JSON body that came on one long line is re-indented so it can be read;
// when the finding names a JSON path, the part of the body at that path is
// what is kept. Binary bodies are shown by size only: a keystore or key
// file has no place in a report.
func showBody(body, contentType, jsonPath string) string {
	if len(body) == 0 {
		return ""
	}
	if !textual(contentType) {
		return fmt.Sprintf("<%d bytes of %s>\n", len(body), contentType)
	}
	text, note := body, ""
	if !strings.Contains(strings.TrimSpace(body), "\n") && len(body) > maxLineBytes {
		var out bytes.Buffer
		if json.Indent(&out, []byte(body), "", "  ") == nil {
			text, note = out.String(), "(re-indented for reading: the answer came on one line)"
		}
	}
	if strings.Count(text, "\n") >= maxBodyLines {
		if part, ok := atPath(body, jsonPath); ok {
			return fmt.Sprintf("%s\n(the part at %s of a %d-byte answer)\n", cutLines(part), jsonPath, len(body))
		}
		if short, ok := collapsed(body); ok {
			text, note = short, fmt.Sprintf("(re-indented, each array shown by its first item: the answer has %d bytes)", len(body))
		}
	}
	text = cutLines(text)
	if note != "" {
		text += "\n" + note
	}
	return text + "\n"
}

// collapsed is a JSON body indented with each array cut to its first item
// and a count of the rest: the answer's shape, readable at any size.
func collapsed(body string) (string, bool) {
	var v any
	if json.Unmarshal([]byte(body), &v) != nil {
		return "", false
	}
	var cut func(v any) any
	cut = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			out := make(map[string]any, len(x))
			for k, e := range x {
				out[k] = cut(e)
			}
			return out
		case []any:
			if len(x) <= shortArray {
				out := make([]any, len(x))
				for i, e := range x {
					out[i] = cut(e)
				}
				return out
			}
			more := fmt.Sprintf("… %d more items", len(x)-1)
			return []any{cut(x[0]), more}
		}
		return v
	}
	return indent(cut(v)), true
}

// shortArray is the longest array collapsed shows whole (links, roles).
const shortArray = 3

// cutLines bounds each line and the number of lines.
func cutLines(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > maxBodyLines {
		lines = append(lines[:maxBodyLines], fmt.Sprintf("… <%d more lines, %d bytes in all>", len(lines)-maxBodyLines, len(s)))
	}
	for i, l := range lines {
		if len(l) > maxLineBytes {
			lines[i] = clipAt(l, maxLineBytes) + fmt.Sprintf("… <%d bytes on this line>", len(l))
		}
	}
	return strings.Join(lines, "\n")
}

func clipAt(s string, n int) string {
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// atPath is the indented JSON at a path such as $.results[2].links, up to
// its first step that cannot be followed.
func atPath(body, path string) (string, bool) {
	if path == "" || path == "$" {
		return "", false
	}
	var v any
	if json.Unmarshal([]byte(body), &v) != nil {
		return "", false
	}
	steps := parsePath(path)
	for _, s := range steps {
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[s]
			if !ok {
				return indent(v), true
			}
			v = next
		case []any:
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 || n >= len(x) {
				return indent(v), true
			}
			v = x[n]
		default:
			return indent(v), true
		}
	}
	return indent(v), true
}

func parsePath(path string) []string {
	var steps []string
	p := strings.TrimPrefix(path, "$")
	for p != "" {
		switch {
		case strings.HasPrefix(p, "."):
			p = p[1:]
			end := strings.IndexAny(p, ".[")
			if end < 0 {
				end = len(p)
			}
			steps = append(steps, p[:end])
			p = p[end:]
		case strings.HasPrefix(p, "["):
			end := strings.Index(p, "]")
			if end < 0 {
				return steps
			}
			s := p[1:end]
			if u, err := strconv.Unquote(s); err == nil {
				s = u
			}
			if s == "?" {
				return steps
			}
			steps = append(steps, s)
			p = p[end+1:]
		default:
			return steps
		}
	}
	return steps
}

// indent writes v as indented JSON, with & < > as they are (the answer
// did not escape them either).
func indent(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
	return strings.TrimRight(b.String(), "\n")
}

func textual(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return contentType == ""
	}
	return strings.HasPrefix(mt, "text/") || strings.Contains(mt, "json") || strings.Contains(mt, "xml") ||
		mt == "application/x-www-form-urlencoded"
}
