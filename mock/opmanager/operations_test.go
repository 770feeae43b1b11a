package opmanager_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/spec"
)

// TestEveryOperationAnswers sends one well-formed request to every operation
// of spec/opmanager.yaml and expects an answer that is not an error; the
// table must name exactly the spec's operations, so a new operation without
// a test fails here. Responses are validated against the spec on the way.
func TestEveryOperationAnswers(t *testing.T) {
	e := newEnv(t)
	alarms := e.alarms(url.Values{"alertType": {"ActiveAlarms"}})
	require.GreaterOrEqual(t, len(alarms), 2)
	csv := func(s string) []byte { return []byte(s) }
	procs := decode[struct{ ActiveProcesses map[string]any }](t, e.get("device/getAssociatedProcessMonitors", url.Values{"deviceName": {"opm-server1"}}))
	var pid string
	for id := range procs.ActiveProcesses {
		pid = id
	}
	// Ordered: later rows use what earlier ones stored; profile ids are
	// taken from the add answers.
	ids := map[string]string{}
	table := []struct {
		op string
		r  req
	}{
		{"listAlarms", req{method: "GET", api: "alarm/listAlarms"}},
		{"acknowledgeAlarm", req{method: "POST", api: "alarm/acknowledgeAlarm", params: url.Values{"entity": {alarms[0].Entity}}}},
		{"unAcknowledgeAlarm", req{method: "POST", api: "alarm/unAcknowledgeAlarm", params: url.Values{"entity": {alarms[0].Entity}}}},
		{"clearAlarm", req{method: "POST", api: "alarm/clearAlarm", params: url.Values{"entity": {alarms[1].Entity}}}},
		{"listDevices", req{method: "GET", api: "device/listDevices", params: url.Values{"page": {"1"}, "rows": {"5"}, "getInterfaces": {"true"}}}},
		{"getDeviceSummary", req{method: "GET", api: "device/getDeviceSummary", params: url.Values{"name": {"opm-server1"}}}},
		{"addLinuxCredential", req{method: "POST", api: "admin/addLinuxCredential", params: url.Values{"credentialName": {"c1"}, "userName": {"u"}, "password": {"p"}, "protocol": {"Telnet"}}}},
		{"addDevice", req{method: "POST", api: "discovery/addDevice", params: url.Values{"deviceName": {"192.0.2.50"}, "credentialName": {"c1"}}}},
		{"addDiscoveryProfile", req{method: "POST", api: "discovery/addDiscoveryProfile", params: url.Values{"profileName": {"p1"}, "discoveryType": {"IPList"}, "ipList": {"192.0.2.1, 192.0.2.2"}}}},
		{"addDiscoveryProfileV2", req{method: "POST", api: "v2/discovery/addDiscoveryProfile", params: url.Values{"profileName": {"p2"}, "discoveryType": {"CIDR"}, "cidr": {"192.0.2.0/28"}}}},
		{"editDiscoveryProfile", req{method: "POST", api: "discovery/editDiscoveryProfile", params: url.Values{"profileId": {"<p1>"}, "profileName": {"p1-renamed"}}}},
		{"editDiscoveryProfileV2", req{method: "POST", api: "v2/discovery/editDiscoveryProfile", params: url.Values{"profileId": {"<p2>"}, "credentials": {"c1"}}}},
		{"importSSHKey", req{method: "POST", api: "ncmsettings/importSSHKey", params: url.Values{"keyName": {"k"}}, file: csv("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n")}},
		{"importDevices", req{method: "POST", api: "ncmsettings/importDevices", file: csv("ipaddress\n192.0.2.9\n")}},
		{"uploadConfigletFile", req{method: "POST", api: "ncmsettings/uploadConfigletFile", file: csv("show version\n")}},
		{"uploadConfigletPreView", req{method: "POST", api: "ncmsettings/uploadConfigletPreView", file: csv("name,commands\nc,show run\n")}},
		{"importConfiglets", req{method: "POST", api: "ncmsettings/importConfiglets", file: csv("name,commands\nc,show run\n")}},
		{"updateHostNamefromFileImp", req{method: "POST", api: "ncmdevice/updateHostNamefromFileImp", file: csv("ipaddress,hostname\n192.0.2.9,h9\n")}},
		{"editCustomColfromFileImp", req{method: "POST", api: "ncmdevice/editCustomColfromFileImp", file: csv("ipaddress,column,value\n192.0.2.9,Floor,3\n")}},
		{"importDG", req{method: "POST", api: "ncmdevice/importDG", file: csv("groupname,ipaddress\nlab,192.0.2.9\n")}},
		{"addSubnet", req{method: "POST", api: "ipam/addSubnet", params: url.Values{"subnetAddress": {"192.0.2.0"}, "subnetMask": {"255.255.255.240"}}}},
		{"addSwitch", req{method: "POST", api: "spm/addSwitch", params: url.Values{"switchAddress": {"192.0.2.2"}, "credentialName": {"public"}}}},
		{"getSysLogBlockedHosts", req{method: "GET", api: "v1/ncmsettings/getSysLogBlockedHosts"}},
		{"getNFAV2TabList", req{method: "GET", api: "v1/nfadevice/getNFAV2TabList"}},

		{"alarmProperties", req{method: "GET", api: "alarm/alarmProperties", params: url.Values{"entity": {alarms[0].Entity}}}},
		{"addNotes", req{method: "POST", api: "alarm/addNotes", params: url.Values{"entity": {alarms[0].Entity}, "notes": {"looking"}}}},
		{"getAnnotation", req{method: "GET", api: "alarm/getAnnotation", params: url.Values{"entity": {alarms[0].Entity}}}},
		{"getTopDevicesByAlarms", req{method: "GET", api: "alarm/getTopDevicesByAlarms", params: url.Values{"eventType": {"All"}}}},
		{"addEvent", req{method: "POST", api: "events/addEvent", params: url.Values{"source": {"opm-server1"}, "severity": {"2"},
			"message": {"Disk is filling"}, "alarmCode": {"DiskUtilization"}, "entity": {"300_DiskUtilization"}, "eventType": {"Threshold"}}}},
		{"listEvents", req{method: "GET", api: "events/listEvents", params: url.Values{"deviceName": {"opm-server1"}}}},
		{"getDeviceInfo", req{method: "GET", api: "device/getDeviceInfo", params: url.Values{"name": {"opm-server1"}}}},
		{"setDeviceInfo", req{method: "POST", api: "device/setDeviceInfo", params: url.Values{"name": {"opm-server1"}, "values": {`{"Rack":"R12"}`}}}},
		{"listInterfaces", req{method: "GET", api: "device/listInterfaces", params: url.Values{"rows": {"5"}}}},
		{"getInterfaces", req{method: "GET", api: "device/getInterfaces", params: url.Values{"name": {"opm-server1"}}}},
		{"getInterfaceSummary", req{method: "GET", api: "device/getInterfaceSummary", params: url.Values{"interfaceName": {"IF-opm-server1-1"}}}},
		{"listAllLogicalGroups", req{method: "GET", api: "admin/listAllLogicalGroups"}},
		{"getLogicalGroupAlerts", req{method: "GET", api: "admin/getLogicalGroupAlerts", params: url.Values{"groupName": {"Servers"}}}},
		{"listLogicalGroupMembers", req{method: "GET", api: "admin/listLogicalGroupMembers", params: url.Values{"groupName": {"Servers"}}}},
		{"addToGroup", req{method: "POST", api: "device/addToGroup", params: url.Values{"groupName": {"Lab"}, "groupType": {"Device"}, "selectedMembers": {"opm-server1"}}}},
		{"getBusinessView", req{method: "GET", api: "businessview/getBusinessView"}},
		{"getBusinessDetailsView", req{method: "GET", api: "businessview/getBusinessDetailsView", params: url.Values{"bvName": {"Datacenter"}}}},
		{"getDownDevices", req{method: "GET", api: "discovery/getDownDevices"}},
		{"listDownTimeSchedules", req{method: "GET", api: "admin/listDownTimeSchedules"}},
		{"getDowntimeSchedule", req{method: "GET", api: "admin/getDowntimeSchedule"}},
		{"updateDowntimeSchedule", req{method: "POST", api: "admin/updateDowntimeSchedule", params: url.Values{"scheduleName": {"Friday"},
			"recurrence": {"Weekly"}, "selectedDevices": {"opm-server1"}, "once_startat": {"2024-03-15 22:00"}, "once_endat": {"2024-03-15 23:00"}}}},
		{"listNotificationProfiles", req{method: "GET", api: "admin/listNotificationProfiles"}},
		{"associateNotificationProfiles", req{method: "POST", api: "admin/associateNotificationProfiles", params: url.Values{"deviceName": {"opm-server1"}, "profiles": {"902"}}}},
		{"updateNotificationProfileStatus", req{method: "POST", api: "admin/updateNotificationProfileStatus", params: url.Values{"profileName": {"Web alarm"}, "profileId": {"903"}, "status": {"1"}}}},
		{"getNotificationProfiles", req{method: "GET", api: "device/getNotificationProfiles", params: url.Values{"name": {"opm-server1"}}}},
		{"getPingResponse", req{method: "POST", api: "device/getPingResponse", params: url.Values{"deviceName": {"opm-server1"}}}},
		{"getTraceResponse", req{method: "POST", api: "device/getTraceResponse", params: url.Values{"deviceName": {"opm-server1"}}}},
		{"getAvailabilityGraphData", req{method: "GET", api: "device/getAvailabilityGraphData", params: url.Values{"name": {"opm-server1"}, "isFluidic": {"1"}}}},
		{"getDeviceNotes", req{method: "GET", api: "device/getDeviceNotes", params: url.Values{"name": {"opm-server1"}}}},
		{"getInfrastructureDetailsView", req{method: "GET", api: "discovery/getInfrastructureDetailsView", params: url.Values{"categoryName": {"Desktop"}}}},
		{"getDeviceCompleteDetails", req{method: "GET", api: "v2/device/getDeviceCompleteDetails", params: url.Values{"name": {"opm-server1"}}}},
		{"getInterfaceNotes", req{method: "GET", api: "device/getInterfaceNotes", params: url.Values{"interfaceName": {"IF-opm-server1-1"}}}},
		{"getInterfaceGraphs", req{method: "GET", api: "device/getInterfaceGraphs", params: url.Values{"interfaceName": {"IF-opm-server1-1"}}}},
		{"getIntfAtAGlanceReportDetails", req{method: "GET", api: "v2/device/getIntfAtAGlanceReportDetails", params: url.Values{"InterfaceName": {"IF-opm-server1-1"}, "period": {"Today"}}}},
		{"getIntfBWOutageReportDetails", req{method: "GET", api: "v2/device/getIntfBWOutageReportDetails", params: url.Values{"interfaceName": {"IF-opm-server1-1"}, "period": {"Today"}}}},
		{"listSubnets", req{method: "GET", api: "device/listSubnets"}},
		{"getCategoryList", req{method: "POST", api: "device/getCategoryList"}},
		{"listProbes", req{method: "GET", api: "admin/listProbes"}},
		{"getLogicalGroupInfo", req{method: "GET", api: "admin/getLogicalGroupInfo", params: url.Values{"groupName": {"Servers"}}}},
		{"getWidgetList", req{method: "GET", api: "dashboard/getWidgetsList", params: url.Values{"dashboardName": {"Network"}}}},
		{"getWidgetData", req{method: "GET", api: "v2/dashboard/getWidgetData", params: url.Values{"widgetID": {"623"}}}},
		{"getDeviceAssociatedMonitors", req{method: "GET", api: "device/getDeviceAssociatedMonitors", params: url.Values{"name": {"opm-server1"}}}},
		{"getPerformanceMonitors", req{method: "GET", api: "device/getPerformanceMonitors", params: url.Values{"deviceName": {"opm-server1"}, "category": {"Desktop"}, "type": {"Windows 2016"}}}},
		{"getLastCollectedValues", req{method: "GET", api: "device/getLastCollectedValues", params: url.Values{"deviceMOIDList": {"300"}}}},
		{"getPerformanceMonitorDetails", req{method: "GET", api: "device/getPerformanceMonitorDetails", params: url.Values{"name": {"opm-server1"}, "policyName": {"CPU Utilization"}, "graphName": {"CPUUSAGE"}, "checkNumeric": {"true"}}}},
		{"addPerformanceMonitors", req{method: "POST", api: "device/addPerformanceMonitors", params: url.Values{"name": {"opm-server1"}, "selectedMonitors": {"4,PacketLoss"}}}},
		{"deletePerformanceMonitors", req{method: "POST", api: "device/deletePerformanceMonitors", params: url.Values{"name": {"opm-server1"}, "pollId": {"300005"}}}},
		{"TestMonitor", req{method: "POST", api: "device/TestMonitor", params: url.Values{"name": {"opm-server1"}, "policyName": {"CPU Utilization"}, "graphName": {"CPUUSAGE"}}}},
		{"getAssociatedProcessMonitors", req{method: "GET", api: "device/getAssociatedProcessMonitors", params: url.Values{"deviceName": {"opm-server1"}}}},
		{"associateProcessMonitor", req{method: "POST", api: "device/associateProcessMonitor", params: url.Values{"deviceName": {"opm-server1"}, "processId": {pid}}}},
		{"getAssociatedServiceMonitors", req{method: "GET", api: "device/getAssociatedServiceMonitors", params: url.Values{"name": {"opm-server1"}}}},
		{"associateServiceMonitor", req{method: "POST", api: "admin/associateServiceMonitor", params: url.Values{"deviceName": {"opm-server1"}, "serviceName": {"Dnscache"}}}},
		{"getDeviceAssociatedWindowsServiceMonitors", req{method: "GET", api: "device/getDeviceAssociatedWindowsServiceMonitors", params: url.Values{"name": {"opm-server1"}}}},
		{"listURLMonitors", req{method: "GET", api: "admin/listURLMonitors"}},
		{"listAllDevicesSpecificURLs", req{method: "GET", api: "admin/listAllDevicesSpecificURLs"}},
		{"listScriptMonitors", req{method: "GET", api: "admin/listScriptMonitors"}},
		{"listVirtualDevices", req{method: "GET", api: "device/listVirtualDevices", params: url.Values{"virtualDeviceType": {"VMware"}}}},
		{"getVMWareHosts", req{method: "GET", api: "device/getVMWareHosts"}},
		{"getDataCenterDetails", req{method: "GET", api: "device/getDataCenterDetails", params: url.Values{"moID": {"5002"}}}},
		{"getClusterDetails", req{method: "GET", api: "device/getClusterDetails"}},
		{"getVMWareVMs", req{method: "GET", api: "device/getVMWareVMs", params: url.Values{"name": {"esx-01.example.com"}, "type": {"HOST"}}}},
		{"getVMWareDataStores", req{method: "GET", api: "device/getVMWareDataStores", params: url.Values{"name": {"db-01"}, "type": {"VM"}}}},
		{"getNutanixVDisks", req{method: "GET", api: "device/getNutanixVDisks", params: url.Values{"name": {"ntnx-01.example.com"}}}},
		{"getNutanixDetails", req{method: "GET", api: "device/getNutanixDetails", params: url.Values{"deviceName": {"ntnx-01.example.com"}, "entityType": {"Host"}}}},
		{"getWirelessNetworkDetails", req{method: "GET", api: "wireless/getWirelessNetworkDetails", params: url.Values{"deviceName": {"wlc-01.example.com"}}}},
		{"getWirelessAPList", req{method: "GET", api: "wireless/getWirelessAPList", params: url.Values{"deviceName": {"wlc-01.example.com"}}}},
		{"getSSIDClientList", req{method: "GET", api: "wireless/getSSIDClientList", params: url.Values{"deviceName": {"wlc-01.example.com"}}}},
		{"getClientDetails", req{method: "GET", api: "wireless/getClientDetails", params: url.Values{"deviceName": {"wlc-01.example.com"}, "ssidName": {"1"}}}},
		{"getReportsList", req{method: "GET", api: "reports/getReportsList"}},
		{"getReportsData", req{method: "GET", api: "reports/getReportsData", params: url.Values{"reportID": {"1401"}, "top": {"5"}, "businessRuleID": {"1301"}}}},
		{"listBusinessRules", req{method: "GET", api: "admin/listBusinessRules"}},
		{"addBusinessRules", req{method: "POST", api: "admin/addBusinessRules", params: url.Values{"businessRuleName": {"Weekend"}, "timeSettings": {`{"Saturday":"10:00-14:00"}`}}}},
		{"viewBusinessRules", req{method: "GET", api: "admin/viewBusinessRules", params: url.Values{"businessRuleId": {"1301"}}}},
		{"updateBusinessRules", req{method: "POST", api: "admin/updateBusinessRules", params: url.Values{"businessRuleId": {"1301"}, "description": {"Core hours"}}}},
		{"deleteBusinessRules", req{method: "POST", api: "admin/deleteBusinessRules", params: url.Values{"businessRuleId": {"1301"}}}},
		{"getReportData", req{method: "POST", api: "v2/device/getReportData", params: url.Values{"deviceList": {"opm-server1"}}}},
		{"setManaged", req{method: "POST", api: "device/setManaged", params: url.Values{"name": {"opm-server1"}, "manage": {"false"}}}},
		{"deleteAlarm", req{method: "POST", api: "alarm/deleteAlarm", params: url.Values{"entity": {alarms[1].Entity}}}},
	}
	doc, err := spec.Load(spec.OpManager)
	require.NoError(t, err)
	var want, got []string
	for _, op := range spec.Operations(spec.OpManager, doc) {
		want = append(want, op.OperationID)
	}
	for _, row := range table {
		got = append(got, row.op)
		t.Run(row.op, func(t *testing.T) {
			row.r.key = e.keys["All access"]
			if id := row.r.params.Get("profileId"); strings.HasPrefix(id, "<") {
				row.r.params.Set("profileId", ids[id])
			}
			r := e.do(row.r)
			assert.Equal(t, http.StatusOK, r.status)
			assert.Empty(t, errCode(t, r), "%s", r.body)
			if name := row.r.params.Get("profileName"); strings.Contains(row.r.api, "discovery/") && row.r.params.Get("profileId") == "" && name != "" {
				added := decode[struct{ Profile struct{ ProfileID int } }](t, r)
				ids["<"+name+">"] = fmt.Sprint(added.Profile.ProfileID)
			}
		})
	}
	sort.Strings(want)
	sort.Strings(got)
	assert.Equal(t, want, got, "the table must cover every operation")
}

func TestInterfaces(t *testing.T) {
	e := newEnv(t)
	plain := decode[[]map[string]any](t, e.get("device/listDevices", nil))
	with := decode[[]map[string]any](t, e.get("device/listDevices", url.Values{"getInterfaces": {"true"}}))
	require.Len(t, with, len(plain))
	for i := range with {
		assert.NotContains(t, plain[i], "interfaces")
		ifs, _ := with[i]["interfaces"].([]any)
		assert.Len(t, ifs, int(with[i]["interfaceCount"].(float64)), "interfaceCount counts the interfaces")
	}
}
