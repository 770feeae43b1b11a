package opmanager

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/brianvoe/gofakeit/v7"
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
	monitors = []struct{ entity, text string }{
		{"CPUUSAGE", "CPU Utilization is %d%%, threshold value for this monitor is 80%%"},
		{"DiskUtilization", "Disk Utilization is %d%%, threshold value for this monitor is 90%%"},
		{"MemoryUtilization", "Memory Utilization is %d%%, threshold value for this monitor is 85%%"},
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
		byName: map[string]*device{}}
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
	seedInventory(st, f, size)
	seedRecords(st)
	for _, k := range configured {
		c := k.clone()
		st.keys = append(st.keys, &c)
	}
	return st
}

// seedInterfaces gives a device n interfaces: switches and routers get
// GigabitEthernet ports, others Ethernet adapters; most are up.
func seedInterfaces(f *gofakeit.Faker, d *device, n int) []iface {
	out := make([]iface, 0, n)
	for i := 1; i <= n; i++ {
		// Concatenation, not Sprintf: this runs for every interface of every
		// seeded device, and formatting was most of OpManager's start-up.
		n := strconv.Itoa(i)
		it := iface{ID: d.MOID*100 + i, Name: "IF-" + d.DeviceName + "-" + n,
			DisplayName: "Ethernet" + n, Type: "Ethernet", Speed: "1 Gbps", StatusNum: 5, AdminUp: true, OperUp: true}
		if d.Category == "Switch" || d.Category == "Router" {
			it.DisplayName = "GigabitEthernet1/0/" + n
		}
		if i == 1 {
			it.IPAddress = d.IPAddress
		}
		if f.Number(0, 5) == 0 {
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

func seedInventory(st *state, f *gofakeit.Faker, size int) {
	add := func(d *device, interfaces int) {
		d.MOID = 300 + len(st.devices)
		d.Interfaces = seedInterfaces(f, d, interfaces)
		st.addDevice(d)
	}
	add(&device{DeviceName: "opm-server1", DisplayName: "opm-server1", IPAddress: "10.10.0.1", Type: "Windows 2016",
		VendorName: "Microsoft", Category: "Desktop", StatusNum: 3, AddedAt: seedEpoch.Add(-72 * time.Hour)}, 2)
	for i := 0; i < size; i++ {
		c := categories[f.Number(0, len(categories)-1)]
		ip := fmt.Sprintf("10.%d.%d.%d", 20+i/250, f.Number(0, 255), 1+i%250)
		add(&device{DeviceName: ip, DisplayName: strings.ToLower(f.Adjective()+"-"+c.category) + fmt.Sprintf("-%02d", i+1),
			IPAddress: ip, Type: c.typ, VendorName: c.vendor, Category: c.category,
			StatusNum: []int{1, 2, 3, 5, 5, 5, 7}[f.Number(0, 6)], IsSNMP: c.category != "Desktop",
			AddedAt: seedEpoch.Add(-time.Duration(f.Number(1, 2000)) * time.Hour)}, f.Number(0, 24))
	}
	for _, d := range st.devices {
		if d.StatusNum == 5 || d.StatusNum == 7 {
			continue // clear and unmanaged devices raise no alarm
		}
		m := monitors[f.Number(0, len(monitors)-1)]
		a := &alarm{ID: len(st.alarms) + 1, Entity: fmt.Sprintf("%d_%s", d.MOID, m.entity), DeviceName: d.DeviceName,
			Severity: d.StatusNum, Message: fmt.Sprintf(m.text, f.Number(81, 99)),
			ModifiedAt: seedEpoch.Add(-time.Duration(f.Number(1, 600)) * time.Minute)}
		if f.Number(0, 3) == 0 {
			a.Source = alarmSources[f.Number(0, len(alarmSources)-1)]
		}
		st.alarms = append(st.alarms, a)
	}
	for i := 0; i < 3; i++ {
		st.blocked = append(st.blocked, blockedHost{HostName: strings.ToLower(f.Noun()) + "-syslog", IPAddress: f.IPv4Address(),
			Since: seedEpoch.Add(-time.Duration(f.Number(1, 300)) * time.Hour)})
	}
	st.nextID = 1000 // runtime ids never collide with seeded ones
}
