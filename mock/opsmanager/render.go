package opsmanager

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/opsmock/opsmock/mock/internal/memo"
)

const (
	contentTypeJSON = "application/json"
	// contentTypeAuthFailure is what the real digest filter sends with its 401 (fact A4).
	contentTypeAuthFailure = "application/json;charset=ISO-8859-1"
	// emulatedVersion is the Ops Manager version whose documentation the spec
	// follows (the v7.0 pages cited in A). Clients read it from the
	// X-MongoDB-Service-Version header (opsmngr Response.ServiceVersion).
	emulatedVersion     = "7.0.0"
	serviceVersionValue = "gitHash=opsmock; versionString=" + emulatedVersion
)

// result is what a handler returns: a status and a body (nil for none).
type result struct {
	status int
	body   any
}

// statusSetter is implemented by list pages: with envelope=true the status is
// added to the page itself rather than wrapping it (fact A5).
type statusSetter interface{ setStatus(int) }

// envelope wraps a single result for envelope=true (fact A5).
type envelope struct {
	Content any `json:"content"`
	Status  int `json:"status"`
}

// format holds the two presentation flags every operation takes. They are
// read leniently here (an invalid value means false) so that even the error
// for an invalid flag can be rendered; validation reports the invalid value.
type format struct {
	pretty, envelope bool
}

func formatOf(r *http.Request) format {
	q := r.URL.Query()
	pretty, _ := strconv.ParseBool(q.Get("pretty"))
	env, _ := strconv.ParseBool(q.Get("envelope"))
	return format{pretty: pretty, envelope: env}
}

// render writes a handler's result or error: the one place bodies are made.
func render(w http.ResponseWriter, f format, res result, err error) {
	if a, ok := res.body.(*memo.Answer); ok && err == nil {
		a.WriteTo(w) // a pure read's answer, rendered once (pure)
		return
	}
	if err != nil {
		ae, ok := err.(*apiError)
		if !ok {
			ae = errUnexpected()
		}
		res = result{status: ae.Status, body: ae.doc()}
	}
	if res.body == nil {
		w.Header().Set("X-MongoDB-Service-Version", serviceVersionValue)
		w.WriteHeader(res.status)
		return
	}
	body := res.body
	if f.envelope {
		if s, ok := body.(statusSetter); ok {
			s.setStatus(res.status)
		} else {
			body = envelope{Content: body, Status: res.status}
		}
	}
	writeJSON(w, res.status, contentTypeJSON, body, f.pretty)
}

// writeJSON encodes v without HTML escaping (Jackson does not escape <, >, &)
// and pretty-prints it Jackson-style when asked.
func writeJSON(w http.ResponseWriter, status int, contentType string, v any, pretty bool) {
	b := encodeJSON(v)
	if pretty {
		b = jacksonIndent(b)
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("X-MongoDB-Service-Version", serviceVersionValue)
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only our own types reach here; failing to encode them is a bug.
		panic("opsmanager: encode response: " + err.Error())
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
