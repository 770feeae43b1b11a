package drift

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strconv"
)

// jsonBody decodes a JSON answer; ok is false for anything else.
func (res *Response) jsonBody() (any, bool) {
	mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if mt != "application/json" || len(res.Body) == 0 {
		return nil, false
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(res.Body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	return v, true
}

// jacksonKey finds the "key": of an indented line, to space its colon the
// way Ops Manager's pretty printer does ("key" : value, fact A1).
var jacksonKey = regexp.MustCompile(`(?m)^(\s*"(?:[^"\\]|\\.)*"): `)

// setJSON replaces the body: compact, or indented with "key" : value lines
// if it was pretty-printed, so a drift changes content, not layout.
func (res *Response) setJSON(v any) {
	pretty := bytes.Contains(res.Body, []byte("\n"))
	b, err := json.Marshal(v)
	if pretty {
		b, err = json.MarshalIndent(v, "", "  ")
		b = jacksonKey.ReplaceAll(b, []byte("$1 : "))
	}
	if err != nil {
		return
	}
	res.Body = b
	res.Header.Set("Content-Length", strconv.Itoa(len(b)))
}

// object rewrites a JSON-object answer in place with f.
func (res *Response) object(_ *http.Request, f func(map[string]any)) {
	v, ok := res.jsonBody()
	m, isObj := v.(map[string]any)
	if !ok || !isObj {
		return
	}
	f(m)
	res.setJSON(m)
}

func newBody(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }
