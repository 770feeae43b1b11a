package pmp

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/spec/contract"
)

// TestRegistrationTableMatchesSpec: every operationId has a route and every
// route an operation (contract.CheckTable's own test shows it catches drift).
func TestRegistrationTableMatchesSpec(t *testing.T) {
	p, err := New(Config{})
	require.NoError(t, err)
	require.NoError(t, contract.CheckTable(p.contract, p.table()))
	for _, op := range p.contract.Operations() {
		assert.NotEmpty(t, stringList(op.Op.Extensions[rolesExt]), "%s has no x-roles", op.OperationID)
	}
	for id, rt := range p.table() {
		assert.NotEmpty(t, rt.name, "%s has no envelope name", id)
	}
}

func TestPolicyRules(t *testing.T) {
	strong, ok := findPolicy("")
	require.True(t, ok)
	assert.Equal(t, "Strong", strong.name, "the default policy (§77 DEFAULTPOLICY)")
	low, _ := findPolicy("10000000000001")
	cases := []struct {
		p     policy
		pw    string
		login string
		want  string
	}{
		{strong, "Abcdef1!", "", ""},
		{strong, "1bcdefA!", "", "Password must start with an alphabet."},
		{strong, "Abcdefgh!", "", "Password must contain at least 1 numeral(s)."},
		{strong, "Abcdefgh1", "", "Password must contain at least 1 special character(s)."},
		{strong, "Abcdefgh1!Abcdefgh1!", "", "Password length must not exceed 16 characters."},
		{low, "bobby", "bob", "Password must not contain the login name."},
		{low, "abcd", "", ""},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, tc.p.check(tc.pw, tc.login), "%s under %s", tc.pw, tc.p.name)
	}
}
