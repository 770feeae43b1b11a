package opsmanager

import (
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v7"
	"github.com/opsmock/opsmock/mock/internal/memo"
	"github.com/opsmock/opsmock/mock/internal/seedgen"
)

// apiKey is one global API key as stored.
type apiKey struct {
	ID, Desc, PublicKey, PrivateKey string
	Roles                           []string
}

func (k apiKey) clone() apiKey {
	k.Roles = slices.Clone(k.Roles)
	return k
}

// accessEntry is one global access list entry as stored.
type accessEntry struct {
	ID, CIDR, Description string
	Created, Updated      time.Time
	prefix                netip.Prefix
}

// state is everything a reset replaces.
type state struct {
	keys        map[string]*apiKey
	keyOrder    []string          // creation order, the list order
	byPublic    map[string]string // publicKey -> id
	access      map[string]*accessEntry
	accessOrder []string
	faker       *gofakeit.Faker // IDs and secrets of objects created at runtime
	credentials []string        // ids of the keys listed by Credentials
}

// store holds one state. Handlers get copies, never pointers into it. A
// reset swaps in a new store (Product.cur): a request pins the store it
// started with, so it never sees a mix of two states.
type store struct {
	mu sync.RWMutex // guards st
	st *state
	// memo counts the writes and keeps the answers of pure reads for the
	// current version; it dies with the store on a reset.
	memo memo.Cache
}

func newStore(st *state) *store { return &store{st: st} }

// writing takes the write lock; releasing it moves the version on, so
// every change, whichever method makes it, retires the kept answers.
func (s *store) writing() (release func()) {
	s.mu.Lock()
	return func() {
		s.memo.Changed()
		s.mu.Unlock()
	}
}

func (s *store) keyByPublic(pub string) (apiKey, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.st.byPublic[pub]
	if !ok {
		return apiKey{}, false
	}
	return s.st.keys[id].clone(), true
}

func (s *store) listKeys() []apiKey {
	keys, _ := s.keysWithin(func(total int) (int, int) { return 0, total })
	return keys
}

// keysWithin copies the keys a cut of the list covers, oldest first, and
// counts them all: a page clones its own keys only.
func (s *store) keysWithin(cut func(total int) (start, end int)) ([]apiKey, int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	start, end := cut(len(s.st.keyOrder))
	out := make([]apiKey, 0, end-start)
	for _, id := range s.st.keyOrder[start:end] {
		out = append(out, s.st.keys[id].clone())
	}
	return out, len(s.st.keyOrder)
}

func (s *store) getKey(id string) (apiKey, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	k, ok := s.st.keys[id]
	if !ok {
		return apiKey{}, false
	}
	return k.clone(), true
}

func (s *store) createKey(desc string, roles []string, now time.Time) apiKey {
	defer s.writing()()
	k := s.st.newKey(now, desc, roles)
	return k.clone()
}

// updateKey sets the fields that are non-nil.
func (s *store) updateKey(id string, desc *string, roles []string) (apiKey, bool) {
	defer s.writing()()
	k, ok := s.st.keys[id]
	if !ok {
		return apiKey{}, false
	}
	if desc != nil {
		k.Desc = *desc
	}
	if roles != nil {
		k.Roles = dedupe(roles)
	}
	return k.clone(), true
}

func (s *store) deleteKey(id string) bool {
	defer s.writing()()
	k, ok := s.st.keys[id]
	if !ok {
		return false
	}
	delete(s.st.keys, id)
	delete(s.st.byPublic, k.PublicKey)
	s.st.keyOrder = slices.DeleteFunc(s.st.keyOrder, func(x string) bool { return x == id })
	return true
}

// credentials lists the seeded credentials that still exist.
func (s *store) credentials() []KeyCredential {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []KeyCredential{}
	for _, id := range s.st.credentials {
		if k, ok := s.st.keys[id]; ok {
			out = append(out, KeyCredential{PublicKey: k.PublicKey, PrivateKey: k.PrivateKey, Roles: slices.Clone(k.Roles), Desc: k.Desc})
		}
	}
	return out
}

// newKey adds a key with fresh id and key pair. Callers hold the lock.
func (st *state) newKey(now time.Time, desc string, roles []string) *apiKey {
	k := &apiKey{ID: st.newID(now, func(id string) bool { return st.keys[id] != nil }), Desc: desc, Roles: dedupe(roles)}
	for {
		k.PublicKey = strings.ToLower(st.faker.LetterN(8))
		if _, taken := st.byPublic[k.PublicKey]; !taken {
			break
		}
	}
	k.PrivateKey = st.faker.UUID()
	st.addKey(k)
	return k
}

func (st *state) addKey(k *apiKey) {
	st.keys[k.ID] = k
	st.byPublic[k.PublicKey] = k.ID
	st.keyOrder = append(st.keyOrder, k.ID)
}

// newID returns an ObjectId-shaped id (fact A6: 24 hex digits): the creation
// second, then 16 hex digits from the faker.
func (st *state) newID(now time.Time, taken func(string) bool) string {
	for {
		id := objectID(now, st.faker.Uint64())
		if !taken(id) {
			return id
		}
	}
}

// objectID is the creation second in 8 hex digits, then 16 random ones.
func objectID(at time.Time, random uint64) string {
	b := make([]byte, 0, 24)
	return string(seedgen.AppendHex(seedgen.AppendHex(b, uint64(uint32(at.Unix())), 8), random, 16))
}

func dedupe(roles []string) []string {
	out := make([]string, 0, len(roles))
	for _, r := range roles {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
