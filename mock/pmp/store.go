package pmp

import (
	"crypto/sha256"
	"crypto/subtle"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/opsmock/opsmock/mock/internal/memo"
)

// state is everything a reset replaces. Maps by ID; slices keep order.
type state struct {
	users           map[int]*user
	userOrder       []int
	usersByToken    map[[32]byte]int // token hash -> user ID (addUser)
	usersByName     nameIndex
	resourcesByName nameIndex
	groups          map[int]*userGroup
	resources       map[int]*resource
	resourceOrder   []int
	accounts        map[int]*account
	rgroups         map[int]*resourceGroup
	rgroupOrder     []int
	requests        []*pwRequest
	audit           []*auditRecord
	resourceFields  []fieldDef // additional field definitions, resource level
	accountFields   []fieldDef // and account level
	agentKey        string
	agentKeyEnd     time.Time
	pki             *pkiState // §25-§76; nil until first used (ensurePKI)
	seed            uint64
	size            int
	nextID          map[string]int // next ID per kind
	faker           *gofakeit.Faker
}

// store guards one state; handlers read and write through it. A reset
// does not change a store: it swaps in a new one (Product.cur), so a request
// that pinned the old store finishes on the old state, whole, and never sees
// a mix of the two.
type store struct {
	mu  sync.RWMutex // guards st
	st  *state
	pki sync.Once // builds the PKI state outside mu, once per store
	// memo counts the writes and keeps the answers of pure reads for the
	// current version; it dies with the store on a reset.
	memo memo.Cache
}

func newStore(st *state) *store { return &store{st: st} }

// pkiBuilding runs as a PKI build starts: a seam for the test that shows
// REST requests are answered while one is under way.
var pkiBuilding = func() {}

// ensurePKI seeds the PKI state on first use: its RSA signatures are a
// cost REST-only users should not pay at start-up or on every reset. The
// certificates are built on a scratch state outside the lock (at a large
// seed size that takes seconds) and installed under it in one step, so
// other requests never wait for the signing; concurrent first PKI calls
// wait for the one build.
func (s *store) ensurePKI() {
	s.mu.RLock()
	ready, seed, size := s.st.pki != nil, s.st.seed, s.st.size
	s.mu.RUnlock()
	if ready {
		return
	}
	s.pki.Do(func() {
		pkiBuilding()
		scratch := &state{seed: seed, size: size, nextID: map[string]int{}}
		seedPKI(scratch)
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.st.pki != nil {
			return
		}
		s.memo.Changed()
		s.st.pki = scratch.pki
		for kind, n := range scratch.nextID {
			s.st.nextID[kind] = max(s.st.nextID[kind], n)
		}
		s.st.linkSSHKeys()
	})
}

func (s *store) read(f func(*state)) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f(s.st)
}

func (s *store) write(f func(*state)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.memo.Changed() // even when f panics halfway
	f(s.st)
}

// newID hands out IDs per kind ("resource", "account", ...).
func (st *state) newID(kind string) int {
	st.nextID[kind]++
	return st.nextID[kind]
}

// addUser stores u last in the order and indexes its token and name, so
// every request finds its caller in O(1) at any seed size.
func (st *state) addUser(u *user) {
	if st.usersByToken == nil {
		st.usersByToken, st.usersByName = map[[32]byte]int{}, nameIndex{}
	}
	st.users[u.ID] = u
	st.userOrder = append(st.userOrder, u.ID)
	if u.Token != "" {
		st.usersByToken[u.tokenHash] = u.ID
	}
	st.usersByName.add(u.Name, u.ID)
}

// dropUser removes u and its index entries; another user of the same
// name, if any, takes the name's entry.
func (st *state) dropUser(u *user) {
	delete(st.users, u.ID)
	st.userOrder = without(st.userOrder, u.ID)
	if id, ok := st.usersByToken[u.tokenHash]; ok && id == u.ID {
		delete(st.usersByToken, u.tokenHash)
	}
	st.usersByName.drop(u.Name, u.ID, st.userOrder, func(id int) string { return st.users[id].Name })
}

// addResource stores r last in the order and indexes its name.
func (st *state) addResource(r *resource) {
	if st.resourcesByName == nil {
		st.resourcesByName = nameIndex{}
	}
	st.resources[r.ID] = r
	st.resourceOrder = append(st.resourceOrder, r.ID)
	st.resourcesByName.add(r.Name, r.ID)
}

func (st *state) renameResource(r *resource, name string) {
	st.resourcesByName.drop(r.Name, r.ID, st.resourceOrder, func(id int) string { return st.resources[id].Name })
	r.Name = name
	st.resourcesByName.add(name, r.ID)
}

// userByToken finds a token's user: indexed by hash, confirmed in constant time.
func (st *state) userByToken(tok string) (*user, bool) {
	h := sha256.Sum256([]byte(tok))
	if u, ok := st.users[st.usersByToken[h]]; ok && u.Token != "" &&
		subtle.ConstantTimeCompare([]byte(u.Token), []byte(tok)) == 1 {
		return u, true
	}
	return nil, false
}

func (st *state) userByName(name string) (*user, bool) {
	u, ok := st.users[st.usersByName[strings.ToLower(name)]]
	return u, ok
}

func (st *state) groupByName(name string) (*userGroup, bool) {
	for _, g := range st.groups {
		if strings.EqualFold(g.Name, name) {
			return g, true
		}
	}
	return nil, false
}

// groupsOf lists the user groups a user belongs to.
func (st *state) groupsOf(userID int) []int {
	var out []int
	for id, g := range st.groups {
		for _, m := range g.Members {
			if m == userID {
				out = append(out, id)
			}
		}
	}
	return out
}

func (st *state) resourceByName(name string) (*resource, bool) {
	r, ok := st.resources[st.resourcesByName[strings.ToLower(name)]]
	return r, ok
}

func (st *state) accountByName(r *resource, name string) (*account, bool) {
	for _, id := range r.AccountIDs {
		if a := st.accounts[id]; strings.EqualFold(a.Name, name) {
			return a, true
		}
	}
	return nil, false
}

func (st *state) rgroupByName(name string, ownerID int) (*resourceGroup, bool) {
	for _, id := range st.rgroupOrder {
		g := st.rgroups[id]
		if strings.EqualFold(g.Name, name) && (ownerID == 0 || g.OwnerID == ownerID) {
			return g, true
		}
	}
	return nil, false
}

// deleteResource removes a resource, its accounts, their requests and its
// static group memberships.
func (st *state) deleteResource(r *resource) {
	for _, aid := range r.AccountIDs {
		st.deleteAccountRequests(aid)
		st.retargetKeys(r.ID, st.accounts[aid].Name, "")
		delete(st.accounts, aid)
	}
	delete(st.resources, r.ID)
	st.resourceOrder = without(st.resourceOrder, r.ID)
	st.resourcesByName.drop(r.Name, r.ID, st.resourceOrder, func(id int) string { return st.resources[id].Name })
	for _, g := range st.rgroups {
		g.ResourceIDs = without(g.ResourceIDs, r.ID)
	}
}

func (st *state) deleteAccountRequests(accountID int) {
	kept := st.requests[:0]
	for _, rq := range st.requests {
		if rq.AccountID != accountID {
			kept = append(kept, rq)
		}
	}
	st.requests = kept
}

// without returns ids less id, leaving ids itself untouched.
func without(ids []int, id int) []int {
	return slices.DeleteFunc(slices.Clone(ids), func(x int) bool { return x == id })
}
