package pmp

import (
	"crypto/sha256"
	"time"
)

// Roles (PMP §17 ROLE).
const (
	roleAdmin      = "Administrator"
	rolePwdAdmin   = "Password Administrator"
	rolePrivAdmin  = "Privileged Administrator"
	roleAuditor    = "Password Auditor"
	rolePasswdUser = "Password User"
)

// access is a sharing level (PMP §56-§61 ACCESSTYPE); owners have full.
type access int

const (
	noAccess access = iota
	viewAccess
	modifyAccess
	fullAccess
)

var accessNames = map[string]access{"view": viewAccess, "modify": modifyAccess, "fullaccess": fullAccess}

func (a access) String() string {
	for name, v := range accessNames {
		if v == a {
			return name
		}
	}
	return "none"
}

type user struct {
	ID                                  int
	Name, FirstName, LastName, FullName string
	Email, Role, Department, Location   string
	Policy                              string
	SuperAdmin, APIUser, Locked         bool
	Host                                string // an API user's bound host (§24 HOSTNAME); "" for none
	Token                               string
	tokenHash                           [32]byte
	Expiry                              *time.Time
	MFAResets                           int
	LoginPassword                       string // never sent back
	CreatedAt                           time.Time
}

func (u *user) setToken(t string) {
	u.Token = t
	u.tokenHash = sha256.Sum256([]byte(t))
}

func (u user) displayName() string {
	if u.FullName != "" {
		return u.FullName
	}
	if u.FirstName != "" || u.LastName != "" {
		return u.FirstName + " " + u.LastName
	}
	return u.Name
}

type userGroup struct {
	ID      int
	Name    string
	Members []int
}

// customField is a value of a resource or account additional field. Its type
// and column come from the field's definition (§2 CUSTOM FIELD).
type customField struct {
	Label, Value string
}

type fieldDef struct {
	Label, Type, Column string
}

type storedFile struct {
	Name     string
	Contents []byte
}

type resource struct {
	ID                                int
	Name, Description, Type, DNSName  string
	Department, Location, URL, Policy string
	OwnerID                           int
	CustomFields                      []customField
	AccountIDs                        []int
	File                              *storedFile       // File, License and Key Store resources (§6)
	UserShares, GroupShares           map[int]access    `json:",omitempty"` // nil until shared
	RemoteReset                       map[string]string // §63 settings, when configured
	CreatedAt                         time.Time
}

type totpConfig struct {
	Secret    string // base32
	Algorithm string // SHA1, SHA256, SHA512
	Digits    int
	Period    int // seconds
}

type account struct {
	ID, ResourceID                int
	Name, Password, Notes, Policy string
	Description                   string
	CustomFields                  []customField
	TOTP                          *totpConfig
	Flags                         map[string]bool `json:",omitempty"` // §21 session and reset flags; nil until set
	ResourceGroupIDs              []int
	AccessControl                 bool // password access control: request, approve, check out
	InUse                         bool // checked out under access control (§2 note)
	Favorite                      bool
	UserShares, GroupShares       map[int]access `json:",omitempty"` // nil until shared
	LastAccessed, LastModified    time.Time
	// seeded: Password is not stored but drawn from the seed and the ID
	// (password) until the first change; a state file holds it drawn.
	seeded passwordSeed
}

type passwordSeed struct {
	seed uint64
	on   bool
}

// password is the account's password: the one set, or its seeded one,
// the same on every read.
func (a *account) password() string {
	if a.seeded.on {
		return seededPassword(a.seeded.seed, a.ID)
	}
	return a.Password
}

func (a *account) setPassword(pw string) { a.Password, a.seeded = pw, passwordSeed{} }

type criterion struct {
	Field, Operator, Value string
}

type resourceGroup struct {
	ID                      int
	Name, Description, Type string // Type: static or dynamic
	Policy                  string
	ParentID, OwnerID       int
	ResourceIDs             []int // static members
	Criteria                []criterion
	MatchAll                bool // andor: and
	UserShares, GroupShares map[int]access
	CreatedAt               time.Time
}

// Password request statuses (§10-§15).
const (
	requestWaiting    = "WAITING FOR APPROVAL"
	requestApproved   = "APPROVED"
	requestCheckedOut = "CHECKED OUT"
)

type pwRequest struct {
	ID                     int
	AccountID, RequesterID int
	Reason, Status         string
	RequestedAt            time.Time
}

// Audit types (§55 AUDITTYPE).
const (
	auditResource = "Resource"
	auditUser     = "User"
)

type auditRecord struct {
	ID                                       int
	Type                                     string
	ResourceName, AccountName, OperationType string
	OperatedBy, IPAddress, UserName, Reason  string
	Name, Client                             string
	At                                       time.Time
}
