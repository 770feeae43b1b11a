package opmanager

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/opsmock/opsmock/conformance/check"
)

// The write checks below act only on objects the run creates: one device
// on a benchmarking address (198.18.0.0/15, RFC 2544), shared by them, and
// the alarms, monitors, groups, schedules and rules they make on it or
// by name. OpManager has no API to delete a device or a group: the report
// lists what stays.

// workbench is the run's own device: added by the first check that needs
// it, used by the others. It names the device, and its moID.
func workbench(t *check.T) (name, moid string) {
	v, err := t.Shared("opmanager.workbench", func() (string, error) {
		for attempt := 0; attempt < 5; attempt++ {
			ip := fmt.Sprintf("%s.%d", testNet(), 10+attempt)
			r, body := post(t, "/discovery/addDevice", map[string]string{"deviceName": ip})
			dev, _ := body["device"].(map[string]any)
			if dev == nil {
				if e, _ := body["error"].(map[string]any); e != nil && e["errorcode"] == "ALREADY_EXISTS" {
					continue // an address an earlier run used
				}
				t.Failf(r.Raw(), "addDevice did not answer the added device")
				return "", errors.New("addDevice failed")
			}
			t.LeftBehind("device %s", ip)
			moid, _ := dev["moid"].(float64)
			name, _ := dev["deviceName"].(string)
			return name + " " + strconv.Itoa(int(moid)), nil
		}
		return "", errors.New("every address tried was taken")
	})
	if err != nil {
		t.Skipf("the run has no device of its own to act on: %s", err)
	}
	var id int
	_, _ = fmt.Sscanf(v, "%s %d", &name, &id)
	return name, strconv.Itoa(id)
}

// getObject GETs a JSON answer as the primary key, requiring HTTP 200.
func getObject(t *check.T, path string, query ...string) any {
	req := t.Expect(check.Primary).GET(base + path)
	for i := 0; i+1 < len(query); i += 2 {
		req = req.WithQuery(query[i], query[i+1])
	}
	r := req.Expect()
	r.Status(http.StatusOK)
	var v any
	_ = json.Unmarshal([]byte(r.Body().Raw()), &v)
	return v
}

// succeeded requires a write's {"result":{...}} answer.
func succeeded(t *check.T, path string, params map[string]string) map[string]any {
	r, body := post(t, path, params)
	if body["result"] == nil {
		t.Failf(r.Raw(), "%s did not succeed", path)
		t.Fatalf("cannot go on")
	}
	return body
}

var deviceLifecycle = check.Check{
	ID:       "opmanager.lifecycle.device",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `On a device the run adds (198.18.0.0/15): setDeviceInfo's custom field reads back in getDeviceInfo; ` +
		`setManaged false shows managed false there and true again after setManaged true; addToGroup makes it a member of ` +
		`a new group; ping, trace and getReportData answer for it (fact B4). OpManager deletes neither devices nor groups: ` +
		`the run leaves both.`,
	Run: func(t *check.T) {
		name, _ := workbench(t)
		stamp := strconv.FormatInt(time.Now().UnixNano(), 36)
		succeeded(t, "/device/setDeviceInfo", map[string]string{"name": name, "values": `{"` + Prefix + `":"` + stamp + `"}`})
		info, _ := getObject(t, "/device/getDeviceInfo", "name", name).(map[string]any)
		fields, _ := info["customFields"].(map[string]any)
		if fields[Prefix] != stamp {
			t.Errorf("getDeviceInfo shows custom field %s = %s after setDeviceInfo set %s", Prefix, t.Show(fields[Prefix]), stamp)
		}
		managed := func() any {
			info, _ := getObject(t, "/device/getDeviceInfo", "name", name).(map[string]any)
			return info["managed"]
		}
		t.Cleanup(func() { post(t, "/device/setManaged", map[string]string{"name": name, "manage": "true"}) })
		succeeded(t, "/device/setManaged", map[string]string{"name": name, "manage": "false"})
		if m := managed(); m != false {
			t.Errorf("device %s reads managed %s after setManaged false", name, t.Show(m))
		}
		succeeded(t, "/device/setManaged", map[string]string{"name": name, "manage": "true"})
		if m := managed(); m != true {
			t.Errorf("device %s reads managed %s after setManaged true", name, t.Show(m))
		}

		group := Prefix + "-group-" + stamp
		succeeded(t, "/device/addToGroup", map[string]string{"groupName": group, "groupType": "Device", "selectedMembers": name})
		t.LeftBehind("group %s", group)
		members, _ := getObject(t, "/admin/listLogicalGroupMembers", "groupName", group).([]any)
		if len(members) != 1 || field(members, "0", "name") != name {
			t.Errorf("group %s lists %d members, want the device %s alone", group, len(members), name)
		}

		for _, p := range []string{"/device/getPingResponse", "/device/getTraceResponse"} {
			r, body := post(t, p, map[string]string{"deviceName": name})
			if len(body) != 1 || body["error"] != nil {
				t.Failf(r.Raw(), "%s did not answer for the run's device", p)
			}
		}
		_, report := post(t, "/v2/device/getReportData", map[string]string{"deviceList": name})
		if rows, _ := report["DevicesAvailability - Percentage"].([]any); len(rows) != 1 {
			t.Errorf("getReportData for one device answered %d availability rows", len(rows))
		}
		post(t, "/device/getCategoryList", nil)
		t.Exercised("device %s: custom field, unmanage and manage, group, ping, trace, report", name)
	},
}

