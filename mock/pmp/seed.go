package pmp

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/opsmock/opsmock/mock/internal/seedgen"
)

// seedEpoch dates seeded objects, so seeded state never depends on the clock.
var seedEpoch = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)

// firstGeneratedUser: users below it are the fixed ones whose tokens
// /_opsmock/credentials lists.
const firstGeneratedUser = 100

// Fixed users: one per role, plus API users that show host binding and a
// locked user.
var seededUsers = []struct {
	name, full, role string
	super, api       bool
	host             string
	locked           bool
}{
	{name: "admin", full: "Administrator", role: roleAdmin},
	{name: "guest", full: "Guest guest", role: rolePasswdUser}, // §11's requester, ID 2
	{name: "pwdadmin", full: "Password Administrator", role: rolePwdAdmin},
	{name: "privadmin", full: "Privileged Administrator", role: rolePrivAdmin},
	{name: "auditor", full: "Password Auditor", role: roleAuditor},
	{name: "superadmin", full: "Super Administrator", role: roleAdmin, super: true},
	{name: "apiuser", full: "API User", role: rolePasswdUser, api: true, host: "127.0.0.1"},                       // bound to loopback
	{name: "farhost", full: "Far Host", role: rolePasswdUser, api: true, host: "192.0.2.77"},                      // bound elsewhere: refused
	{name: "nohost", full: "Unresolvable Host", role: rolePasswdUser, api: true, host: "pmp-client.example.test"}, // fact C1: no answer
	{name: "locked", full: "Locked User", role: rolePasswdUser, locked: true},
}

func newFaker(seed uint64) *gofakeit.Faker {
	return gofakeit.NewFaker(rand.NewPCG(seed, seed), true) // gofakeit.New treats seed 0 as random
}

// seedState builds the seeded state: the document's examples (users 1
// and 2, resources 301-303 with §2/§3's fields, accounts 307 and 308, §11's
// request, §55's audit records, §85's groups), then size generated
// resources and size/5 generated users.
func seedState(seed uint64, size int) *state {
	f := newFaker(seed)
	st := &state{users: make(map[int]*user, size/5+16), groups: map[int]*userGroup{}, resources: make(map[int]*resource, size+16),
		accounts: make(map[int]*account, 2*size+16), resourcesByName: make(nameIndex, size+16), rgroups: map[int]*resourceGroup{},
		nextID: map[string]int{}, faker: f,
		resourceFields: []fieldDef{{"License No", "Numeric", "COLUMN_LONG1"}, {"Installed Date", "Date", "COLUMN_DATE1"},
			{"Resource Password", "Password", "COLUMN_SCHAR1"}, {"Secure Resource", "Character", "COLUMN_CHAR1"}},
		accountFields: []fieldDef{{"Account LIC Number", "Numeric", "COLUMN_LONG1"}, {"Acc creation date", "Date", "COLUMN_DATE1"},
			{"Secondary Password", "Password", "COLUMN_SCHAR1"}, {"Secure Account", "Character", "COLUMN_CHAR1"}}}
	for i, su := range seededUsers {
		u := &user{ID: i + 1, Name: su.name, FullName: su.full, Email: su.name + "@opsmock.test", Role: su.role,
			SuperAdmin: su.super, APIUser: su.api, Host: su.host, Locked: su.locked, Policy: "Strong", CreatedAt: seedEpoch}
		u.setToken(newToken(st))
		st.addUser(u)
	}
	st.nextID["user"] = firstGeneratedUser - 1
	st.groups[1] = &userGroup{ID: 1, Name: "TestGroup", Members: []int{2}} // §48's group
	st.groups[2] = &userGroup{ID: 2, Name: "DBAs", Members: []int{3}}
	st.nextID["usergroup"] = 2

	seedDocumentResources(st, f)
	seedGroupsAndHistory(st)
	st.nextID["resource"], st.nextID["account"] = 600, 1600
	seedGenerated(st, seed, size)
	st.agentKey, st.agentKeyEnd = fmt.Sprintf("%016x", f.Uint64()), seedEpoch.Add(defaultAgentKeyHours*time.Hour)
	st.seed, st.size = seed, size // PKI seeds itself from them on first use (ensurePKI)
	return st
}

