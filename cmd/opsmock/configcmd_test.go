package main

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock/config"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

// TestServeWithConfig: the file's settings and objects are served; a flag
// and a variable win over the file.
func TestServeWithConfig(t *testing.T) {
	path := writeFile(t, "opsmock.yaml", "seed: 7\nproducts: [pmp, opmanager]\ncredentials:\n  pmp:\n"+
		"    - {user: ci-bot, role: Password User, authToken: CI-BOT-TOKEN-0001}\n"+
		"objects:\n  opmanager:\n    devices: [{name: 10.99.0.1}]\n")
	url, seed, out := startServe(t, "--config", path)
	assert.Equal(t, "7", seed)
	assert.Contains(t, out.String(), "ci-bot")
	assert.NotContains(t, out.String(), "Ops Manager", "products from the file")
	req, _ := http.NewRequest(http.MethodGet, url+"/restapi/json/v1/resources", nil)
	req.Header.Set("AUTHTOKEN", "CI-BOT-TOKEN-0001")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)

	_, seed, _ = startServe(t, "--config", path, "--seed", "3")
	assert.Equal(t, "3", seed, "the flag wins")
	t.Setenv("OPSMOCK_SEED", "4")
	_, seed, _ = startServe(t, "--config", path)
	assert.Equal(t, "4", seed, "the variable wins")
}

func TestConfigCommand(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"config", "example"}, &out, &out))
	assert.Equal(t, config.Example, out.String())

	ok := writeFile(t, "ok.yaml", config.Example)
	out.Reset()
	require.NoError(t, run(context.Background(), []string{"config", "check", ok}, &out, &out))
	assert.Contains(t, out.String(), ok+": ok")

	for _, c := range []struct{ yaml, want string }{
		{"addr: x\nbogus: 1\n", "bad.yaml:2:1: bogus: unknown key"},
		{"logLevel: loud\n", "bad.yaml:1:11: logLevel: --log-level \"loud\""},
		{"credentials:\n  pmp:\n    - {user: x, role: Boss, authToken: TOKEN-TOKEN}\n", "bad.yaml:3:23: credentials.pmp[0].role"},
		{"stateFile: " + writeFile(t, "junk.json", "{") + "\n", "state file"},
	} {
		bad := filepath.Join(t.TempDir(), "bad.yaml")
		require.NoError(t, os.WriteFile(bad, []byte(c.yaml), 0o600))
		err := run(context.Background(), []string{"config", "check", bad}, &out, &out)
		var ee exitError
		require.True(t, errors.As(err, &ee), "%v", err)
		assert.Equal(t, 2, ee.code)
		assert.Contains(t, ee.msg, c.want)
	}
	err := run(context.Background(), []string{"serve", "--config", filepath.Join(t.TempDir(), "none.yaml")}, &out, &out)
	var ee exitError
	require.True(t, errors.As(err, &ee), "%v", err)
	assert.Contains(t, ee.msg, "none.yaml")
}