var deviceAlarm = check.Check{
	ID:       "opmanager.lifecycle.device-alarm",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `addEvent on the run's device raises an alarm listAlarms shows; addNotes puts a note getAnnotation reads back; ` +
		`alarmProperties lists the event; deleteAlarm removes the alarm (fact B4). The event stays in the event log.`,
	Run: func(t *check.T) {
		name, moid := workbench(t)
		entity := moid + "_OpsmockConformance"
		deleted := false
		t.Cleanup(func() {
			if !deleted {
				post(t, "/alarm/deleteAlarm", map[string]string{"entity": entity})
			}
		})
		succeeded(t, "/events/addEvent", map[string]string{"source": name, "severity": "2", "message": Prefix + " event",
			"alarmCode": "OpsmockConformance", "entity": entity, "eventType": "Threshold"})
		t.LeftBehind("an event on device %s", name)
		listed := func() bool {
			for _, a := range alarms(t, "deviceName", name) {
				if a["entity"] == entity {
					return true
				}
			}
			return false
		}
		if !listed() {
			t.Fatalf("listAlarms does not show the alarm of the event (entity %s)", entity)
		}
		note := Prefix + " note " + strconv.FormatInt(time.Now().UnixNano(), 36)
		succeeded(t, "/alarm/addNotes", map[string]string{"entity": entity, "notes": note})
		notes, _ := getObject(t, "/alarm/getAnnotation", "entity", entity).([]any)
		found := false
		for i := range notes {
			found = found || field(notes, strconv.Itoa(i), "notes") == note
		}
		if !found {
			t.Errorf("getAnnotation does not show the note addNotes put on %s", entity)
		}
		props, _ := getObject(t, "/alarm/alarmProperties", "entity", entity).(map[string]any)
		if events, _ := props["events"].([]any); len(events) == 0 {
			t.Errorf("alarmProperties of %s lists no event", entity)
		}
		succeeded(t, "/alarm/deleteAlarm", map[string]string{"entity": entity})
		deleted = true
		if listed() {
			t.Errorf("listAlarms still shows %s after deleteAlarm", entity)
		}
		t.Exercised("alarm %s: raised, noted, deleted", entity)
	},
}

