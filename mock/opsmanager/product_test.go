package opsmanager

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/spec/contract"
)

// TestRegistrationTableMatchesSpec: every operationId has a handler and every
// handler an operation (contract.CheckTable is shown to catch drift in its own test).
func TestRegistrationTableMatchesSpec(t *testing.T) {
	p, err := New(Config{})
	require.NoError(t, err)
	require.NoError(t, contract.CheckTable(p.contract, p.routes()))
	for _, op := range p.contract.Operations() {
		assert.NotEmpty(t, op.Op.Extensions[requiredRoleExt], "%s lacks %s", op.OperationID, requiredRoleExt)
	}
}

func TestParseDigestAuthorization(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want map[string]string
	}{
		{"go digest client form", `Digest username="abc", realm="MMS Public API", nonce="n+/=", uri="/a?b=c,d", response="r", algorithm="MD5", qop=auth, nc=00000001, cnonce="c"`,
			map[string]string{"username": "abc", "realm": "MMS Public API", "nonce": "n+/=", "uri": "/a?b=c,d", "response": "r", "algorithm": "MD5", "qop": "auth", "nc": "00000001", "cnonce": "c"}},
		{"curl form, scheme case", `digest username="a",realm="r",algorithm=MD5,qop=auth`,
			map[string]string{"username": "a", "realm": "r", "algorithm": "MD5", "qop": "auth"}},
		{"escaped quote", `Digest username="a\"b"`, map[string]string{"username": `a"b`}},
		{"basic scheme", `Basic YTpi`, nil},
		{"unterminated quote", `Digest username="abc`, nil},
		{"duplicate key", `Digest username="a", username="b"`, nil},
		{"no pairs", `Digest `, nil},
		{"pair without name", `Digest ="x"`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseDigestAuthorization(tc.in)
			assert.Equal(t, tc.want != nil, ok)
			if tc.want != nil {
				assert.Equal(t, tc.want, got)
			}
		})
	}
}

func TestConfiguredKeysAreValidated(t *testing.T) {
	good := KeyCredential{PublicKey: "abcdefgh", PrivateKey: "8d080e57-5fd6-495c-9388-fe348ed1796f", Roles: []string{"GLOBAL_OWNER"}}
	cases := []struct {
		name   string
		mutate func(*KeyCredential)
		err    string
	}{
		{"valid", func(*KeyCredential) {}, ""},
		{"public key upper case", func(k *KeyCredential) { k.PublicKey = "ABCDEFGH" }, "8 lower-case letters"},
		{"private key not a uuid", func(k *KeyCredential) { k.PrivateKey = "secret" }, "lower-case UUID"},
		{"no roles", func(k *KeyCredential) { k.Roles = nil }, "at least one role"},
		{"unknown role", func(k *KeyCredential) { k.Roles = []string{"ROOT"} }, `unknown role "ROOT"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k := good
			tc.mutate(&k)
			p, err := New(Config{Keys: []KeyCredential{k}})
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			got, ok := p.current().keyByPublic("abcdefgh")
			require.True(t, ok)
			assert.Equal(t, good.PrivateKey, got.PrivateKey)
			assert.Contains(t, p.current().credentials(), KeyCredential{PublicKey: "abcdefgh", PrivateKey: good.PrivateKey, Roles: []string{"GLOBAL_OWNER"}, Desc: "opsmock configured key"})
		})
	}
}

func TestNonceStoreBounds(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := newNonceStore(time.Minute, 3, nil)
	n1 := s.issue(now)
	assert.Len(t, n1, 32)
	n2, n3 := s.issue(now), s.issue(now)
	n4 := s.issue(now) // evicts n1, the oldest
	assert.Equal(t, nonceStale, s.use(n1, 1, now))
	for _, n := range []string{n2, n3, n4} {
		assert.Equal(t, nonceFresh, s.use(n, 1, now))
	}
	// Expired nonces are swept when the next is issued.
	later := now.Add(2 * time.Minute)
	s.issue(later)
	s.mu.Lock()
	assert.Len(t, s.issued, 1)
	s.mu.Unlock()
}
