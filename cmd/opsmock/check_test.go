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
