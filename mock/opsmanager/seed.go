package opsmanager

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/opsmock/opsmock/mock/internal/seedgen"
)

// seedEpoch dates the seeded objects, so seeded state does not depend on the
// clock and the same seed gives byte-identical state on any day.
var seedEpoch = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// seed003Keys are the three keys of OM-LIST's example response: same ids,
// public keys, roles and redacted tails, so the document's examples can be
// replayed against the mock. A private key is a full UUID whose last group is
// the documented tail; OM-CREATE shows all of cfswjfck's, so that one is exact.
var seed003Keys = []struct {
	id, desc, pub, tail, private string
	roles                        []string
}{
	{"5d669ce780eef52a42cf0e1e", "Test Global API Key 1", "zrefxaep", "54d9792d337d", "", []string{"GLOBAL_READ_ONLY", "GLOBAL_BILLING_ADMIN"}},
	{"5d6fec4180eef54728814b14", "Test Global API Key 2", "qlgofmne", "fe646723a586", "", []string{"GLOBAL_READ_ONLY"}},
	{"5d6fecfc80eef547288207f3", "Test Global API Key 3", "cfswjfck", "fe348ed1796f", "8d080e57-5fd6-495c-9388-fe348ed1796f",
		[]string{"GLOBAL_READ_ONLY", "GLOBAL_BILLING_ADMIN", "GLOBAL_USER_ADMIN"}},
}

var (
	publicKeyPattern  = regexp.MustCompile(`^[a-z]{8}$`)
	privateKeyPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
)

// newFaker returns the product's deterministic faker. It builds the PCG
// source itself because gofakeit.New treats seed 0 as "random".
func newFaker(seed uint64) *gofakeit.Faker {
	return gofakeit.NewFaker(rand.NewPCG(seed, seed), true)
}

// validateKeyCredential checks a configured credential the way the spec will
// check it on the wire, so a bad option fails at New, not in a response.
func validateKeyCredential(c KeyCredential, roles roleSet) error {
	if !publicKeyPattern.MatchString(c.PublicKey) {
		return fmt.Errorf("opsmanager: public key %q must be 8 lower-case letters", c.PublicKey)
	}
	if !privateKeyPattern.MatchString(c.PrivateKey) {
		return fmt.Errorf("opsmanager: private key of %s must be a lower-case UUID", c.PublicKey)
	}
	if len(c.Roles) == 0 {
		return fmt.Errorf("opsmanager: key %s needs at least one role", c.PublicKey)
	}
	for _, r := range c.Roles {
		if !slices.Contains(roles.stored, r) {
			return fmt.Errorf("opsmanager: key %s: unknown role %q", c.PublicKey, r)
		}
	}
	if n := len(c.Desc); n > 250 {
		return fmt.Errorf("opsmanager: key %s: desc is %d characters, at most 250", c.PublicKey, n)
	}
	return nil
}

