package opmanager_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reference's operations read and change one state (docs/sources.md
// fact B4): these tests follow each link the issue names from one
// operation to the others that must see it. Every answer is validated
// against the spec on the way.

func (e *env) okPost(api string, params url.Values) {
	e.t.Helper()
	r := e.post(api, params)
	require.Empty(e.t, errCode(e.t, r), "%s: %s", api, r.body)
}

func TestEventRaisesAndClearsAlarm(t *testing.T) {
	e := newEnv(t)
	const entity = "300_FanSpeed"
	event := url.Values{"source": {"opm-server1"}, "severity": {"1"}, "message": {"Fan 2 stopped"},
		"alarmCode": {"FanSpeed"}, "entity": {entity}, "eventType": {"Threshold"}}
	e.okPost("events/addEvent", event)
	raised := e.alarms(url.Values{"deviceName": {"opm-server1"}, "severity": {"1"}})
	require.Len(t, raised, 1, "a Critical event raises a Critical alarm")
	assert.Equal(t, entity, raised[0].Entity)
	assert.Equal(t, "Fan 2 stopped", raised[0].Message)
	info := decode[map[string]any](t, e.get("device/getDeviceInfo", url.Values{"name": {"opm-server1"}}))
	assert.Equal(t, "1", info["statusNum"], "the device takes the worse severity")
	events := decode[struct{ List []map[string]any }](t, e.get("events/listEvents", url.Values{"entity": {entity}}))
	require.Len(t, events.List, 2, "the stored event and the alarm's raising event")

	event.Set("severity", "5")
	event.Set("message", "Fan 2 running")
	e.okPost("events/addEvent", event)
	props := decode[map[string]any](t, e.get("alarm/alarmProperties", url.Values{"entity": {entity}}))
	assert.Equal(t, "Clear", props["stringseverity"], "a Clear event clears the alarm")
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("events/addEvent", url.Values{"source": {"no-such-device"}, "severity": {"1"},
		"message": {"m"}, "alarmCode": {"X"}, "entity": {"1_X"}, "eventType": {"Threshold"}})))
}

func TestNotesAndDeletedAlarms(t *testing.T) {
	e := newEnv(t)
	a := e.alarms(nil)[0]
	only := url.Values{"entity": {a.Entity}}
	assert.JSONEq(t, `[]`, string(e.get("alarm/getAnnotation", only).body), "no notes yet")
	e.okPost("alarm/addNotes", url.Values{"entity": {a.Entity}, "notes": {"rebooting"}})
	e.okPost("alarm/addNotes", url.Values{"entity": {a.Entity}, "notes": {"back up"}})
	notes := decode[[]map[string]any](t, e.get("alarm/getAnnotation", only))
	require.Len(t, notes, 2)
	assert.Equal(t, []any{"rebooting", "back up", "admin"}, []any{notes[0]["notes"], notes[1]["notes"], notes[0]["who"]})

	e.okPost("alarm/deleteAlarm", only)
	for _, left := range e.alarms(nil) {
		assert.NotEqual(t, a.Entity, left.Entity, "listAlarms no longer shows the deleted alarm")
	}
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("alarm/getAnnotation", only)), "its notes went with it")
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("alarm/deleteAlarm", only)))
	before := len(e.alarms(nil))
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("alarm/deleteAlarm", url.Values{"entity": {e.alarms(nil)[0].Entity + ",nope"}, "type": {"multiple"}})))
	assert.Len(t, e.alarms(nil), before, "a refused multiple delete removes nothing")
}

