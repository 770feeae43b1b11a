package main

import (
	"os"
	"regexp"
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
	require.Len(t, pmpToks, 3, "README's PMP curls: REST resources, PKI keys, PKI certificate")
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
