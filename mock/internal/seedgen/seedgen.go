// Package seedgen draws seeded data as a function of (seed, stream, index):
// the i-th generated object of a stream is the same whatever was generated
// before it, so a store can make its objects on every core at once and make
// a part of one (an interface list, say) only when it is first read.
//
// One sequential faker stream, which every product used before, made each
// object depend on all the draws before it: seeding could not be split, and
// nothing could be made later without replaying the stream. It also went
// through gofakeit's per-call lookups (a map built per Adjective call),
// which were most of start-up at --seed-size 100000. The words are still
// gofakeit's; only the drawing is here.
package seedgen

import (
	"hash/fnv"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/brianvoe/gofakeit/v7/data"
)

// Stream names one kind of generated object, so two kinds drawn at the
// same index do not share their values.
type Stream uint64

// NewStream hashes a name ("pmp/resources") into a Stream.
func NewStream(name string) Stream {
	h := fnv.New64a()
	_, _ = h.Write([]byte(name))
	return Stream(h.Sum64())
}

// At is the generator of the index-th object of the stream under seed.
func (s Stream) At(seed uint64, index int) *Rand {
	r := &Rand{}
	r.pcg.Seed(seed, mix(uint64(s)^mix(uint64(index))))
	return r
}

// mix is SplitMix64's finalizer: neighbouring indexes get unrelated PCG
// states, not states one increment apart.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Rand is one object's generator.
type Rand struct{ pcg rand.PCG }

// Uint64 is the next 64 random bits.
func (r *Rand) Uint64() uint64 { return r.pcg.Uint64() }

// IntN is uniform in [0, n) for n > 0 (Lemire's multiply: the bias is
// n/2^64, far below anything a fixture could show).
func (r *Rand) IntN(n int) int {
	hi, _ := bits.Mul64(r.pcg.Uint64(), uint64(n))
	return int(hi)
}

// Between is uniform in [lo, hi], as gofakeit's Number.
func (r *Rand) Between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// Pick is one of words.
func (r *Rand) Pick(words []string) string { return words[r.IntN(len(words))] }

// UUID is a random (version 4) UUID in its usual lower-case form.
func (r *Rand) UUID() string {
	a, b := r.pcg.Uint64(), r.pcg.Uint64()
	a = a&^0xf000 | 0x4000           // version 4
	b = b&^(0xc000<<48) | 0x8000<<48 // RFC 4122 variant
	var digits [32]byte
	AppendHex(digits[:0], a, 16)
	AppendHex(digits[16:16], b, 16)
	out := make([]byte, 0, 36)
	for i, d := range digits {
		if i == 8 || i == 12 || i == 16 || i == 20 {
			out = append(out, '-')
		}
		out = append(out, d)
	}
	return string(out)
}

// TwoDigits is %02d without fmt, which was a large part of seeding.
func TwoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// Letters is n lower-case letters.
func (r *Rand) Letters(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + byte(r.IntN(26))
	}
	return string(b)
}

// AppendHex appends v's lowest width hex digits, zero-padded: %0*x
// without fmt.
func AppendHex(dst []byte, v uint64, width int) []byte {
	for i := width - 1; i >= 0; i-- {
		dst = append(dst, "0123456789abcdef"[v>>(4*uint(i))&0xf])
	}
	return dst
}

// gofakeit's word lists, read once. The ones names are made of keep only
// single lower-case words: "bus stop" would put a space in a host name.
var (
	Adjectives     = nameWords(data.GetSubData("word", "adjective_descriptive"))
	Nouns          = nameWords(data.GetSubData("word", "noun_concrete"))
	Verbs          = nameWords(data.GetSubData("word", "verb_action"))
	Animals        = nameWords(data.GetSubData("animal", "animal"))
	Colors         = nameWords(data.GetSubData("color", "safe"))
	FirstNames     = data.GetSubData("person", "first")
	LastNames      = data.GetSubData("person", "last")
	JobDescriptors = data.GetSubData("job", "descriptor")
	BuzzWords      = data.GetSubData("company", "buzzwords")
	CompanyNames   = data.GetSubData("company", "name")
	DomainSuffixes = data.GetSubData("internet", "domain_suffix")
)

func nameWords(words []string) []string {
	var out []string
	for _, w := range words {
		if w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
			out = append(out, w)
		}
	}
	return out
}

// Each runs fill(lo, hi) over [0, n) in chunks on every core. fill must
// write only its own indexes; what it draws comes from Stream.At, so the
// result does not depend on how the range was split.
func Each(n int, fill func(lo, hi int)) {
	const chunk = 2048
	workers := min(runtime.GOMAXPROCS(0), (n+chunk-1)/chunk)
	if n <= 0 {
		return
	}
	if workers <= 1 {
		fill(0, n)
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				fill(lo, min(lo+chunk, n))
			}
		})
	}
	wg.Wait()
}

// Lower returns the words in lower case, for names made of them without a
// strings.ToLower (an allocation) per object.
func Lower(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ToLower(w)
	}
	return out
}

// Slab hands out zeroed values from blocks of 256, so seeding a store
// allocates once per block rather than once per object. A block lives
// while any value in it does; seeded objects mostly live as long as the store.
type Slab[T any] struct{ block []T }

// New is a pointer to a fresh zero value.
func (s *Slab[T]) New() *T {
	if len(s.block) == cap(s.block) {
		s.block = make([]T, 0, 256)
	}
	s.block = s.block[:len(s.block)+1]
	return &s.block[len(s.block)-1]
}
