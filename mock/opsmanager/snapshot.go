package opsmanager

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math/rand/v2"

	"github.com/brianvoe/gofakeit/v7"
)

// snapshot is the product's whole state as a state file holds it: the
// keys and the access list in their order, which keys are listed as
// credentials, and the faker's position. Nonces are not state: a
// restarted server asks clients for a fresh one, as a real one would.
type snapshot struct {
	Keys        []*apiKey      `json:"keys"`
	Access      []*accessEntry `json:"accessList"`
	Credentials []string       `json:"credentials"`
	Random      []byte         `json:"random"`
}

// ExportState writes the product's state.
func (p *Product) ExportState() (json.RawMessage, error) {
	s := p.current()
	s.mu.RLock()
	defer s.mu.RUnlock()
	random, err := s.st.faker.Rand.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("opsmanager: %w", err)
	}
	snap := snapshot{Credentials: s.st.credentials, Random: random}
	for _, id := range s.st.keyOrder {
		snap.Keys = append(snap.Keys, s.st.keys[id])
	}
	for _, id := range s.st.accessOrder {
		snap.Access = append(snap.Access, s.st.access[id])
	}
	return json.Marshal(snap)
}

// CheckState reads a state ExportState wrote, without installing it.
func (p *Product) CheckState(raw json.RawMessage) error {
	_, err := p.restore(raw)
	return err
}

// ImportState replaces the product's state with one ExportState wrote.
func (p *Product) ImportState(raw json.RawMessage) error {
	st, err := p.restore(raw)
	if err != nil {
		return err
	}
	p.cur.Store(newStore(st))
	p.nonces.reset()
	return nil
}

func (p *Product) restore(raw json.RawMessage) (*state, error) {
	var snap snapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		return nil, fmt.Errorf("opsmanager: %w", err)
	}
	pcg := &rand.PCG{}
	if err := pcg.UnmarshalBinary(snap.Random); err != nil {
		return nil, fmt.Errorf("opsmanager: random: %w", err)
	}
	st := &state{keys: map[string]*apiKey{}, byPublic: map[string]string{}, access: map[string]*accessEntry{},
		faker: gofakeit.NewFaker(pcg, true), credentials: snap.Credentials}
	for _, k := range snap.Keys {
		if k == nil || k.ID == "" || st.keys[k.ID] != nil || st.byPublic[k.PublicKey] != "" {
			return nil, fmt.Errorf("opsmanager: a key is empty or not unique")
		}
		for _, r := range k.Roles {
			if !p.roles.isStored(r) {
				return nil, fmt.Errorf("opsmanager: key %s has role %q, which no key can have", k.ID, r)
			}
		}
		st.keys[k.ID], st.byPublic[k.PublicKey] = k, k.ID
		st.keyOrder = append(st.keyOrder, k.ID)
	}
	for _, e := range snap.Access {
		prefix, ok := parseCIDR(e.CIDR)
		if !ok || st.access[e.ID] != nil {
			return nil, fmt.Errorf("opsmanager: access-list entry %q is not a CIDR block, or not unique", e.CIDR)
		}
		e.prefix = prefix
		st.access[e.ID] = e
		st.accessOrder = append(st.accessOrder, e.ID)
	}
	return st, nil
}
