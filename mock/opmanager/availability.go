package opmanager

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

const statusUnmanaged = 7

// deviceRef finds a device by name, then by IP address or display name, as
// the reference's name parameter allows (fact B4 getDeviceInfo).
func (st *state) deviceRef(ref string) (*device, bool) {
	if d, ok := st.device(ref); ok {
		return d, true
	}
	for _, d := range st.devices {
		if d.IPAddress == ref || d.DisplayName == ref {
			return d, true
		}
	}
	return nil, false
}

// deviceCopy is a copy of the device ref names, taken under the read lock.
func (c *call) deviceCopy(ref string) (device, bool) {
	var d device
	found := false
	c.store.read(func(st *state) {
		var dp *device
		if dp, found = st.deviceRef(ref); found {
			d = *dp
		}
	})
	return d, found
}

// readDevice runs f under the read lock with the device the parameter
// names, or answers NOT_FOUND.
func (c *call) readDevice(param string, f func(st *state, d *device)) error {
	name := c.str(param)
	found := false
	c.store.read(func(st *state) {
		var d *device
		if d, found = st.deviceRef(name); found {
			f(st, d)
		}
	})
	if !found {
		return errNotFound("device", name)
	}
	return nil
}

// namedDevice is a copy of the device the parameter names, or NOT_FOUND.
func (c *call) namedDevice(param string) (device, error) {
	name := c.str(param)
	d, found := c.deviceCopy(name)
	if !found {
		return d, errNotFound("device", name)
	}
	return d, nil
}

func setManaged(c *call) (any, error) {
	name, manage := c.str("name"), c.str("manage") == "true"
	if c.str("isInterface") == "true" {
		return nil, errNotFound("device", name) // interfaces are not modelled apart (spec setManaged)
	}
	var found bool
	c.store.write(func(st *state) {
		var d *device
		if d, found = st.deviceRef(name); !found {
			return
		}
		switch {
		case manage && d.StatusNum == statusUnmanaged:
			d.StatusNum = cmp.Or(d.StatusBeforeUnmanage, 5)
			d.StatusBeforeUnmanage = 0
		case !manage && d.StatusNum != statusUnmanaged:
			d.StatusBeforeUnmanage = d.StatusNum
			d.StatusNum = statusUnmanaged
		default:
			return
		}
		st.sorted.changed(d) // statusNum is a sort column
	})
	if !found {
		return nil, errNotFound("device", name)
	}
	if manage {
		return ok("Device " + name + " has been successfully managed"), nil
	}
	return ok("Device " + name + " has been successfully unmanaged"), nil
}

// deviceRow is a device as the reference's views list it (spec DeviceRow).
type deviceRow struct {
	DeviceName  string `json:"deviceName"`
	DisplayName string `json:"displayName"`
	IPAddress   string `json:"ipaddress"`
	Type        string `json:"type"`
	Category    string `json:"category"`
	StatusNum   string `json:"statusNum"`
	StatusStr   string `json:"statusStr"`
}

func deviceRowOf(d *device) deviceRow {
	return deviceRow{DeviceName: d.DeviceName, DisplayName: d.DisplayName, IPAddress: d.IPAddress, Type: d.Type,
		Category: d.Category, StatusNum: strconv.Itoa(d.StatusNum), StatusStr: severityNames[d.StatusNum]}
}

type downDevices struct {
	DownDevices struct {
		Details []deviceRow `json:"Details"`
	} `json:"DownDevices"`
}

// getDownDevices lists devices down: Critical or Service Down (spec x-inferred).
func getDownDevices(c *call) (any, error) {
	var out downDevices
	out.DownDevices.Details = []deviceRow{}
	c.store.read(func(st *state) {
		for _, d := range st.devices {
			if d.StatusNum == 1 || d.StatusNum == 4 {
				out.DownDevices.Details = append(out.DownDevices.Details, deviceRowOf(d))
			}
		}
	})
	return out, nil
}

