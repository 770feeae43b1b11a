package pmp_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
	"github.com/opsmock/opsmock/spec"
)

const api = "/restapi/json/v1"

// env is one started mock serving PMP, with a manual clock.
type env struct {
	t      *testing.T
	srv    *mock.Server
	clock  *mocktest.Clock
	tokens map[string]string // seeded user -> token
	client *http.Client      // validates every response against the spec
}

func newEnv(t *testing.T, opts ...mock.Option) *env {
	t.Helper()
	clock := mocktest.NewClock(time.Date(2026, 6, 7, 8, 9, 10, 0, time.UTC))
	srv := mocktest.Start(t, append([]mock.Option{mock.WithProducts("pmp"), mock.WithClock(clock.Now)}, opts...)...)
	e := &env{t: t, srv: srv, clock: clock, tokens: map[string]string{}, client: mocktest.Client(t, srv)}
	for _, c := range srv.Credentials().PMP {
		e.tokens[c.User] = c.AuthToken
	}
	require.NotEmpty(t, e.tokens["admin"])
	return e
}

// Where the token goes.
type tokenIn int

const (
	tokenHeader tokenIn = iota
	tokenQuery
	tokenApp // APP_AUTHTOKEN + APP_NAME
	tokenNone
)

// Where INPUT_DATA goes.
type inputIn int

const (
	inputAuto inputIn = iota // query for GET/DELETE, text/json urlencoded body otherwise
	inputQuery
	inputForm      // application/x-www-form-urlencoded
	inputMultipart // a multipart part
)

type req struct {
	method, path string // path under /restapi/json/v1, or from the root when it starts with /api/
	as           string // seeded user name; "" means admin
	token        string // overrides as
	tokenIn      tokenIn
	input        any // Details map (wrapped), or a raw string sent as is
	inputIn      inputIn
	params       url.Values
	file         []byte // a multipart file part
	fileName     string
	fileField    string // the part's name: "file" unless set (the PKI samples say "File")
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

// envelope is the operation envelope as tests read it.
type envelope struct {
	Operation struct {
		Name          string `json:"name"`
		OperationName string `json:"operationName"`
		Result        struct {
			Status     string `json:"status"`
			Message    string `json:"message"`
			StatusCode int    `json:"statusCode"`
		} `json:"result"`
		TotalRows *int            `json:"totalRows"`
		Details   json.RawMessage `json:"Details"`
	} `json:"operation"`
}

func (e *env) do(r req) resp {
	e.t.Helper()
	return e.send(r, e.client)
}

// send builds and sends r with client.
func (e *env) send(r req, client *http.Client) resp {
	e.t.Helper()
	tok := r.token
	if tok == "" {
		as := r.as
		if as == "" {
			as = "admin"
		}
		tok = e.tokens[as]
	}
	q := url.Values{}
	for k, v := range r.params {
		q[k] = v
	}
	input := ""
	switch in := r.input.(type) {
	case nil:
	case string:
		input = in
	default:
		b, err := json.Marshal(map[string]any{"operation": map[string]any{"Details": in}})
		require.NoError(e.t, err)
		input = string(b)
	}
	where := r.inputIn
	if where == inputAuto {
		where = inputForm
		if r.method == http.MethodGet || r.method == http.MethodDelete {
			where = inputQuery
		}
		if r.file != nil {
			where = inputMultipart
		}
	}
	switch r.tokenIn {
	case tokenQuery:
		q.Set("AUTHTOKEN", tok)
	case tokenApp:
		q.Set("APP_AUTHTOKEN", tok)
		q.Set("APP_NAME", "opsmock-test")
	}
	var body io.Reader
	contentType := ""
	switch {
	case where == inputMultipart:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		if input != "" {
			require.NoError(e.t, mw.WriteField("INPUT_DATA", input))
		}
		if r.file != nil {
			field := r.fileField
			if field == "" {
				field = "file"
			}
			fw, err := mw.CreateFormFile(field, r.fileName)
			require.NoError(e.t, err)
			_, _ = fw.Write(r.file)
		}
		require.NoError(e.t, mw.Close())
		body, contentType = &buf, mw.FormDataContentType()
	case where == inputForm && input != "":
		// The document's own pattern: text/json with a urlencoded body (fact C3).
		body, contentType = strings.NewReader(url.Values{"INPUT_DATA": {input}}.Encode()), "text/json"
	case input != "":
		q.Set("INPUT_DATA", input)
	}
	u := e.srv.URL() + api + r.path
	if strings.HasPrefix(r.path, "/api/") {
		u = e.srv.URL() + r.path
	}
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	hr, err := http.NewRequest(r.method, u, body)
	require.NoError(e.t, err)
	if contentType != "" {
		hr.Header.Set("Content-Type", contentType)
	}
	if r.tokenIn == tokenHeader {
		hr.Header.Set("AUTHTOKEN", tok)
	}
	res, err := client.Do(hr)
	require.NoError(e.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(e.t, err)
	return resp{status: res.StatusCode, header: res.Header, body: b}
}

func (e *env) env(r resp) envelope {
	e.t.Helper()
	require.Equal(e.t, http.StatusOK, r.status, "%s", r.body)
	var v envelope
	require.NoError(e.t, json.Unmarshal(r.body, &v), "body: %s", r.body)
	return v
}

// ok requires Success and returns the envelope.
func (e *env) ok(r req) envelope {
	e.t.Helper()
	v := e.env(e.do(r))
	require.Equal(e.t, "Success", v.Operation.Result.Status, "%s %s: %s", r.method, r.path, v.Operation.Result.Message)
	return v
}

// fails requires Failed and returns the message.
func (e *env) fails(r req) string {
	e.t.Helper()
	v := e.env(e.do(r))
	require.Equal(e.t, "Failed", v.Operation.Result.Status, "%s %s should fail", r.method, r.path)
	return v.Operation.Result.Message
}

func details[T any](t *testing.T, v envelope) T {
	t.Helper()
	var out T
	require.NoError(t, json.Unmarshal(v.Operation.Details, &out), "Details: %s", v.Operation.Details)
	return out
}

// get, post, put, del are ok() shorthands as admin.
func (e *env) get(path string, input any) envelope {
	return e.ok(req{method: http.MethodGet, path: path, input: input})
}

// resourceNames lists the names user sees.
func (e *env) resourceNames(user string) []string {
	e.t.Helper()
	v := e.ok(req{method: http.MethodGet, path: "/resources", as: user})
	var names []string
	for _, r := range details[[]map[string]string](e.t, v) {
		names = append(names, r["RESOURCE NAME"])
	}
	return names
}

// specOperations lists, sorted, the operationIds of spec/pmp.yaml under a
// path prefix: what an every-operation table must name.
func specOperations(t *testing.T, prefix string) []string {
	t.Helper()
	doc, err := spec.Load(spec.PMP)
	require.NoError(t, err)
	var out []string
	for _, op := range spec.Operations(spec.PMP, doc) {
		if strings.HasPrefix(op.Path, prefix) {
			out = append(out, op.OperationID)
		}
	}
	sort.Strings(out)
	return out
}
