package pmp

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // PMP §25 offers ssh-dss keys
	"crypto/x509"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

// snapshot is the product's whole state as a state file holds it: every
// object in its order, the ID counters and the faker's position, so a
// restored mock goes on exactly as the saved one would have. Key material
// is in its usual encodings (DER, PKCS #8, OpenSSH).
type snapshot struct {
	Seed           uint64           `json:"seed"`
	Size           int              `json:"size"`
	NextID         map[string]int   `json:"nextId"`
	Random         []byte           `json:"random"` // the faker's generator
	Users          []*user          `json:"users"`
	Groups         []*userGroup     `json:"userGroups"`
	Resources      []*resource      `json:"resources"`
	Accounts       []*account       `json:"accounts"`
	ResourceGroups []*resourceGroup `json:"resourceGroups"`
	Requests       []*pwRequest     `json:"requests"`
	Audit          []*auditRecord   `json:"audit"`
	ResourceFields []fieldDef       `json:"resourceFields"`
	AccountFields  []fieldDef       `json:"accountFields"`
	AgentKey       string           `json:"agentKey"`
	AgentKeyEnd    time.Time        `json:"agentKeyEnd"`
	PKI            *pkiSnapshot     `json:"pki"` // null until the PKI API is first used
}

type pkiSnapshot struct {
	SSHKeys       []sshKeySnapshot `json:"sshKeys"`
	Certs         []certSnapshot   `json:"certificates"`
	CertGroups    []*certGroup     `json:"certificateGroups"`
	CSRs          []csrSnapshot    `json:"csrs"`
	Hosts         []hostSnapshot   `json:"hosts"`
	Servers       []*deployServer  `json:"servers"`
	CAs           []caSnapshot     `json:"certificateAuthorities"`
	Authorized    []authorizedKeys `json:"authorizedKeys"`
	InstallKey    string           `json:"installKey"`
	InstallKeyEnd time.Time        `json:"installKeyEnd"`
}

type sshKeySnapshot struct {
	Name       string      `json:"name"`
	Key        []byte      `json:"key,omitempty"` // PKCS #8 (an OpenSSH file holds a random check number)
	DSA        *dsaKey     `json:"dsa,omitempty"` // PKCS #8 has no DSA in Go: the numbers
	Comment    string      `json:"comment"`
	Passphrase string      `json:"passphrase"`
	CreatedBy  string      `json:"createdBy"`
	CreatedAt  time.Time   `json:"createdAt"`
	Targets    []keyTarget `json:"targets"`
}

// dsaKey is a DSA private key's numbers.
type dsaKey struct {
	P, Q, G, Y, X *big.Int
}

type certSnapshot struct {
	ID         int          `json:"id"`
	Cert       []byte       `json:"cert"` // DER
	Chain      [][]byte     `json:"chain"`
	Key        []byte       `json:"key,omitempty"` // PKCS #8
	StoreType  string       `json:"storeType"`
	Passphrase string       `json:"passphrase"`
	Host       string       `json:"host"`
	Addr       string       `json:"addr"`
	Port       int          `json:"port"`
	Template   string       `json:"template"`
	OwnerID    int          `json:"ownerId"`
	UserShares map[int]bool `json:"userShares"`
	GroupShare map[int]bool `json:"groupShares"`
	AddedAt    time.Time    `json:"addedAt"`
}

type csrSnapshot struct {
	ID           int       `json:"id"`
	Request      []byte    `json:"request"` // DER
	Key          []byte    `json:"key"`     // PKCS #8
	StoreType    string    `json:"storeType"`
	Password     string    `json:"password"`
	Validity     int       `json:"validity"`
	ValidityUnit string    `json:"validityUnit"`
	Hash         string    `json:"hash"`
	CreatedBy    int       `json:"createdBy"`
	CreatedAt    time.Time `json:"createdAt"`
	Signed       bool      `json:"signed"`
}

type hostSnapshot struct {
	Name string                     `json:"name"`
	Addr string                     `json:"addr"`
	TLS  map[int]servedCertSnapshot `json:"tls"`
}

type servedCertSnapshot struct {
	Cert  []byte   `json:"cert"`
	Chain [][]byte `json:"chain"`
}

type caSnapshot struct {
	Server    string   `json:"server"`
	Name      string   `json:"name"`
	Templates []string `json:"templates"`
	Cert      []byte   `json:"cert"`
	Key       []byte   `json:"key"`
}

