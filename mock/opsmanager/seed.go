package opsmanager

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/brianvoe/gofakeit/v7"
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
		keys: map[string]*apiKey{}, byPublic: map[string]string{},
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
	for i := 0; i < size; i++ {
		desc := fmt.Sprintf("%s %s key", f.AppName(), strings.ToLower(f.BuzzWord()))
		st.newKey(at(n), desc, randomRoles(f, roles.accepted))
		n++
	}
	return st
}

func randomRoles(f *gofakeit.Faker, accepted []string) []string {
	pool := slices.Clone(accepted)
	f.ShuffleStrings(pool)
	return pool[:f.Number(1, 3)]
}