func TestSetManagedChangesWhatListsShow(t *testing.T) {
	e := newEnv(t)
	status := func() (list, summary string) {
		rows := decode[[]map[string]any](t, e.get("device/listDevices", nil))
		for _, r := range rows {
			if r["deviceName"] == "opm-server1" {
				list = r["statusNum"].(string)
			}
		}
		s := decode[map[string]any](t, e.get("device/getDeviceSummary", url.Values{"name": {"opm-server1"}}))
		return list, s["managed"].(string)
	}
	list, managed := status()
	require.Equal(t, []string{"3", "true"}, []string{list, managed}, "seeded Attention, managed")
	e.okPost("device/setManaged", url.Values{"name": {"opm-server1"}, "manage": {"false"}})
	list, managed = status()
	assert.Equal(t, []string{"7", "false"}, []string{list, managed})
	unmanaged := decode[[]map[string]any](t, e.get("device/listDevices", url.Values{"severity": {"7"}}))
	assert.Contains(t, names(unmanaged, "deviceName"), "opm-server1")
	e.okPost("device/setManaged", url.Values{"name": {"10.10.0.1"}, "manage": {"true"}}) // by IP address
	list, managed = status()
	assert.Equal(t, []string{"3", "true"}, []string{list, managed}, "managing again restores the status")
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("device/setManaged", url.Values{"name": {"nope"}, "manage": {"true"}})))
}

func names(rows []map[string]any, field string) []string {
	var out []string
	for _, r := range rows {
		s, _ := r[field].(string)
		out = append(out, s)
	}
	return out
}

func TestGroupsAndViewsReferToListedDevices(t *testing.T) {
	e := newEnv(t)
	devices := decode[[]map[string]any](t, e.get("device/listDevices", nil))
	listed := names(devices, "deviceName")
	members := decode[[]map[string]any](t, e.get("admin/listLogicalGroupMembers", nil))
	require.NotEmpty(t, members)
	for _, m := range members {
		assert.Contains(t, listed, m["name"])
	}
	view := decode[struct {
		BusinessDetailsView struct {
			Details      []map[string]any
			TotalRecords string
		}
	}](t, e.get("businessview/getBusinessDetailsView", url.Values{"bvName": {"Datacenter"}}))
	inView := names(view.BusinessDetailsView.Details, "deviceName")
	require.NotEmpty(t, inView)
	assert.Subset(t, listed, inView)
	byView := decode[[]map[string]any](t, e.get("device/listDevices", url.Values{"bvName": {"Datacenter"}}))
	assert.Equal(t, inView, names(byView, "deviceName"), "listDevices' bvName filter agrees with the view")
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("businessview/getBusinessDetailsView", url.Values{"bvName": {"nope"}})))

	// A new group: listDevices' groupName filter, the members and the
	// device's own groups all see it.
	e.okPost("device/addToGroup", url.Values{"groupName": {"Lab"}, "groupType": {"Device"}, "selectedMembers": {"opm-server1," + listed[1]}})
	lab := decode[[]map[string]any](t, e.get("device/listDevices", url.Values{"groupName": {"Lab"}}))
	assert.ElementsMatch(t, []string{"opm-server1", listed[1]}, names(lab, "deviceName"))
	labMembers := decode[[]map[string]any](t, e.get("admin/listLogicalGroupMembers", url.Values{"groupName": {"Lab"}}))
	assert.ElementsMatch(t, []string{"opm-server1", listed[1]}, names(labMembers, "name"))
	info := decode[map[string]any](t, e.get("device/getDeviceInfo", url.Values{"name": {"opm-server1"}}))
	assert.Contains(t, info["groups"], "Lab")
	groups := decode[[]map[string]any](t, e.get("admin/listAllLogicalGroups", nil))
	assert.Contains(t, names(groups, "groupName"), "Lab")
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("device/addToGroup", url.Values{"groupName": {"Lab2"}, "groupType": {"Device"}, "selectedMembers": {"nope"}})))
	assert.NotContains(t, names(decode[[]map[string]any](t, e.get("admin/listAllLogicalGroups", nil)), "groupName"), "Lab2",
		"a refused add creates no group")
}