func (st *state) put(r *resource, accounts ...*account) {
	if r.CreatedAt.IsZero() {
		r.CreatedAt = seedEpoch
	}
	for _, a := range accounts {
		a.ResourceID = r.ID
		if a.LastModified.IsZero() {
			a.LastModified = seedEpoch
		}
		if a.Policy == "" {
			a.Policy = r.Policy
		}
		st.accounts[a.ID] = a
		r.AccountIDs = append(r.AccountIDs, a.ID)
	}
	st.addResource(r)
}

func orEmpty(m map[int]access) map[int]access {
	if m == nil {
		return map[int]access{}
	}
	return m
}

func seedDocumentResources(st *state, f *gofakeit.Faker) {
	strong, _ := findPolicy("Strong")
	pw := func() string { return strong.generate(f) }
	st.put(&resource{ID: 301, Name: "CentOS Machine", Description: "CentOS Machine", Type: "Linux", DNSName: "centos-1",
		Policy: "Strong", OwnerID: 1, UserShares: map[int]access{2: viewAccess}},
		&account{ID: 311, Name: "root", Password: pw()},
		&account{ID: 312, Name: "centos", Password: pw()},
		// A website-style account with TOTP (§21): the classic base32 test secret.
		&account{ID: 313, Name: "webadmin", Password: pw(), TOTP: &totpConfig{Secret: "JBSWY3DPEHPK3PXP", Algorithm: "SHA1", Digits: 6, Period: 30}},
		// Under password access control with no request pending: what a
		// conformance run's approval workflow finds to act on (guest sees it).
		&account{ID: 317, Name: "oracle", Password: pw(), AccessControl: true})
	st.put(&resource{ID: 302, Name: "Cisco IOS Device", Description: "Cisco IOS Device", Type: "Cisco IOS", DNSName: "cisco-1",
		Policy: "Strong", OwnerID: 1, GroupShares: map[int]access{1: viewAccess}},
		&account{ID: 314, Name: "admin", Password: pw()},
		&account{ID: 315, Name: "enable", Password: pw()})
	// §1 names it WebLogic Server, §2 MSSQL server: the list's name wins;
	// §2's details and §3's account fields are kept.
	st.put(&resource{ID: 303, Name: "WebLogic Server", Description: "Weblogic Data Source Password", Type: "WebLogic Server",
		DNSName: "sqlserver-1", Policy: "Strong", Department: "SQL Server DBA", Location: "Level 10", URL: "http://sqlserver-1/",
		OwnerID: 1, GroupShares: map[int]access{2: fullAccess},
		CustomFields: []customField{{"License No", "78336298"}, {"Installed Date", "Sep 10, 2013"},
			{"Resource Password", "Tese123$*%"}, {"Secure Resource", "YES"}}},
		&account{ID: 307, Name: "system", Password: "fqxdB7ded@4", // §4's password
			LastModified: time.Date(2013, 9, 10, 15, 33, 0, 0, time.UTC), UserShares: map[int]access{2: modifyAccess},
			CustomFields: []customField{{"Account LIC Number", "56455567"}, {"Acc creation date", "Sep 10, 2013"},
				{"Secondary Password", "Test12345"}, {"Secure Account", "YES"}}},
		// Under password access control, shared to guest (who has a request pending, §11).
		&account{ID: 308, Name: "sysdba", Password: pw(), AccessControl: true, UserShares: map[int]access{2: viewAccess}})
	st.put(&resource{ID: 304, Name: "License Keys", Description: "Product licenses", Type: "License Store", Policy: "Strong", OwnerID: 1,
		File: &storedFile{Name: "license.txt", Contents: []byte(fmt.Sprintf("OPSMOCK-LICENSE-%016X\n", f.Uint64()))}},
		&account{ID: 316, Name: "license", Password: pw()})
	st.requests = append(st.requests, &pwRequest{ID: 1, AccountID: 308, RequesterID: 2, Status: requestWaiting,
		Reason: "For connecting the machine and update the Password Manager Pro server", RequestedAt: seedEpoch})
	st.nextID["request"] = 1
}

