package mock

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustFault(t *testing.T, spec string) Fault {
	t.Helper()
	f, err := ParseFault(spec)
	require.NoError(t, err)
	return f
}

// TestFaultKinds: each kind as a client over a socket sees it, and as the
// in-process transport gives it; the journal marks each.
func TestFaultKinds(t *testing.T) {
	cases := []struct {
		spec  string
		check func(t *testing.T, res *http.Response, err error, body string, bodyErr error)
	}{
		{"status@opsmanager,status=503", func(t *testing.T, res *http.Response, err error, body string, _ error) {
			require.NoError(t, err)
			assert.Equal(t, http.StatusServiceUnavailable, res.StatusCode)
			assert.Contains(t, body, `"errorCode":"UNEXPECTED_ERROR"`, "in the product's own error shape")
		}},
		{"ratelimit@opsmanager", func(t *testing.T, res *http.Response, err error, body string, _ error) {
			require.NoError(t, err)
			assert.Equal(t, http.StatusTooManyRequests, res.StatusCode)
			assert.Equal(t, "1", res.Header.Get("Retry-After"))
			assert.Contains(t, body, `"errorCode":"RATE_LIMITED"`, "Ops Manager's own throttling answer (fact A2)")
		}},
		{"reset", func(t *testing.T, _ *http.Response, err error, _ string, _ error) {
			require.Error(t, err)
			assert.True(t, errors.Is(err, syscall.ECONNRESET) || strings.Contains(err.Error(), "connection reset"), "%v", err)
		}},
		{"empty", func(t *testing.T, _ *http.Response, err error, _ string, _ error) {
			require.Error(t, err)
			assert.True(t, errors.Is(err, io.EOF) || strings.Contains(err.Error(), "EOF"), "%v", err)
		}},
		{"truncate", func(t *testing.T, res *http.Response, err error, body string, bodyErr error) {
			require.NoError(t, err)
			assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
			require.Error(t, bodyErr, "the body ends before its Content-Length")
			assert.True(t, errors.Is(bodyErr, io.ErrUnexpectedEOF), "%v", bodyErr)
			assert.Less(t, len(body), int(res.ContentLength))
		}},
	}
	for _, c := range cases {
		for _, network := range []bool{true, false} {
			name := c.spec + map[bool]string{true: " over a socket", false: " in process"}[network]
			t.Run(name, func(t *testing.T) {
				s := newServer(t, WithFaults(mustFault(t, c.spec)))
				client := s.InProcessClient()
				base := "http://opsmock"
				if network {
					require.NoError(t, s.Start())
					client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
					base = s.URL()
				}
				res, err := client.Get(base + "/api/public/v1.0/admin/apiKeys")
				var body []byte
				var bodyErr error
				if err == nil {
					body, bodyErr = io.ReadAll(res.Body)
					res.Body.Close()
				}
				c.check(t, res, err, string(body), bodyErr)
				var entries []JournalEntry
				// Over a socket the client may see the dropped connection
				// before the server's handler has returned.
				require.Eventually(t, func() bool {
					entries, _ = s.Journal(JournalFilter{})
					return len(entries) == 1
				}, 5*time.Second, 5*time.Millisecond)
				assert.Contains(t, entries[0].Fault, strings.SplitN(strings.SplitN(c.spec, "@", 2)[0], ",", 2)[0])
				assert.Equal(t, OutcomeFailed, entries[0].Outcome)
			})
		}
	}
}

func TestFaultLatency(t *testing.T) {
	s := newServer(t, WithFaults(mustFault(t, "latency@pmp,delay=60ms")))
	start := time.Now()
	rec := get(s, "/restapi/json/v1/resources")
	assert.GreaterOrEqual(t, time.Since(start), 60*time.Millisecond)
	assert.Contains(t, rec.Body.String(), "Authentication", "then the product answers as usual")
	entries, _ := s.Journal(JournalFilter{})
	assert.Equal(t, "latency 60ms (fault 1)", entries[0].Fault)
	start = time.Now()
	get(s, "/api/json/device/listDevices") // another product: no delay
	assert.Less(t, time.Since(start), 60*time.Millisecond)
}