func TestDeviceInfoAndInterfaces(t *testing.T) {
	e := newEnv(t)
	e.okPost("device/setDeviceInfo", url.Values{"name": {"opm-server1"}, "values": {`{"displayName":"Core server","Rack":"R12"}`}})
	info := decode[map[string]any](t, e.get("device/getDeviceInfo", url.Values{"name": {"Core server"}}))
	assert.Equal(t, map[string]any{"Rack": "R12"}, info["customFields"])
	rows := decode[[]map[string]any](t, e.get("device/listDevices", nil))
	assert.Contains(t, names(rows, "displayName"), "Core server", "listDevices shows the new display name")
	assert.Equal(t, "DATATYPE_NOT_MATCHED", errCode(t, e.post("device/setDeviceInfo", url.Values{"name": {"opm-server1"}, "values": {`[1,2]`}})))

	ifs := decode[struct {
		Interfaces     []map[string]any
		InterfaceCount string
	}](t, e.get("device/getInterfaces", url.Values{"name": {"opm-server1"}}))
	require.Equal(t, "2", ifs.InterfaceCount)
	first := ifs.Interfaces[0]["interfaceName"].(string)
	sum := decode[map[string]any](t, e.get("device/getInterfaceSummary", url.Values{"interfaceName": {first}}))
	assert.Equal(t, "opm-server1", sum["deviceName"])
	page := decode[struct{ Total, Records, Page string }](t, e.get("device/listInterfaces", url.Values{"rows": {"3"}}))
	assert.Equal(t, "1", page.Page)
	assert.NotEqual(t, "0", page.Records)
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("device/getInterfaceSummary", url.Values{"interfaceName": {"IF-opm-server1-99"}})))
}

func TestDowntimeSchedulesAndProfiles(t *testing.T) {
	e := newEnv(t)
	add := url.Values{"scheduleName": {"Friday"}, "recurrence": {"Weekly"}, "status": {"0"}}
	r := e.post("admin/updateDowntimeSchedule", add)
	list := decode[[]map[string]any](t, r)
	var id string
	for _, s := range list {
		if s["name"] == "Friday" {
			id = s["id"].(string)
			assert.Equal(t, []any{"Weekly", "Disabled"}, []any{s["type"], s["status"]})
		}
	}
	require.NotEmpty(t, id, "the new schedule is in the answer")
	assert.Equal(t, "ALREADY_EXISTS", errCode(t, e.post("admin/updateDowntimeSchedule", add)))
	listed := decode[[]map[string]any](t, e.get("admin/listDownTimeSchedules", nil))
	assert.Contains(t, names(listed, "name"), "Friday")
	e.okPost("admin/updateDowntimeSchedule", url.Values{"operation": {"delete"}, "scheduleId": {id}})
	assert.NotContains(t, names(decode[[]map[string]any](t, e.get("admin/listDownTimeSchedules", nil)), "name"), "Friday")
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("admin/updateDowntimeSchedule", url.Values{"operation": {"delete"}, "scheduleId": {id}})))

	profilesOf := func(device string) []string {
		return names(decode[[]map[string]any](t, e.get("device/getNotificationProfiles", url.Values{"name": {device}})), "profileName")
	}
	assert.NotContains(t, profilesOf("opm-server1"), "SMS on-call")
	e.okPost("admin/associateNotificationProfiles", url.Values{"deviceName": {"opm-server1"}, "profiles": {"902"}})
	assert.Contains(t, profilesOf("opm-server1"), "SMS on-call")
	byDevice := decode[[]map[string]any](t, e.get("admin/listNotificationProfiles", url.Values{"deviceName": {"opm-server1"}}))
	assert.Contains(t, names(byDevice, "profileName"), "SMS on-call")
	e.okPost("admin/updateNotificationProfileStatus", url.Values{"profileName": {"SMS on-call"}, "profileId": {"902"}, "status": {"0"}})
	for _, p := range byDeviceAgain(t, e) {
		if p["profileName"] == "SMS on-call" {
			assert.Equal(t, "Disabled", p["status"])
		}
	}
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("admin/updateNotificationProfileStatus",
		url.Values{"profileName": {"Email admins"}, "profileId": {"902"}, "status": {"0"}})), "id and name must agree")
}

func byDeviceAgain(t *testing.T, e *env) []map[string]any {
	return decode[[]map[string]any](t, e.get("admin/listNotificationProfiles", url.Values{"deviceName": {"opm-server1"}}))
}

