package fixturegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"

	"github.com/opsmock/opsmock/spec/contract"
)

// recorder sits just above the mock's transport and keeps the last
// exchange, bodies included: for a Digest request, the authorized one.
type recorder struct {
	next http.RoundTripper

	mu      sync.Mutex
	req     *http.Request
	reqBody []byte
	res     *http.Response
	resBody []byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	res, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	resBody, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return nil, err
	}
	res.Body = io.NopCloser(bytes.NewReader(resBody))
	r.mu.Lock()
	r.req, r.reqBody, r.res, r.resBody = req, body, res, resBody
	r.mu.Unlock()
	return res, nil
}

// Case is one request of a scenario and the status it must answer.
type Case struct {
	Op, Name    string
	Description string
	Doc         string
	Method      string
	Path        string // under the product's base path
	Query       url.Values
	JSON        any        // a JSON body
	Form        url.Values // a form body, or the fields beside File
	File        []byte     // a multipart file part, Form's fields (and Input) as further parts
	FileField   string     // the file part's name: "file" unless set
	FileName    string     // the file part's file name: "upload.csv" unless set
	Input       any        // PMP: INPUT_DATA's Details, in the query (GET, DELETE) or the body
	As          string     // the credential to send, named per product
	Seq         string     // the sequence the exchange is a step of, if any
	Status      int        // the answer it must get
}

// session drives one product's mock and collects its exchanges.
type session struct {
	product  string
	base     string // the spec's base path
	contract *contract.Contract
	rec      *recorder
	clients  map[string]*http.Client
	out      []Exchange
	// sequences collect the steps of the cases that name one, in order.
	sequences []Sequence
}

// sequenceAbout describes each multi-step sequence the scenarios record.
var sequenceAbout = map[string]string{
	"request-approve-checkout-checkin": "PMP §10, §11, §13, §15, §14: a user requests an access-controlled password, an administrator " +
		"approves, the user checks it out and in again.",
	"resource-account-password": "PMP §6, §8, §21, §7, §5, §4: create a resource, add an account, change its password, read the new one back.",
	"create-then-get-key":       "OM-CREATE, fact A6: the private key is shown in full once, at creation, and redacted on every later read.",
	"acknowledge-unacknowledge": "OPM-KEYS, fact B3: an alarm acknowledged and unacknowledged, listed in between.",
}

// do sends a case, checks its status, and keeps the exchange. It returns
// the decoded JSON answer, for later cases that use what it created.
func (s *session) do(c Case) (any, error) {
	client, ok := s.clients[c.As]
	if !ok {
		return nil, fmt.Errorf("%s %s: no credential %q", c.Op, c.Name, c.As)
	}
	u := "http://opsmock" + s.base + c.Path
	if strings.HasPrefix(c.Path, "/api/") { // PMP's PKI API, outside the REST base path
		u = "http://opsmock" + c.Path
	}
	c, err := withInput(c)
	if err != nil {
		return nil, err
	}
	if len(c.Query) > 0 {
		u += "?" + c.Query.Encode()
	}
	var body io.Reader
	contentType := ""
	switch {
	case c.File != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		_ = mw.SetBoundary("opsmock-fixture-boundary") // fixed, so the body repeats
		for _, k := range sortedKeys(c.Form) {
			for _, v := range c.Form[k] {
				_ = mw.WriteField(k, v)
			}
		}
		field, name := c.FileField, c.FileName
		if field == "" {
			field = "file"
		}
		if name == "" {
			name = "upload.csv"
		}
		fw, err := mw.CreateFormFile(field, name)
		if err != nil {
			return nil, err
		}
		_, _ = fw.Write(c.File)
		if err := mw.Close(); err != nil {
			return nil, err
		}
		body, contentType = &buf, mw.FormDataContentType()
	case c.JSON != nil:
		b, err := json.Marshal(c.JSON)
		if err != nil {
			return nil, err
		}
		body, contentType = bytes.NewReader(b), "application/json"
	case c.Input != nil:
		// PMP's own pattern: text/json with a urlencoded body (fact C3).
		body, contentType = strings.NewReader(c.Form.Encode()), "text/json"
	case c.Form != nil:
		body, contentType = strings.NewReader(c.Form.Encode()), "application/x-www-form-urlencoded"
	}
	req, err := http.NewRequest(c.Method, u, body)
	if err != nil {
		return nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", c.Op, c.Name, err)
	}
	res.Body.Close()
	if res.StatusCode != c.Status {
		return nil, fmt.Errorf("%s %s: the mock answered HTTP %d, the case expects %d: %s", c.Op, c.Name, res.StatusCode, c.Status, s.rec.resBody)
	}
	ex := s.exchange(c)
	s.out = append(s.out, ex)
	if c.Seq != "" {
		s.step(c.Seq, ex)
	}
	if v, ok := ex.Response.Body.(map[string]any); ok {
		return v, nil
	}
	return ex.Response.Body, nil
}