type authorizedKeys struct {
	Target       keyTarget `json:"target"`
	Fingerprints []string  `json:"fingerprints"`
}

// ExportState writes the product's state (see snapshot).
func (p *Product) ExportState() (json.RawMessage, error) {
	var snap snapshot
	var err error
	p.current().read(func(st *state) { snap, err = st.snapshot() })
	if err != nil {
		return nil, fmt.Errorf("pmp: %w", err)
	}
	return json.Marshal(snap)
}

// CheckState reads a state ExportState wrote, without installing it.
func (p *Product) CheckState(raw json.RawMessage) error {
	_, err := restore(raw)
	return err
}

// ImportState replaces the product's state with one ExportState wrote;
// requests under way finish on the state they started with.
func (p *Product) ImportState(raw json.RawMessage) error {
	st, err := restore(raw)
	if err != nil {
		return err
	}
	p.cur.Store(newStore(st))
	return nil
}

func (st *state) snapshot() (snapshot, error) {
	random, err := st.faker.Rand.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		return snapshot{}, err
	}
	snap := snapshot{Seed: st.seed, Size: st.size, NextID: st.nextID, Random: random, Requests: st.requests, Audit: st.audit,
		ResourceFields: st.resourceFields, AccountFields: st.accountFields, AgentKey: st.agentKey, AgentKeyEnd: st.agentKeyEnd}
	for _, id := range st.userOrder {
		snap.Users = append(snap.Users, st.users[id])
	}
	for _, id := range st.resourceOrder {
		snap.Resources = append(snap.Resources, st.resources[id])
	}
	for _, id := range st.rgroupOrder {
		snap.ResourceGroups = append(snap.ResourceGroups, st.rgroups[id])
	}
	snap.Groups = byID(st.groups, func(g *userGroup) int { return g.ID })
	snap.Accounts = byID(st.accounts, func(a *account) int { return a.ID })
	for i, a := range snap.Accounts {
		if a.seeded.on { // a state file is whole without the seed
			drawn := *a
			drawn.setPassword(a.password())
			snap.Accounts[i] = &drawn
		}
	}
	if st.pki != nil {
		if snap.PKI, err = st.pki.snapshot(); err != nil {
			return snapshot{}, err
		}
	}
	return snap, nil
}

func byID[T any](m map[int]T, id func(T) int) []T {
	out := make([]T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return id(out[i]) < id(out[j]) })
	return out
}

func (ps *pkiState) snapshot() (*pkiSnapshot, error) {
	out := &pkiSnapshot{CertGroups: ps.certGroups, Servers: ps.net.servers, InstallKey: ps.installKey, InstallKeyEnd: ps.installKeyEnd}
	for _, k := range ps.sshKeys {
		snap := sshKeySnapshot{Name: k.Name, Comment: k.Comment, Passphrase: k.Passphrase, CreatedBy: k.CreatedBy,
			CreatedAt: k.CreatedAt, Targets: k.Targets}
		if d, ok := k.Key.Private.(*dsa.PrivateKey); ok {
			snap.DSA = &dsaKey{P: d.P, Q: d.Q, G: d.G, Y: d.Y, X: d.X}
		} else {
			var err error
			if snap.Key, err = x509.MarshalPKCS8PrivateKey(k.Key.Private); err != nil {
				return nil, fmt.Errorf("SSH key %s: %w", k.Name, err)
			}
		}
		out.SSHKeys = append(out.SSHKeys, snap)
	}
	for _, id := range ps.certOrder {
		c := ps.certs[id]
		key, err := marshalKey(c.Key)
		if err != nil {
			return nil, fmt.Errorf("certificate %d: %w", c.ID, err)
		}
		out.Certs = append(out.Certs, certSnapshot{ID: c.ID, Cert: c.Cert.Raw, Chain: ders(c.Chain), Key: key, StoreType: c.StoreType,
			Passphrase: c.Passphrase, Host: c.Host, Addr: c.Addr, Port: c.Port, Template: c.Template, OwnerID: c.OwnerID,
			UserShares: c.UserShares, GroupShare: c.GroupShare, AddedAt: c.AddedAt})
	}
	for _, id := range ps.csrOrder {
		r := ps.csrs[id]
		key, err := marshalKey(r.Key)
		if err != nil {
			return nil, fmt.Errorf("CSR %d: %w", r.ID, err)
		}
		out.CSRs = append(out.CSRs, csrSnapshot{ID: r.ID, Request: r.Request.Raw, Key: key, StoreType: r.StoreType, Password: r.Password,
			Validity: r.Validity, ValidityUnit: r.ValidityUnit, Hash: r.Hash, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, Signed: r.Signed})
	}
	for _, h := range ps.net.hosts {
		hs := hostSnapshot{Name: h.Name, Addr: h.Addr, TLS: map[int]servedCertSnapshot{}}
		for port, sc := range h.TLS {
			hs.TLS[port] = servedCertSnapshot{Cert: sc.Cert.Raw, Chain: ders(sc.Chain)}
		}
		out.Hosts = append(out.Hosts, hs)
	}
	for _, ca := range ps.net.cas {
		key, err := marshalKey(ca.Key)
		if err != nil {
			return nil, fmt.Errorf("CA %s: %w", ca.Name, err)
		}
		out.CAs = append(out.CAs, caSnapshot{Server: ca.Server, Name: ca.Name, Templates: ca.Templates, Cert: ca.Cert.Raw, Key: key})
	}
	for t, fps := range ps.net.authorized {
		out.Authorized = append(out.Authorized, authorizedKeys{Target: t, Fingerprints: fps})
	}
	sort.Slice(out.Authorized, func(i, j int) bool {
		a, b := out.Authorized[i].Target, out.Authorized[j].Target
		return a.ResourceID < b.ResourceID || a.ResourceID == b.ResourceID && a.Account < b.Account
	})
	return out, nil
}

