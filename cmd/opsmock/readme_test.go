package main

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
)

// TestReadmeCurlUsesDefaultCredentials keeps the README's curl working: its
// key pair must be the default seed's Global Owner key.
func TestReadmeCurlUsesDefaultCredentials(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	m := regexp.MustCompile(`curl --digest -u '([a-z]{8}):([0-9a-f-]{36})'`).FindSubmatch(readme)
	require.NotNil(t, m, "README has no curl --digest line")

	srv, err := mock.New() // defaults, as `make run`
	require.NoError(t, err)
	owner := srv.Credentials().OpsManager[0]
	assert.Equal(t, []string{"GLOBAL_OWNER"}, owner.Roles)
	assert.Equal(t, owner.PublicKey, string(m[1]))
	assert.Equal(t, owner.PrivateKey, string(m[2]))

	// The PMP curls (REST and PKI) use the default seed's Administrator token.
	pmpToks := regexp.MustCompile(`AUTHTOKEN: ([0-9A-F-]{36})`).FindAllSubmatch(readme, -1)
	require.GreaterOrEqual(t, len(pmpToks), 3, "README's PMP curls: REST resources, PKI keys, PKI certificate, HTTPS")
	admin := srv.Credentials().PMP[0]
	require.Equal(t, "Administrator", admin.Role)
	for _, tok := range pmpToks {
		assert.Equal(t, admin.AuthToken, string(tok[1]))
	}

	// The OpManager curl uses the default seed's All-access admin key.
	keys := regexp.MustCompile(`apiKey[:=] ?([0-9a-f]{32})`).FindAllSubmatch(readme, -1)
	require.NotEmpty(t, keys, "README has no OpManager key")
	allAccess := srv.Credentials().OpManager[0]
	require.Equal(t, "All access", allAccess.Name)
	for _, k := range keys {
		assert.Equal(t, allAccess.APIKey, string(k[1]))
	}
}

// readmeCheck is a console block of the README's Conformance section: the
// command and what it prints.
type readmeCheck struct {
	args   []string
	output string
}

func readmeChecks(t *testing.T) []readmeCheck {
	t.Helper()
	raw, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	var out []readmeCheck
	for _, block := range regexp.MustCompile("(?s)```console\n(.*?)```").FindAllStringSubmatch(string(raw), -1) {
		lines := strings.Split(block[1], "\n")
		first := strings.TrimSpace(lines[0])
		if !strings.HasPrefix(first, "$ opsmock check ") {
			continue
		}
		var body []string
		for _, l := range lines[1:] {
			body = append(body, strings.TrimPrefix(strings.TrimRight(l, " "), "  "))
		}
		out = append(out, readmeCheck{args: strings.Fields(first)[3:], output: strings.TrimSpace(strings.Join(body, "\n"))})
	}
	return out
}

// normalize hides what differs between runs: the port, digest nonces,
// the duration.
func normalize(s, url string) string {
	s = strings.ReplaceAll(s, url, "http://127.0.0.1:8080")
	s = regexp.MustCompile(`(c?nonce)="[^"]*"`).ReplaceAllString(s, `$1="…"`)
	s = regexp.MustCompile(`checks in [0-9.]+m?s`).ReplaceAllString(s, "checks in …")
	return strings.TrimSpace(s)
}

// TestReadmeCheckExamples runs each `opsmock check` of the README against
// the mock as `opsmock serve` runs it (the finding example with the drift
// the README names) and compares what it prints, line for line.
func TestReadmeCheckExamples(t *testing.T) {
	examples := readmeChecks(t)
	require.Len(t, examples, 2, "the refused credential and the finding")
	drifts := []string{"", "opsmanager.unknown-key-404"}
	for i, ex := range examples {
		t.Run(drifts[i], func(t *testing.T) {
			var opts []mock.Option
			if drifts[i] != "" {
				opts = append(opts, mock.WithDrifts(drifts[i]))
			}
			srv, err := mock.New(opts...)
			require.NoError(t, err)
			hs := httptest.NewServer(srv.Handler())
			defer hs.Close()
			args := append([]string(nil), ex.args...)
			for j := range args {
				args[j] = strings.ReplaceAll(args[j], "http://127.0.0.1:8080", hs.URL)
			}
			var stdout bytes.Buffer
			err = checkCommand(context.Background(), append(args, "--rate", "0"), &stdout)
			got := stdout.String()
			var ee exitError
			if errors.As(err, &ee) {
				got += "opsmock: " + ee.msg // what main prints on stderr
			}
			assert.Equal(t, normalize(ex.output, hs.URL), normalize(got, hs.URL))
		})
	}
}