// step adds an exchange to the sequence it belongs to.
func (s *session) step(name string, ex Exchange) {
	for i := range s.sequences {
		if s.sequences[i].Name == name {
			s.sequences[i].Steps = append(s.sequences[i].Steps, ex)
			return
		}
	}
	s.sequences = append(s.sequences, Sequence{Product: s.product, Name: name, Description: sequenceAbout[name], Steps: []Exchange{ex}})
}

// lastBody is the last answer's body as text.
func (s *session) lastBody() string {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	return string(s.rec.resBody)
}

// withInput places a PMP case's INPUT_DATA where the vendor's samples
// put it: the query of a GET or DELETE, else the body (a multipart field
// beside a file).
func withInput(c Case) (Case, error) {
	if c.Input == nil {
		return c, nil
	}
	b, err := json.Marshal(map[string]any{"operation": map[string]any{"Details": c.Input}})
	if err != nil {
		return c, err
	}
	target := &c.Form
	if c.File == nil && (c.Method == http.MethodGet || c.Method == http.MethodDelete) {
		target = &c.Query
	}
	*target = cloneValues(*target)
	target.Set("INPUT_DATA", string(b))
	return c, nil
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// described fills a case's description and source from its operation in
// the spec when the case gives none.
func (s *session) described(c Case) Case {
	op, ok := s.contract.Operation(c.Op)
	if !ok {
		return c
	}
	if c.Description == "" {
		c.Description = op.Op.Summary + "."
	}
	if c.Doc == "" {
		switch v := op.Op.Extensions["x-doc"].(type) {
		case string:
			c.Doc = v
		default:
			if secs, ok := op.Op.Extensions["x-doc-sections"].([]any); ok {
				var parts []string
				for _, n := range secs {
					parts = append(parts, fmt.Sprintf("PMP §%v", n))
				}
				c.Doc = strings.Join(parts, ", ")
			}
		}
	}
	return c
}

func (s *session) exchange(c Case) Exchange {
	c = s.described(c)
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	req, res := s.rec.req, s.rec.res
	outcome := "success"
	if res.StatusCode >= 400 || failedEnvelope(s.rec.resBody) {
		outcome = "failure"
	}
	ex := Exchange{Product: s.product, OperationID: c.Op, Case: c.Name, Outcome: outcome, Description: c.Description, Doc: c.Doc,
		Request: Request{Method: req.Method, URL: req.URL.RequestURI(), Headers: headerMap(req.Header, keepRequestHeader),
			Body: string(s.rec.reqBody), InputData: inputData(req.URL, req.Header.Get("Content-Type"), s.rec.reqBody)}}
	if strings.HasPrefix(req.Header.Get("Content-Type"), "application/json") {
		var v any
		if json.Unmarshal(s.rec.reqBody, &v) == nil {
			ex.Request.JSON = v
		}
	}
	ex.Response.Status = res.StatusCode
	ex.Response.Headers = headerMap(res.Header, keepResponseHeader)
	ex.Response.MediaType, ex.Response.Body, ex.Response.BodyBase64 = decodeBody(res.Header.Get("Content-Type"), s.rec.resBody)
	return ex
}

// failedEnvelope says whether a 200 answer is a product's failure: PMP's
// Failed status, OpManager's error envelope (both answer failures with 200).
func failedEnvelope(b []byte) bool {
	var v struct {
		Operation *struct {
			Result struct{ Status string } `json:"result"`
		} `json:"operation"`
		Result *struct{ Status string } `json:"result"`
		Error  any                      `json:"error"`
	}
	if json.Unmarshal(b, &v) != nil {
		return false
	}
	switch {
	case v.Operation != nil:
		return !strings.EqualFold(v.Operation.Result.Status, "Success")
	case v.Result != nil && v.Result.Status != "":
		return !strings.EqualFold(v.Result.Status, "Success")
	}
	return v.Error != nil
}

func sortedKeys(v url.Values) []string {
	out := make([]string, 0, len(v))
	for k := range v {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