func ders(cs []*x509.Certificate) [][]byte {
	out := make([][]byte, len(cs))
	for i, c := range cs {
		out[i] = c.Raw
	}
	return out
}

func marshalKey(k crypto.PrivateKey) ([]byte, error) {
	if k == nil {
		return nil, nil
	}
	return x509.MarshalPKCS8PrivateKey(k)
}

// restore reads a snapshot back into a state, checking that it holds
// together (every order names an object, every key parses).
func restore(raw json.RawMessage) (*state, error) {
	var snap snapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		return nil, fmt.Errorf("pmp: %w", err)
	}
	pcg := &rand.PCG{}
	if err := pcg.UnmarshalBinary(snap.Random); err != nil {
		return nil, fmt.Errorf("pmp: random: %w", err)
	}
	st := &state{users: map[int]*user{}, groups: map[int]*userGroup{}, resources: map[int]*resource{}, accounts: map[int]*account{},
		rgroups: map[int]*resourceGroup{}, requests: snap.Requests, audit: snap.Audit, resourceFields: snap.ResourceFields,
		accountFields: snap.AccountFields, agentKey: snap.AgentKey, agentKeyEnd: snap.AgentKeyEnd, seed: snap.Seed, size: snap.Size,
		nextID: snap.NextID, faker: gofakeit.NewFaker(pcg, true)}
	if st.nextID == nil {
		return nil, errors.New("pmp: no ID counters")
	}
	for _, u := range snap.Users {
		u.setToken(u.Token)
		st.addUser(u)
	}
	for _, g := range snap.Groups {
		st.groups[g.ID] = g
	}
	for _, a := range snap.Accounts {
		st.accounts[a.ID] = a
	}
	for _, r := range snap.Resources {
		for _, aid := range r.AccountIDs {
			if st.accounts[aid] == nil {
				return nil, fmt.Errorf("pmp: resource %d names account %d, which is not there", r.ID, aid)
			}
		}
		st.addResource(r)
	}
	for _, g := range snap.ResourceGroups {
		st.rgroups[g.ID] = g
		st.rgroupOrder = append(st.rgroupOrder, g.ID)
	}
	if snap.PKI != nil {
		ps, err := snap.PKI.restore()
		if err != nil {
			return nil, fmt.Errorf("pmp: %w", err)
		}
		st.pki = ps
	}
	return st, nil
}

