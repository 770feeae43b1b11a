package check

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// maxDump bounds the body shown in a finding.
const maxDump = 4096

// Headers worth showing; the credential ones are always redacted.
var (
	requestHeaders  = []string{"Content-Type"}
	secretHeaders   = []string{"Authorization", "AUTHTOKEN", "apiKey"}
	responseHeaders = []string{"Content-Type", "WWW-Authenticate", "Content-Disposition", "Location"}
)

// dumpRequest shows a request for a finding: method, path with the query
// decoded (INPUT_DATA's JSON reads, and is redacted, as JSON), headers and
// the body.
func dumpRequest(r *http.Request, body []byte) string {
	var b strings.Builder
	target := r.URL.Path
	if r.URL.RawQuery != "" {
		q, err := url.QueryUnescape(r.URL.RawQuery)
		if err != nil {
			q = r.URL.RawQuery
		}
		target += "?" + q
	}
	fmt.Fprintf(&b, "%s %s\n", r.Method, target)
	for _, h := range requestHeaders {
		if v := r.Header.Get(h); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", h, v)
		}
	}
	for _, h := range secretHeaders {
		if r.Header.Get(h) != "" {
			fmt.Fprintf(&b, "%s: %s\n", h, redacted)
		}
	}
	writeBody(&b, r.Header.Get("Content-Type"), body)
	return b.String()
}

func dumpResponse(res *http.Response, body []byte) string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d\n", res.StatusCode)
	for _, h := range responseHeaders {
		if v := res.Header.Get(h); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", h, v)
		}
	}
	writeBody(&b, res.Header.Get("Content-Type"), body)
	return b.String()
}

// writeBody shows text bodies (cut at maxDump) and only the size of others:
// a keystore or key file has no place in a report.
func writeBody(b *strings.Builder, contentType string, body []byte) {
	if len(body) == 0 {
		return
	}
	b.WriteString("\n")
	if !textual(contentType) {
		fmt.Fprintf(b, "<%d bytes of %s>\n", len(body), contentType)
		return
	}
	if len(body) > maxDump {
		fmt.Fprintf(b, "%s… <%d bytes in all>\n", body[:maxDump], len(body))
		return
	}
	b.Write(body)
	b.WriteString("\n")
}

func textual(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return contentType == ""
	}
	return strings.HasPrefix(mt, "text/") || strings.Contains(mt, "json") || strings.Contains(mt, "xml") ||
		mt == "application/x-www-form-urlencoded"
}