func seedGroupsAndHistory(st *state) {
	add := func(g *resourceGroup) {
		g.UserShares, g.GroupShares = orEmpty(g.UserShares), orEmpty(g.GroupShares)
		st.rgroups[g.ID] = g
		st.rgroupOrder = append(st.rgroupOrder, g.ID)
	}
	// §85's groups.
	add(&resourceGroup{ID: 301, Name: "Default Group", Description: "All the resources created by me", Type: "static", OwnerID: 1,
		ResourceIDs: []int{301, 302, 303, 304}, CreatedAt: time.Date(2023, 2, 14, 14, 55, 22, 998e6, time.UTC)})
	add(&resourceGroup{ID: 901, Name: "static", Description: "Group of Windows Domain resources", Type: "static", OwnerID: 1,
		CreatedAt: time.Date(2023, 2, 24, 16, 8, 26, 262e6, time.UTC)})
	add(&resourceGroup{ID: 1201, Name: "a2", Description: "Group of Windows resources", Type: "dynamic", OwnerID: 1, MatchAll: true,
		Criteria: []criterion{{"RESOURCETYPE", "CONTAINS", "windows"}}, UserShares: map[int]access{2: modifyAccess},
		CreatedAt: time.Date(2023, 2, 24, 18, 1, 24, 378e6, time.UTC)})
	add(&resourceGroup{ID: 1202, Name: "st1", Description: "Group of Linux resources", Type: "static", OwnerID: 1,
		ResourceIDs: []int{301}, UserShares: map[int]access{3: fullAccess}, CreatedAt: time.Date(2023, 2, 24, 18, 2, 10, 251e6, time.UTC)})
	st.nextID["rgroup"] = 1202
	// §55's two records.
	st.audit = append(st.audit,
		&auditRecord{ID: 2113, Type: auditResource, ResourceName: "test", AccountName: "test", OperationType: "Password Verification Failed",
			OperatedBy: "System", IPAddress: "localhost", UserName: "N/A", Reason: "Password Manager Pro could not verify the password integrity.",
			Name: "N/A", Client: "Web Client", At: time.Date(2019, 1, 3, 1, 45, 0, 107e6, time.UTC)},
		&auditRecord{ID: 3002, Type: auditResource, ResourceName: "Not Applicable", AccountName: "N/A", OperationType: "CI/CD Settings Updated",
			OperatedBy: "admin", IPAddress: "localhost", UserName: "N/A", Reason: "Jenkins Authtoken Modified.", Name: "N/A",
			Client: "Web Client", At: time.Date(2019, 1, 3, 14, 51, 6, 666e6, time.UTC)})
	st.nextID["audit"] = 3002
}

var generatedTypes = []string{"Windows", "Linux", "MS SQL server", "Cisco IOS", "Windows Domain"}

// Generated resources (with their accounts) and users are drawn per index
// (mock/internal/seedgen), on every core; IDs are handed out after, in
// order, so they follow one another as before.
var (
	resourceStream = seedgen.NewStream("pmp/resources")
	userStream     = seedgen.NewStream("pmp/users")
)

var levels = []string{"Level 1", "Level 2", "Level 3", "Level 4", "Level 5", "Level 6", "Level 7", "Level 8",
	"Level 9", "Level 10", "Level 11", "Level 12"}

// Lower-case word lists, so a name costs one allocation.
var (
	lowerFirstNames = seedgen.Lower(seedgen.FirstNames)
	lowerLastNames  = seedgen.Lower(seedgen.LastNames)
)

// slabs allocate one chunk's resources and accounts in blocks.
type slabs struct {
	resources seedgen.Slab[resource]
	accounts  seedgen.Slab[account]
}