// TestFaultScopeCountProbability: a fault acts only on its product and
// operation, only as many times as its count, on a seeded share of calls.
func TestFaultScopeCountProbability(t *testing.T) {
	s := newServer(t, WithFaults(mustFault(t, "status@opmanager/listDevices,status=500,count=2")))
	key := s.Credentials().OpManager[0].APIKey
	codes := func(path string, n int) []int {
		var out []int
		for range n {
			out = append(out, get(s, path, "apiKey", key).Code)
		}
		return out
	}
	assert.Equal(t, []int{200, 200}, codes("/api/json/alarm/listAlarms", 2), "another operation")
	assert.Equal(t, []int{500, 500, 200}, codes("/api/json/device/listDevices", 3), "the next 2 calls")
	assert.Empty(t, s.Faults(), "a spent fault is gone")

	run := func() int {
		s := newServer(t, WithFaults(mustFault(t, "status@opmanager,status=503,p=0.3")))
		n := 0
		for range 200 {
			if get(s, "/api/json/alarm/listAlarms", "apiKey", key).Code == 503 {
				n++
			}
		}
		return n
	}
	n := run()
	assert.InDelta(t, 60, n, 30, "about 30%% of 200")
	assert.Equal(t, n, run(), "the same seed, the same calls hit")

	s = newServer(t, WithFaults(mustFault(t, "ratelimit@opmanager/listAlarms,limit=2,window=1m")))
	assert.Equal(t, []int{200, 200, 429, 429}, codes("/api/json/alarm/listAlarms", 4))
	rec := get(s, "/api/json/alarm/listAlarms", "apiKey", key)
	retry, err := strconv.Atoi(rec.Header().Get("Retry-After"))
	require.NoError(t, err)
	assert.True(t, retry > 0 && retry <= 60, "the rest of the window: %d", retry)
	assert.Contains(t, rec.Body.String(), "RATE_LIMIT_EXCEEDED")
}

func TestFaultsControlPlane(t *testing.T) {
	s := newServer(t)
	call := func(method, target, body string) (int, map[string]any) {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(method, target, strings.NewReader(body)))
		var v map[string]any
		_ = json.Unmarshal(rec.Body.Bytes(), &v)
		return rec.Code, v
	}
	code, v := call("POST", "/_opsmock/faults", `{"spec":"status@pmp,status=502"}`)
	require.Equal(t, http.StatusCreated, code, "%v", v)
	assert.Equal(t, "1", v["id"])
	code, _ = call("POST", "/_opsmock/faults", `{"kind":"latency","product":"opsmanager","delay":"10ms"}`)
	require.Equal(t, http.StatusCreated, code)
	assert.Equal(t, 502, get(s, "/restapi/json/v1/resources").Code)
	code, v = call("GET", "/_opsmock/faults", "")
	require.Equal(t, http.StatusOK, code)
	faults := v["faults"].([]any)
	require.Len(t, faults, 2)
	assert.Equal(t, float64(1), faults[0].(map[string]any)["fired"])

	for _, bad := range []string{`{"kind":"explode"}`, `{"spec":"latency"}`, `{"kind":"status","status":200}`,
		`{"kind":"status","product":"jira"}`, `{"spec":"status,p=2"}`, `{"kind":"status","colour":"red"}`, `not json`} {
		code, v = call("POST", "/_opsmock/faults", bad)
		assert.Equal(t, http.StatusBadRequest, code, bad)
		assert.NotEmpty(t, v["error"], bad)
	}
	code, v = call("PUT", "/_opsmock/faults", `{"faults":[{"kind":"reset"},{"kind":"nope"}]}`)
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, v["error"], "fault 2")
	assert.Len(t, s.Faults(), 2, "a bad request changes nothing")

	code, _ = call("DELETE", "/_opsmock/faults/1", "")
	assert.Equal(t, http.StatusOK, code)
	assert.Len(t, s.Faults(), 1)
	code, _ = call("DELETE", "/_opsmock/faults/1", "")
	assert.Equal(t, http.StatusNotFound, code)
	code, _ = call("POST", "/_opsmock/reset", "")
	assert.Equal(t, http.StatusOK, code)
	assert.Empty(t, s.Faults(), "a reset clears the faults a test added")

	started := newServer(t, WithFaults(mustFault(t, "empty@pmp")))
	require.NoError(t, started.SetFaults())
	started.Reset()
	assert.Len(t, started.Faults(), 1, "a reset restores the faults given at start")
	_, err := New(WithFaults(Fault{Kind: "explode"}))
	assert.ErrorContains(t, err, `kind "explode"`)
}
