package pmp

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// firstGenerated is the first generated resource's name and its first
// account's password, read through the Go helper.
func firstGenerated(t *testing.T, p *Product) (string, string) {
	t.Helper()
	var name string
	p.current().read(func(st *state) { name = st.resources[601].Name })
	r, ok := p.Resource(name)
	require.True(t, ok)
	return name, r.Accounts[0].Password
}

// TestDrawnPasswordsAreStateLikeAnyOther: a generated account's password
// is drawn when read, the same each time, kept once changed, and a state
// file holds it, so a server of another seed restored from it answers the
// same.
func TestDrawnPasswordsAreStateLikeAnyOther(t *testing.T) {
	p, err := New(Config{Seed: 1, SeedSize: 20})
	require.NoError(t, err)
	name, pw := firstGenerated(t, p)
	strong, _ := findPolicy("Strong")
	assert.Empty(t, strong.check(pw, ""), "the drawn password meets its policy")
	_, again := firstGenerated(t, p)
	assert.Equal(t, pw, again, "the same password on every read")

	saved, err := p.ExportState()
	require.NoError(t, err)
	other, err := New(Config{Seed: 2, SeedSize: 20})
	require.NoError(t, err)
	require.NoError(t, other.ImportState(saved))
	otherName, otherPW := firstGenerated(t, other)
	assert.Equal(t, name, otherName)
	assert.Equal(t, pw, otherPW, "restored from the state file, not drawn from the other seed")

	p.current().write(func(st *state) { st.accounts[st.resources[601].AccountIDs[0]].setPassword("Changed!Pass9") })
	_, changed := firstGenerated(t, p)
	assert.Equal(t, "Changed!Pass9", changed, "a change replaces the drawn password")
}

// TestNameIndexes: users and resources are found by name in any case, by
// token, and not after they are gone; a rename moves the name.
func TestNameIndexes(t *testing.T) {
	p, err := New(Config{SeedSize: 10})
	require.NoError(t, err)
	p.current().write(func(st *state) {
		r, ok := st.resourceByName("centos MACHINE")
		require.True(t, ok)
		assert.Equal(t, 301, r.ID)
		st.renameResource(r, "Renamed Box")
		_, ok = st.resourceByName("CentOS Machine")
		assert.False(t, ok, "the old name is free")
		got, ok := st.resourceByName("renamed box")
		require.True(t, ok)
		assert.Equal(t, 301, got.ID)

		// Two resources of one name: the first in order is found, and the
		// second once the first is gone.
		twin := &resource{ID: 9999, Name: "RENAMED BOX"}
		st.put(twin)
		got, _ = st.resourceByName("Renamed Box")
		assert.Equal(t, 301, got.ID)
		st.deleteResource(r)
		got, ok = st.resourceByName("Renamed Box")
		require.True(t, ok)
		assert.Equal(t, 9999, got.ID)

		u, ok := st.userByName("GUEST")
		require.True(t, ok)
		byToken, ok := st.userByToken(u.Token)
		require.True(t, ok)
		assert.Equal(t, u.ID, byToken.ID)
		_, ok = st.userByToken(u.Token[:len(u.Token)-1] + "X")
		assert.False(t, ok)
		st.dropUser(u)
		_, ok = st.userByName("guest")
		assert.False(t, ok)
		_, ok = st.userByToken(u.Token)
		assert.False(t, ok, "a removed user's token no longer works")
	})
}