var deviceMonitors = check.Check{
	ID:       "opmanager.lifecycle.device-monitors",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `On the run's device: a performance monitor getPerformanceMonitors offers and addPerformanceMonitors adds is listed ` +
		`by getDeviceAssociatedMonitors, answers TestMonitor and getPerformanceMonitorDetails, and is gone after ` +
		`deletePerformanceMonitors with its pollId; a service or process the device offers, once associated, is listed (fact B4).`,
	Run: func(t *check.T) {
		name, _ := workbench(t)
		info, _ := getObject(t, "/device/getDeviceInfo", "name", name).(map[string]any)
		catalog, _ := getObject(t, "/device/getPerformanceMonitors", "deviceName", name,
			"category", fmt.Sprint(info["category"]), "type", fmt.Sprint(info["type"])).(map[string]any)
		var graph, policy string
		for _, group := range catalog {
			items, _ := group.([]any)
			for _, it := range items {
				m, _ := it.(map[string]any)
				if m["associated"] == false && graph == "" {
					graph, policy = fmt.Sprint(m["graphName"]), fmt.Sprint(m["policyName"])
				}
			}
		}
		if graph == "" {
			t.Skipf("getPerformanceMonitors offers the run's device no monitor it lacks")
		}
		pollID := func() string {
			mons, _ := getObject(t, "/device/getDeviceAssociatedMonitors", "name", name).(map[string]any)
			perf, _ := mons["performanceMonitors"].(map[string]any)
			list, _ := perf["monitors"].([]any)
			for i := range list {
				if field(list, strconv.Itoa(i), "graphName") == graph {
					return field(list, strconv.Itoa(i), "pollId")
				}
			}
			return ""
		}
		succeeded(t, "/device/addPerformanceMonitors", map[string]string{"name": name, "selectedMonitors": graph})
		poll := pollID()
		if poll == "" {
			t.Fatalf("getDeviceAssociatedMonitors does not list %s after addPerformanceMonitors", graph)
		}
		t.Cleanup(func() { post(t, "/device/deletePerformanceMonitors", map[string]string{"name": name, "pollId": poll}) })
		r, test := post(t, "/device/TestMonitor", map[string]string{"name": name, "policyName": policy, "graphName": graph})
		if test["monitorname"] == nil {
			t.Failf(r.Raw(), "TestMonitor did not answer the monitor's test")
		}
		getObject(t, "/device/getPerformanceMonitorDetails", "name", name, "policyName", policy, "graphName", graph, "checkNumeric", "true")
		succeeded(t, "/device/deletePerformanceMonitors", map[string]string{"name": name, "pollId": poll})
		if pollID() != "" {
			t.Errorf("%s is still listed after deletePerformanceMonitors with pollId %s", graph, poll)
		}
		t.Exercised("monitor %s added, tested, deleted", graph)

		services, _ := getObject(t, "/device/getAssociatedServiceMonitors", "name", name).(map[string]any)
		if svc := field(services, "remainingServices", "0"); svc != "" {
			succeeded(t, "/admin/associateServiceMonitor", map[string]string{"deviceName": name, "serviceName": svc})
			after, _ := getObject(t, "/device/getDeviceAssociatedWindowsServiceMonitors", "name", name).([]any)
			found := false
			for i := range after {
				found = found || field(after, strconv.Itoa(i), "serviceName") == svc
			}
			if !found {
				t.Errorf("service %s is not listed after associateServiceMonitor", svc)
			}
			t.Exercised("service %s associated", svc)
		}
		procs, _ := getObject(t, "/device/getAssociatedProcessMonitors", "deviceName", name).(map[string]any)
		active, _ := procs["ActiveProcesses"].(map[string]any)
		for pid := range active {
			succeeded(t, "/device/associateProcessMonitor", map[string]string{"deviceName": name, "processId": pid})
			t.Exercised("process %s associated", pid)
			break
		}
	},
}

var downtimeSchedule = check.Check{
	ID:       "opmanager.lifecycle.downtime-schedule",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `updateDowntimeSchedule adds a schedule for the run's device that listDownTimeSchedules lists, disables it ` +
		`(statusNum "0") and deletes it (fact B4; the operations' semantics are the spec's x-inferred).`,
	Run: func(t *check.T) {
		name, _ := workbench(t)
		sched := Prefix + "-downtime-" + strconv.FormatInt(time.Now().UnixNano(), 36)
		find := func() map[string]any {
			list, _ := getObject(t, "/admin/listDownTimeSchedules").([]any)
			for _, it := range list {
				if m, _ := it.(map[string]any); m["name"] == sched {
					return m
				}
			}
			return nil
		}
		r, _ := post(t, "/admin/updateDowntimeSchedule", map[string]string{"operation": "add", "scheduleName": sched,
			"recurrence": "Once", "selectedDevices": name, "status": "1"})
		s := find()
		if s == nil {
			t.Failf(r.Raw(), "listDownTimeSchedules does not list %s after adding it", sched)
			t.Fatalf("cannot go on")
		}
		id := fmt.Sprint(s["id"])
		deleted := false
		t.Cleanup(func() {
			if !deleted {
				post(t, "/admin/updateDowntimeSchedule", map[string]string{"operation": "delete", "scheduleId": id})
			}
		})
		post(t, "/admin/updateDowntimeSchedule", map[string]string{"operation": "update", "scheduleId": id, "status": "0"})
		if s := find(); s == nil || s["statusNum"] != "0" {
			t.Errorf("schedule %s does not read disabled after the update", sched)
		}
		post(t, "/admin/updateDowntimeSchedule", map[string]string{"operation": "delete", "scheduleId": id})
		deleted = true
		if find() != nil {
			t.Errorf("schedule %s is still listed after delete", sched)
		}
		t.Exercised("schedule %s added, disabled, deleted", sched)
	},
}

