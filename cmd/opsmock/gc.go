package main

import (
	"os"
	"runtime/debug"
)

// pauseGC pauses the garbage collector until the returned func is called.
// Seeding allocates the whole store at once and almost none of it is
// garbage, yet at the default GOGC a cycle comes at each doubling of the
// heap, about eight on the way to the 250 MB of --seed-size 100000, each
// marking all that is seeded so far again. serve resumes the collector
// once it listens, so the one cycle left runs beside the first requests
// instead of before them (BENCHMARKS.md has the figures).
//
// A memory limit stays while paused, about four times what the seed size
// needs (about 2 KB per seeded object), so a mistake cannot grow the heap
// without bound. A GOGC or GOMEMLIMIT the user set is theirs, and left alone.
func pauseGC(seedSize int) (resume func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(1<<30 + int64(max(seedSize, 0))*8<<10)
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}
}
