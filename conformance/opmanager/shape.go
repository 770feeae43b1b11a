package opmanager

import (
	"encoding/json"
	"net/http"
	"regexp"

	"github.com/opsmock/opsmock/conformance/check"
)

var digits = regexp.MustCompile(`^\d+$`)

// maxRows bounds how many rows a shape check looks at.
const maxRows = 100

// alarms lists alarms as the primary key, with optional query pairs.
func alarms(t *check.T, query ...string) []map[string]any {
	req := t.Expect(check.Primary).GET(base + "/alarm/listAlarms")
	for i := 0; i+1 < len(query); i += 2 {
		req = req.WithQuery(query[i], query[i+1])
	}
	r := req.Expect()
	r.Status(http.StatusOK)
	var out []map[string]any
	if err := json.Unmarshal([]byte(r.Body().Raw()), &out); err != nil {
		t.Failf(r.Raw(), "expected listAlarms to answer a JSON array of alarms, but it does not parse as one (%s)", err)
		t.Fatalf("cannot go on")
	}
	return out
}

var alarmShape = check.Check{
	ID:       "opmanager.shape.list-alarms",
	Category: check.Shape,
	Rule: `listAlarms answers a JSON array of alarms: alarmId a string of digits, numericSeverity 1 to 5, entity, ` +
		`deviceName and who strings, modTimeLong a number (fact B3).`,
	Run: func(t *check.T) {
		list := alarms(t)
		if len(list) == 0 {
			t.Skipf("the target lists no alarm to look at")
		}
		t.Exercised("%d alarms", min(len(list), maxRows))
		for i, a := range list {
			if i == maxRows {
				break
			}
			name := t.Show(a["entity"])
			if id, ok := a["alarmId"].(string); !ok || !digits.MatchString(id) {
				t.Errorf("alarm %s: expected alarmId as a string of digits, got %s", name, t.Show(a["alarmId"]))
			}
			if n, ok := a["numericSeverity"].(float64); !ok || n < 1 || n > 5 || n != float64(int(n)) {
				t.Errorf("alarm %s: expected numericSeverity 1 to 5, got %s", name, t.Show(a["numericSeverity"]))
			}
			for _, f := range []string{"entity", "deviceName", "who"} {
				if _, ok := a[f].(string); !ok {
					t.Errorf("alarm %s: expected %s as a string, got %s", name, f, t.Show(a[f]))
				}
			}
			if _, ok := a["modTimeLong"].(float64); !ok {
				t.Errorf("alarm %s: expected modTimeLong as a number, got %s", name, t.Show(a["modTimeLong"]))
			}
		}
	},
}

var alarmSeverityFilter = check.Check{
	ID:       "opmanager.shape.alarm-severity-filter",
	Category: check.Shape,
	Rule: `listAlarms with severity=N answers exactly the alarms of that numericSeverity (fact B3: 1 Critical … 5 Clear). ` +
		`It needs alarms of two severities at least: with one, a target ignoring the filter would pass.`,
	Run: func(t *check.T) {
		all := alarms(t)
		bySeverity := map[float64][]string{}
		for _, a := range all {
			sev, _ := a["numericSeverity"].(float64)
			id, _ := a["alarmId"].(string)
			bySeverity[sev] = append(bySeverity[sev], id)
		}
		if len(bySeverity) < 2 {
			t.Skipf("the target's %d alarms have %d severity: a filter cannot be told from no filter", len(all), len(bySeverity))
		}
		sev, _ := all[0]["numericSeverity"].(float64)
		want := map[string]bool{}
		for _, id := range bySeverity[sev] {
			want[id] = true
		}
		got := alarms(t, "severity", itoa(int(sev)))
		t.Exercised("severity %d: %d of %d alarms", int(sev), len(want), len(all))
		for _, a := range got {
			id, _ := a["alarmId"].(string)
			if a["numericSeverity"] != sev {
				t.Errorf("severity=%d: expected alarms of severity %d only, got alarm %s of severity %s", int(sev), int(sev),
					t.Show(a["entity"]), t.Show(a["numericSeverity"]))
			}
			delete(want, id)
		}
		if len(want) > 0 {
			t.Errorf("severity=%d: expected the %d alarms of that severity the unfiltered list shows, %d are missing",
				int(sev), len(bySeverity[sev]), len(want))
		}
	},
}

var deviceShape = check.Check{
	ID:       "opmanager.shape.list-devices",
	Category: check.Shape,
	Rule: `A paged listDevices answers {total, page, rows:[…], records}; each row has deviceName, displayName and ipaddress ` +
		`strings, statusNum a string of digits and interfaceCount an integer (fact B3).`,
	Run: func(t *check.T) {
		p := devicePage(t, 1, 20)
		if len(p.Rows) == 0 {
			t.Skipf("the target lists no device to look at")
		}
		t.Exercised("%d devices", len(p.Rows))
		for _, row := range p.Rows {
			name := t.Show(row["deviceName"])
			for _, f := range []string{"deviceName", "displayName", "ipaddress"} {
				if _, ok := row[f].(string); !ok {
					t.Errorf("device %s: expected %s as a string, got %s", name, f, t.Show(row[f]))
				}
			}
			if s, ok := row["statusNum"].(string); !ok || !digits.MatchString(s) {
				t.Errorf("device %s: expected statusNum as a string of digits, got %s", name, t.Show(row["statusNum"]))
			}
			if n, ok := row["interfaceCount"].(float64); !ok || n != float64(int(n)) {
				t.Errorf("device %s: expected interfaceCount as an integer, got %s", name, t.Show(row["interfaceCount"]))
			}
		}
	},
}
