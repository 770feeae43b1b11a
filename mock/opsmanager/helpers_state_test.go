package opsmanager_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
	"github.com/opsmock/opsmock/mock/opsmanager"
)

// TestTypedHelpers: a key a helper adds works through the API at once;
// the API's rules hold for helpers too.
func TestTypedHelpers(t *testing.T) {
	srv := mocktest.Start(t, mock.WithProducts("opsmanager"))
	om := srv.OpsManager()
	require.NotNil(t, om)

	k, err := om.AddKey("ci reader", "GLOBAL_READ_ONLY")
	require.NoError(t, err)
	assert.Len(t, k.PrivateKey, 36, "the helper returns the private key")
	got, ok := om.Key(k.PublicKey)
	require.True(t, ok)
	assert.Equal(t, k, got)

	c := mocktest.OpsManagerClient(t, srv, "GLOBAL_OWNER")
	res, err := c.Get(srv.URL() + "/api/public/v1.0/admin/apiKeys/" + k.ID)
	require.NoError(t, err)
	defer res.Body.Close()
	var doc struct{ Desc, PrivateKey string }
	require.NoError(t, json.NewDecoder(res.Body).Decode(&doc))
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "ci reader", doc.Desc)
	assert.NotEqual(t, k.PrivateKey, doc.PrivateKey, "the API redacts it")

	_, err = om.AddKey("", "GLOBAL_READ_ONLY")
	assert.ErrorContains(t, err, "400")
	_, err = om.AddKey("bad role", "GLOBAL_BOSS")
	assert.ErrorContains(t, err, "INVALID_ENUM_VALUE")
	_, err = om.AddKey("no role")
	assert.ErrorContains(t, err, "400")

	e, err := om.AddAccessListEntry("127.0.0.1/32", "the test itself")
	require.NoError(t, err)
	assert.Equal(t, "127.0.0.1/32", e.CIDRBlock)
	assert.Equal(t, []string{"127.0.0.1/32"}, cidrs(om.AccessList()))
	_, err = om.AddAccessListEntry("127.0.0.1/32", "again")
	assert.ErrorContains(t, err, "ADDRESS_ALREADY_IN_ACCESS_LIST")
	_, err = om.AddAccessListEntry("not-a-cidr", "x")
	assert.ErrorContains(t, err, "cidrBlock")

	srv.Reset()
	_, ok = om.Key(k.PublicKey)
	assert.False(t, ok, "a reset takes them away")
	assert.Empty(t, om.AccessList())
}

func cidrs(es []opsmanager.AccessListEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.CIDRBlock)
	}
	return out
}
