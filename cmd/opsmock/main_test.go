package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/spec"
)

// syncBuffer is a bytes.Buffer safe to read while serve writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listeningRE = regexp.MustCompile(`listening on (http://\S+) \(seed (\d+)\)`)

// startServe runs `opsmock serve args...` until the test ends and returns its
// URL, seed and banner.
func startServe(t *testing.T, args ...string) (url, seed string, out *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0", "--log-level", "off"}, args...), out, out)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			assert.NoError(t, err)
			assert.Contains(t, out.String(), "shutting down")
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop after cancel")
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if m := listeningRE.FindStringSubmatch(out.String()); m != nil {
			// The banner goes on after the URL: wait until it is whole.
			for last, quiet := out.String(), 0; quiet < 10 && time.Now().Before(deadline); {
				time.Sleep(10 * time.Millisecond)
				if now := out.String(); now == last {
					quiet++
				} else {
					last, quiet = now, 0
				}
			}
			return m[1], m[2], out
		}
		select {
		case err := <-done:
			t.Fatalf("serve exited: %v\n%s", err, out.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no URL:\n%s", out.String())
	return "", "", nil
}

func TestServe(t *testing.T) {
	url, seed, out := startServe(t)
	assert.Equal(t, "1", seed)
	resp, err := http.Get(url + "/_opsmock/health")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	banner := out.String()
	assert.Contains(t, banner, "GLOBAL_OWNER")
	assert.Contains(t, banner, "GLOBAL_READ_ONLY")
	assert.Regexp(t, `try: curl --digest -u '[a-z]{8}:[0-9a-f-]{36}' '`+regexp.QuoteMeta(url)+`/api/public/v1\.0/admin/apiKeys\?pretty=true'`, banner)
	assert.Regexp(t, `try: curl -H 'apiKey: [0-9a-f]{32}' '`+regexp.QuoteMeta(url)+`/api/json/alarm/listAlarms'`, banner)
}

func TestServeFlagsFromEnvironment(t *testing.T) {
	t.Setenv("OPSMOCK_SEED", "9")
	t.Setenv("OPSMOCK_PRODUCT", "opsmanager")
	_, seed, _ := startServe(t)
	assert.Equal(t, "9", seed)
	_, seed, _ = startServe(t, "--seed", "10") // the flag wins
	assert.Equal(t, "10", seed)
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no command", nil, nil, "no command given"},
		{"unknown command", nil, []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"bad flag", nil, []string{"serve", "--nope"}, "flag provided but not defined"},
		{"bad env", map[string]string{"OPSMOCK_SEED": "abc"}, []string{"serve"}, `OPSMOCK_SEED="abc"`},
		{"unknown product", nil, []string{"serve", "--product", "jira"}, `unknown product "jira"`},
		{"bad log level", nil, []string{"serve", "--log-level", "loud"}, "--log-level"},
		{"bad auth status", nil, []string{"serve", "--opmanager-auth-status", "42"}, "not an HTTP status"},
		{"spec without subcommand", nil, []string{"spec"}, "list or show"},
		{"spec show unknown", nil, []string{"spec", "show", "jira"}, "no spec for product"},
		{"stray argument", nil, []string{"spec", "list", "extra"}, `unexpected argument "extra"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			// A deadline: a case that wrongly starts a server must fail, not hang.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			var out bytes.Buffer
			err := run(ctx, append(tc.args, addrFlagFor(tc.args)...), &out, &out)
			var ue usageError
			require.True(t, errors.As(err, &ue), "want a usage error, got %v", err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// addrFlagFor keeps serve cases off the default port 8080.
func addrFlagFor(args []string) []string {
	if len(args) > 0 && args[0] == "serve" {
		return []string{"--addr", "127.0.0.1:0"}
	}
	return nil
}

func TestSpecAndVersion(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"spec", "list"}, &out, &out))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := 1 // header
	for _, p := range spec.Available() {
		doc, err := spec.Load(p)
		require.NoError(t, err)
		want += len(spec.Operations(p, doc))
	}
	assert.Len(t, lines, want)
	assert.Regexp(t, `opsmanager\s+GET\s+/api/public/v1\.0/admin/apiKeys\s+listGlobalApiKeys`, out.String())
	assert.Regexp(t, `opmanager\s+GET\s+/api/json/alarm/listAlarms\s+listAlarms`, out.String())

	out.Reset()
	require.NoError(t, run(context.Background(), []string{"spec", "show", "opsmanager"}, &out, &out))
	assert.True(t, strings.HasPrefix(out.String(), "openapi: 3.0.3"))

	out.Reset()
	require.NoError(t, run(context.Background(), []string{"version"}, &out, &out))
	assert.Regexp(t, `^opsmock \S+\n$`, out.String())
}
