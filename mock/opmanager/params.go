package opmanager

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// apiKeyParam is the parameter (and header) carrying the key (OPM-KEYS).
const apiKeyParam = "apiKey"

// readParams collects the request's parameters the way a servlet's
// getParameter sees them: the query string, then form fields of a
// urlencoded or multipart body. File parts are returned apart.
func readParams(r *http.Request, body []byte) (url.Values, map[string][]byte, error) {
	values := r.URL.Query()
	files := map[string][]byte{}
	if len(body) == 0 {
		return values, files, nil
	}
	mt, mp, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return values, files, nil // not a form: the body carries no parameters
	}
	switch mt {
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			return values, files, errors.New("the form body is not valid application/x-www-form-urlencoded")
		}
		for k, vs := range form {
			values[k] = append(values[k], vs...)
		}
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), mp["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return values, files, errors.New("the multipart body could not be read")
			}
			data, err := io.ReadAll(part)
			if err != nil {
				return values, files, errors.New("the multipart body could not be read")
			}
			if part.FileName() != "" {
				files[part.FormName()] = data
			} else {
				values.Add(part.FormName(), string(data))
			}
		}
	}
	return values, files, nil
}

// xssMarkers are inputs OpManager's security filter refuses (fact B1 XSS_DETECTED).
var xssMarkers = []string{"<script", "javascript:", "onerror=", "onload=", "<iframe"}

// checkXSS refuses any parameter carrying markup that could run in a browser.
func checkXSS(values url.Values) *apiError {
	for name, vs := range values {
		for _, v := range vs {
			lv := strings.ToLower(v)
			for _, m := range xssMarkers {
				if strings.Contains(lv, m) {
					return errXSS(name)
				}
			}
		}
	}
	return nil
}

// validationRequest is r with the merged parameters as its query, so the
// spec's query parameters validate whichever way they were sent. The key is
// left out: it is not an operation parameter.
func validationRequest(r *http.Request, values url.Values, body []byte) *http.Request {
	q := url.Values{}
	for k, vs := range values {
		if k != apiKeyParam {
			q[k] = vs
		}
	}
	vr := r.Clone(r.Context())
	vr.URL.RawQuery = q.Encode()
	vr.Body = io.NopCloser(bytes.NewReader(body))
	vr.ContentLength = int64(len(body))
	return vr
}

// call is one authenticated, authorized, validated request.
type call struct {
	r      *http.Request
	values url.Values
	files  map[string][]byte
	key    apiKey
	user   user
	p      *Product
	store  *store // the state pinned when the request arrived
	// memoKey names the request for its key, and version is the state
	// version it arrived at: where a pure read keeps its answer.
	memoKey string
	version uint64
}

func (c *call) str(name string) string { return strings.TrimSpace(c.values.Get(name)) }

// has says whether the parameter was sent (even empty).
func (c *call) has(name string) bool { _, ok := c.values[name]; return ok }

// num reads an integer parameter the spec already validated; def when absent.
func (c *call) num(name string, def int) int {
	if n, err := strconv.Atoi(c.str(name)); err == nil {
		return n
	}
	return def
}

// list splits a comma-separated parameter, dropping empty items.
func (c *call) list(name string) []string {
	var out []string
	for _, s := range strings.Split(c.values.Get(name), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