// TestRecordsSurviveStateExport: the new objects travel in the state file.
func TestRecordsSurviveStateExport(t *testing.T) {
	e := newEnv(t)
	a := e.alarms(nil)[0]
	e.okPost("alarm/addNotes", url.Values{"entity": {a.Entity}, "notes": {"kept"}})
	e.okPost("device/setManaged", url.Values{"name": {"opm-server1"}, "manage": {"false"}})
	status, saved := e.serverControl(http.MethodGet, "state", nil)
	require.Equal(t, http.StatusOK, status, "%s", saved)
	status, _ = e.serverControl(http.MethodPost, "reset", nil)
	require.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, `[]`, string(e.get("alarm/getAnnotation", url.Values{"entity": {a.Entity}}).body), "reset drops the note")
	status, b := e.serverControl(http.MethodPut, "state", saved)
	require.Equal(t, http.StatusOK, status, "%s", b)
	notes := decode[[]map[string]any](t, e.get("alarm/getAnnotation", url.Values{"entity": {a.Entity}}))
	assert.Equal(t, []string{"kept"}, names(notes, "notes"))
	info := decode[map[string]any](t, e.get("device/getDeviceInfo", url.Values{"name": {"opm-server1"}}))
	assert.Equal(t, false, info["managed"])
}

// TestReadOnlyViewsAgreeWithTheInventory: the reports and views built from
// state count what listDevices and listAlarms list.
func TestReadOnlyViewsAgreeWithTheInventory(t *testing.T) {
	e := newEnv(t)
	devices := decode[[]map[string]any](t, e.get("device/listDevices", nil))

	subnets := decode[map[string]struct{ Data []map[string]any }](t, e.get("device/listSubnets", nil))
	var inSubnets []string
	for _, s := range subnets {
		inSubnets = append(inSubnets, names(s.Data, "deviceName")...)
	}
	assert.ElementsMatch(t, names(devices, "deviceName"), inSubnets, "every device in exactly one subnet")

	probes := decode[[]map[string]any](t, e.get("admin/listProbes", nil))
	total := 0
	for _, p := range probes {
		n, err := strconv.Atoi(p["deviceCount"].(string))
		require.NoError(t, err)
		total += n
	}
	assert.Equal(t, len(devices), total, "the probes share the devices")

	widget := decode[map[string]struct{ WidgetData []map[string]any }](t, e.get("v2/dashboard/getWidgetData", url.Values{"widgetID": {"623"}}))
	total = 0
	for _, row := range widget["623"].WidgetData {
		total += int(row["Count"].(float64))
	}
	assert.Equal(t, len(devices), total, "devices by status counts every device")
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("v2/dashboard/getWidgetData", url.Values{"widgetID": {"1"}})))

	desktops := decode[struct {
		InfrastructureDetailsView struct{ Details []map[string]any }
	}](t, e.get("discovery/getInfrastructureDetailsView", url.Values{"categoryName": {"router"}}))
	routers := decode[[]map[string]any](t, e.get("device/listDevices", url.Values{"category": {"Router"}}))
	assert.Equal(t, names(routers, "deviceName"), names(desktops.InfrastructureDetailsView.Details, "deviceName"))

	info := decode[struct{ GroupDetails struct{ AlertCount int } }](t, e.get("admin/getLogicalGroupInfo", url.Values{"groupName": {"Servers"}}))
	alerts := decode[[]map[string]any](t, e.get("admin/getLogicalGroupAlerts", url.Values{"groupName": {"Servers"}}))
	assert.Equal(t, len(alerts), info.GroupDetails.AlertCount)
}

