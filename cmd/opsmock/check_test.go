package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
)

func TestCheckUsage(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{nil, "--target is required"},
		{[]string{"--target", "http://x"}, "--product is required"},
		{[]string{"--target", "http://x", "--product", "jira", "--token", "t"}, `no checks for product "jira"`},
		{[]string{"--target", "http://x", "--product", "opsmanager"}, "no credential for opsmanager"},
		{[]string{"--target", "http://x", "--product", "opsmanager", "--format", "xml"}, `--format "xml"`},
		{[]string{"--target", "http://x", "--product", "opsmanager", "--run", "("}, "--run:"},
		{[]string{"--target", "http://x", "--product", "opsmanager", "--rate", "-1"}, "--rate"},
	}
	for _, c := range cases {
		err := checkCommand(context.Background(), c.args, &bytes.Buffer{})
		var ue usageError
		require.True(t, errors.As(err, &ue), "%v: %v", c.args, err)
		assert.Contains(t, err.Error(), c.want)
	}
}

func TestCheckList(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, checkCommand(context.Background(), []string{"--list", "--product", "opsmanager"}, &out))
	assert.Contains(t, out.String(), "opsmanager.lifecycle.api-key")
	assert.Contains(t, out.String(), "write")
	assert.Contains(t, out.String(), "read-only+low")
}

// TestCheckAgainstTheMock runs the command against a served mock: exit 0
// healthy, 1 with a drift, 2 when nothing answers; JSON to a file.
func TestCheckAgainstTheMock(t *testing.T) {
	start := func(opts ...mock.Option) (*httptest.Server, []string) {
		srv, err := mock.New(append([]mock.Option{mock.WithProducts("opsmanager")}, opts...)...)
		require.NoError(t, err)
		hs := httptest.NewServer(srv.Handler())
		t.Cleanup(hs.Close)
		k := srv.Credentials().OpsManager[0]
		return hs, []string{"--target", hs.URL, "--product", "opsmanager", "--public-key", k.PublicKey, "--private-key", k.PrivateKey, "--rate", "0"}
	}
	healthy, args := start()
	var out bytes.Buffer
	require.NoError(t, checkCommand(context.Background(), args, &out))
	assert.Contains(t, out.String(), "PASS  opsmanager.envelope.pretty")
	assert.Contains(t, out.String(), "SKIP  opsmanager.lifecycle.api-key: changes state: run with --write")

	_, args = start(mock.WithDrifts("opsmanager.no-next-link"))
	path := filepath.Join(t.TempDir(), "report.json")
	err := checkCommand(context.Background(), append(args, "--format", "json", "--out", path), &out)
	var ee exitError
	require.True(t, errors.As(err, &ee), "%v", err)
	assert.Equal(t, 1, ee.code)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var report struct {
		Results []struct{ ID, Status string }
	}
	require.NoError(t, json.Unmarshal(b, &report))
	for _, r := range report.Results {
		if r.ID == "opsmanager.pagination.links" {
			assert.Equal(t, "fail", r.Status)
		}
	}

	healthy.Close()
	err = checkCommand(context.Background(), args[:0:0], &out)
	require.Error(t, err)
	err = checkCommand(context.Background(), append([]string{"--target", healthy.URL}, args[2:]...), &out)
	require.True(t, errors.As(err, &ee), "%v", err)
	assert.Equal(t, 2, ee.code)
	assert.True(t, strings.Contains(err.Error(), "unreachable"), err.Error())
}

// TestCheckRefusedCredential: a wrong credential is exit 2 with one line
// naming the flag, and no finding.
func TestCheckRefusedCredential(t *testing.T) {
	srv, err := mock.New(mock.WithProducts("pmp"))
	require.NoError(t, err)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	var out bytes.Buffer
	err = checkCommand(context.Background(), []string{"--target", hs.URL, "--product", "pmp", "--token", "typo", "--rate", "0"}, &out)
	var ee exitError
	require.True(t, errors.As(err, &ee), "%v", err)
	assert.Equal(t, 2, ee.code)
	assert.Contains(t, ee.msg, "the target refused --token: GET /restapi/json/v1/resources answered")
	assert.NotContains(t, ee.msg, "\n")
	assert.NotContains(t, out.String(), "FAIL ")
	assert.NotContains(t, out.String(), "rule:")
}