var businessRule = check.Check{
	ID:       "opmanager.lifecycle.business-rule",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `addBusinessRules stores a rule viewBusinessRules and listBusinessRules read back; updateBusinessRules changes ` +
		`its description; deleteBusinessRules removes it, after which viewing it is NOT_FOUND (fact B4; shapes x-inferred).`,
	Run: func(t *check.T) {
		name := Prefix + "-rule-" + strconv.FormatInt(time.Now().UnixNano(), 36)
		r, body := post(t, "/admin/addBusinessRules", map[string]string{"businessRuleName": name, "description": "added",
			"timeSettings": `{"Monday":"09:00-17:00"}`})
		id := field(body, "businessRule", "businessRuleId")
		if id == "" {
			t.Failf(r.Raw(), "addBusinessRules did not answer the rule with its id")
			t.Fatalf("cannot go on")
		}
		deleted := false
		t.Cleanup(func() {
			if !deleted {
				post(t, "/admin/deleteBusinessRules", map[string]string{"businessRuleId": id})
			}
		})
		view := func() map[string]any {
			v, _ := getObject(t, "/admin/viewBusinessRules", "businessRuleId", id).(map[string]any)
			return v
		}
		if v := view(); v["businessRuleName"] != name || field(v, "timeSettings", "Monday") != "09:00-17:00" {
			t.Errorf("viewBusinessRules does not read back the rule as added")
		}
		post(t, "/admin/updateBusinessRules", map[string]string{"businessRuleId": id, "description": "updated"})
		if v := view(); v["description"] != "updated" {
			t.Errorf("the rule's description reads %s after updateBusinessRules", t.Show(v["description"]))
		}
		list, _ := getObject(t, "/admin/listBusinessRules").([]any)
		listed := false
		for i := range list {
			listed = listed || field(list, strconv.Itoa(i), "businessRuleId") == id
		}
		if !listed {
			t.Errorf("listBusinessRules does not list rule %s", id)
		}
		succeeded(t, "/admin/deleteBusinessRules", map[string]string{"businessRuleId": id})
		deleted = true
		if v := view(); field(v, "error", "errorcode") != "NOT_FOUND" {
			t.Errorf("viewing rule %s after deleteBusinessRules is not NOT_FOUND", id)
		}
		t.Exercised("rule %s added, read, updated, deleted", name)
	},
}

var notificationRefusals = check.Check{
	ID:       "opmanager.errors.notification-refusals",
	Category: check.Errors,
	Write:    true,
	Rule: `Naming no existing profile, associateNotificationProfiles and updateNotificationProfileStatus answer NOT_FOUND ` +
		`and change nothing (fact B4). Partly exercised: the run never changes a profile it did not create, and ` +
		`OpManager has no API to create one.`,
	Run: func(t *check.T) {
		name, _ := workbench(t)
		for path, params := range map[string]map[string]string{
			"/admin/associateNotificationProfiles":   {"deviceName": name, "profiles": "0"},
			"/admin/updateNotificationProfileStatus": {"profileName": Prefix + "-no-such-profile", "profileId": "0", "status": "0"},
		} {
			r, body := post(t, path, params)
			if field(body, "error", "errorcode") != "NOT_FOUND" {
				t.Failf(r.Raw(), "%s with profile id 0 did not answer NOT_FOUND", path)
			}
		}
		t.Exercised("refusals only")
	},
}
