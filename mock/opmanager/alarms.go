package opmanager

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// timeLayout is how OpManager prints times ("8 Mar 2024 06:17:07 PM IST",
// fact B3), in the server's zone: UTC here.
const timeLayout = "2 Jan 2006 03:04:05 PM MST"

// alarmDoc is a listAlarms item (fact B3), keys in the sample's order.
type alarmDoc struct {
	Severity        string `json:"severity"`
	NumericSeverity int    `json:"numericSeverity"`
	SeverityString  string `json:"severityString"`
	StatusStr       string `json:"statusStr"`
	DisplayName     string `json:"displayName"`
	Message         string `json:"message"`
	DeviceName      string `json:"deviceName"`
	StatusNum       int    `json:"statusNum"`
	ModTimeLong     int64  `json:"modTimeLong"`
	ModTime         string `json:"modTime"`
	AlarmID         string `json:"alarmId"`
	Category        string `json:"category"`
	Entity          string `json:"entity"`
	Status          int    `json:"status"`
	Who             string `json:"who"`
}

func alarmDocOf(st *state, a *alarm) alarmDoc {
	d := st.deviceOrZero(a.DeviceName)
	name := severityNames[a.Severity]
	who := "Unacknowledged"
	if a.AckedBy != "" {
		who = a.AckedBy
	}
	return alarmDoc{
		Severity:        fmt.Sprintf("<img src='/images/devices/status%d.gif'>&nbsp;%s", a.Severity, name),
		NumericSeverity: a.Severity, SeverityString: name, StatusStr: name,
		DisplayName: d.DisplayName, Message: a.Message, DeviceName: a.DeviceName, StatusNum: a.Severity,
		ModTimeLong: a.ModifiedAt.UnixMilli(), ModTime: a.ModifiedAt.UTC().Format(timeLayout),
		AlarmID: strconv.Itoa(a.ID), Category: d.Category, Entity: a.Entity, Status: a.Severity, Who: who,
	}
}

// parseAlarmTime reads yyyy-mm-dd or yyyy-mm-dd hh:mm:ss (fact B3); a date alone
// is its start. The spec's pattern has run, so only impossible dates fail.
func parseAlarmTime(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func listAlarms(c *call) (any, error) {
	var from, to time.Time
	for _, b := range []struct {
		name string
		t    *time.Time
	}{{"fromTime", &from}, {"toTime", &to}} {
		if v := c.str(b.name); v != "" {
			t, ok := parseAlarmTime(v)
			if !ok {
				return nil, errPattern(b.name)
			}
			*b.t = t
		}
	}
	severity, category, alertType, deviceName := c.str("severity"), c.str("category"), c.str("alertType"), c.str("deviceName")
	out := []alarmDoc{}
	c.store.read(func(st *state) {
		for _, a := range st.alarms {
			d := st.deviceOrZero(a.DeviceName)
			switch {
			case severity != "" && severity != strconv.Itoa(a.Severity),
				deviceName != "" && deviceName != a.DeviceName,
				category != "" && !strings.EqualFold(category, d.Category),
				alertType == "ActiveAlarms" && a.Severity == 5,
				alertType != "" && alertType != "ActiveAlarms" && alertType != a.Source,
				!from.IsZero() && a.ModifiedAt.Before(from),
				!to.IsZero() && a.ModifiedAt.After(to):
				continue
			}
			out = append(out, alarmDocOf(st, a))
		}
	})
	// Most recent first, as the alarms view lists them; ties by id.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].ModTimeLong != out[j].ModTimeLong {
			return out[i].ModTimeLong > out[j].ModTimeLong
		}
		return out[i].AlarmID < out[j].AlarmID
	})
	return out, nil
}

// alarmEntities are the entities an action names: one, or several
// comma-separated with type=multiple (fact B3).
func alarmEntities(c *call) []string {
	if c.str("type") == "multiple" {
		return c.list("entity")
	}
	return []string{c.str("entity")}
}

// alarmAction applies change to every named alarm, or to none if one is
// unknown, so a failed call changes nothing.
func alarmAction(c *call, change func(*alarm), message string) (any, error) {
	entities := alarmEntities(c)
	var missing string
	c.store.write(func(st *state) {
		if missing = st.missingAlarm(entities); missing != "" {
			return
		}
		for _, e := range entities {
			a, _ := st.alarmByEntity(e)
			change(a)
		}
	})
	if missing != "" {
		return nil, errNotFound("alarm with entity", missing)
	}
	return ok(message), nil
}

func acknowledgeAlarm(c *call) (any, error) {
	now := c.p.cfg.Clock()
	return alarmAction(c, func(a *alarm) { a.AckedBy, a.ModifiedAt = c.user.Name, now }, "Alarm has been successfully Acknowledged")
}

// unAcknowledgeAlarm takes an acknowledgement back (fact B3's sibling).
func unAcknowledgeAlarm(c *call) (any, error) {
	now := c.p.cfg.Clock()
	return alarmAction(c, func(a *alarm) { a.AckedBy, a.ModifiedAt = "", now }, "Alarm has been successfully UnAcknowledged")
}

func clearAlarm(c *call) (any, error) {
	now := c.p.cfg.Clock()
	return alarmAction(c, func(a *alarm) { a.Severity, a.ModifiedAt = 5, now }, "Alarm has been successfully Cleared!")
}
