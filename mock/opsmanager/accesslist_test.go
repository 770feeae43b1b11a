package opsmanager_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type entryDoc struct {
	CidrBlock   string `json:"cidrBlock"`
	Created     string `json:"created"`
	Description string `json:"description"`
	ID          string `json:"id"`
	Type        string `json:"type"`
	Updated     string `json:"updated"`
}

func (e *env) addEntry(cidr string) (*http.Response, []byte) {
	return e.do(e.as(e.owner), http.MethodPost, base+"/admin/accessList", `{"cidrBlock":"`+cidr+`","description":"test `+cidr+`"}`)
}

func errCode(t *testing.T, body []byte) string { return decode[apiErr](t, body).ErrorCode }

func TestAccessListGuardsCallers(t *testing.T) {
	e := newEnv(t)
	// The test client connects from 127.0.0.1.
	resp, body := e.addEntry("127.0.0.1/32")
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	self := decode[entryDoc](t, body)
	resp, body = e.addEntry("10.0.0.0/8")
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
	other := decode[entryDoc](t, body)

	// Same block again, in another spelling: 409.
	resp, body = e.addEntry("127.0.0.1")
	assert.Equal(t, http.StatusConflict, resp.StatusCode)
	assert.Equal(t, "ADDRESS_ALREADY_IN_ACCESS_LIST", errCode(t, body))

	// Removing or moving the only entry that admits the caller is refused.
	resp, body = e.do(e.as(e.owner), http.MethodDelete, base+"/admin/accessList/"+self.ID, "")
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Equal(t, "CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST", errCode(t, body))
	resp, body = e.do(e.as(e.owner), http.MethodPatch, base+"/admin/accessList/"+self.ID, `{"cidrBlock":"10.9.0.0/16"}`)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Equal(t, "CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST", errCode(t, body))
	// Moving it onto an existing block is a conflict.
	resp, _ = e.do(e.as(e.owner), http.MethodPatch, base+"/admin/accessList/"+self.ID, `{"cidrBlock":"10.0.0.0/8"}`)
	assert.Equal(t, http.StatusConflict, resp.StatusCode)

	// A description change leaves `updated` alone; a block change sets it.
	e.clock.Advance(time.Hour)
	resp, body = e.do(e.as(e.owner), http.MethodPatch, base+"/admin/accessList/"+other.ID, `{"description":"renamed"}`)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	got := decode[entryDoc](t, body)
	assert.Equal(t, "renamed", got.Description)
	assert.Equal(t, other.Updated, got.Updated)
	resp, body = e.do(e.as(e.owner), http.MethodPatch, base+"/admin/whitelist/"+other.ID, `{"cidrBlock":"10.1.0.0/16"}`)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	got = decode[entryDoc](t, body)
	assert.Equal(t, "10.1.0.0/16", got.CidrBlock)
	assert.Equal(t, "2026-03-04T06:06:07Z", got.Updated)
	assert.Equal(t, other.Created, got.Created)

	// With a wider block covering the caller, the /32 can go.
	resp, _ = e.addEntry("127.0.0.0/8")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	resp, _ = e.do(e.as(e.owner), http.MethodDelete, base+"/admin/accessList/"+self.ID, "")
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)

	// Both paths list the same entries.
	a := decode[struct{ Results []entryDoc }](t, mustGet(t, e, e.reader, "/admin/accessList"))
	w := decode[struct{ Results []entryDoc }](t, mustGet(t, e, e.reader, "/admin/whitelist"))
	assert.Equal(t, a, w)
	assert.Len(t, a.Results, 2)
}

func TestAccessListLockout(t *testing.T) {
	e := newEnv(t)
	resp, _ := e.addEntry("192.0.2.0/24") // not the caller
	require.Equal(t, http.StatusOK, resp.StatusCode)

	// Now every global-key request from 127.0.0.1 is refused, even reads.
	resp, body := e.do(e.as(e.reader), http.MethodGet, base+"/admin/apiKeys", "")
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	b := decode[apiErr](t, body)
	assert.Equal(t, "IP_ADDRESS_NOT_ON_ACCESS_LIST", b.ErrorCode)
	assert.Equal(t, []any{"127.0.0.1"}, b.Parameters)

	// Authentication still comes first: no credentials is still a 401.
	resp, _ = e.do(e.anonymous(), http.MethodGet, base+"/admin/apiKeys", "")
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)

	// A reset restores the seeded (empty) access list.
	e.srv.Reset()
	mustGet(t, e, e.reader, "/admin/apiKeys")
}