// drawResource makes the i-th generated resource and its one to three accounts.
func drawResource(seed uint64, i int, mem *slabs) (*resource, []*account) {
	r := resourceStream.At(seed, i)
	typ := r.Pick(generatedTypes)
	// One string holds the description, the name and the DNS name.
	full := typ + " host " + r.Pick(seedgen.Adjectives) + "-" + r.Pick(seedgen.Nouns) + "-" + seedgen.TwoDigits(i+1) + ".opsmock.test"
	k := len(typ) + len(" host ")
	host := full[k : len(full)-len(".opsmock.test")]
	res := mem.resources.New()
	*res = resource{Name: host, Description: full[:k+len(host)], Type: typ, DNSName: full[k:], Policy: "Strong",
		OwnerID: []int{1, 1, 3}[r.IntN(3)], Department: r.Pick(seedgen.JobDescriptors),
		Location: levels[r.IntN(len(levels))], CreatedAt: seedEpoch.Add(time.Duration(i) * time.Hour)}
	if r.IntN(3) == 0 {
		res.UserShares = map[int]access{2: []access{viewAccess, modifyAccess}[r.IntN(2)]}
	}
	accounts := make([]*account, 1+r.IntN(3))
	for j := range accounts {
		a := mem.accounts.New()
		*a = account{Name: r.Pick(lowerFirstNames) + strconv.Itoa(j+1), Policy: "Strong", LastModified: seedEpoch,
			seeded: passwordSeed{seed, true}}
		accounts[j] = a
	}
	return res, accounts
}

func drawUser(seed uint64, i int) *user {
	r := userStream.At(seed, i)
	fi, li := r.IntN(len(seedgen.FirstNames)), r.IntN(len(seedgen.LastNames))
	name := lowerFirstNames[fi][:1] + lowerLastNames[li] + strconv.Itoa(i)
	return &user{Name: name, FirstName: seedgen.FirstNames[fi], LastName: seedgen.LastNames[li], Email: name + "@opsmock.test",
		Role: rolePasswdUser, Policy: "Strong", CreatedAt: seedEpoch}
}

var passwordStream = seedgen.NewStream("pmp/passwords")

// seededPassword is a generated account's password until it is changed:
// drawn when read, since at --seed-size 100000 most of 200,000 are never.
func seededPassword(seed uint64, accountID int) string {
	strong, _ := findPolicy("Strong")
	return strong.generate(passwordStream.At(seed, accountID))
}

func seedGenerated(st *state, seed uint64, size int) {
	type drawn struct {
		r        *resource
		accounts []*account
	}
	resources, users := make([]drawn, size), make([]*user, size/5)
	seedgen.Each(size, func(lo, hi int) {
		var mem slabs
		for i := lo; i < hi; i++ {
			resources[i].r, resources[i].accounts = drawResource(seed, i, &mem)
			if i < len(users) {
				users[i] = drawUser(seed, i)
			}
		}
	})
	// IDs in order, then the three indexes at once: they share nothing.
	for _, d := range resources {
		d.r.ID = st.newID("resource")
		d.r.AccountIDs = make([]int, len(d.accounts))
		for j, a := range d.accounts {
			a.ID, a.ResourceID = st.newID("account"), d.r.ID
			d.r.AccountIDs[j] = a.ID
		}
	}
	st.resourceOrder = slices.Grow(st.resourceOrder, size)
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, d := range resources {
			st.resources[d.r.ID] = d.r
			st.resourceOrder = append(st.resourceOrder, d.r.ID)
		}
	})
	wg.Go(func() {
		for _, d := range resources {
			for _, a := range d.accounts {
				st.accounts[a.ID] = a
			}
		}
	})
	wg.Go(func() {
		for _, d := range resources {
			st.resourcesByName.add(d.r.Name, d.r.ID)
		}
	})
	wg.Wait()
	for _, u := range users {
		u.ID = st.newID("user")
		st.addUser(u)
	}
}
