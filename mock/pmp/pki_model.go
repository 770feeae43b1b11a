package pmp

import (
	"crypto"
	"crypto/x509"
	"slices"
	"time"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

// pkiState is the PKI API's repository (§25-§76) and the simulated network
// it reaches. It lives inside state, so a reset replaces it too.
type pkiState struct {
	sshKeys       []*sshKeyEntry
	certs         map[int]*certEntry
	certOrder     []int
	certGroups    []*certGroup
	csrs          map[int]*csrEntry
	csrOrder      []int
	net           *network
	installKey    string // §76
	installKeyEnd time.Time
}

// keyTarget is an account of a resource an SSH key is associated with.
type keyTarget struct {
	ResourceID int
	Account    string
}

type sshKeyEntry struct {
	Name       string
	Key        *pki.SSHKey
	Comment    string
	Passphrase string // protects exports (§29); never shown
	CreatedBy  string
	CreatedAt  time.Time
	Targets    []keyTarget
}

type certEntry struct {
	ID         int
	Cert       *x509.Certificate
	Chain      []*x509.Certificate
	Key        crypto.PrivateKey // nil when PMP does not hold it
	StoreType  string
	Passphrase string
	Host       string // where it was discovered, as asked; "" if nowhere
	Addr       string // that host's address
	Port       int
	Template   string // the CA template that signed it (§44)
	OwnerID    int
	UserShares map[int]bool
	GroupShare map[int]bool
	AddedAt    time.Time
}

type certGroup struct {
	ID                  int
	Name, Desc, Mail    string
	OwnerID             int
	CertIDs             []int
	UserShares, GroupSh map[int]bool
}

type csrEntry struct {
	ID           int
	Request      *x509.CertificateRequest
	Key          crypto.Signer
	StoreType    string
	Password     string
	Validity     int
	ValidityUnit string // days, hours, minutes
	Hash         string
	CreatedBy    int
	CreatedAt    time.Time
	Signed       bool
}

func (ps *pkiState) sshKey(name string) (*sshKeyEntry, bool) {
	for _, k := range ps.sshKeys {
		if equalFold(k.Name, name) {
			return k, true
		}
	}
	return nil, false
}

func (ps *pkiState) certGroup(name string) (*certGroup, bool) {
	for _, g := range ps.certGroups {
		if equalFold(g.Name, name) {
			return g, true
		}
	}
	return nil, false
}

// addCert puts a certificate into the repository under a new ID.
func (st *state) addCert(c *certEntry) *certEntry {
	if c.ID == 0 {
		c.ID = st.newID("cert")
	}
	if c.UserShares == nil {
		c.UserShares = map[int]bool{}
	}
	if c.GroupShare == nil {
		c.GroupShare = map[int]bool{}
	}
	st.pki.certs[c.ID] = c
	st.pki.certOrder = append(st.pki.certOrder, c.ID)
	return c
}

// certBySerial finds a repository certificate with the same issuer and
// serial: the same certificate, whatever its name.
func (st *state) certBySerial(cert *x509.Certificate) (*certEntry, bool) {
	for _, id := range st.pki.certOrder {
		c := st.pki.certs[id]
		if c.Cert.SerialNumber.Cmp(cert.SerialNumber) == 0 && string(c.Cert.RawIssuer) == string(cert.RawIssuer) {
			return c, true
		}
	}
	return nil, false
}

func (st *state) deleteCert(id int) {
	delete(st.pki.certs, id)
	st.pki.certOrder = without(st.pki.certOrder, id)
	for _, g := range st.pki.certGroups {
		g.CertIDs = without(g.CertIDs, id)
	}
}

// retargetKeys follows an account's rename (to) or removal (to == "") in
// the SSH key associations. The simulated machine's authorized keys are
// those of the account PMP knows, so they follow a rename; a removal from
// PMP leaves them on the machine.
func (st *state) retargetKeys(resourceID int, from, to string) {
	if st.pki == nil {
		return // not seeded yet; seeding skips accounts that are gone
	}
	if old := (keyTarget{resourceID, from}); to != "" && len(st.pki.net.authorized[old]) > 0 {
		for _, fp := range st.pki.net.authorized[old] {
			st.pki.net.authorize(keyTarget{resourceID, to}, fp)
		}
		delete(st.pki.net.authorized, old)
	}
	for _, k := range st.pki.sshKeys {
		kept := k.Targets[:0:0]
		for _, t := range k.Targets {
			switch {
			case t.ResourceID != resourceID || t.Account != from:
				kept = append(kept, t)
			case to != "" && !slices.Contains(kept, keyTarget{resourceID, to}):
				kept = append(kept, keyTarget{resourceID, to})
			}
		}
		k.Targets = kept
	}
}
