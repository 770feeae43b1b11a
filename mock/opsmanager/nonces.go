package opsmanager

import (
	"crypto/rand"
	"encoding/base64"
	"io"
	"sync"
	"time"
)

// nonceVerdict says what a presented nonce is worth.
type nonceVerdict int

const (
	nonceFresh  nonceVerdict = iota // issued, unexpired, this nc not seen before
	nonceStale                      // unknown or expired: answer stale=true
	nonceReplay                     // this nc was already used with this nonce
)

// maxNCPerNonce bounds the nc values remembered for one nonce; past it the
// nonce counts as stale, so the client fetches a fresh one.
const maxNCPerNonce = 4096

// nonceStore issues digest nonces and remembers, per nonce, which nc values
// were used, so a replayed request is refused (RFC 7616 §3.3). Nonces are
// random, not seeded: they are not part of the mock's state, and a guessable
// nonce would defeat the replay check.
type nonceStore struct {
	ttl    time.Duration
	max    int
	source io.Reader // crypto/rand unless fixtures ask for repeatable nonces

	mu     sync.Mutex // guards issued and order
	issued map[string]*nonceState
	order  []string // issue order, oldest first
}

type nonceState struct {
	at   time.Time
	seen map[uint32]struct{}
}

func newNonceStore(ttl time.Duration, max int, source io.Reader) *nonceStore {
	if source == nil {
		source = rand.Reader
	}
	return &nonceStore{ttl: ttl, max: max, source: source, issued: map[string]*nonceState{}}
}

// issue returns a new nonce: 32 characters of the base64 alphabet, like the
// real server's (fact A4).
func (s *nonceStore) issue(now time.Time) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b [24]byte
	_, _ = io.ReadFull(s.source, b[:]) // crypto/rand never fails on supported platforms; a seeded source neither
	n := base64.StdEncoding.EncodeToString(b[:])
	s.sweepLocked(now)
	for len(s.issued) >= s.max && len(s.order) > 0 {
		delete(s.issued, s.order[0])
		s.order = s.order[1:]
	}
	s.issued[n] = &nonceState{at: now, seen: map[uint32]struct{}{}}
	s.order = append(s.order, n)
	return n
}

// use records nc for nonce and says whether the request may proceed.
func (s *nonceStore) use(nonce string, nc uint32, now time.Time) nonceVerdict {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.issued[nonce]
	if !ok || now.Sub(st.at) > s.ttl || len(st.seen) >= maxNCPerNonce {
		return nonceStale
	}
	if _, dup := st.seen[nc]; dup {
		return nonceReplay
	}
	st.seen[nc] = struct{}{}
	return nonceFresh
}

// reset forgets every nonce.
func (s *nonceStore) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.issued = map[string]*nonceState{}
	s.order = nil
}

// sweepLocked drops expired nonces from the front of the issue order.
func (s *nonceStore) sweepLocked(now time.Time) {
	i := 0
	for ; i < len(s.order); i++ {
		st, ok := s.issued[s.order[i]]
		if ok && now.Sub(st.at) <= s.ttl {
			break
		}
		delete(s.issued, s.order[i])
	}
	s.order = s.order[i:]
}
