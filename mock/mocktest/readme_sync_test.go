package mocktest_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadmeEmbeddingIsReadmeTest keeps the README's embedding example and
// readme_test.go the same file, so the README shows a whole file that
// compiles and passes.
func TestReadmeEmbeddingIsReadmeTest(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	src, err := os.ReadFile("readme_test.go")
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)```go\n(package mocktest_test\n.*?)```").FindSubmatch(readme)
	require.NotNil(t, m, "the README has a whole Go file in package mocktest_test")
	assert.Equal(t, strings.TrimSpace(string(src)), strings.TrimSpace(string(m[1])))
}
