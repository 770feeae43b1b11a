package main

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPauseGC: paused with a memory limit until resumed, as it was after;
// left alone when the user set GOGC.
func TestPauseGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)

	resume := pauseGC(100_000)
	assert.Equal(t, -1, debug.SetGCPercent(-1), "paused")
	assert.Equal(t, int64(1<<30+100_000*8<<10), debug.SetMemoryLimit(-1), "bounded while paused")
	resume()
	assert.Equal(t, 100, debug.SetGCPercent(100), "resumed")
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(-1), "no limit left behind")

	t.Setenv("GOGC", "150")
	resume = pauseGC(100_000)
	assert.Equal(t, 100, debug.SetGCPercent(100), "a GOGC the user set is left alone")
	resume()
}
