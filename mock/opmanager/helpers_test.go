package opmanager_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
)

// env is one started mock serving OpManager, with a manual clock.
type env struct {
	t      *testing.T
	srv    *mock.Server
	clock  *mocktest.Clock
	keys   map[string]string // seeded key name -> value
	client *http.Client      // validates every response against the spec
}

func newEnv(t *testing.T, opts ...mock.Option) *env {
	t.Helper()
	clock := mocktest.NewClock(time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC))
	srv := mocktest.Start(t, append([]mock.Option{mock.WithProducts("opmanager"), mock.WithClock(clock.Now)}, opts...)...)
	e := &env{t: t, srv: srv, clock: clock, keys: map[string]string{}, client: mocktest.Client(t, srv)}
	for _, k := range srv.Credentials().OpManager {
		e.keys[k.Name] = k.APIKey
	}
	return e
}

// Where a request carries its key.
type keyIn int

const (
	inHeader keyIn = iota
	inQuery
	inForm
	noKey
)

// req is one API request: params go in the query for GET, in a form body
// for POST, or as multipart fields when file is set.
type req struct {
	method, api string // api: path under /api/json/
	key         string
	keyIn       keyIn
	headerName  string // default "apiKey"
	params      url.Values
	file        []byte // multipart part "file"
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (e *env) do(r req) resp {
	e.t.Helper()
	u := e.srv.URL() + "/api/json/" + r.api
	params := url.Values{}
	for k, v := range r.params {
		params[k] = v
	}
	if r.keyIn == inQuery {
		u += "?apiKey=" + url.QueryEscape(r.key)
	}
	if r.keyIn == inForm {
		params.Set("apiKey", r.key)
	}
	var body io.Reader
	contentType := ""
	switch {
	case r.file != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, vs := range params {
			for _, v := range vs {
				require.NoError(e.t, mw.WriteField(k, v))
			}
		}
		fw, err := mw.CreateFormFile("file", "upload.csv")
		require.NoError(e.t, err)
		_, _ = fw.Write(r.file)
		require.NoError(e.t, mw.Close())
		body, contentType = &buf, mw.FormDataContentType()
	case r.method == http.MethodGet && len(params) > 0:
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		u += sep + params.Encode()
	case len(params) > 0:
		body, contentType = strings.NewReader(params.Encode()), "application/x-www-form-urlencoded"
	}
	hr, err := http.NewRequest(r.method, u, body)
	require.NoError(e.t, err)
	if contentType != "" {
		hr.Header.Set("Content-Type", contentType)
	}
	if r.keyIn == inHeader {
		name := r.headerName
		if name == "" {
			name = "apiKey"
		}
		hr.Header[name] = []string{r.key} // as given: not canonicalized
	}
	res, err := e.client.Do(hr)
	require.NoError(e.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(e.t, err)
	return resp{status: res.StatusCode, header: res.Header, body: b}
}

// get and post send with the seeded All-access key in the header.
func (e *env) get(api string, params url.Values) resp {
	return e.do(req{method: http.MethodGet, api: api, key: e.keys["All access"], params: params})
}

func (e *env) post(api string, params url.Values) resp {
	return e.do(req{method: http.MethodPost, api: api, key: e.keys["All access"], params: params})
}

func (e *env) upload(api string, params url.Values, file string) resp {
	return e.do(req{method: http.MethodPost, api: api, key: e.keys["All access"], params: params, file: []byte(file)})
}

type errEnvelope struct {
	Error struct {
		Message   string `json:"message"`
		ErrorCode string `json:"errorcode"`
	} `json:"error"`
}

// errCode returns the envelope's errorcode ("" when the body is no error).
func errCode(t *testing.T, r resp) string {
	t.Helper()
	var env errEnvelope
	_ = json.Unmarshal(r.body, &env)
	return env.Error.ErrorCode
}

func decode[T any](t *testing.T, r resp) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(r.body, &v), "body: %s", r.body)
	return v
}

// control calls the OpManager control plane as user.
func (e *env) control(method, path, user string, body any) (int, []byte) {
	e.t.Helper()
	var b []byte
	if body != nil {
		var err error
		b, err = json.Marshal(body)
		require.NoError(e.t, err)
	}
	return e.controlAt(method, "/_opsmock/opmanager/"+path, user, b)
}

// serverControl calls the server's own control plane (/_opsmock/<path>).
func (e *env) serverControl(method, path string, body []byte) (int, []byte) {
	e.t.Helper()
	return e.controlAt(method, "/_opsmock/"+path, "", body)
}

func (e *env) controlAt(method, path, user string, body []byte) (int, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	hr, err := http.NewRequest(method, e.srv.URL()+path, rd)
	require.NoError(e.t, err)
	if user != "" {
		hr.Header.Set("X-Opsmock-User", user)
	}
	res, err := e.srv.Client().Do(hr)
	require.NoError(e.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(e.t, err)
	return res.StatusCode, b
}

type keyDoc struct {
	ID         int               `json:"id"`
	Name       string            `json:"name"`
	APIKey     string            `json:"apiKey"`
	AccessType string            `json:"accessType"`
	Modules    map[string]string `json:"modules"`
	Status     string            `json:"status"`
	CreatedBy  string            `json:"createdBy"`
}

// createKey creates a key as user through the control plane.
func (e *env) createKey(user string, body map[string]any) keyDoc {
	e.t.Helper()
	status, b := e.control(http.MethodPost, "apikeys", user, body)
	require.Equal(e.t, http.StatusCreated, status, "%s", b)
	var k keyDoc
	require.NoError(e.t, json.Unmarshal(b, &k))
	return k
}