// seedState builds the seeded state: a Global Owner key and a Global Read
// Only key (both listed as credentials), the configured keys (listed too),
// OM-LIST's example keys, then size generated keys for paging. The access
// list starts empty, so every caller is admitted until a test adds entries.
func seedState(seed uint64, size int, configured []KeyCredential, roles roleSet) *state {
	f := newFaker(seed)
	st := &state{
		keys: make(map[string]*apiKey, size+16), byPublic: make(map[string]string, size+16),
		access: map[string]*accessEntry{}, faker: f,
	}
	at := func(i int) time.Time { return seedEpoch.Add(time.Duration(i) * time.Hour) }
	n := 0
	for _, role := range []string{roleOwner, roleReadOnly} {
		k := st.newKey(at(n), "opsmock seeded "+role+" key", []string{role})
		st.credentials = append(st.credentials, k.ID)
		n++
	}
	for _, c := range configured {
		desc := c.Desc
		if desc == "" {
			desc = "opsmock configured key"
		}
		k := &apiKey{ID: st.newID(at(n), func(id string) bool { return st.keys[id] != nil }),
			Desc: desc, PublicKey: c.PublicKey, PrivateKey: c.PrivateKey, Roles: dedupe(c.Roles)}
		st.addKey(k)
		st.credentials = append(st.credentials, k.ID)
		n++
	}
	for _, d := range seed003Keys {
		if _, taken := st.byPublic[d.pub]; taken {
			continue // a configured key took this public key
		}
		groups := strings.Split(f.UUID(), "-")
		groups[4] = d.tail
		private := strings.Join(groups, "-")
		if d.private != "" {
			private = d.private
		}
		st.addKey(&apiKey{ID: d.id, Desc: d.desc, PublicKey: d.pub, PrivateKey: private, Roles: slices.Clone(d.roles)})
	}
	generated := make([]*apiKey, size)
	seedgen.Each(size, func(lo, hi int) {
		var keys seedgen.Slab[apiKey]
		for i := lo; i < hi; i++ {
			generated[i] = drawKey(seed, i, 0, at(n+i), roles.accepted, &keys)
		}
	})
	for i, k := range generated {
		// A drawn ID or public key can repeat one already stored (about
		// once in forty runs at 100k keys): draw that key again.
		for attempt := 1; st.keys[k.ID] != nil || st.byPublic[k.PublicKey] != ""; attempt++ {
			k = drawKey(seed, i, attempt, at(n+i), roles.accepted, &seedgen.Slab[apiKey]{})
		}
		st.addKey(k)
	}
	return st
}

// keyStream draws the generated keys per index (mock/internal/seedgen), so
// they are made on every core.
var keyStream = seedgen.NewStream("opsmanager/keys")

// drawKey makes the i-th generated key, created at; attempt > 0 draws it
// again after a collision. Its ID, public and private keys are parts of
// one string, one allocation: allocations were most of seeding's cost.
func drawKey(seed uint64, i, attempt int, at time.Time, accepted []string, keys *seedgen.Slab[apiKey]) *apiKey {
	r := keyStream.At(seed, i|attempt<<40)
	desc := appName(r) + " " + r.Pick(lowerBuzzWords) + " key"
	roles := make([]string, 0, 3)
	for n := r.Between(1, min(3, len(accepted))); len(roles) < n; {
		if role := r.Pick(accepted); !slices.Contains(roles, role) {
			roles = append(roles, role)
		}
	}
	b := make([]byte, 0, 24+8+36)
	b = seedgen.AppendHex(seedgen.AppendHex(b, uint64(uint32(at.Unix())), 8), r.Uint64(), 16)
	b = append(b, r.Letters(8)...)
	b = append(b, r.UUID()...)
	ids := string(b)
	k := keys.New()
	*k = apiKey{ID: ids[:24], Desc: desc, PublicKey: ids[24:32], PrivateKey: ids[32:], Roles: roles}
	return k
}

// Word lists in the case appName and drawKey use them.
var (
	titleNouns, titleVerbs    = titled(seedgen.Nouns), titled(seedgen.Verbs)
	titleColors, titleAnimals = titled(seedgen.Colors), titled(seedgen.Animals)
	lowerBuzzWords            = seedgen.Lower(seedgen.BuzzWords)
)

func titled(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = title(w)
	}
	return out
}

// appName is a made-up application name in gofakeit's three forms.
func appName(r *seedgen.Rand) string {
	switch r.IntN(3) {
	case 0:
		return r.Pick(titleNouns) + r.Pick(titleVerbs)
	case 1:
		return r.Pick(titleColors) + r.Pick(titleNouns)
	default:
		return r.Pick(titleAnimals) + r.Pick(titleVerbs)
	}
}

func title(w string) string {
	if w == "" || w[0] < 'a' || w[0] > 'z' {
		return w
	}
	return string(w[0]-'a'+'A') + w[1:]
}