func TestNotesFieldsAndDiagnostics(t *testing.T) {
	e := newEnv(t)
	e.okPost("device/setDeviceInfo", url.Values{"name": {"opm-server1"}, "values": {`{"Location":"Level 3","Rack":"R12"}`}})
	notes := decode[[]map[string]any](t, e.get("device/getDeviceNotes", url.Values{"name": {"opm-server1"}}))
	values := map[string]any{}
	for _, n := range notes {
		values[n["ALIASNAME"].(string)] = n["FIELDVALUE"]
	}
	assert.Equal(t, map[string]any{"Contact": "", "Location": "Level 3", "Description": "", "Serial Number": "", "Rack": "R12"}, values)

	// A Critical device does not answer ping; a clear one does.
	e.okPost("events/addEvent", url.Values{"source": {"opm-server1"}, "severity": {"1"}, "message": {"down"},
		"alarmCode": {"Ping"}, "entity": {"300_Ping"}, "eventType": {"Availability"}})
	ping := decode[struct{ PingResponse struct{ Details string } }](t, e.post("device/getPingResponse", url.Values{"deviceName": {"opm-server1"}}))
	assert.Contains(t, ping.PingResponse.Details, "Request timed out.")
	assert.Contains(t, ping.PingResponse.Details, "Lost = 4 (100% loss)")

	// Graphs are the same on a second call, and differ between interfaces.
	graph := func(name string) string {
		return string(e.get("device/getInterfaceGraphs", url.Values{"interfaceName": {name}}).body)
	}
	assert.Equal(t, graph("IF-opm-server1-1"), graph("IF-opm-server1-1"))
	assert.NotEqual(t, graph("IF-opm-server1-1"), graph("IF-opm-server1-2"))
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("device/getInterfaceGraphs", url.Values{"interfaceName": {"IF-nope-1"}})))
}

// TestMonitorsFollowTheirWrites: what the monitor writes change, the
// monitor reads show.
func TestMonitorsFollowTheirWrites(t *testing.T) {
	e := newEnv(t)
	dev := url.Values{"name": {"opm-server1"}}
	type block struct {
		Total    int
		Monitors []map[string]any
	}
	type associated struct {
		PerformanceMonitors block
		NTServiceMonitors   block
		ProcessMonitors     block
		URLMonitors         block
	}
	perf := func() []string {
		return names(decode[associated](t, e.get("device/getDeviceAssociatedMonitors", dev)).PerformanceMonitors.Monitors, "graphName")
	}
	assert.Equal(t, []string{"CPUUSAGE", "MemoryUtilization", "DiskUtilization"}, perf(), "a desktop's defaults")
	e.okPost("device/addPerformanceMonitors", url.Values{"name": {"opm-server1"}, "selectedMonitors": {"ResponseTime"}})
	assert.Equal(t, []string{"CPUUSAGE", "MemoryUtilization", "DiskUtilization", "ResponseTime"}, perf())
	catalog := decode[map[string][]map[string]any](t, e.get("device/getPerformanceMonitors",
		url.Values{"deviceName": {"opm-server1"}, "category": {"Desktop"}, "type": {"x"}}))
	for _, m := range catalog["General Monitors"] {
		assert.Equal(t, m["graphName"] == "ResponseTime", m["associated"], "%v", m["graphName"])
	}
	values := decode[[]map[string]any](t, e.get("device/getLastCollectedValues", url.Values{"deviceMOIDList": {"300"}}))
	assert.Len(t, values, 4, "one value per monitor")

	e.okPost("device/deletePerformanceMonitors", url.Values{"name": {"opm-server1"}, "pollId": {"300001"}})
	assert.Equal(t, []string{"MemoryUtilization", "DiskUtilization", "ResponseTime"}, perf())
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("device/deletePerformanceMonitors", url.Values{"name": {"opm-server1"}, "pollId": {"300001"}})))
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("device/getPerformanceMonitorDetails",
		url.Values{"name": {"opm-server1"}, "policyName": {"CPU"}, "graphName": {"CPUUSAGE"}, "checkNumeric": {"true"}})), "deleted")
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("device/addPerformanceMonitors", url.Values{"name": {"opm-server1"}, "selectedMonitors": {"ResponseTime,Nope"}})))

	procs := decode[struct{ ActiveProcesses map[string]map[string]any }](t, e.get("device/getAssociatedProcessMonitors", url.Values{"deviceName": {"opm-server1"}}))
	require.Len(t, procs.ActiveProcesses, 5)
	var pid string
	for id := range procs.ActiveProcesses {
		pid = id
	}
	e.okPost("device/associateProcessMonitor", url.Values{"deviceName": {"opm-server1"}, "processId": {pid}})
	e.okPost("device/associateProcessMonitor", url.Values{"deviceName": {"opm-server1"}, "processId": {pid}})
	after := decode[struct{ AssignedMonitors []map[string]any }](t, e.get("device/getAssociatedProcessMonitors", url.Values{"deviceName": {"opm-server1"}}))
	require.Len(t, after.AssignedMonitors, 1, "associated once")
	assert.Equal(t, 1, decode[associated](t, e.get("device/getDeviceAssociatedMonitors", dev)).ProcessMonitors.Total)
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("device/associateProcessMonitor", url.Values{"deviceName": {"opm-server1"}, "processId": {"1"}})))

	sel := decode[struct{ SelectedServices []string }](t, e.get("device/getAssociatedServiceMonitors", dev))
	assert.Equal(t, []string{"EventLog"}, sel.SelectedServices, "a Microsoft device watches its event log")
	e.okPost("admin/associateServiceMonitor", url.Values{"deviceName": {"opm-server1"}, "serviceName": {"Spooler"}})
	svcs := decode[[]map[string]any](t, e.get("device/getDeviceAssociatedWindowsServiceMonitors", dev))
	assert.Equal(t, []string{"EventLog", "Spooler"}, names(svcs, "serviceName"))
	assert.Equal(t, 2, decode[associated](t, e.get("device/getDeviceAssociatedMonitors", dev)).NTServiceMonitors.Total)

	urls := decode[[]map[string]any](t, e.get("admin/listAllDevicesSpecificURLs", nil))
	require.Len(t, urls, 1)
	assert.Equal(t, "opm-server1", urls[0]["deviceName"])
	assert.Equal(t, 1, decode[associated](t, e.get("device/getDeviceAssociatedMonitors", dev)).URLMonitors.Total)
}

