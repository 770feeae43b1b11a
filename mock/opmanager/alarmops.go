package opmanager

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// alarmPropertiesDoc is alarmProperties' answer (spec AlarmProperties),
// keys in the sample's order, ours after.
type alarmPropertiesDoc struct {
	StatusStr      string     `json:"statusStr"`
	DisplayName    string     `json:"displayName"`
	Priority       string     `json:"PRIORITY"`
	Workflows      []struct{} `json:"workflows"`
	Source         string     `json:"source"`
	StringSeverity string     `json:"stringseverity"`
	GroupName      string     `json:"GROUPNAME"`
	CreateTime     string     `json:"strCreateTime"`
	ID             string     `json:"id"`
	Events         []eventDoc `json:"events"`
	Severity       string     `json:"severity"`
	WebNMS         string     `json:"WEBNMS"`
	ModTime        string     `json:"strModTime"`
	AlarmCode      string     `json:"ALARMCODE"`
	Entity         string     `json:"entity"`
	Message        string     `json:"message"`
	Who            string     `json:"who"`
}

// alarmCode is the monitor part of an entity: 3_CPUUSAGE -> CPUUSAGE.
func alarmCode(entity string) string {
	if _, code, ok := strings.Cut(entity, "_"); ok {
		return code
	}
	return entity
}

func alarmProperties(c *call) (any, error) {
	entity, moid := c.str("entity"), c.num("deviceID", 0)
	var out *alarmPropertiesDoc
	c.store.read(func(st *state) {
		var a *alarm
		switch {
		case entity != "":
			a, _ = st.alarmByEntity(entity)
		case moid != 0:
			for _, x := range st.alarms {
				if d, ok := st.device(x.DeviceName); ok && d.MOID == moid && (a == nil || x.ModifiedAt.After(a.ModifiedAt)) {
					a = x
				}
			}
		}
		if a == nil {
			return
		}
		d := st.deviceOrZero(a.DeviceName)
		doc := alarmDocOf(st, a)
		group := ""
		if len(d.Groups) > 0 {
			group = d.Groups[0]
		}
		out = &alarmPropertiesDoc{StatusStr: doc.StatusStr, DisplayName: doc.DisplayName, Priority: strconv.Itoa(a.Severity),
			Workflows: []struct{}{}, Source: a.DeviceName, StringSeverity: doc.SeverityString, GroupName: group,
			CreateTime: doc.ModTime, ID: doc.AlarmID, Events: eventsOfEntity(st, a.Entity), Severity: strconv.Itoa(a.Severity),
			WebNMS: "OpManager", ModTime: doc.ModTime, AlarmCode: alarmCode(a.Entity), Entity: a.Entity, Message: a.Message, Who: doc.Who}
	})
	if out == nil {
		if entity == "" && moid == 0 {
			return nil, errMandatory("entity")
		}
		return nil, errNotFound("alarm with entity", or(entity, "of device "+strconv.Itoa(moid)))
	}
	return out, nil
}

func addNotes(c *call) (any, error) {
	now, text := c.p.cfg.Clock(), c.str("notes")
	var missing string
	c.store.write(func(st *state) {
		entities := alarmEntities(c)
		if missing = st.missingAlarm(entities); missing != "" {
			return
		}
		for _, e := range entities {
			st.records.Notes = append(st.records.Notes, alarmNote{ID: st.newID(), Entity: e, Text: text, Who: c.user.Name, At: now})
		}
	})
	if missing != "" {
		return nil, errNotFound("alarm with entity", missing)
	}
	return ok("Notes have been successfully added"), nil
}

// alarmNoteDoc is a getAnnotation item (spec AlarmNote).
type alarmNoteDoc struct {
	Notes      string `json:"notes"`
	ModTime    int64  `json:"modTime"`
	NoteID     int    `json:"noteID"`
	ModTimeStr string `json:"modTimeStr"`
	Entity     string `json:"entity"`
	Who        string `json:"who"`
}

func getAnnotation(c *call) (any, error) {
	entity := c.str("entity")
	out := []alarmNoteDoc{}
	found := false
	c.store.read(func(st *state) {
		if _, found = st.alarmByEntity(entity); !found {
			return
		}
		for _, n := range st.records.Notes {
			if n.Entity == entity {
				out = append(out, alarmNoteDoc{Notes: n.Text, ModTime: n.At.UnixMilli(), NoteID: n.ID,
					ModTimeStr: n.At.UTC().Format(timeLayout), Entity: n.Entity, Who: n.Who})
			}
		}
	})
	if !found {
		return nil, errNotFound("alarm with entity", entity)
	}
	return out, nil
}

func deleteAlarm(c *call) (any, error) {
	var missing string
	c.store.write(func(st *state) {
		entities := alarmEntities(c)
		if missing = st.missingAlarm(entities); missing != "" {
			return
		}
		st.alarms = slices.DeleteFunc(st.alarms, func(a *alarm) bool { return slices.Contains(entities, a.Entity) })
		for _, e := range entities { // every alarm of these entities is gone
			delete(st.alarmsByEntity, e)
		}
		st.records.Notes = slices.DeleteFunc(st.records.Notes, func(n alarmNote) bool { return slices.Contains(entities, n.Entity) })
	})
	if missing != "" {
		return nil, errNotFound("alarm with entity", missing)
	}
	return ok("Alarm has been successfully Deleted"), nil
}

// topDeviceDoc is a getTopDevicesByAlarms item (spec TopDevice).
type topDeviceDoc struct {
	IPAddress  string `json:"ipaddress"`
	MOName     string `json:"moname"`
	DeviceName string `json:"devicename"`
	AlarmCount int    `json:"alarmcount"`
	Type       string `json:"type"`
	Category   string `json:"category"`
	MapName    string `json:"mapname"`
	Status     int    `json:"status"`
}

// topDevices is how many devices getTopDevicesByAlarms ranks (spec x-inferred).
const topDevices = 10

func getTopDevicesByAlarms(c *call) (any, error) {
	eventType := c.str("eventType")
	counts := map[string]int{}
	out := []topDeviceDoc{}
	c.store.read(func(st *state) {
		for _, a := range st.alarms {
			switch {
			case eventType == "ActiveAlarms" && a.Severity == 5,
				eventType != "All" && eventType != "ActiveAlarms" && eventType != a.Source:
				continue
			}
			counts[a.DeviceName]++
		}
		for name, n := range counts {
			d := st.deviceOrZero(name)
			out = append(out, topDeviceDoc{IPAddress: d.IPAddress, MOName: d.DeviceName, DeviceName: d.DisplayName, AlarmCount: n,
				Type: d.Type, Category: d.Category, MapName: d.Category, Status: d.StatusNum})
		}
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].AlarmCount != out[j].AlarmCount {
			return out[i].AlarmCount > out[j].AlarmCount
		}
		return out[i].MOName < out[j].MOName
	})
	return out[:min(len(out), topDevices)], nil
}

// missingAlarm is the first entity with no alarm, or "": actions on several
// alarms check them all before changing any.
func (st *state) missingAlarm(entities []string) string {
	for _, e := range entities {
		if _, ok := st.alarmByEntity(e); !ok {
			return e
		}
	}
	return ""
}
