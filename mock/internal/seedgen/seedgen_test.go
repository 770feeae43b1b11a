package seedgen

import (
	"regexp"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDrawsFollowTheIndexOnly: the i-th object's draws are the same
// whatever was drawn before, and differ between indexes, seeds and streams.
func TestDrawsFollowTheIndexOnly(t *testing.T) {
	s := NewStream("test/objects")
	first := s.At(7, 41).Uint64()
	for i := range 40 {
		s.At(7, i).Uint64()
	}
	assert.Equal(t, first, s.At(7, 41).Uint64())
	assert.NotEqual(t, first, s.At(7, 42).Uint64())
	assert.NotEqual(t, first, s.At(8, 41).Uint64())
	assert.NotEqual(t, first, NewStream("test/other").At(7, 41).Uint64())
}

// TestEachDoesNotDependOnTheSplit: the same values on one core or many.
func TestEachDoesNotDependOnTheSplit(t *testing.T) {
	draw := func() []uint64 {
		out := make([]uint64, 10_000)
		Each(len(out), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				out[i] = NewStream("test/each").At(1, i).Uint64()
			}
		})
		return out
	}
	many := draw()
	prev := runtime.GOMAXPROCS(1)
	one := draw()
	runtime.GOMAXPROCS(prev)
	assert.Equal(t, one, many)
	Each(0, func(lo, hi int) { t.Fatalf("called with [%d,%d) for n=0", lo, hi) })
}

func TestShapes(t *testing.T) {
	r := NewStream("test/shapes").At(3, 0)
	seen := map[int]bool{}
	for range 2000 {
		n := r.IntN(7)
		require.True(t, n >= 0 && n < 7, "IntN(7) = %d", n)
		seen[n] = true
		b := r.Between(81, 99)
		require.True(t, b >= 81 && b <= 99, "Between(81, 99) = %d", b)
	}
	assert.Len(t, seen, 7, "every value of IntN(7) comes up")
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, r.UUID())
	assert.Regexp(t, `^[a-z]{8}$`, r.Letters(8))
	assert.Equal(t, "000000ff", string(AppendHex(nil, 255, 8)))
	assert.Equal(t, "0123456789abcdef", string(AppendHex(nil, 0x0123456789abcdef, 16)))
}

// TestNameWordsAreSingleWords: a host name made of them has no space.
func TestNameWordsAreSingleWords(t *testing.T) {
	word := regexp.MustCompile(`^[a-z]+$`)
	for name, list := range map[string][]string{"Adjectives": Adjectives, "Nouns": Nouns, "Verbs": Verbs,
		"Animals": Animals, "Colors": Colors} {
		assert.Greater(t, len(list), 10, name)
		for _, w := range list {
			assert.Regexp(t, word, w, name)
		}
	}
}

func TestSlabHandsOutDistinctZeroValues(t *testing.T) {
	var s Slab[[2]int]
	seen := map[*[2]int]bool{}
	for i := range 600 { // more than two blocks
		p := s.New()
		require.Equal(t, [2]int{}, *p)
		p[0] = i
		require.False(t, seen[p])
		seen[p] = true
	}
	n := 0
	for p := range seen {
		n += p[0]
	}
	assert.Equal(t, 600*599/2, n, "no value was handed out twice or overwritten")
}
