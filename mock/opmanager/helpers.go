package opmanager

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// Typed helpers for Go tests: put a known device, alarm or key into the
// mock, or read one back, without writing HTTP. They apply the rules the
// API and the key management apply (unique names, known severities and
// devices, key access within the owner's privileges), and the API sees
// the result at once. Alarms have no creating API: AddAlarm raises one as
// a monitor would.

// Device is a device as a test sees it.
type Device struct {
	Name, DisplayName, IPAddress string
	Category, Type, Vendor       string
	// Status is the numeric severity: 1 Critical, 2 Trouble, 3 Attention,
	// 4 Service Down, 5 Clear, 7 Unmanaged (fact B3).
	Status int
	MOID   int
}

// Alarm is an alarm as a test sees it.
type Alarm struct {
	ID         int
	Entity     string // <MOID>_<monitor>
	DeviceName string
	Severity   int // 1 Critical … 5 Clear
	Message    string
	// AcknowledgedBy is the user who acknowledged it; "" while not.
	AcknowledgedBy string
}

var deviceStatuses = []int{1, 2, 3, 4, 5, 7}

// AddDevice adds a device: a unique name, an address (the name, when it is
// one, if not given), a known status (default 5, Clear).
func (p *Product) AddDevice(d Device) (Device, error) {
	d.Name = strings.TrimSpace(d.Name)
	if d.IPAddress == "" {
		d.IPAddress = d.Name
	}
	if d.Status == 0 {
		d.Status = 5
	}
	switch {
	case d.Name == "":
		return Device{}, fmt.Errorf("opmanager: a device needs a name")
	case !slices.Contains(deviceStatuses, d.Status):
		return Device{}, fmt.Errorf("opmanager: device status %d is not one of %v", d.Status, deviceStatuses)
	}
	if _, err := netip.ParseAddr(d.IPAddress); err != nil {
		return Device{}, fmt.Errorf("opmanager: device %s: IP address %q is not an address", d.Name, d.IPAddress)
	}
	var err error
	p.current().write(func(st *state) {
		if _, dup := st.device(d.Name); dup {
			err = fmt.Errorf("opmanager: device %s exists already", d.Name)
			return
		}
		dev := &device{MOID: st.newID(), DeviceName: d.Name, DisplayName: or(d.DisplayName, d.Name), IPAddress: d.IPAddress,
			Type: or(d.Type, "Unknown"), VendorName: or(d.Vendor, "Unknown"), Category: or(d.Category, "Unknown"),
			StatusNum: d.Status, IsSNMP: d.Category != "" && d.Category != "Desktop", AddedAt: p.cfg.Clock()}
		st.addDevice(dev)
		d = deviceView(dev)
	})
	return d, err
}

// Device reads a device by name.
func (p *Product) Device(name string) (Device, bool) {
	var out Device
	var ok bool
	p.current().read(func(st *state) {
		var d *device
		if d, ok = st.device(name); ok {
			out = deviceView(d)
		}
	})
	return out, ok
}

func deviceView(d *device) Device {
	return Device{Name: d.DeviceName, DisplayName: d.DisplayName, IPAddress: d.IPAddress, Category: d.Category, Type: d.Type,
		Vendor: d.VendorName, Status: d.StatusNum, MOID: d.MOID}
}

// NewAlarm describes an alarm a monitor raises on a device.
type NewAlarm struct {
	Device   string
	Severity int    // 1 Critical … 4 Service Down
	Monitor  string // CPUUSAGE unless given
	Message  string
}

// AddAlarm raises an alarm on an existing device, unacknowledged; the
// device takes its severity when that is worse, as OpManager shows it.
func (p *Product) AddAlarm(na NewAlarm) (Alarm, error) {
	if na.Severity < 1 || na.Severity > 4 {
		return Alarm{}, fmt.Errorf("opmanager: alarm severity %d: want 1 Critical, 2 Trouble, 3 Attention or 4 Service Down", na.Severity)
	}
	monitor := or(na.Monitor, "CPUUSAGE")
	var out Alarm
	var err error
	p.current().write(func(st *state) {
		d, ok := st.device(na.Device)
		if !ok {
			err = fmt.Errorf("opmanager: no device %s to raise an alarm on", na.Device)
			return
		}
		entity := fmt.Sprintf("%d_%s", d.MOID, monitor)
		for _, a := range st.alarms {
			if a.Entity == entity {
				err = fmt.Errorf("opmanager: device %s has an alarm for %s already (%s)", na.Device, monitor, entity)
				return
			}
		}
		a := st.raise(d, entity, na.Severity, or(na.Message, monitor+" threshold crossed"), p.cfg.Clock())
		out = alarmView(a)
	})
	return out, err
}

// Alarms lists the alarms, oldest first.
func (p *Product) Alarms() []Alarm {
	var out []Alarm
	p.current().read(func(st *state) {
		for _, a := range st.alarms {
			out = append(out, alarmView(a))
		}
	})
	return out
}

func alarmView(a *alarm) Alarm {
	return Alarm{ID: a.ID, Entity: a.Entity, DeviceName: a.DeviceName, Severity: a.Severity, Message: a.Message, AcknowledgedBy: a.AckedBy}
}

// AddKey adds an API key by the rules of key management (the owner exists,
// the access type and its modules or APIs are valid, module permissions
// within the owner's); without an APIKey the mock makes one. It returns
// the key as listed.
func (p *Product) AddKey(c KeyCredential) (KeyCredential, error) {
	now := p.cfg.Clock()
	k := &apiKey{Name: strings.TrimSpace(c.Name), Description: "added by a test", Owner: c.User, Type: "Custom",
		Access: c.AccessType, Enabled: c.Status != statusDisabled, CreatedAt: now, ExpiresAt: c.ExpiresAt}
	var out KeyCredential
	var err error
	p.current().write(func(st *state) {
		owner, ok := st.users[c.User]
		if !ok {
			err = fmt.Errorf("opmanager: %q is not a user", c.User)
			return
		}
		if msg := p.checkKeyRequest(k, keyRequest{Modules: c.Modules, APIs: c.APIs}, owner, time.Time{}); msg != "" {
			err = fmt.Errorf("opmanager: %s", msg)
			return
		}
		value := c.APIKey
		if value == "" {
			value = newKeyValue(st.faker)
		}
		if _, dup := st.keyByValue(value); dup {
			err = fmt.Errorf("opmanager: another key has that value")
			return
		}
		k.ID = st.newID()
		k.setValue(value)
		st.keys = append(st.keys, k)
		out = k.credential(now)
		out.Usable = out.Status == statusEnabled && owner.RESTAccess
	})
	return out, err
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
