package opmanager_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPureReadsFollowWrites: each read the registration table wraps in
// pure is answered again from what it rendered, until a write the read
// shows; then it shows it. A write that did not move the state version
// on would leave the second read stale.
func TestPureReadsFollowWrites(t *testing.T) {
	e := newEnv(t)
	a := e.alarms(nil)[0]
	only := url.Values{"entity": {a.Entity}}
	event := url.Values{"source": {"opm-server1"}, "severity": {"2"}, "message": {"pure-read event"},
		"alarmCode": {"FanSpeed"}, "entity": {"300_FanSpeed"}, "eventType": {"Threshold"}}
	for _, row := range []struct {
		name   string
		api    string
		params url.Values
		write  func()
		shows  string
	}{
		{"listAlarms", "alarm/listAlarms", nil, func() { e.okPost("events/addEvent", event) }, "pure-read event"},
		{"getAnnotation", "alarm/getAnnotation", only,
			func() { e.okPost("alarm/addNotes", url.Values{"entity": {a.Entity}, "notes": {"pure-read note"}}) }, "pure-read note"},
		{"alarmProperties", "alarm/alarmProperties", only,
			func() { e.okPost("alarm/acknowledgeAlarm", only) }, `"who":"admin"`},
		{"listEvents", "events/listEvents", url.Values{"entity": {"300_DiskSpeed"}},
			func() {
				ev := url.Values{}
				for k, v := range event {
					ev[k] = v
				}
				ev.Set("entity", "300_DiskSpeed")
				ev.Set("message", "pure-read disk")
				e.okPost("events/addEvent", ev)
			}, "pure-read disk"},
	} {
		t.Run(row.name, func(t *testing.T) {
			before := string(e.get(row.api, row.params).body)
			assert.Equal(t, before, string(e.get(row.api, row.params).body), "a repeated read answers the same")
			require.NotContains(t, before, row.shows)
			row.write()
			assert.Contains(t, string(e.get(row.api, row.params).body), row.shows, "the read after the write shows it")
		})
	}
}
