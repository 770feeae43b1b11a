package pmp

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// inputParam carries the operation's JSON input (seed "How to make use of
// the APIs?").
const inputParam = "INPUT_DATA"

// readParams gathers the request's parameters: the query, then a multipart
// body's fields, or a urlencoded body whatever its Content-Type claims
// (`-H "Content-Type: text/json" --data-urlencode INPUT_DATA=...` is the
// document's own pattern, fact C3). File parts come back apart.
func readParams(r *http.Request, body []byte) (url.Values, map[string]*storedFile) {
	values := r.URL.Query()
	files := map[string]*storedFile{}
	if len(body) == 0 {
		return values, files
	}
	if mt, mp, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err == nil && mt == "multipart/form-data" {
		mr := multipart.NewReader(bytes.NewReader(body), mp["boundary"])
		for {
			part, err := mr.NextPart()
			if err != nil {
				break // EOF or a broken body: keep what was read
			}
			data, err := io.ReadAll(part)
			if err != nil {
				break
			}
			if part.FileName() != "" {
				files[part.FormName()] = &storedFile{Name: part.FileName(), Contents: data}
			} else {
				values.Add(part.FormName(), string(data))
			}
		}
		return values, files
	}
	if form, err := url.ParseQuery(string(body)); err == nil {
		for k, vs := range form {
			values[k] = append(values[k], vs...)
		}
	}
	return values, files
}

// credentialParams are never operation parameters: they stay out of what
// the spec validates.
var credentialParams = []string{"AUTHTOKEN", "APP_AUTHTOKEN", "APP_NAME"}

// validationRequest is r with the merged parameters as its query. Only a
// multipart body is kept: it is the one body the spec describes (§6 files).
func validationRequest(r *http.Request, values url.Values, body []byte) *http.Request {
	q := url.Values{}
	for k, vs := range values {
		q[k] = vs
	}
	for _, k := range credentialParams {
		q.Del(k)
	}
	vr := r.Clone(r.Context())
	vr.URL.RawQuery = q.Encode()
	vr.Body, vr.ContentLength = http.NoBody, 0
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		vr.Body, vr.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	} else {
		vr.Header = vr.Header.Clone()
		vr.Header.Del("Content-Type")
	}
	return vr
}

// inputDetails decodes INPUT_DATA's Details (or details, §86-§88). The spec
// has validated it, so a failure here means it was absent.
func inputDetails(values url.Values) map[string]any {
	raw := values.Get(inputParam)
	if raw == "" {
		return map[string]any{}
	}
	var in struct {
		Operation map[string]map[string]any `json:"operation"`
	}
	if err := json.Unmarshal([]byte(raw), &in); err != nil {
		return map[string]any{}
	}
	if d, ok := in.Operation["Details"]; ok && d != nil {
		return d
	}
	if d, ok := in.Operation["details"]; ok && d != nil {
		return d
	}
	return map[string]any{}
}

// call is one authenticated, authorized, validated request.
type call struct {
	r      *http.Request
	p      *Product
	store  *store // the state pinned when the request arrived
	user   user   // the caller, as it was when the request arrived
	values url.Values
	files  map[string]*storedFile
	input  map[string]any
	path   map[string]string
	ip     string
	now    time.Time
}

// param is a query or form parameter, trimmed.
func (c *call) param(name string) string { return strings.TrimSpace(c.values.Get(name)) }

// pathID is a numeric path parameter; 0 when it is not a number.
func (c *call) pathID(name string) int {
	n, _ := strconv.Atoi(c.path[name])
	return n
}

// has says whether INPUT_DATA names the field.
func (c *call) has(key string) bool { _, ok := c.input[key]; return ok }

// in reads an INPUT_DATA field as text: the document sends strings, numbers and
// booleans for the same fields.
func (c *call) in(key string) string { return scalarText(c.input[key]) }

func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// inBool reads true/false given as a boolean or a string.
func (c *call) inBool(key string) bool { return strings.EqualFold(c.in(key), "true") }

// inIDs reads a list of IDs given as strings or numbers; ok is false when
// an item is not a positive whole number.
func (c *call) inIDs(key string) ([]int, bool) {
	raw, _ := c.input[key].([]any)
	out := make([]int, 0, len(raw))
	for _, v := range raw {
		n, err := strconv.Atoi(scalarText(v))
		if err != nil || n <= 0 {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// inObjects reads a list of objects (ACCOUNTLIST, custom fields).
func (c *call) inObjects(key string) []map[string]any {
	return objects(c.input[key])
}

func objects(v any) []map[string]any {
	raw, _ := v.([]any)
	out := make([]map[string]any, 0, len(raw))
	for _, item := range raw {
		if m, ok := item.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// upload is the file part of a multipart request: "File" in the PKI
// samples (§38, §51), "file" in §6; any case.
func (c *call) upload() *storedFile {
	for name, f := range c.files {
		if strings.EqualFold(name, "file") {
			return f
		}
	}
	return nil
}
