// Package fixturegen records the mock's answers as fixture files: for every
// operation of every spec, a successful exchange and one for each documented
// failure, made by driving the in-process mock with a fixed clock, seed and
// nonces so the same seed gives the same bytes.
package fixturegen

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/opsmock/opsmock/fixtures"
)

// The file schema is the fixtures package's, so reader and writer agree.
type (
	Exchange   = fixtures.Exchange
	Request    = fixtures.Request
	Response   = fixtures.Response
	IndexEntry = fixtures.IndexEntry
	Sequence   = fixtures.Sequence
)

// headerMap keeps a header map small and stable: one value per name, in
// canonical form.
func headerMap(h http.Header, keep func(string) bool) map[string]string {
	out := map[string]string{}
	for name, vs := range h {
		if len(vs) > 0 && keep(name) {
			out[http.CanonicalHeaderKey(name)] = strings.Join(vs, ", ")
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// volatile headers say when, not what: a fixture leaves them out.
var volatile = map[string]bool{"Date": true}

func keepResponseHeader(name string) bool { return !volatile[http.CanonicalHeaderKey(name)] }

func keepRequestHeader(name string) bool {
	switch http.CanonicalHeaderKey(name) {
	case "Accept-Encoding", "User-Agent", "Content-Length":
		return false
	}
	return true
}

// decodeBody reads an answer's body the way a reader wants it: JSON
// decoded, text as text, anything else base64.
func decodeBody(contentType string, b []byte) (mediaType string, body any, b64 string) {
	mediaType, _, _ = mime.ParseMediaType(contentType)
	switch {
	case len(b) == 0:
		return mediaType, nil, ""
	case strings.Contains(mediaType, "json"):
		var v any
		if json.Unmarshal(b, &v) == nil {
			return mediaType, v, ""
		}
	case strings.HasPrefix(mediaType, "text/"), mediaType == "application/x-pem-file":
		return mediaType, string(b), ""
	}
	return mediaType, nil, base64.StdEncoding.EncodeToString(b)
}

// inputData finds INPUT_DATA in a query, a form body or a multipart field,
// and decodes it.
func inputData(u *url.URL, contentType string, body []byte) any {
	raw := u.Query().Get("INPUT_DATA")
	form := strings.HasPrefix(contentType, "application/x-www-form-urlencoded") || strings.HasPrefix(contentType, "text/json")
	if raw == "" && form {
		if form, err := url.ParseQuery(string(body)); err == nil {
			raw = form.Get("INPUT_DATA")
		}
	}
	if mt, params, err := mime.ParseMediaType(contentType); raw == "" && err == nil && mt == "multipart/form-data" {
		if form, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).ReadForm(1 << 20); err == nil {
			if vs := form.Value["INPUT_DATA"]; len(vs) > 0 {
				raw = vs[0]
			}
		}
	}
	if raw == "" {
		return nil
	}
	var v any
	if json.Unmarshal([]byte(raw), &v) != nil {
		return raw
	}
	return v
}

func sortIndex(entries []IndexEntry) {
	sort.Slice(entries, func(i, j int) bool { return entries[i].File < entries[j].File })
}

func base64Decode(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
