package opsmanager_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.mongodb.org/ops-manager/opsmngr"

	"github.com/opsmock/opsmock/mock/opsmanager"
)

// TestOfficialClient drives go.mongodb.org/ops-manager v0.63.0 with
// github.com/mongodb-forks/digest against the mock, every response
// validated against spec/opsmanager.yaml on the way.
func TestOfficialClient(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	om := e.om(e.owner)

	// List, default paging: everything seeded fits in one page of 100.
	all, resp, err := om.GlobalAPIKeys.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, all, 2+3+25) // owner + reader, OM-LIST's three, seed size 25
	page, err := resp.CurrentPage()
	require.NoError(t, err)
	assert.Equal(t, 1, page)
	for _, k := range all {
		assert.Regexp(t, `^\*{8}-\*{4}-\*{4}-[0-9a-f]{12}$`, k.PrivateKey, "list must redact %s", k.PublicKey)
	}

	// List with paging: page 3 of 7 per page.
	paged, resp, err := om.GlobalAPIKeys.List(ctx, &opsmngr.ListOptions{PageNum: 3, ItemsPerPage: 7, IncludeCount: true})
	require.NoError(t, err)
	assert.Equal(t, all[14:21], paged)
	page, err = resp.CurrentPage()
	require.NoError(t, err)
	assert.Equal(t, 3, page)

	// Create: 200 with the full private key, once.
	created, _, err := om.GlobalAPIKeys.Create(ctx, &opsmngr.APIKeyInput{Desc: "client test key", Roles: []string{"GLOBAL_READ_ONLY", "GLOBAL_BACKUP_ADMIN"}})
	require.NoError(t, err)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, created.PrivateKey)
	assert.Equal(t, "client test key", created.Desc)
	assert.Equal(t, []opsmngr.OMRole{{RoleName: "GLOBAL_READ_ONLY"}, {RoleName: "GLOBAL_BACKUP_ADMIN"}}, created.Roles)

	// The new key authenticates at once.
	_, _, err = e.om(opsmanager.KeyCredential{PublicKey: created.PublicKey, PrivateKey: created.PrivateKey}).GlobalAPIKeys.Get(ctx, created.ID)
	require.NoError(t, err)

	// Get: same key, private key redacted.
	got, _, err := om.GlobalAPIKeys.Get(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, created.PublicKey, got.PublicKey)
	assert.Equal(t, "********-****-****-"+created.PrivateKey[24:], got.PrivateKey)

	// Update.
	updated, _, err := om.GlobalAPIKeys.Update(ctx, created.ID, &opsmngr.APIKeyInput{Desc: "renamed", Roles: []string{"GLOBAL_OWNER"}})
	require.NoError(t, err)
	assert.Equal(t, "renamed", updated.Desc)
	assert.Equal(t, []opsmngr.OMRole{{RoleName: "GLOBAL_OWNER"}}, updated.Roles)

	// Delete: 204, then the id is gone.
	resp, err = om.GlobalAPIKeys.Delete(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)

	// A 400: the deleted id is API_KEY_NOT_FOUND with status 400 (fact A2).
	_, _, err = om.GlobalAPIKeys.Get(ctx, created.ID)
	var er *opsmngr.ErrorResponse
	require.True(t, errors.As(err, &er), "want *opsmngr.ErrorResponse, got %v", err)
	assert.Equal(t, http.StatusBadRequest, er.HTTPCode)
	assert.Equal(t, "API_KEY_NOT_FOUND", er.ErrorCode)
	assert.Equal(t, "Bad Request", er.Reason)

	// A 401: wrong private key.
	wrong := opsmanager.KeyCredential{PublicKey: e.owner.PublicKey, PrivateKey: "00000000-0000-0000-0000-000000000000"}
	_, _, err = e.om(wrong).GlobalAPIKeys.List(ctx, nil)
	require.True(t, errors.As(err, &er), "want *opsmngr.ErrorResponse, got %v", err)
	assert.Equal(t, http.StatusUnauthorized, er.HTTPCode)
	assert.Equal(t, "Unauthorized", er.Reason)
	assert.Equal(t, "You are not authorized for this resource.", er.Detail)
	assert.Empty(t, er.ErrorCode) // the real 401 has no errorCode (fact A1)

	// The deleted key's credentials stop working.
	_, _, err = e.om(opsmanager.KeyCredential{PublicKey: created.PublicKey, PrivateKey: created.PrivateKey}).GlobalAPIKeys.List(ctx, nil)
	require.True(t, errors.As(err, &er))
	assert.Equal(t, http.StatusUnauthorized, er.HTTPCode)
}

// TestOfficialClientWhitelist drives the legacy /admin/whitelist paths the
// v0.63.0 client still uses.
func TestOfficialClientWhitelist(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	om := e.om(e.owner)

	entry, _, err := om.GlobalAPIKeysWhitelist.Create(ctx, &opsmngr.WhitelistAPIKeysReq{CidrBlock: "127.0.0.0/8", Description: "loopback"})
	require.NoError(t, err)
	assert.Equal(t, "GLOBAL_ROLE", entry.Type)
	assert.Equal(t, "2026-03-04T05:06:07Z", entry.Created)

	list, resp, err := om.GlobalAPIKeysWhitelist.List(ctx, nil)
	require.NoError(t, err)
	require.Len(t, list.Results, 1)
	assert.Equal(t, 1, list.TotalCount)
	page, err := resp.CurrentPage()
	require.NoError(t, err)
	assert.Equal(t, 1, page)

	got, _, err := om.GlobalAPIKeysWhitelist.Get(ctx, entry.ID)
	require.NoError(t, err)
	assert.Equal(t, entry, got)

	_, err = om.GlobalAPIKeysWhitelist.Delete(ctx, entry.ID)
	require.NoError(t, err)
	_, _, err = om.GlobalAPIKeysWhitelist.Get(ctx, entry.ID)
	var er *opsmngr.ErrorResponse
	require.True(t, errors.As(err, &er))
	assert.Equal(t, "ACCESS_LIST_NOT_FOUND", er.ErrorCode)
}
