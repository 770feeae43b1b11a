package opmanager

import (
	"slices"
	"strconv"
	"time"
)

// records is the state of the reference's operations beyond keys, devices
// and alarms (docs/sources.md fact B4): alarm notes, events, logical
// groups, business views, downtime schedules and notification profiles. A
// state file keeps it whole.
type records struct {
	Notes     []alarmNote      `json:"notes"`
	Events    []event          `json:"events"`
	Groups    []*logicalGroup  `json:"groups"`
	Views     []*businessView  `json:"businessViews"`
	Downtimes []*downtime      `json:"downtimes"`
	Profiles  []*notifyProfile `json:"notificationProfiles"`
	// DeviceFields are the custom fields setDeviceInfo stored, by device.
	DeviceFields map[string]map[string]string `json:"deviceFields"`
	// Monitors are the monitors of devices whose set was changed; others
	// have their category's defaults (monitors.go).
	Monitors       map[string]*deviceMonitors `json:"monitors"`
	URLMonitors    []*urlMonitor              `json:"urlMonitors"`
	ScriptMonitors []scriptMonitor            `json:"scriptMonitors"`
	BusinessRules  []*businessRule            `json:"businessRules"`
}

// alarmNote is a note addNotes put on an alarm; getAnnotation reads them.
type alarmNote struct {
	ID     int       `json:"id"`
	Entity string    `json:"entity"`
	Text   string    `json:"text"`
	Who    string    `json:"who"`
	At     time.Time `json:"at"`
}

// event is one addEvent call. Alarms' own raising events are not stored:
// listEvents derives them from the alarms.
type event struct {
	ID        int       `json:"id"`
	Source    string    `json:"source"` // the device name
	Entity    string    `json:"entity"`
	Message   string    `json:"message"`
	AlarmCode string    `json:"alarmCode"`
	EventType string    `json:"eventType"`
	Severity  int       `json:"severity"`
	At        time.Time `json:"at"`
}

// logicalGroup describes a group; its members are the devices whose Groups
// name it, so listDevices' groupName filter and the group calls agree.
type logicalGroup struct {
	ID          int    `json:"id"`
	Name        string `json:"name"`
	Type        string `json:"type"` // Device or Interface
	Description string `json:"description"`
}

// businessView is a named set of devices.
type businessView struct {
	ID      int      `json:"id"`
	Name    string   `json:"name"`
	Members []string `json:"members"` // device names, in the order added
}