// TestVirtualWirelessAndReportsHangTogether: the fixed infrastructure
// answers consistently from every side, and business rules live through
// their lifecycle.
func TestVirtualWirelessAndReportsHangTogether(t *testing.T) {
	e := newEnv(t)
	all := decode[[]map[string]any](t, e.get("device/getVMWareVMs", nil))
	var perHost []string
	for _, h := range decode[[]map[string]any](t, e.get("device/getVMWareHosts", url.Values{"name": {"vcenter-01.example.com"}})) {
		vms := decode[[]map[string]any](t, e.get("device/getVMWareVMs", url.Values{"name": {h["NAME"].(string)}, "type": {"HOST"}}))
		perHost = append(perHost, names(vms, "DISPLAYNAME")...)
	}
	assert.ElementsMatch(t, names(all, "DISPLAYNAME"), perHost, "every VM on exactly one host")
	summary := decode[map[string]any](t, e.get("device/listVirtualDevices", url.Values{"virtualDeviceType": {"VMware"}}))
	assert.Equal(t, float64(len(all)), summary["TotalVms"])
	stores := decode[[]map[string]any](t, e.get("device/getVMWareDataStores", url.Values{"name": {"test-01"}, "type": {"VM"}}))
	assert.Equal(t, []string{"ds-nfs-01"}, names(stores, "DATASTORENAME"))
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("device/getVMWareVMs", url.Values{"name": {"esx-99"}, "type": {"HOST"}})))
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("device/getClusterDetails", url.Values{"moID": {"1"}})))
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("device/listVirtualDevices", url.Values{"virtualDeviceType": {"HyperV"}})))

	wlc := url.Values{"deviceName": {"wlc-01.example.com"}}
	total := 0
	for _, s := range decode[[]map[string]any](t, e.get("wireless/getWirelessNetworkDetails", wlc)) {
		n, _ := strconv.Atoi(s["ClientCount"].(string))
		total += n
	}
	clients := decode[struct{ ClientCount int }](t, e.get("wireless/getSSIDClientList", wlc))
	assert.Equal(t, total, clients.ClientCount)
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("wireless/getWirelessAPList", url.Values{"deviceName": {"opm-server1"}})))

	// Business rules: add, read, rename, refuse a duplicate, delete.
	added := decode[struct{ BusinessRule map[string]any }](t, e.post("admin/addBusinessRules",
		url.Values{"businessRuleName": {"Night shift"}, "timeSettings": {`{"Monday":"22:00-23:59"}`}}))
	id := strconv.Itoa(int(added.BusinessRule["businessRuleId"].(float64)))
	assert.Equal(t, "ALREADY_EXISTS", errCode(t, e.post("admin/addBusinessRules", url.Values{"businessRuleName": {"night shift"}})))
	assert.Equal(t, "PATTERN_NOT_MATCHED", errCode(t, e.post("admin/addBusinessRules",
		url.Values{"businessRuleName": {"Bad"}, "timeSettings": {`{"Funday":"22:00-23:00"}`}})))
	e.okPost("admin/updateBusinessRules", url.Values{"businessRuleId": {id}, "businessRuleName": {"Late shift"}})
	rule := decode[map[string]any](t, e.get("admin/viewBusinessRules", url.Values{"businessRuleId": {id}}))
	assert.Equal(t, "Late shift", rule["businessRuleName"])
	assert.Equal(t, map[string]any{"Monday": "22:00-23:59"}, rule["timeSettings"])
	report := decode[[]struct{ GraphDetails [][]string }](t, e.get("reports/getReportsData", url.Values{"reportID": {"1404"}, "businessRuleID": {id}, "bview": {"Datacenter"}}))
	view := decode[struct {
		BusinessDetailsView struct{ Details []map[string]any }
	}](t, e.get("businessview/getBusinessDetailsView", url.Values{"bvName": {"Datacenter"}}))
	assert.Len(t, report[0].GraphDetails, len(view.BusinessDetailsView.Details), "bview keeps the view's devices")
	e.okPost("admin/deleteBusinessRules", url.Values{"businessRuleId": {id}})
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("admin/viewBusinessRules", url.Values{"businessRuleId": {id}})))
	assert.Equal(t, "NOT_FOUND", errCode(t, e.get("reports/getReportsData", url.Values{"reportID": {"1404"}, "businessRuleID": {id}})))
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("v2/device/getReportData", url.Values{"deviceList": {"opm-server1,nope"}})))
}

