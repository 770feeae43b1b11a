package opmanager

import (
	"crypto/sha256"
	"crypto/subtle"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/opsmock/opsmock/mock/internal/memo"
)

// state is everything a reset replaces. Slices keep creation order.
type state struct {
	users          map[string]*user
	userOrder      []string
	keys           []*apiKey
	devices        []*device
	byName         map[string]*device // devices by name: the first of each
	sorted         deviceOrders       // device orders by sort column, built on demand
	ifaceViews     interfaceViews     // sorted or filtered interface lists, built on demand
	interfaces     int                // every device's interfaces, counted as devices are added
	alarms         []*alarm
	alarmsByEntity map[string]*alarm // the first alarm of each entity (addAlarm)
	lastAlarmID    int               // the highest alarm ID given: a raised alarm takes the next
	linuxCreds     []*linuxCredential
	profiles       []*discoveryProfile
	ncmDevices     []*ncmDevice
	dgroups        map[string][]string // NCM device group -> member addresses
	configlets     []*configlet
	files          []*uploadedFile
	sshKeys        map[string][]byte
	subnets        []subnet
	switches       []spmSwitch
	blocked        []blockedHost
	records        *records        // the reference's other objects (fact B4)
	nextID         int             // ids of objects created at runtime
	faker          *gofakeit.Faker // key values and MOIDs of runtime objects
}

// store guards one state; handlers work on copies or under its lock. A
// reset swaps in a new store (Product.cur): a request pins the store it
// started with, so it never sees a mix of two states.
type store struct {
	mu sync.RWMutex // guards st
	st *state
	// memo counts the writes and keeps the answers of pure reads for the
	// current version; it dies with the store on a reset.
	memo memo.Cache
}

func newStore(st *state) *store { return &store{st: st} }

// read runs f under the read lock.
func (s *store) read(f func(st *state)) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f(s.st)
}

// write runs f under the write lock.
func (s *store) write(f func(st *state)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.memo.Changed() // even when f panics halfway
	f(s.st)
}

func (st *state) newID() int {
	st.nextID++
	return st.nextID
}

// keyByValue finds a key by its secret value: indexed by hash, confirmed in
// constant time.
func (st *state) keyByValue(v string) (*apiKey, bool) {
	h := sha256.Sum256([]byte(v))
	for _, k := range st.keys {
		if k.hash == h && subtle.ConstantTimeCompare([]byte(k.Value), []byte(v)) == 1 {
			return k, true
		}
	}
	return nil, false
}

func (st *state) keyByID(id int) (*apiKey, bool) {
	for _, k := range st.keys {
		if k.ID == id {
			return k, true
		}
	}
	return nil, false
}

// device finds a device by name through the index, so a listing that
// looks up each alarm's device costs the alarms, not alarms × devices.
func (st *state) device(name string) (*device, bool) {
	d, ok := st.byName[name]
	return d, ok
}

// addDevice adds a device and indexes it. Callers hold the write lock.
func (st *state) addDevice(d *device) {
	st.devices = append(st.devices, d)
	st.interfaces += d.interfaceCount()
	st.sorted.added(d)
	if _, taken := st.byName[d.DeviceName]; !taken {
		st.byName[d.DeviceName] = d // the first of a name wins, as a scan would find it
	}
}

// indexDevices builds the index of a state whose devices came whole (a
// restored state file).
func (st *state) indexDevices() {
	st.byName = make(map[string]*device, len(st.devices))
	for _, d := range st.devices {
		st.interfaces += d.interfaceCount()
		if _, taken := st.byName[d.DeviceName]; !taken {
			st.byName[d.DeviceName] = d
		}
	}
}

// deviceOrZero is the named device, or an empty one: alarms outlive nothing
// today, but a missing device must never crash a listing.
func (st *state) deviceOrZero(name string) device {
	if d, ok := st.device(name); ok {
		return *d
	}
	return device{DeviceName: name, DisplayName: name}
}

func (st *state) alarmByEntity(entity string) (*alarm, bool) {
	a, ok := st.alarmsByEntity[entity]
	return a, ok
}

// addAlarm stores a last and indexes its entity: acknowledging, clearing
// or deleting by entity then costs a lookup, not a scan of 60,000 alarms
// at --seed-size 100000.
func (st *state) addAlarm(a *alarm) {
	if st.alarmsByEntity == nil {
		st.alarmsByEntity = map[string]*alarm{}
	}
	st.alarms = append(st.alarms, a)
	st.lastAlarmID = max(st.lastAlarmID, a.ID)
	if _, taken := st.alarmsByEntity[a.Entity]; !taken {
		st.alarmsByEntity[a.Entity] = a
	}
}

// indexAlarms builds the entity index of a state whose alarms came whole
// (a restored state file).
func (st *state) indexAlarms() {
	st.alarmsByEntity = make(map[string]*alarm, len(st.alarms))
	for _, a := range st.alarms {
		st.lastAlarmID = max(st.lastAlarmID, a.ID)
		if _, taken := st.alarmsByEntity[a.Entity]; !taken {
			st.alarmsByEntity[a.Entity] = a
		}
	}
}

func (st *state) linuxCred(name string) (*linuxCredential, bool) {
	for _, c := range st.linuxCreds {
		if c.Name == name {
			return c, true
		}
	}
	return nil, false
}

func (st *state) profile(id int) (*discoveryProfile, bool) {
	for _, p := range st.profiles {
		if p.ID == id {
			return p, true
		}
	}
	return nil, false
}

func (st *state) ncmDevice(ip string) (*ncmDevice, bool) {
	for _, d := range st.ncmDevices {
		if d.IPAddress == ip {
			return d, true
		}
	}
	return nil, false
}

// raise adds an unacknowledged alarm on d; the device takes its severity
// when that is worse, as OpManager shows it. Callers hold the write lock.
func (st *state) raise(d *device, entity string, severity int, message string, now time.Time) *alarm {
	a := &alarm{ID: st.lastAlarmID + 1, Entity: entity, DeviceName: d.DeviceName, Severity: severity, Message: message, ModifiedAt: now}
	st.addAlarm(a)
	if d.StatusNum != 7 && (severity < d.StatusNum || d.StatusNum == 5) {
		d.StatusNum = severity
		st.sorted.changed(d) // statusNum is a sort column
	}
	return a
}
