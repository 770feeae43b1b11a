package opmanager

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/opsmock/opsmock/mock/internal/seedgen"
)

// seedEpoch dates the seeded objects, so seeded state does not depend on the
// clock and the same seed gives byte-identical state on any day.
var seedEpoch = time.Date(2024, 3, 8, 12, 0, 0, 0, time.UTC)

// Seeded user names.
const (
	userAdmin    = "admin"    // super admin, every module Read/Write
	userOperator = "operator" // every module Read
	userGuest    = "guest"    // REST API access off (OPM-KEYS's default for new users)
)

// seededKey describes one seeded key; the issue asks for an All-access admin
// key, a Module key with read-only Alarms, a Specific-API key, a disabled key
// and an expired key. Two more show the owner rules.
type seededKey struct {
	owner, name, access string
	modules             map[string]permission
	apis                []string
	disabled, expired   bool
}

var seededKeys = []seededKey{
	{owner: userAdmin, name: "All access", access: accessAll},
	{owner: userAdmin, name: "Alarms read-only", access: accessModule, modules: map[string]permission{"Alarms": readOnly}},
	// The two APIs of OPM-KEYS's Specific API example.
	{owner: userAdmin, name: "Specific APIs", access: accessSpecific, apis: []string{"v1/ncmsettings/getSysLogBlockedHosts", "v1/nfadevice/getNFAV2TabList"}},
	{owner: userAdmin, name: "Disabled", access: accessAll, disabled: true},
	{owner: userAdmin, name: "Expired", access: accessAll, expired: true},
	{owner: userOperator, name: "Operator all access", access: accessAll},
	{owner: userGuest, name: "Guest without REST access", access: accessAll},
}

var (
	categories = []struct{ category, vendor, typ string }{
		{"Server", "Microsoft", "Windows 2016"}, {"Server", "Linux", "Linux"},
		{"Desktop", "Microsoft", "Windows 10"}, {"Router", "Cisco", "Cisco 2900 IS Series"},
		{"Switch", "Cisco", "Cisco Catalyst 3850"}, {"Switch", "HP", "HP ProCurve 2920"},
		{"Firewall", "Fortinet", "FortiGate 100F"}, {"Storage", "NetApp", "NetApp FAS"},
	}
	// An alarm's message is before, the value, then after.
	monitors = []struct{ entity, before, after string }{
		{"CPUUSAGE", "CPU Utilization is ", "%, threshold value for this monitor is 80%"},
		{"DiskUtilization", "Disk Utilization is ", "%, threshold value for this monitor is 90%"},
		{"MemoryUtilization", "Memory Utilization is ", "%, threshold value for this monitor is 85%"},
	}
	alarmSources = []string{"SyslogAlarms", "TrapAlarms", "EventLogAlarms", "NCMAlarms", "NFAAlarms"}
)

func newFaker(seed uint64) *gofakeit.Faker {
	return gofakeit.NewFaker(rand.NewPCG(seed, seed), true) // not gofakeit.New: seed 0 must be deterministic too
}

// seedState builds the seeded state for seed, with size generated devices
// beyond opm-server1 (the device of fact B3's alarm sample).
// The configured keys come last: they draw nothing from the faker, so the
// rest of the state is the same with or without them.
func seedState(seed uint64, size int, modules []string, configured []*apiKey) *state {
	f := newFaker(seed)
	st := &state{users: map[string]*user{}, dgroups: map[string][]string{}, sshKeys: map[string][]byte{}, faker: f,
		byName: make(map[string]*device, size+16)}
	for _, u := range seededUsers(modules) {
		st.users[u.Name] = &u
		st.userOrder = append(st.userOrder, u.Name)
	}
	for i, sk := range seededKeys {
		k := &apiKey{ID: st.newID(), Name: sk.name, Description: "opsmock seeded key: " + strings.ToLower(sk.name),
			Owner: sk.owner, Type: "Custom", Access: sk.access, Modules: sk.modules, APIs: sk.apis,
			Enabled: !sk.disabled, CreatedAt: seedEpoch.Add(time.Duration(i) * time.Minute)}
		if sk.expired {
			exp := seedEpoch.Add(-24 * time.Hour)
			k.ExpiresAt = &exp
		}
		k.setValue(newKeyValue(f))
		st.keys = append(st.keys, k)
	}
	seedInventory(st, f, seed, size)
	seedRecords(st)
	for _, k := range configured {
		c := k.clone()
		st.keys = append(st.keys, &c)
	}
	return st
}

// Generated devices, their alarms and their interfaces are drawn per
// index (mock/internal/seedgen): the inventory is made on every core, and
// a device's interfaces only when they are read.
var (
	deviceStream    = seedgen.NewStream("opmanager/devices")
	interfaceStream = seedgen.NewStream("opmanager/interfaces")
)

// interfacePlan is what a generated device keeps of its interfaces: how
// many, and the seed they are drawn from. At --seed-size 100000 the lists
// themselves would be over a million objects nobody may read.
type interfacePlan struct {
	count int
	seed  uint64
}

