package mocktest_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadmeExampleIsTestMyClient keeps the README's embedding example and
// TestMyClient the same text, so the README shows code that compiles and passes.
func TestReadmeExampleIsTestMyClient(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	src, err := os.ReadFile("readme_test.go")
	require.NoError(t, err)
	extract := func(s, end string) string {
		i := strings.Index(s, "func TestMyClient")
		require.GreaterOrEqual(t, i, 0)
		s = s[i:]
		if j := strings.Index(s, end); j >= 0 {
			s = s[:j]
		}
		return strings.TrimSpace(s)
	}
	assert.Equal(t, extract(string(src), "\x00"), extract(string(readme), "```"))
}