// downtimeDoc is a schedule as the reference lists it (spec DowntimeSchedule).
type downtimeDoc struct {
	Name              string `json:"name"`
	ID                string `json:"id"`
	Type              string `json:"type"`
	NextScheduledTime string `json:"nextscheduledtime"`
	StatusNum         string `json:"statusNum"`
	Status            string `json:"status"`
}

func downtimeDocs(st *state) []downtimeDoc {
	out := []downtimeDoc{}
	for _, d := range st.records.Downtimes {
		doc := downtimeDoc{Name: d.Name, ID: idString(d.ID), Type: d.Recurrence,
			NextScheduledTime: d.Window[0].UTC().Format(timeLayout), StatusNum: "0", Status: "Disabled"}
		if d.Enabled {
			doc.StatusNum, doc.Status = "1", "Enabled"
		}
		out = append(out, doc)
	}
	return out
}

func listDownTimeSchedules(c *call) (any, error) {
	var out []downtimeDoc
	c.store.read(func(st *state) { out = downtimeDocs(st) })
	return out, nil
}

// downtimeLayout is once_startat/once_endat's form (spec updateDowntimeSchedule).
const downtimeLayout = "2006-01-02 15:04"

// updateDowntimeSchedule adds, changes or deletes a schedule (spec
// x-inferred) and answers the list after the change.
func updateDowntimeSchedule(c *call) (any, error) {
	op := or(c.str("operation"), "add")
	var window [2]time.Time
	for i, name := range []string{"once_startat", "once_endat"} {
		if v := c.str(name); v != "" {
			t, err := time.ParseInLocation(downtimeLayout, v, time.UTC)
			if err != nil {
				return nil, errPattern(name)
			}
			window[i] = t
		}
	}
	if !window[0].IsZero() && !window[1].IsZero() && !window[1].After(window[0]) {
		return nil, fail(codePattern, "The parameter 'once_endat' must be after 'once_startat'.")
	}
	devices := c.list("selectedDevices")
	var out []downtimeDoc
	var ae *apiError
	c.store.write(func(st *state) {
		for _, name := range devices {
			if _, ok := st.device(name); !ok {
				ae = errNotFound("device", name)
				return
			}
		}
		var d *downtime
		switch op {
		case "add":
			name := c.str("scheduleName")
			if name == "" {
				ae = errMandatory("scheduleName")
				return
			}
			if slices.ContainsFunc(st.records.Downtimes, func(x *downtime) bool { return strings.EqualFold(x.Name, name) }) {
				ae = errExists("downtime schedule", name)
				return
			}
			now := c.p.cfg.Clock()
			d = &downtime{ID: st.newID(), Name: name, Recurrence: "Once", Enabled: true, Window: [2]time.Time{now, now.Add(time.Hour)}}
			st.records.Downtimes = append(st.records.Downtimes, d)
		case "update", "delete":
			id := c.num("scheduleId", 0)
			if !c.has("scheduleId") {
				ae = errMandatory("scheduleId")
				return
			}
			var ok bool
			if d, ok = st.records.downtimeByID(id); !ok {
				ae = errNotFound("downtime schedule", strconv.Itoa(id))
				return
			}
			if op == "delete" {
				st.records.Downtimes = slices.DeleteFunc(st.records.Downtimes, func(x *downtime) bool { return x == d })
				out = downtimeDocs(st)
				return
			}
			if name := c.str("scheduleName"); name != "" {
				d.Name = name
			}
		}
		if c.has("scheduleDesc") {
			d.Description = c.str("scheduleDesc")
		}
		if c.has("status") {
			d.Enabled = c.num("status", 1) == 1
		}
		if r := c.str("recurrence"); r != "" {
			d.Recurrence = r
		}
		for i := range window {
			if !window[i].IsZero() {
				d.Window[i] = window[i]
			}
		}
		if devices != nil {
			d.Devices = devices
		}
		out = downtimeDocs(st)
	})
	if ae != nil {
		return nil, ae
	}
	return out, nil
}
