package opmanager

import (
	"sort"
	"strconv"
	"strings"
)

// eventDoc is one event as listEvents and alarmProperties show it (spec
// Event, x-inferred).
type eventDoc struct {
	EventID        string `json:"eventID"`
	Source         string `json:"source"`
	DisplayName    string `json:"displayName"`
	Entity         string `json:"entity"`
	Message        string `json:"message"`
	Severity       int    `json:"severity"`
	SeverityString string `json:"severityString"`
	EventType      string `json:"eventType"`
	AlarmCode      string `json:"alarmCode"`
	Category       string `json:"category"`
	ModTime        string `json:"modTime"`
	ModTimeLong    int64  `json:"modTimeLong"`
}

// raisingEventID numbers the event an alarm stands for apart from stored
// events, whose ids come from the state's counter.
func raisingEventID(a *alarm) int { return 1_000_000_000 + a.ID }

func eventDocOf(st *state, e event) eventDoc {
	d := st.deviceOrZero(e.Source)
	return eventDoc{EventID: strconv.Itoa(e.ID), Source: e.Source, DisplayName: d.DisplayName, Entity: e.Entity, Message: e.Message,
		Severity: e.Severity, SeverityString: severityNames[e.Severity], EventType: e.EventType, AlarmCode: e.AlarmCode,
		Category: d.Category, ModTime: e.At.UTC().Format(timeLayout), ModTimeLong: e.At.UnixMilli()}
}

// alarmEvent is the event that raised an alarm, derived rather than stored.
func alarmEvent(a *alarm) event {
	typ := a.Source
	if typ == "" {
		typ = "Threshold"
	}
	return event{ID: raisingEventID(a), Source: a.DeviceName, Entity: a.Entity, Message: a.Message, AlarmCode: alarmCode(a.Entity),
		EventType: typ, Severity: a.Severity, At: a.ModifiedAt}
}

// allEvents is every event, newest first: the alarms' raising events and
// the stored ones.
func allEvents(st *state) []event {
	out := make([]event, 0, len(st.alarms)+len(st.records.Events))
	for _, a := range st.alarms {
		out = append(out, alarmEvent(a))
	}
	out = append(out, st.records.Events...)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.After(out[j].At)
		}
		return out[i].ID > out[j].ID
	})
	return out
}

func eventsOfEntity(st *state, entity string) []eventDoc {
	out := []eventDoc{}
	for _, e := range allEvents(st) {
		if e.Entity == entity {
			out = append(out, eventDocOf(st, e))
		}
	}
	return out
}

// eventList is listEvents' answer (spec EventList).
type eventList struct {
	SeverityVsCount struct {
		Critical  int `json:"Critical"`
		Trouble   int `json:"Trouble"`
		Attention int `json:"Attention"`
	} `json:"severityVsCount"`
	List    []eventDoc            `json:"List"`
	Details map[string][]eventDoc `json:"Details"`
}

func listEvents(c *call) (any, error) {
	device, entity, category, eventType := c.str("deviceName"), c.str("entity"), c.str("category"), c.str("eventType")
	severity := c.num("severity", 0)
	out := eventList{List: []eventDoc{}, Details: map[string][]eventDoc{}}
	c.store.read(func(st *state) {
		for _, e := range allEvents(st) {
			doc := eventDocOf(st, e)
			switch {
			case device != "" && device != e.Source,
				entity != "" && entity != e.Entity,
				severity != 0 && severity != e.Severity,
				category != "" && !strings.EqualFold(category, doc.Category),
				eventType != "" && !strings.EqualFold(eventType, e.EventType):
				continue
			}
			out.List = append(out.List, doc)
			out.Details[doc.Category] = append(out.Details[doc.Category], doc)
			switch e.Severity {
			case 1:
				out.SeverityVsCount.Critical++
			case 2:
				out.SeverityVsCount.Trouble++
			case 3:
				out.SeverityVsCount.Attention++
			}
		}
	})
	return out, nil
}

// addEvent records the event and acts on its entity's alarm as a monitor's
// event would: 1-4 raise or update it, 5 clears it (spec addEvent).
func addEvent(c *call) (any, error) {
	now := c.p.cfg.Clock()
	e := event{Source: c.str("source"), Entity: c.str("entity"), Message: c.str("message"), AlarmCode: c.str("alarmCode"),
		EventType: c.str("eventType"), Severity: c.num("severity", 0), At: now}
	var unknown bool
	c.store.write(func(st *state) {
		d, known := st.device(e.Source)
		if !known {
			unknown = true
			return
		}
		e.ID = st.newID()
		st.records.Events = append(st.records.Events, e)
		raiseFromEvent(st, d, e)
	})
	if unknown {
		return nil, errNotFound("device", e.Source)
	}
	return ok("Event has been successfully added"), nil
}

// raiseFromEvent correlates an event into its entity's alarm: an existing
// alarm takes the event's severity and message, a new one is raised on the
// source device. Callers hold the write lock.
func raiseFromEvent(st *state, d *device, e event) {
	if a, ok := st.alarmByEntity(e.Entity); ok {
		a.Severity, a.Message, a.ModifiedAt = e.Severity, e.Message, e.At
		return
	}
	if e.Severity == 5 {
		return // a clear event for no alarm raises nothing
	}
	st.raise(d, e.Entity, e.Severity, e.Message, e.At)
}