func (s *pkiSnapshot) restore() (*pkiState, error) {
	ps := &pkiState{certs: map[int]*certEntry{}, csrs: map[int]*csrEntry{}, certGroups: s.CertGroups, installKey: s.InstallKey,
		installKeyEnd: s.InstallKeyEnd, net: &network{servers: s.Servers, authorized: map[keyTarget][]string{}}}
	for _, k := range s.SSHKeys {
		var priv crypto.PrivateKey
		var err error
		if k.DSA != nil {
			priv = &dsa.PrivateKey{PublicKey: dsa.PublicKey{Parameters: dsa.Parameters{P: k.DSA.P, Q: k.DSA.Q, G: k.DSA.G}, Y: k.DSA.Y}, X: k.DSA.X}
		} else if priv, err = x509.ParsePKCS8PrivateKey(k.Key); err != nil {
			return nil, fmt.Errorf("SSH key %s: %w", k.Name, err)
		}
		key, err := pki.NewSSHKey(priv)
		if err != nil {
			return nil, fmt.Errorf("SSH key %s: %w", k.Name, err)
		}
		ps.sshKeys = append(ps.sshKeys, &sshKeyEntry{Name: k.Name, Key: key, Comment: k.Comment, Passphrase: k.Passphrase,
			CreatedBy: k.CreatedBy, CreatedAt: k.CreatedAt, Targets: k.Targets})
	}
	for _, c := range s.Certs {
		cert, err := x509.ParseCertificate(c.Cert)
		if err != nil {
			return nil, fmt.Errorf("certificate %d: %w", c.ID, err)
		}
		chain, err := parseDERs(c.Chain)
		if err != nil {
			return nil, fmt.Errorf("certificate %d chain: %w", c.ID, err)
		}
		key, err := parseKey(c.Key)
		if err != nil {
			return nil, fmt.Errorf("certificate %d key: %w", c.ID, err)
		}
		ps.certs[c.ID] = &certEntry{ID: c.ID, Cert: cert, Chain: chain, Key: key, StoreType: c.StoreType, Passphrase: c.Passphrase,
			Host: c.Host, Addr: c.Addr, Port: c.Port, Template: c.Template, OwnerID: c.OwnerID, UserShares: c.UserShares,
			GroupShare: c.GroupShare, AddedAt: c.AddedAt}
		ps.certOrder = append(ps.certOrder, c.ID)
	}
	for _, r := range s.CSRs {
		req, err := x509.ParseCertificateRequest(r.Request)
		if err != nil {
			return nil, fmt.Errorf("CSR %d: %w", r.ID, err)
		}
		key, err := parseKey(r.Key)
		if err != nil {
			return nil, fmt.Errorf("CSR %d key: %w", r.ID, err)
		}
		signer, ok := key.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("CSR %d key cannot sign", r.ID)
		}
		ps.csrs[r.ID] = &csrEntry{ID: r.ID, Request: req, Key: signer, StoreType: r.StoreType, Password: r.Password, Validity: r.Validity,
			ValidityUnit: r.ValidityUnit, Hash: r.Hash, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, Signed: r.Signed}
		ps.csrOrder = append(ps.csrOrder, r.ID)
	}
	for _, h := range s.Hosts {
		nh := &netHost{Name: h.Name, Addr: h.Addr, TLS: map[int]*servedCert{}}
		for port, sc := range h.TLS {
			cert, err := x509.ParseCertificate(sc.Cert)
			if err != nil {
				return nil, fmt.Errorf("host %s port %d: %w", h.Name, port, err)
			}
			chain, err := parseDERs(sc.Chain)
			if err != nil {
				return nil, fmt.Errorf("host %s port %d chain: %w", h.Name, port, err)
			}
			nh.TLS[port] = &servedCert{Cert: cert, Chain: chain}
		}
		ps.net.hosts = append(ps.net.hosts, nh)
	}
	for _, ca := range s.CAs {
		cert, err := x509.ParseCertificate(ca.Cert)
		if err != nil {
			return nil, fmt.Errorf("CA %s: %w", ca.Name, err)
		}
		key, err := parseKey(ca.Key)
		signer, ok := key.(crypto.Signer)
		if err != nil || !ok {
			return nil, fmt.Errorf("CA %s key does not parse", ca.Name)
		}
		ps.net.cas = append(ps.net.cas, &msCA{Server: ca.Server, Name: ca.Name, Templates: ca.Templates, Cert: cert, Key: signer})
	}
	for _, a := range s.Authorized {
		ps.net.authorized[a.Target] = a.Fingerprints
	}
	return ps, nil
}

func parseDERs(ders [][]byte) ([]*x509.Certificate, error) {
	out := make([]*x509.Certificate, len(ders))
	for i, d := range ders {
		c, err := x509.ParseCertificate(d)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

func parseKey(der []byte) (crypto.PrivateKey, error) {
	if der == nil {
		return nil, nil
	}
	return x509.ParsePKCS8PrivateKey(der)
}
