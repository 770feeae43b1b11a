package opmanager_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/opmanager"
)

type alarmDoc struct {
	Severity        string `json:"severity"`
	NumericSeverity int    `json:"numericSeverity"`
	SeverityString  string `json:"severityString"`
	DeviceName      string `json:"deviceName"`
	Category        string `json:"category"`
	Entity          string `json:"entity"`
	Message         string `json:"message"`
	ModTimeLong     int64  `json:"modTimeLong"`
	Who             string `json:"who"`
}

type deviceDoc struct {
	DeviceName     string `json:"deviceName"`
	DisplayName    string `json:"displayName"`
	IPAddress      string `json:"ipaddress"`
	Category       string `json:"category"`
	VendorName     string `json:"vendorName"`
	StatusNum      string `json:"statusNum"`
	IsNew          bool   `json:"isNew"`
	InterfaceCount int    `json:"interfaceCount"`
	AddedTime      string `json:"addedTime"`
}

type devicePage struct {
	Total   int         `json:"total"`
	Page    int         `json:"page"`
	Rows    []deviceDoc `json:"rows"`
	Records int         `json:"records"`
}

func (e *env) alarms(params url.Values) []alarmDoc {
	e.t.Helper()
	r := e.get("alarm/listAlarms", params)
	require.Equal(e.t, http.StatusOK, r.status, "%s", r.body)
	return decode[[]alarmDoc](e.t, r)
}

func TestListAlarmsFilters(t *testing.T) {
	e := newEnv(t)
	all := e.alarms(nil)
	require.NotEmpty(t, all)
	for i := 1; i < len(all); i++ {
		assert.GreaterOrEqual(t, all[i-1].ModTimeLong, all[i].ModTimeLong, "most recent first")
	}
	first := all[0]
	assert.Contains(t, first.Severity, fmt.Sprintf("status%d.gif'>&nbsp;%s", first.NumericSeverity, first.SeverityString))

	cases := []struct {
		name   string
		params url.Values
		keep   func(alarmDoc) bool
	}{
		{"severity", url.Values{"severity": {"1"}}, func(a alarmDoc) bool { return a.NumericSeverity == 1 }},
		{"device", url.Values{"deviceName": {"opm-server1"}}, func(a alarmDoc) bool { return a.DeviceName == "opm-server1" }},
		{"category any case", url.Values{"category": {strings.ToLower(first.Category)}}, func(a alarmDoc) bool { return a.Category == first.Category }},
		{"active", url.Values{"alertType": {"ActiveAlarms"}}, func(a alarmDoc) bool { return a.NumericSeverity != 5 }},
		{"nothing before 2000", url.Values{"toTime": {"2000-01-01"}}, func(alarmDoc) bool { return false }},
		{"everything since 2000", url.Values{"fromTime": {"2000-01-01 00:00:00"}}, func(alarmDoc) bool { return true }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var want []alarmDoc
			for _, a := range all {
				if tc.keep(a) {
					want = append(want, a)
				}
			}
			got := e.alarms(tc.params)
			assert.ElementsMatch(t, want, got)
		})
	}
}

func TestAlarmActions(t *testing.T) {
	e := newEnv(t)
	all := e.alarms(url.Values{"alertType": {"ActiveAlarms"}})
	require.GreaterOrEqual(t, len(all), 2)
	a, b := all[0], all[1]

	r := e.post("alarm/acknowledgeAlarm", url.Values{"entity": {a.Entity}})
	assert.JSONEq(t, `{"result":{"message":"Alarm has been successfully Acknowledged"}}`, string(r.body))
	got := e.alarms(url.Values{"deviceName": {a.DeviceName}})
	assert.Equal(t, "admin", find(got, a.Entity).Who)
	r = e.post("alarm/unAcknowledgeAlarm", url.Values{"entity": {a.Entity}})
	assert.JSONEq(t, `{"result":{"message":"Alarm has been successfully UnAcknowledged"}}`, string(r.body))
	assert.Equal(t, "Unacknowledged", find(e.alarms(nil), a.Entity).Who, "taken back")
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("alarm/unAcknowledgeAlarm", url.Values{"entity": {"nope_CPU"}})))

	// One unknown entity in a multiple action: nothing changes.
	r = e.post("alarm/clearAlarm", url.Values{"entity": {b.Entity + ",nope_CPU"}, "type": {"multiple"}})
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "NOT_FOUND", errCode(t, r))
	assert.NotEqual(t, 5, find(e.alarms(nil), b.Entity).NumericSeverity)

	r = e.post("alarm/clearAlarm", url.Values{"entity": {a.Entity + "," + b.Entity}, "type": {"multiple"}})
	assert.JSONEq(t, `{"result":{"message":"Alarm has been successfully Cleared!"}}`, string(r.body))
	for _, x := range []string{a.Entity, b.Entity} {
		cleared := find(e.alarms(nil), x)
		assert.Equal(t, 5, cleared.NumericSeverity)
		assert.Equal(t, "Clear", cleared.SeverityString)
		assert.Nil(t, find(e.alarms(url.Values{"alertType": {"ActiveAlarms"}}), x), "a cleared alarm is no longer active")
	}
	// Without type=multiple a comma list is one (unknown) entity.
	r = e.post("alarm/acknowledgeAlarm", url.Values{"entity": {a.Entity + "," + b.Entity}})
	assert.Equal(t, "NOT_FOUND", errCode(t, r))
}

