package pmp

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"

	"github.com/gavv/httpexpect/v2"

	"github.com/opsmock/opsmock/conformance/check"
)

// Prefix names everything a write check creates.
const Prefix = "opsmock-conformance"

func decodeJSON(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }

// result is {status, message}.
type result struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

// envelope reads both APIs' answers: REST's operation wrapper (fact C2) and
// PKI's top-level one (§25-§76).
type envelope struct {
	Operation *struct {
		Name      string          `json:"name"`
		Result    *result         `json:"result"`
		TotalRows *int            `json:"totalRows"`
		Details   json.RawMessage `json:"Details"`
	} `json:"operation"`
	Name      string          `json:"name"`
	Result    *result         `json:"result"`
	TotalRows *int            `json:"totalRows"`
	Details   json.RawMessage `json:"details"`
}

func (e envelope) ok() bool {
	if e.Operation != nil {
		return e.Operation.Result != nil && e.Operation.Result.Status == "Success"
	}
	return e.Result != nil && strings.EqualFold(e.Result.Status, "Success")
}

func (e envelope) message() string {
	switch {
	case e.Operation != nil && e.Operation.Result != nil:
		return e.Operation.Result.Message
	case e.Result != nil:
		return e.Result.Message
	}
	return ""
}

func (e envelope) details() json.RawMessage {
	if e.Operation != nil {
		return e.Operation.Details
	}
	return e.Details
}

// send makes one request as who; input is INPUT_DATA's Details, sent in
// the query for GET and DELETE and as a form field otherwise (fact C3); query
// holds further parameters as name, value pairs.
func send(t *check.T, who check.Who, method, path string, input any, query ...string) (*httpexpect.Response, envelope) {
	req := t.Expect(who).Request(method, path)
	for i := 0; i+1 < len(query); i += 2 {
		req = req.WithQuery(query[i], query[i+1])
	}
	if input != nil {
		b, err := json.Marshal(map[string]any{"operation": map[string]any{"Details": input}})
		if err != nil {
			t.Fatalf("encode INPUT_DATA: %v", err)
		}
		if method == http.MethodGet || method == http.MethodDelete {
			req = req.WithQuery("INPUT_DATA", string(b))
		} else {
			req = req.WithFormField("INPUT_DATA", string(b))
		}
	}
	r := req.Expect()
	var e envelope
	_ = json.Unmarshal([]byte(r.Body().Raw()), &e)
	return r, e
}

// must sends and requires HTTP 200 with Success; the check ends otherwise.
func must(t *check.T, who check.Who, method, path string, input any, query ...string) envelope {
	r, e := send(t, who, method, path, input, query...)
	r.Status(http.StatusOK)
	if !e.ok() {
		t.Failf(r.Raw(), "%s %s did not succeed: %s", method, path, e.message())
		t.Fatalf("cannot go on")
	}
	return e
}

// rows decodes an envelope's details as a list of rows.
func rows(t *check.T, e envelope) []map[string]any {
	var out []map[string]any
	if err := json.Unmarshal(e.details(), &out); err != nil {
		t.Fatalf("details is not a list of rows: %v", err)
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
