package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFixturesCommand: bad input is one usage line (exit 2) and writes
// nothing; good input writes the tree.
func TestFixturesCommand(t *testing.T) {
	full := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(full, "mine.txt"), []byte("x"), 0o644))
	for _, args := range [][]string{
		{"--out", t.TempDir(), "--product", "nosuch"},
		{"--out", t.TempDir(), "--format", "xml"},
		{"--out", full},
	} {
		var out bytes.Buffer
		err := fixturesCommand(args, &out)
		var ue usageError
		assert.True(t, errors.As(err, &ue), "%v: %v", args, err)
	}
	entries, err := os.ReadDir(full)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "a refused run writes nothing")

	dir := t.TempDir()
	var out bytes.Buffer
	require.NoError(t, fixturesCommand([]string{"--out", dir, "--product", "opsmanager"}, &out))
	assert.Contains(t, out.String(), "fixtures: wrote "+dir)
	_, err = os.Stat(filepath.Join(dir, "opsmanager", "listGlobalApiKeys", "success.json"))
	assert.NoError(t, err)
}