func find(as []alarmDoc, entity string) *alarmDoc {
	for i := range as {
		if as[i].Entity == entity {
			return &as[i]
		}
	}
	return nil
}

// seededDevices is the inventory at the default seed size: opm-server1, 25
// generated devices, and the vCenter, Nutanix cluster and wireless
// controller the virtualization and wireless calls describe.
const seededDevices = 1 + 25 + 3

func TestListDevices(t *testing.T) {
	e := newEnv(t)
	r := e.get("device/listDevices", nil)
	all := decode[[]deviceDoc](t, r) // unpaged: a bare array
	require.Len(t, all, seededDevices)

	// Walk pages of 7: every device once, total = pages, records = devices (fact B3).
	seen := map[string]bool{}
	for page := 1; page <= 5; page++ {
		p := decode[devicePage](t, e.get("device/listDevices", url.Values{"page": {fmt.Sprint(page)}, "rows": {"7"}}))
		assert.Equal(t, 5, p.Total)
		assert.Equal(t, seededDevices, p.Records)
		assert.Equal(t, page, p.Page)
		for _, d := range p.Rows {
			assert.False(t, seen[d.DeviceName])
			seen[d.DeviceName] = true
		}
	}
	assert.Len(t, seen, seededDevices)
	p := decode[devicePage](t, e.get("device/listDevices", url.Values{"page": {"2"}}))
	assert.Len(t, p.Rows, 10, "rows defaults to 10")

	var routers []deviceDoc
	for _, d := range all {
		if d.Category == "Router" {
			routers = append(routers, d)
		}
	}
	got := decode[[]deviceDoc](t, e.get("device/listDevices", url.Values{"category": {"router"}}))
	assert.Equal(t, routers, got)

	sorted := decode[[]deviceDoc](t, e.get("device/listDevices", url.Values{"sortByColumn": {"interfaceCount"}, "sortByType": {"desc"}}))
	for i := 1; i < len(sorted); i++ {
		assert.GreaterOrEqual(t, sorted[i-1].InterfaceCount, sorted[i].InterfaceCount)
	}

	// addedTime sorts by the time, not by the words it is shown in.
	byTime := decode[[]deviceDoc](t, e.get("device/listDevices", url.Values{"sortByColumn": {"addedTime"}}))
	for i := 1; i < len(byTime); i++ {
		prev, err1 := time.Parse("2 Jan 2006 03:04:05 PM MST", byTime[i-1].AddedTime)
		this, err2 := time.Parse("2 Jan 2006 03:04:05 PM MST", byTime[i].AddedTime)
		require.NoError(t, errors.Join(err1, err2))
		assert.False(t, this.Before(prev), "%s before %s", this, prev)
	}
}

func TestDeviceSummaryAndAdd(t *testing.T) {
	e := newEnv(t)
	r := e.get("device/getDeviceSummary", url.Values{"name": {"opm-server1"}})
	s := decode[map[string]any](t, r)
	assert.Equal(t, "opm-server1", s["deviceName"])
	assert.Equal(t, "Attention", s["statusStr"])

	r = e.get("device/getDeviceSummary", url.Values{"name": {"nowhere"}})
	assert.Equal(t, "NOT_FOUND", errCode(t, r))

	r = e.post("discovery/addDevice", url.Values{"deviceName": {"192.0.2.10"}})
	added := decode[struct {
		Device struct {
			DeviceIP, Message, DeviceName string
			MOID                          int
		}
	}](t, r)
	assert.Equal(t, "Device added successfully.", added.Device.Message)
	assert.Equal(t, "192.0.2.10", added.Device.DeviceIP)

	devices := decode[[]deviceDoc](t, e.get("device/listDevices", nil))
	last := devices[len(devices)-1]
	assert.Equal(t, "192.0.2.10", last.DeviceName)
	assert.True(t, last.IsNew)

	assert.Equal(t, "ALREADY_EXISTS", errCode(t, e.post("discovery/addDevice", url.Values{"deviceName": {"192.0.2.10"}})))
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("discovery/addDevice", url.Values{"deviceName": {"192.0.2.11"}, "credentialName": {"nope"}})))

	// A DNS name gets a simulated address; the mock contacts nothing.
	r = e.post("discovery/addDevice", url.Values{"deviceName": {"db1.example.internal"}})
	assert.Regexp(t, `"deviceIp":"10\.250\.\d+\.\d+"`, string(r.body))
}