func TestCheckFlagMistakes(t *testing.T) {
	var out bytes.Buffer
	err := checkCommand(context.Background(), []string{"--target", "http://x", "--product", "pmp", "--token", "t", "--api-key", "k"}, &out)
	var ue usageError
	require.True(t, errors.As(err, &ue), "%v", err)
	assert.Contains(t, err.Error(), "--api-key is a credential of opmanager, not of pmp")

	err = checkCommand(context.Background(), []string{"--target", "http://x", "--product", "pmp", "--token", "t",
		"--out", filepath.Join(t.TempDir(), "no", "such", "dir", "x")}, &out)
	var ee exitError
	require.True(t, errors.As(err, &ee), "an unwritable --out is a runtime error, not a usage one: %v", err)
	assert.Equal(t, 2, ee.code)
}

// TestHelp: every command's --help and -h print its synopsis and each
// flag with its default and environment variable, and succeed.
func TestHelp(t *testing.T) {
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"check", "--help"}, []string{"Usage: opsmock check", "--target URL", "--min-coverage", "--read-secrets", "--user-low", "env OPSMOCK_TOKEN", "default 5", "Exit status"}},
		{[]string{"check", "-h"}, []string{"Usage: opsmock check"}},
		{[]string{"serve", "--help"}, []string{"Usage: opsmock serve", "--addr string", "default 127.0.0.1:8080", "env OPSMOCK_ADDR"}},
		{[]string{"spec", "--help"}, []string{"opsmock spec list", "opsmock spec show"}},
		{[]string{"fixtures", "--help"}, []string{"Usage: opsmock fixtures", "--force", "--seed-size"}},
		{[]string{"spec", "list", "--help"}, []string{"Usage: opsmock spec list", "env OPSMOCK_PRODUCT", "default all"}},
		{[]string{"spec", "show", "--help"}, []string{"Usage: opsmock spec show PRODUCT"}},
		{[]string{"version", "--help"}, []string{"Usage: opsmock version"}},
		{[]string{"--help"}, []string{"opsmock COMMAND --help"}},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, run(context.Background(), c.args, &out, &out))
			for _, w := range c.want {
				assert.Contains(t, out.String(), w)
			}
		})
	}
}

// TestCheckSecretAndLowUserFlags: --read-secrets lets the secret reads run
// and --user-low the sharing checks; without them they skip, saying why.
func TestCheckSecretAndLowUserFlags(t *testing.T) {
	srv, err := mock.New(mock.WithProducts("pmp"))
	require.NoError(t, err)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	tokens := map[string]string{}
	for _, c := range srv.Credentials().PMP {
		tokens[c.User] = c.AuthToken
	}
	base := []string{"--target", hs.URL, "--product", "pmp", "--token", tokens["admin"], "--token-low", tokens["guest"], "--rate", "0"}
	run := func(extra ...string) string {
		var out bytes.Buffer
		require.NoError(t, checkCommand(context.Background(), append(append([]string{}, base...), extra...), &out))
		return out.String()
	}
	assert.Contains(t, run("--run", "secret-reads"), "SKIP  pmp.shape.secret-reads: reads secrets, which the target audits: run with --read-secrets or --write")
	assert.Contains(t, run("--run", "secret-reads", "--read-secrets"), "PASS  pmp.shape.secret-reads")
	assert.Contains(t, run("--run", "lifecycle.sharing$", "--write"), "SKIP  pmp.lifecycle.sharing: needs the low credential's user name: --user-low")
	assert.Contains(t, run("--run", "lifecycle.sharing$", "--write", "--user-low", "guest"), "PASS  pmp.lifecycle.sharing")
}