// drawInterfaces makes a device's n interfaces: switches and routers get
// GigabitEthernet ports, others Ethernet adapters; most are up.
func drawInterfaces(d *device, p interfacePlan) []iface {
	r := interfaceStream.At(p.seed, d.MOID)
	out := make([]iface, 0, p.count)
	for i := 1; i <= p.count; i++ {
		n := strconv.Itoa(i)
		it := iface{ID: d.MOID*100 + i, Name: "IF-" + d.DeviceName + "-" + n,
			DisplayName: "Ethernet" + n, Type: "Ethernet", Speed: "1 Gbps", StatusNum: 5, AdminUp: true, OperUp: true}
		if d.Category == "Switch" || d.Category == "Router" {
			it.DisplayName = "GigabitEthernet1/0/" + n
		}
		if i == 1 {
			it.IPAddress = d.IPAddress
		}
		if r.IntN(6) == 0 {
			it.StatusNum, it.OperUp = 1, false
		}
		out = append(out, it)
	}
	return out
}

// newKeyValue is a 32-hex-digit key, the shape of OpManager's.
func newKeyValue(f *gofakeit.Faker) string {
	return fmt.Sprintf("%016x%016x", f.Uint64(), f.Uint64())
}

var statuses = []int{1, 2, 3, 5, 5, 5, 7}

// drawDevice makes the i-th generated device, and in a the alarm it
// raises (none, Entity empty, when it is clear or unmanaged). Each string
// is one concatenation: allocations were most of seeding's cost.
func drawDevice(d *device, a *alarm, seed uint64, i int) {
	r := deviceStream.At(seed, i)
	ci := r.IntN(len(categories))
	c := categories[ci]
	var b [16]byte
	ip := string(strconv.AppendInt(append(strconv.AppendInt(append(strconv.AppendInt(append(b[:0], "10."...),
		int64(20+i/250), 10), '.'), int64(r.IntN(256)), 10), '.'), int64(1+i%250), 10))
	*d = device{MOID: 301 + i, DeviceName: ip, DisplayName: r.Pick(seedgen.Adjectives) + "-" + lowerCategories[ci] + "-" + seedgen.TwoDigits(i+1),
		IPAddress: ip, Type: c.typ, VendorName: c.vendor, Category: c.category, StatusNum: statuses[r.IntN(len(statuses))],
		IsSNMP: c.category != "Desktop", AddedAt: seedEpoch.Add(-time.Duration(r.Between(1, 2000)) * time.Hour),
		plan: interfacePlan{count: r.IntN(25), seed: seed}}
	drawAlarm(r, d, a)
}

var lowerCategories = func() []string {
	out := make([]string, len(categories))
	for i, c := range categories {
		out[i] = strings.ToLower(c.category)
	}
	return out
}()

func drawAlarm(r *seedgen.Rand, d *device, a *alarm) {
	if d.StatusNum == 5 || d.StatusNum == 7 {
		return
	}
	m := monitors[r.IntN(len(monitors))]
	*a = alarm{Entity: strconv.Itoa(d.MOID) + "_" + m.entity, DeviceName: d.DeviceName, Severity: d.StatusNum,
		Message: m.before + strconv.Itoa(r.Between(81, 99)) + m.after, ModifiedAt: seedEpoch.Add(-time.Duration(r.Between(1, 600)) * time.Minute)}
	if r.IntN(4) == 0 {
		a.Source = alarmSources[r.IntN(len(alarmSources))]
	}
}

func seedInventory(st *state, f *gofakeit.Faker, seed uint64, size int) {
	st.addDevice(&device{MOID: 300, DeviceName: "opm-server1", DisplayName: "opm-server1", IPAddress: "10.10.0.1",
		Type: "Windows 2016", VendorName: "Microsoft", Category: "Desktop", StatusNum: 3, AddedAt: seedEpoch.Add(-72 * time.Hour),
		plan: interfacePlan{count: 2, seed: seed}})
	devices, alarms := make([]device, size), make([]alarm, size)
	seedgen.Each(size, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			drawDevice(&devices[i], &alarms[i], seed, i)
		}
	})
	st.devices = slices.Grow(st.devices, size)
	for i := range devices {
		st.addDevice(&devices[i])
	}
	raise := func(a *alarm) {
		if a.Entity != "" { // clear and unmanaged devices raise none
			a.ID = len(st.alarms) + 1
			st.addAlarm(a)
		}
	}
	server := &alarm{}
	drawAlarm(deviceStream.At(seed, -1), st.devices[0], server)
	raise(server)
	for i := range alarms {
		raise(&alarms[i])
	}
	for i := 0; i < 3; i++ {
		st.blocked = append(st.blocked, blockedHost{HostName: strings.ToLower(f.Noun()) + "-syslog", IPAddress: f.IPv4Address(),
			Since: seedEpoch.Add(-time.Duration(f.Number(1, 300)) * time.Hour)})
	}
	st.nextID = 1000 // runtime ids never collide with seeded ones
}