// downtime is a scheduled maintenance window.
type downtime struct {
	ID          int    `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Recurrence  string `json:"recurrence"` // Once, Daily, Weekly, Monthly
	Enabled     bool   `json:"enabled"`
	// Window is the next occurrence's start and end.
	Window  [2]time.Time `json:"window"`
	Devices []string     `json:"devices"`
}

// notifyProfile is a notification profile; Devices are the devices it is
// associated with (associateNotificationProfiles).
type notifyProfile struct {
	ID      int      `json:"id"`
	Name    string   `json:"name"`
	Type    string   `json:"type"` // the action: Email, SMS, Web Alarm, Run Program
	Enabled bool     `json:"enabled"`
	Global  bool     `json:"global"`
	Devices []string `json:"devices"`
}

func (r *records) group(name string) (*logicalGroup, bool) {
	for _, g := range r.Groups {
		if g.Name == name {
			return g, true
		}
	}
	return nil, false
}

func (r *records) view(name string) (*businessView, bool) {
	for _, v := range r.Views {
		if v.Name == name {
			return v, true
		}
	}
	return nil, false
}

func (r *records) downtimeByID(id int) (*downtime, bool) {
	for _, d := range r.Downtimes {
		if d.ID == id {
			return d, true
		}
	}
	return nil, false
}

func (r *records) profile(id int, name string) (*notifyProfile, bool) {
	for _, p := range r.Profiles {
		if (id != 0 && p.ID == id) || (id == 0 && p.Name == name) {
			return p, true
		}
	}
	return nil, false
}

// groupsByCategory seeds logical groups: each device joins the group of
// its category, so every group has members at any seed size.
var groupsByCategory = []struct{ name, description string }{
	{"Servers", "Server and desktop machines"},
	{"Network Devices", "Routers, switches and firewalls"},
	{"Storage", "Storage devices"},
}

func groupOfCategory(category string) string {
	switch category {
	case "Server", "Desktop":
		return groupsByCategory[0].name
	case "Router", "Switch", "Firewall":
		return groupsByCategory[1].name
	case "Storage":
		return groupsByCategory[2].name
	}
	return ""
}

// seedRecords runs after the inventory, from fixed data and the device
// list only, so it draws nothing from the faker and the rest of the seeded
// state is the same as before it existed.
func seedRecords(st *state) {
	r := &records{DeviceFields: map[string]map[string]string{}, Monitors: map[string]*deviceMonitors{}}
	for _, fd := range fixedDevices {
		d := fd
		d.MOID, d.AddedAt = 300+len(st.devices), seedEpoch.Add(-96*time.Hour)
		d.Interfaces = []iface{{ID: d.MOID*100 + 1, Name: "IF-" + d.DeviceName + "-1", DisplayName: "Ethernet1", Type: "Ethernet",
			IPAddress: d.IPAddress, Speed: "10 Gbps", StatusNum: 5, AdminUp: true, OperUp: true}}
		st.addDevice(&d)
	}
	// Runtime ids start past every seeded moID, which a large seed size
	// carries beyond the fixed 1000.
	st.nextID = max(st.nextID, 300+len(st.devices))
	for i, g := range groupsByCategory {
		r.Groups = append(r.Groups, &logicalGroup{ID: 601 + i, Name: g.name, Type: "Device", Description: g.description})
	}
	for _, d := range st.devices {
		if g := groupOfCategory(d.Category); g != "" && !slices.Contains(d.Groups, g) {
			d.Groups = append(d.Groups, g)
		}
	}
	view := &businessView{ID: 701, Name: "Datacenter"}
	for _, d := range st.devices[:min(len(st.devices), 5)] {
		view.Members = append(view.Members, d.DeviceName)
	}
	r.Views = append(r.Views, view, &businessView{ID: 702, Name: "Branch Office"})
	r.Downtimes = append(r.Downtimes,
		&downtime{ID: 801, Name: "Weekly patching", Description: "Sunday patch window", Recurrence: "Weekly", Enabled: true,
			Window: [2]time.Time{seedEpoch.Add(72 * time.Hour), seedEpoch.Add(75 * time.Hour)}, Devices: firstDevices(st, 3)},
		&downtime{ID: 802, Name: "Quarterly maintenance", Description: "Data centre power work", Recurrence: "Once", Enabled: false,
			Window: [2]time.Time{seedEpoch.Add(30 * 24 * time.Hour), seedEpoch.Add(30*24*time.Hour + 4*time.Hour)}})
	r.Profiles = append(r.Profiles,
		&notifyProfile{ID: 901, Name: "Email admins", Type: "Email", Enabled: true, Global: true, Devices: firstDevices(st, 2)},
		&notifyProfile{ID: 902, Name: "SMS on-call", Type: "SMS", Enabled: true},
		&notifyProfile{ID: 903, Name: "Web alarm", Type: "Web Alarm", Enabled: false})
	first := ""
	if len(st.devices) > 0 {
		first = st.devices[0].DeviceName
	}
	r.URLMonitors = []*urlMonitor{
		{ID: 1001, Name: "Intranet", URL: "https://intranet.example.com/", Availability: 99.95},
		{ID: 1002, Name: "Web console", URL: "http://" + first + ":8060/", Device: first, Availability: 97.5},
		{ID: 1003, Name: "Legacy portal", URL: "http://legacy.example.com/", Availability: 4.2},
	}
	r.ScriptMonitors = []scriptMonitor{
		{ID: 1101, GraphID: 1201, Name: "DiskQueueLength", Description: "Disk queue length from a PowerShell script", ExecuteFrom: "Remote Server"},
		{ID: 1102, GraphID: 1202, Name: "OpenFiles", Description: "Open files counted by a shell script", ExecuteFrom: "Local Server"},
	}
	r.BusinessRules = []*businessRule{{ID: 1301, Name: "Office hours", Description: "Weekdays, nine to six",
		Times: map[string]string{"Monday": "09:00-18:00", "Tuesday": "09:00-18:00", "Wednesday": "09:00-18:00",
			"Thursday": "09:00-18:00", "Friday": "09:00-18:00"}}}
	st.records = r
}

func firstDevices(st *state, n int) []string {
	var out []string
	for _, d := range st.devices[:min(len(st.devices), n)] {
		out = append(out, d.DeviceName)
	}
	return out
}

// idString renders an id as the reference's samples do: a string.
func idString(id int) string { return strconv.Itoa(id) }
