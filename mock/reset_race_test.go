package mock

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mongodb-forks/digest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a log sink safe for the concurrent requests of one test.
type syncBuffer struct {
	mu  sync.Mutex // guards buf
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// raceCall is one request a worker repeats while resets run.
type raceCall struct {
	name   string
	client *http.Client
	method string
	path   string
	form   url.Values // sent urlencoded when set
	json   any        // sent as JSON when set
}

// pmpInput wraps Details in PMP's INPUT_DATA envelope.
func pmpInput(details map[string]any) url.Values {
	b, _ := json.Marshal(map[string]any{"operation": map[string]any{"Details": details}})
	return url.Values{"INPUT_DATA": {string(b)}}
}

// TestResetRacingRequests runs every product's reads and writes, PKI
// included (whose state is seeded on first use), against resets and seed
// changes: no answer may be an internal error and no handler may panic.
// A request pins the state it started with, so it sees the state before
// a reset or after it, never a mix.
func TestResetRacingRequests(t *testing.T) {
	logs := &syncBuffer{}
	s := newServer(t, WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	creds := s.Credentials()
	header := func(name, value string) *http.Client {
		return &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			r = r.Clone(r.Context())
			r.Header.Set(name, value)
			return s.Transport().RoundTrip(r)
		})}
	}
	pmpc := header("AUTHTOKEN", creds.PMP[0].AuthToken)
	opm := header("apiKey", creds.OpManager[0].APIKey)
	om := &http.Client{Transport: digest.NewTransportWithHTTPRoundTripper(creds.OpsManager[0].PublicKey, creds.OpsManager[0].PrivateKey, s.Transport())}

	calls := []raceCall{
		{name: "pmp resources", client: pmpc, method: http.MethodGet, path: "/restapi/json/v1/resources"},
		{name: "pmp accounts", client: pmpc, method: http.MethodGet, path: "/restapi/json/v1/resources/301/accounts"},
		{name: "pmp create resource", client: pmpc, method: http.MethodPost, path: "/restapi/json/v1/resources",
			form: pmpInput(map[string]any{"RESOURCENAME": "race", "ACCOUNTNAME": "root", "RESOURCETYPE": "Linux", "PASSWORD": "Test123#@!"})},
		{name: "pki ssh keys", client: pmpc, method: http.MethodGet, path: "/api/pki/restapi/getAllSSHKeys"},
		{name: "pki ssh key", client: pmpc, method: http.MethodGet, path: "/api/pki/restapi/getSSHKey?" + pmpInput(map[string]any{"keyName": "testkey"}).Encode()},
		{name: "pki certificates", client: pmpc, method: http.MethodGet, path: "/api/pki/restapi/getAllSSLCertificates"},
		{name: "pki delete key", client: pmpc, method: http.MethodDelete,
			path: "/api/pki/restapi/deleteSSHKey?" + pmpInput(map[string]any{"key_name": "testkey1"}).Encode()},
		{name: "opsmanager list", client: om, method: http.MethodGet, path: "/api/public/v1.0/admin/apiKeys?itemsPerPage=5"},
		{name: "opsmanager create", client: om, method: http.MethodPost, path: "/api/public/v1.0/admin/apiKeys",
			json: map[string]any{"desc": "race", "roles": []string{"GLOBAL_READ_ONLY"}}},
		{name: "opmanager alarms", client: opm, method: http.MethodGet, path: "/api/json/alarm/listAlarms"},
		{name: "opmanager devices", client: opm, method: http.MethodGet, path: "/api/json/device/listDevices"},
		{name: "opmanager acknowledge", client: opm, method: http.MethodPost, path: "/api/json/alarm/acknowledgeAlarm",
			form: url.Values{"entity": {"none_CPU"}}},
	}

	var (
		stop     atomic.Bool
		wg       sync.WaitGroup
		answered atomic.Int64
		mu       sync.Mutex // guards bad
		bad      []string
	)
	for _, c := range calls {
		wg.Go(func() {
			for !stop.Load() {
				status, body := send(t, c)
				answered.Add(1)
				if status >= 500 || strings.Contains(body, "Internal error") || strings.Contains(body, "UNEXPECTED_ERROR") {
					mu.Lock()
					bad = append(bad, c.name+": "+body)
					mu.Unlock()
				}
			}
		})
	}
	reset := s.InProcessClient()
	for i := range 60 {
		seed := DefaultSeed
		if i%10 == 9 {
			seed = uint64(i) // a seed change: old credentials stop working, nothing breaks
		}
		res, err := reset.Post("http://x/_opsmock/reset?seed="+itoa(seed), "", nil)
		require.NoError(t, err)
		res.Body.Close()
		if i%10 == 9 {
			s.ResetSeed(DefaultSeed)
		}
	}
	stop.Store(true)
	wg.Wait()

	assert.Greater(t, answered.Load(), int64(len(calls)), "the workers ran")
	assert.Empty(t, bad, "internal errors in answers")
	for _, line := range strings.Split(logs.String(), "\n") {
		assert.NotContains(t, line, "panic", "a handler panicked")
	}
}

func send(t *testing.T, c raceCall) (int, string) {
	var body io.Reader
	req, err := http.NewRequest(c.method, "http://x"+c.path, nil)
	require.NoError(t, err)
	switch {
	case c.form != nil:
		body = strings.NewReader(c.form.Encode())
		req, _ = http.NewRequest(c.method, "http://x"+c.path, body)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	case c.json != nil:
		b, _ := json.Marshal(c.json)
		req, _ = http.NewRequest(c.method, "http://x"+c.path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func itoa(n uint64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