// TestSeverityMarkupIsNotEscaped: the body carries the markup as the vendor
// sends it (fact B3), not \u003c escapes.
func TestSeverityMarkupIsNotEscaped(t *testing.T) {
	e := newEnv(t)
	r := e.get("alarm/listAlarms", nil)
	assert.Contains(t, string(r.body), `"severity":"<img src='/images/devices/status`)
	assert.NotContains(t, string(r.body), `\u003c`)
}

// TestSeededStateIsDeterministic: the same seed gives byte-identical devices
// and alarms; another seed does not; --seed-size scales the devices.
func TestSeededStateIsDeterministic(t *testing.T) {
	snapshot := func(opts ...mock.Option) (string, string, int) {
		e := newEnv(t, opts...)
		devices := e.get("device/listDevices", url.Values{"getInterfaces": {"true"}})
		alarms := e.get("alarm/listAlarms", nil)
		return string(devices.body), string(alarms.body), len(decode[[]deviceDoc](t, devices))
	}
	d1, a1, n1 := snapshot(mock.WithSeed(11))
	d2, a2, _ := snapshot(mock.WithSeed(11))
	d3, a3, _ := snapshot(mock.WithSeed(12))
	_, _, n4 := snapshot(mock.WithSeed(11), mock.WithSeedSize(60))
	assert.Equal(t, d1, d2)
	assert.Equal(t, a1, a2)
	assert.NotEqual(t, d1, d3)
	assert.NotEqual(t, a1, a3)
	assert.Equal(t, seededDevices, n1)
	assert.Equal(t, seededDevices-25+60, n4)
}

// A page is the matching slice of the unpaged list, whether or not it is
// sorted or filtered, and page numbers too large to multiply answer an empty
// page rather than wrapping around.
func TestListDevicesPagesAreSlicesOfTheList(t *testing.T) {
	e := newEnv(t)
	const maxInt = "9223372036854775807"
	tests := []struct {
		name       string
		filter     url.Values
		page, rows string
		from, to   int // the slice of the unpaged list the page must equal
		total      int
	}{
		{"added order", nil, "3", "4", 8, 12, 8},
		{"sorted", url.Values{"sortByColumn": {"deviceName"}}, "2", "5", 5, 10, 6},
		{"sorted descending", url.Values{"sortByColumn": {"addedTime"}, "sortByType": {"desc"}}, "1", "3", 0, 3, 10},
		{"filtered", url.Values{"category": {"router"}}, "1", "2", 0, 2, -1},
		{"past the end", nil, "99", "10", seededDevices, seededDevices, 3},
		{"page too large to multiply", nil, maxInt, "1000", seededDevices, seededDevices, 1},
		{"rows too large to add", nil, "1", maxInt, 0, seededDevices, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all := decode[[]deviceDoc](t, e.get("device/listDevices", tt.filter))
			q := url.Values{"page": {tt.page}, "rows": {tt.rows}}
			for k, v := range tt.filter {
				q[k] = v
			}
			r := e.get("device/listDevices", q)
			require.Equal(t, http.StatusOK, r.status, string(r.body))
			p := decode[devicePage](t, r)
			to := min(tt.to, len(all))
			assert.Equal(t, all[min(tt.from, to):to], p.Rows)
			assert.Equal(t, len(all), p.Records)
			if tt.total >= 0 {
				assert.Equal(t, tt.total, p.Total)
			}
		})
	}
}

// Sorted listings come from a cached order: a device added, or a status
// changed by an alarm, shows in the next sorted page.
func TestSortedListingsFollowChanges(t *testing.T) {
	e := newEnv(t)
	sorted := func(column string) []deviceDoc {
		return decode[[]deviceDoc](t, e.get("device/listDevices", url.Values{"sortByColumn": {column}}))
	}
	before := sorted("deviceName")
	require.NotEmpty(t, before)

	_, err := e.srv.OpManager().AddDevice(opmanager.Device{Name: "0-first-by-name", IPAddress: "192.0.2.99", Category: "Server"})
	require.NoError(t, err)
	after := sorted("deviceName")
	require.Len(t, after, len(before)+1)
	assert.Equal(t, "0-first-by-name", after[0].DeviceName)

	var healthy string
	for _, d := range sorted("statusNum") {
		if d.StatusNum == "5" {
			healthy = d.DeviceName
		}
	}
	require.NotEmpty(t, healthy, "a Clear device to raise an alarm on")
	_, err = e.srv.OpManager().AddAlarm(opmanager.NewAlarm{Device: healthy, Severity: 1})
	require.NoError(t, err)
	bySeverity := sorted("statusNum")
	assert.Equal(t, "1", bySeverity[0].StatusNum)
	idx := slices.IndexFunc(bySeverity, func(d deviceDoc) bool { return d.DeviceName == healthy })
	assert.Equal(t, "1", bySeverity[idx].StatusNum)
	assert.Less(t, idx, slices.IndexFunc(bySeverity, func(d deviceDoc) bool { return d.StatusNum != "1" }), "sorted among the critical ones")
}