// TestSortedInterfacesFollowACategoryChange: generated interfaces are named
// after their device's category (GigabitEthernet on switches and routers),
// so a category change must reach a kept sorted view, not only the rows.
func TestSortedInterfacesFollowACategoryChange(t *testing.T) {
	e := newEnv(t)
	type page struct {
		Rows []struct {
			DeviceName           string `json:"deviceName"`
			InterfaceDisplayName string `json:"interfaceDisplayName"`
		} `json:"rows"`
	}
	byName := url.Values{"sortByColumn": {"displayName"}, "rows": {"1000"}}
	names := func() []string {
		p := decode[page](t, e.get("device/listInterfaces", byName))
		out := make([]string, len(p.Rows))
		for i, r := range p.Rows {
			out[i] = r.InterfaceDisplayName
		}
		return out
	}
	var device string
	for _, r := range decode[page](t, e.get("device/listInterfaces", byName)).Rows {
		if strings.HasPrefix(r.InterfaceDisplayName, "GigabitEthernet") {
			device = r.DeviceName
			break
		}
	}
	require.NotEmpty(t, device, "a switch or router with interfaces")
	require.True(t, slices.IsSorted(names()))

	e.okPost("device/setDeviceInfo", url.Values{"name": {device}, "values": {`{"category":"Server"}`}})
	after := names()
	assert.True(t, slices.IsSorted(after), "the kept view was sorted again for the new names")
}
