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
		t.Failf(r.Raw(), "listAlarms did not answer a JSON array: %v", err)
		t.Fatalf("cannot go on")
	}
	return out
}

var alarmShape = check.Check{
	ID:       "opmanager.shape.list-alarms",
	Category: check.Shape,
	Rule: `listAlarms answers a JSON array of alarms: alarmId a string of digits, numericSeverity 1 to 5, entity, ` +
		`deviceName and who strings, modTimeLong a number (API-FACTS B3).`,
	Run: func(t *check.T) {
		for i, a := range alarms(t) {
			if i == maxRows {
				break
			}
			if id, ok := a["alarmId"].(string); !ok || !digits.MatchString(id) {
				t.Errorf("alarm %v: alarmId %#v is not a string of digits", a["entity"], a["alarmId"])
			}
			if n, ok := a["numericSeverity"].(float64); !ok || n < 1 || n > 5 || n != float64(int(n)) {
				t.Errorf("alarm %v: numericSeverity %#v is not 1 to 5", a["entity"], a["numericSeverity"])
			}
			for _, f := range []string{"entity", "deviceName", "who"} {
				if _, ok := a[f].(string); !ok {
					t.Errorf("alarm %v: %s is not a string", a["entity"], f)
				}
			}
			if _, ok := a["modTimeLong"].(float64); !ok {
				t.Errorf("alarm %v: modTimeLong is not a number", a["entity"])
			}
		}
	},
}

var alarmSeverityFilter = check.Check{
	ID:       "opmanager.shape.alarm-severity-filter",
	Category: check.Shape,
	Rule:     `listAlarms with severity=N answers only alarms of that numericSeverity (API-FACTS B3: 1 Critical … 5 Clear).`,
	Run: func(t *check.T) {
		all := alarms(t)
		if len(all) == 0 {
			t.Skipf("the target has no alarms")
		}
		sev, _ := all[0]["numericSeverity"].(float64)
		for _, a := range alarms(t, "severity", itoa(int(sev))) {
			if a["numericSeverity"] != sev {
				t.Errorf("severity=%d answered alarm %v of severity %v", int(sev), a["entity"], a["numericSeverity"])
			}
		}
	},
}

var deviceShape = check.Check{
	ID:       "opmanager.shape.list-devices",
	Category: check.Shape,
	Rule: `A paged listDevices answers {total, page, rows:[…], records}; each row has deviceName, displayName and ipaddress ` +
		`strings, statusNum a string of digits and interfaceCount an integer (API-FACTS B3).`,
	Run: func(t *check.T) {
		p := devicePage(t, 1, 20)
		for _, row := range p.Rows {
			for _, f := range []string{"deviceName", "displayName", "ipaddress"} {
				if _, ok := row[f].(string); !ok {
					t.Errorf("device %v: %s is not a string", row["deviceName"], f)
				}
			}
			if s, ok := row["statusNum"].(string); !ok || !digits.MatchString(s) {
				t.Errorf("device %v: statusNum %#v is not a string of digits", row["deviceName"], row["statusNum"])
			}
			if n, ok := row["interfaceCount"].(float64); !ok || n != float64(int(n)) {
				t.Errorf("device %v: interfaceCount %#v is not an integer", row["deviceName"], row["interfaceCount"])
			}
		}
	},
}
