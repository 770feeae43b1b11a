package fixturegen

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/opmanager"
	"github.com/opsmock/opsmock/spec/contract"
)

// OpManager's credentials, by the name cases use: seeded keys (OPM-KEYS).
const (
	asAdmin     = "admin"     // All access
	asAlarmsRO  = "alarms-ro" // Module: Alarms read-only
	asSpecific  = "specific"  // Specific APIs: the two of OPM-KEYS's example
	asDisabled  = "disabled"  // a disabled key
	asExpired   = "expired"   // an expired key
	asUnknown   = "unknown"   // a key the server never issued
	asQueryKey  = "query"     // the All-access key as a query parameter
	asNoKey     = "none"
	unknownKey  = "0123456789abcdef0123456789abcdef"
	noSuchThing = "opsmock-no-such-object"
)

// keyTransport sends a key (OpManager's apiKey, PMP's AUTHTOKEN) in a
// header, or in the query.
type keyTransport struct {
	name    string
	key     string
	inQuery bool
	next    http.RoundTripper
}

func (k keyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	if k.inQuery {
		q := r.URL.Query()
		q.Set(k.name, k.key)
		r.URL.RawQuery = q.Encode()
	} else {
		r.Header.Set(k.name, k.key)
	}
	return k.next.RoundTrip(r)
}

func opManagerClients(srv *mock.Server, rec *recorder) (map[string]*http.Client, error) {
	keys := map[string]string{}
	for _, k := range srv.Credentials().OpManager {
		keys[k.Name] = k.APIKey
	}
	client := func(key string, inQuery bool) *http.Client {
		return &http.Client{Transport: keyTransport{name: "apiKey", key: key, inQuery: inQuery, next: rec}}
	}
	return map[string]*http.Client{
		asAdmin: client(keys["All access"], false), asAlarmsRO: client(keys["Alarms read-only"], false),
		asSpecific: client(keys["Specific APIs"], false), asDisabled: client(keys["Disabled"], false),
		asExpired: client(keys["Expired"], false), asUnknown: client(unknownKey, false),
		asQueryKey: client(keys["All access"], true), asNoKey: {Transport: rec},
	}, nil
}

// opManagerPrepare raises alarms on the document's server until two are
// active: a small seed may have fewer, and the scenario acknowledges one
// and clears another.
func opManagerPrepare(srv *mock.Server) error {
	active := 0
	for _, a := range srv.OpManager().Alarms() {
		if a.Severity != 5 {
			active++
		}
	}
	for _, monitor := range []string{"MEMORYUSAGE", "DISKUSAGE"}[:max(0, 2-active)] {
		if _, err := srv.OpManager().AddAlarm(opmanager.NewAlarm{Device: "opm-server1", Severity: 2, Monitor: monitor}); err != nil {
			return err
		}
	}
	return nil
}

// opManagerScenario records a success for every operation, then the
// failures the key model and the validation rules give each (fact B1,
// OPM-KEYS).
func opManagerScenario(s *session, srv *mock.Server) error {
	alarms, err := s.do(Case{Op: "listAlarms", Name: "active", Description: "The alarms not cleared.", Doc: "fact B3",
		Method: http.MethodGet, Path: "/alarm/listAlarms", Query: url.Values{"alertType": {"ActiveAlarms"}}, As: asAdmin, Status: 200})
	if err != nil {
		return err
	}
	list, _ := alarms.([]any)
	if len(list) < 2 {
		return fmt.Errorf("the seeded state has %d active alarms, the scenario needs 2", len(list))
	}
	entity0, entity1 := fmt.Sprint(list[0].(map[string]any)["entity"]), fmt.Sprint(list[1].(map[string]any)["entity"])
	device0 := fmt.Sprint(list[0].(map[string]any)["deviceName"])
	procs, err := s.do(Case{Op: "getAssociatedProcessMonitors", Name: "opm-server1", Description: "The processes of the seeded server.",
		Doc: "fact B4", Method: http.MethodGet, Path: "/device/getAssociatedProcessMonitors", Query: url.Values{"deviceName": {"opm-server1"}},
		As: asAdmin, Status: 200})
	if err != nil {
		return err
	}
	active, _ := procs.(map[string]any)["ActiveProcesses"].(map[string]any)
	pids := make([]string, 0, len(active))
	for pid := range active {
		pids = append(pids, pid)
	}
	slices.Sort(pids)
	if len(pids) == 0 {
		return fmt.Errorf("the seeded server has no process")
	}
	pid := pids[0]
	placeholders := map[string]string{}
	const ackSeq = "acknowledge-unacknowledge"
	cases := []Case{
		{Op: "listAlarms", Name: "success", Method: http.MethodGet, Path: "/alarm/listAlarms", As: asAdmin, Status: 200},
		{Op: "acknowledgeAlarm", Name: "success", Method: http.MethodPost, Path: "/alarm/acknowledgeAlarm", Form: url.Values{"entity": {entity0}}, As: asAdmin, Status: 200, Seq: ackSeq},
		{Op: "listAlarms", Name: "acknowledged", Description: "The alarm now acknowledged.", Method: http.MethodGet, Path: "/alarm/listAlarms", Query: url.Values{"deviceName": {device0}}, As: asAdmin, Status: 200, Seq: ackSeq},
		{Op: "unAcknowledgeAlarm", Name: "success", Method: http.MethodPost, Path: "/alarm/unAcknowledgeAlarm", Form: url.Values{"entity": {entity0}}, As: asAdmin, Status: 200, Seq: ackSeq},
		{Op: "listAlarms", Name: "unacknowledged", Description: "The same alarm, acknowledgement withdrawn.", Method: http.MethodGet, Path: "/alarm/listAlarms", Query: url.Values{"deviceName": {device0}}, As: asAdmin, Status: 200, Seq: ackSeq},
		{Op: "clearAlarm", Name: "success", Method: http.MethodPost, Path: "/alarm/clearAlarm", Form: url.Values{"entity": {entity1}}, As: asAdmin, Status: 200},
		{Op: "listDevices", Name: "success", Method: http.MethodGet, Path: "/device/listDevices", Query: url.Values{"page": {"1"}, "rows": {"5"}, "getInterfaces": {"true"}}, As: asAdmin, Status: 200},
		{Op: "getDeviceSummary", Name: "success", Method: http.MethodGet, Path: "/device/getDeviceSummary", Query: url.Values{"name": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "addLinuxCredential", Name: "success", Method: http.MethodPost, Path: "/admin/addLinuxCredential", Form: url.Values{"credentialName": {"c1"}, "userName": {"u"}, "password": {"p"}, "protocol": {"Telnet"}}, As: asAdmin, Status: 200},
		{Op: "addDevice", Name: "success", Method: http.MethodPost, Path: "/discovery/addDevice", Form: url.Values{"deviceName": {"192.0.2.50"}, "credentialName": {"c1"}}, As: asAdmin, Status: 200},
		{Op: "addDiscoveryProfile", Name: "success", Method: http.MethodPost, Path: "/discovery/addDiscoveryProfile", Form: url.Values{"profileName": {"p1"}, "discoveryType": {"IPList"}, "ipList": {"192.0.2.1, 192.0.2.2"}}, As: asAdmin, Status: 200},
		{Op: "addDiscoveryProfileV2", Name: "success", Method: http.MethodPost, Path: "/v2/discovery/addDiscoveryProfile", Form: url.Values{"profileName": {"p2"}, "discoveryType": {"CIDR"}, "cidr": {"192.0.2.0/28"}}, As: asAdmin, Status: 200},
		{Op: "editDiscoveryProfile", Name: "success", Method: http.MethodPost, Path: "/discovery/editDiscoveryProfile", Form: url.Values{"profileId": {"<p1>"}, "profileName": {"p1-renamed"}}, As: asAdmin, Status: 200},
		{Op: "editDiscoveryProfileV2", Name: "success", Method: http.MethodPost, Path: "/v2/discovery/editDiscoveryProfile", Form: url.Values{"profileId": {"<p2>"}, "credentials": {"c1"}}, As: asAdmin, Status: 200},
		{Op: "importSSHKey", Name: "success", Method: http.MethodPost, Path: "/ncmsettings/importSSHKey", Form: url.Values{"keyName": {"k"}}, File: []byte("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"), As: asAdmin, Status: 200},
		{Op: "importDevices", Name: "success", Method: http.MethodPost, Path: "/ncmsettings/importDevices", File: []byte("ipaddress\n192.0.2.9\n"), As: asAdmin, Status: 200},
		{Op: "uploadConfigletFile", Name: "success", Method: http.MethodPost, Path: "/ncmsettings/uploadConfigletFile", File: []byte("show version\n"), As: asAdmin, Status: 200},
		{Op: "uploadConfigletPreView", Name: "success", Method: http.MethodPost, Path: "/ncmsettings/uploadConfigletPreView", File: []byte("name,commands\nc,show run\n"), As: asAdmin, Status: 200},
		{Op: "importConfiglets", Name: "success", Method: http.MethodPost, Path: "/ncmsettings/importConfiglets", File: []byte("name,commands\nc,show run\n"), As: asAdmin, Status: 200},
		{Op: "updateHostNamefromFileImp", Name: "success", Method: http.MethodPost, Path: "/ncmdevice/updateHostNamefromFileImp", File: []byte("ipaddress,hostname\n192.0.2.9,h9\n"), As: asAdmin, Status: 200},
		{Op: "editCustomColfromFileImp", Name: "success", Method: http.MethodPost, Path: "/ncmdevice/editCustomColfromFileImp", File: []byte("ipaddress,column,value\n192.0.2.9,Floor,3\n"), As: asAdmin, Status: 200},
		{Op: "importDG", Name: "success", Method: http.MethodPost, Path: "/ncmdevice/importDG", File: []byte("groupname,ipaddress\nlab,192.0.2.9\n"), As: asAdmin, Status: 200},
		{Op: "addSubnet", Name: "success", Method: http.MethodPost, Path: "/ipam/addSubnet", Form: url.Values{"subnetAddress": {"192.0.2.0"}, "subnetMask": {"255.255.255.240"}}, As: asAdmin, Status: 200},
		{Op: "addSwitch", Name: "success", Method: http.MethodPost, Path: "/spm/addSwitch", Form: url.Values{"switchAddress": {"192.0.2.2"}, "credentialName": {"public"}}, As: asAdmin, Status: 200},
		{Op: "getSysLogBlockedHosts", Name: "success", Method: http.MethodGet, Path: "/v1/ncmsettings/getSysLogBlockedHosts", As: asAdmin, Status: 200},
		{Op: "getNFAV2TabList", Name: "success", Method: http.MethodGet, Path: "/v1/nfadevice/getNFAV2TabList", As: asAdmin, Status: 200},
		{Op: "alarmProperties", Name: "success", Method: http.MethodGet, Path: "/alarm/alarmProperties", Query: url.Values{"entity": {entity0}}, As: asAdmin, Status: 200},
		{Op: "addNotes", Name: "success", Method: http.MethodPost, Path: "/alarm/addNotes", Form: url.Values{"entity": {entity0}, "notes": {"looking"}}, As: asAdmin, Status: 200},
		{Op: "getAnnotation", Name: "success", Method: http.MethodGet, Path: "/alarm/getAnnotation", Query: url.Values{"entity": {entity0}}, As: asAdmin, Status: 200},
		{Op: "getTopDevicesByAlarms", Name: "success", Method: http.MethodGet, Path: "/alarm/getTopDevicesByAlarms", Query: url.Values{"eventType": {"All"}}, As: asAdmin, Status: 200},
		{Op: "addEvent", Name: "success", Method: http.MethodPost, Path: "/events/addEvent", Form: url.Values{"source": {"opm-server1"}, "severity": {"2"},
			"message": {"Disk is filling"}, "alarmCode": {"DiskUtilization"}, "entity": {"300_DiskUtilization"}, "eventType": {"Threshold"}}, As: asAdmin, Status: 200},
		{Op: "listEvents", Name: "success", Method: http.MethodGet, Path: "/events/listEvents", Query: url.Values{"deviceName": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "getDeviceInfo", Name: "success", Method: http.MethodGet, Path: "/device/getDeviceInfo", Query: url.Values{"name": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "setDeviceInfo", Name: "success", Method: http.MethodPost, Path: "/device/setDeviceInfo", Form: url.Values{"name": {"opm-server1"}, "values": {`{"Rack":"R12"}`}}, As: asAdmin, Status: 200},
		{Op: "listInterfaces", Name: "success", Method: http.MethodGet, Path: "/device/listInterfaces", Query: url.Values{"rows": {"5"}}, As: asAdmin, Status: 200},
		{Op: "getInterfaces", Name: "success", Method: http.MethodGet, Path: "/device/getInterfaces", Query: url.Values{"name": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "getInterfaceSummary", Name: "success", Method: http.MethodGet, Path: "/device/getInterfaceSummary", Query: url.Values{"interfaceName": {"IF-opm-server1-1"}}, As: asAdmin, Status: 200},
		{Op: "listAllLogicalGroups", Name: "success", Method: http.MethodGet, Path: "/admin/listAllLogicalGroups", As: asAdmin, Status: 200},
		{Op: "getLogicalGroupAlerts", Name: "success", Method: http.MethodGet, Path: "/admin/getLogicalGroupAlerts", Query: url.Values{"groupName": {"Servers"}}, As: asAdmin, Status: 200},
		{Op: "listLogicalGroupMembers", Name: "success", Method: http.MethodGet, Path: "/admin/listLogicalGroupMembers", Query: url.Values{"groupName": {"Servers"}}, As: asAdmin, Status: 200},
		{Op: "addToGroup", Name: "success", Method: http.MethodPost, Path: "/device/addToGroup", Form: url.Values{"groupName": {"Lab"}, "groupType": {"Device"}, "selectedMembers": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "getBusinessView", Name: "success", Method: http.MethodGet, Path: "/businessview/getBusinessView", As: asAdmin, Status: 200},
		{Op: "getBusinessDetailsView", Name: "success", Method: http.MethodGet, Path: "/businessview/getBusinessDetailsView", Query: url.Values{"bvName": {"Datacenter"}}, As: asAdmin, Status: 200},
		{Op: "getDownDevices", Name: "success", Method: http.MethodGet, Path: "/discovery/getDownDevices", As: asAdmin, Status: 200},
		{Op: "listDownTimeSchedules", Name: "success", Method: http.MethodGet, Path: "/admin/listDownTimeSchedules", As: asAdmin, Status: 200},
		{Op: "getDowntimeSchedule", Name: "success", Method: http.MethodGet, Path: "/admin/getDowntimeSchedule", As: asAdmin, Status: 200},
		{Op: "updateDowntimeSchedule", Name: "success", Method: http.MethodPost, Path: "/admin/updateDowntimeSchedule", Form: url.Values{"scheduleName": {"Friday"},
			"recurrence": {"Weekly"}, "selectedDevices": {"opm-server1"}, "once_startat": {"2024-03-15 22:00"}, "once_endat": {"2024-03-15 23:00"}}, As: asAdmin, Status: 200},
		{Op: "listNotificationProfiles", Name: "success", Method: http.MethodGet, Path: "/admin/listNotificationProfiles", As: asAdmin, Status: 200},
		{Op: "associateNotificationProfiles", Name: "success", Method: http.MethodPost, Path: "/admin/associateNotificationProfiles", Form: url.Values{"deviceName": {"opm-server1"}, "profiles": {"902"}}, As: asAdmin, Status: 200},
		{Op: "updateNotificationProfileStatus", Name: "success", Method: http.MethodPost, Path: "/admin/updateNotificationProfileStatus", Form: url.Values{"profileName": {"Web alarm"}, "profileId": {"903"}, "status": {"1"}}, As: asAdmin, Status: 200},
		{Op: "getNotificationProfiles", Name: "success", Method: http.MethodGet, Path: "/device/getNotificationProfiles", Query: url.Values{"name": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "getPingResponse", Name: "success", Method: http.MethodPost, Path: "/device/getPingResponse", Form: url.Values{"deviceName": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "getTraceResponse", Name: "success", Method: http.MethodPost, Path: "/device/getTraceResponse", Form: url.Values{"deviceName": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "getAvailabilityGraphData", Name: "success", Method: http.MethodGet, Path: "/device/getAvailabilityGraphData", Query: url.Values{"name": {"opm-server1"}, "isFluidic": {"1"}}, As: asAdmin, Status: 200},
		{Op: "getDeviceNotes", Name: "success", Method: http.MethodGet, Path: "/device/getDeviceNotes", Query: url.Values{"name": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "getInfrastructureDetailsView", Name: "success", Method: http.MethodGet, Path: "/discovery/getInfrastructureDetailsView", Query: url.Values{"categoryName": {"Desktop"}}, As: asAdmin, Status: 200},
		{Op: "getDeviceCompleteDetails", Name: "success", Method: http.MethodGet, Path: "/v2/device/getDeviceCompleteDetails", Query: url.Values{"name": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "getInterfaceNotes", Name: "success", Method: http.MethodGet, Path: "/device/getInterfaceNotes", Query: url.Values{"interfaceName": {"IF-opm-server1-1"}}, As: asAdmin, Status: 200},
		{Op: "getInterfaceGraphs", Name: "success", Method: http.MethodGet, Path: "/device/getInterfaceGraphs", Query: url.Values{"interfaceName": {"IF-opm-server1-1"}}, As: asAdmin, Status: 200},
		{Op: "getIntfAtAGlanceReportDetails", Name: "success", Method: http.MethodGet, Path: "/v2/device/getIntfAtAGlanceReportDetails", Query: url.Values{"InterfaceName": {"IF-opm-server1-1"}, "period": {"Today"}}, As: asAdmin, Status: 200},
		{Op: "getIntfBWOutageReportDetails", Name: "success", Method: http.MethodGet, Path: "/v2/device/getIntfBWOutageReportDetails", Query: url.Values{"interfaceName": {"IF-opm-server1-1"}, "period": {"Today"}}, As: asAdmin, Status: 200},
		{Op: "listSubnets", Name: "success", Method: http.MethodGet, Path: "/device/listSubnets", As: asAdmin, Status: 200},
		{Op: "getCategoryList", Name: "success", Method: http.MethodPost, Path: "/device/getCategoryList", As: asAdmin, Status: 200},
		{Op: "listProbes", Name: "success", Method: http.MethodGet, Path: "/admin/listProbes", As: asAdmin, Status: 200},
		{Op: "getLogicalGroupInfo", Name: "success", Method: http.MethodGet, Path: "/admin/getLogicalGroupInfo", Query: url.Values{"groupName": {"Servers"}}, As: asAdmin, Status: 200},
		{Op: "getWidgetList", Name: "success", Method: http.MethodGet, Path: "/dashboard/getWidgetsList", Query: url.Values{"dashboardName": {"Network"}}, As: asAdmin, Status: 200},
		{Op: "getWidgetData", Name: "success", Method: http.MethodGet, Path: "/v2/dashboard/getWidgetData", Query: url.Values{"widgetID": {"623"}}, As: asAdmin, Status: 200},
		{Op: "getDeviceAssociatedMonitors", Name: "success", Method: http.MethodGet, Path: "/device/getDeviceAssociatedMonitors", Query: url.Values{"name": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "getPerformanceMonitors", Name: "success", Method: http.MethodGet, Path: "/device/getPerformanceMonitors", Query: url.Values{"deviceName": {"opm-server1"}, "category": {"Desktop"}, "type": {"Windows 2016"}}, As: asAdmin, Status: 200},
		{Op: "getLastCollectedValues", Name: "success", Method: http.MethodGet, Path: "/device/getLastCollectedValues", Query: url.Values{"deviceMOIDList": {"300"}}, As: asAdmin, Status: 200},
		{Op: "getPerformanceMonitorDetails", Name: "success", Method: http.MethodGet, Path: "/device/getPerformanceMonitorDetails", Query: url.Values{"name": {"opm-server1"}, "policyName": {"CPU Utilization"}, "graphName": {"CPUUSAGE"}, "checkNumeric": {"true"}}, As: asAdmin, Status: 200},
		{Op: "addPerformanceMonitors", Name: "success", Method: http.MethodPost, Path: "/device/addPerformanceMonitors", Form: url.Values{"name": {"opm-server1"}, "selectedMonitors": {"4,PacketLoss"}}, As: asAdmin, Status: 200},
		{Op: "deletePerformanceMonitors", Name: "success", Method: http.MethodPost, Path: "/device/deletePerformanceMonitors", Form: url.Values{"name": {"opm-server1"}, "pollId": {"300005"}}, As: asAdmin, Status: 200},
		{Op: "TestMonitor", Name: "success", Method: http.MethodPost, Path: "/device/TestMonitor", Form: url.Values{"name": {"opm-server1"}, "policyName": {"CPU Utilization"}, "graphName": {"CPUUSAGE"}}, As: asAdmin, Status: 200},
		{Op: "getAssociatedProcessMonitors", Name: "success", Method: http.MethodGet, Path: "/device/getAssociatedProcessMonitors", Query: url.Values{"deviceName": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "associateProcessMonitor", Name: "success", Method: http.MethodPost, Path: "/device/associateProcessMonitor", Form: url.Values{"deviceName": {"opm-server1"}, "processId": {pid}}, As: asAdmin, Status: 200},
		{Op: "getAssociatedServiceMonitors", Name: "success", Method: http.MethodGet, Path: "/device/getAssociatedServiceMonitors", Query: url.Values{"name": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "associateServiceMonitor", Name: "success", Method: http.MethodPost, Path: "/admin/associateServiceMonitor", Form: url.Values{"deviceName": {"opm-server1"}, "serviceName": {"Dnscache"}}, As: asAdmin, Status: 200},
		{Op: "getDeviceAssociatedWindowsServiceMonitors", Name: "success", Method: http.MethodGet, Path: "/device/getDeviceAssociatedWindowsServiceMonitors", Query: url.Values{"name": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "listURLMonitors", Name: "success", Method: http.MethodGet, Path: "/admin/listURLMonitors", As: asAdmin, Status: 200},
		{Op: "listAllDevicesSpecificURLs", Name: "success", Method: http.MethodGet, Path: "/admin/listAllDevicesSpecificURLs", As: asAdmin, Status: 200},
		{Op: "listScriptMonitors", Name: "success", Method: http.MethodGet, Path: "/admin/listScriptMonitors", As: asAdmin, Status: 200},
		{Op: "listVirtualDevices", Name: "success", Method: http.MethodGet, Path: "/device/listVirtualDevices", Query: url.Values{"virtualDeviceType": {"VMware"}}, As: asAdmin, Status: 200},
		{Op: "getVMWareHosts", Name: "success", Method: http.MethodGet, Path: "/device/getVMWareHosts", As: asAdmin, Status: 200},
		{Op: "getDataCenterDetails", Name: "success", Method: http.MethodGet, Path: "/device/getDataCenterDetails", Query: url.Values{"moID": {"5002"}}, As: asAdmin, Status: 200},
		{Op: "getClusterDetails", Name: "success", Method: http.MethodGet, Path: "/device/getClusterDetails", As: asAdmin, Status: 200},
		{Op: "getVMWareVMs", Name: "success", Method: http.MethodGet, Path: "/device/getVMWareVMs", Query: url.Values{"name": {"esx-01.example.com"}, "type": {"HOST"}}, As: asAdmin, Status: 200},
		{Op: "getVMWareDataStores", Name: "success", Method: http.MethodGet, Path: "/device/getVMWareDataStores", Query: url.Values{"name": {"db-01"}, "type": {"VM"}}, As: asAdmin, Status: 200},
		{Op: "getNutanixVDisks", Name: "success", Method: http.MethodGet, Path: "/device/getNutanixVDisks", Query: url.Values{"name": {"ntnx-01.example.com"}}, As: asAdmin, Status: 200},
		{Op: "getNutanixDetails", Name: "success", Method: http.MethodGet, Path: "/device/getNutanixDetails", Query: url.Values{"deviceName": {"ntnx-01.example.com"}, "entityType": {"Host"}}, As: asAdmin, Status: 200},
		{Op: "getWirelessNetworkDetails", Name: "success", Method: http.MethodGet, Path: "/wireless/getWirelessNetworkDetails", Query: url.Values{"deviceName": {"wlc-01.example.com"}}, As: asAdmin, Status: 200},
		{Op: "getWirelessAPList", Name: "success", Method: http.MethodGet, Path: "/wireless/getWirelessAPList", Query: url.Values{"deviceName": {"wlc-01.example.com"}}, As: asAdmin, Status: 200},
		{Op: "getSSIDClientList", Name: "success", Method: http.MethodGet, Path: "/wireless/getSSIDClientList", Query: url.Values{"deviceName": {"wlc-01.example.com"}}, As: asAdmin, Status: 200},
		{Op: "getClientDetails", Name: "success", Method: http.MethodGet, Path: "/wireless/getClientDetails", Query: url.Values{"deviceName": {"wlc-01.example.com"}, "ssidName": {"1"}}, As: asAdmin, Status: 200},
		{Op: "getReportsList", Name: "success", Method: http.MethodGet, Path: "/reports/getReportsList", As: asAdmin, Status: 200},
		{Op: "getReportsData", Name: "success", Method: http.MethodGet, Path: "/reports/getReportsData", Query: url.Values{"reportID": {"1401"}, "top": {"5"}, "businessRuleID": {"1301"}}, As: asAdmin, Status: 200},
		{Op: "listBusinessRules", Name: "success", Method: http.MethodGet, Path: "/admin/listBusinessRules", As: asAdmin, Status: 200},
		{Op: "addBusinessRules", Name: "success", Method: http.MethodPost, Path: "/admin/addBusinessRules", Form: url.Values{"businessRuleName": {"Weekend"}, "timeSettings": {`{"Saturday":"10:00-14:00"}`}}, As: asAdmin, Status: 200},
		{Op: "viewBusinessRules", Name: "success", Method: http.MethodGet, Path: "/admin/viewBusinessRules", Query: url.Values{"businessRuleId": {"1301"}}, As: asAdmin, Status: 200},
		{Op: "updateBusinessRules", Name: "success", Method: http.MethodPost, Path: "/admin/updateBusinessRules", Form: url.Values{"businessRuleId": {"1301"}, "description": {"Core hours"}}, As: asAdmin, Status: 200},
		{Op: "deleteBusinessRules", Name: "success", Method: http.MethodPost, Path: "/admin/deleteBusinessRules", Form: url.Values{"businessRuleId": {"1301"}}, As: asAdmin, Status: 200},
		{Op: "getReportData", Name: "success", Method: http.MethodPost, Path: "/v2/device/getReportData", Form: url.Values{"deviceList": {"opm-server1"}}, As: asAdmin, Status: 200},
		{Op: "setManaged", Name: "success", Method: http.MethodPost, Path: "/device/setManaged", Form: url.Values{"name": {"opm-server1"}, "manage": {"false"}}, As: asAdmin, Status: 200},
		{Op: "deleteAlarm", Name: "success", Method: http.MethodPost, Path: "/alarm/deleteAlarm", Form: url.Values{"entity": {entity1}}, As: asAdmin, Status: 200}}
	for _, c := range cases {
		for _, v := range []url.Values{c.Query, c.Form} {
			for k, vs := range v {
				for i, x := range vs {
					if p, ok := placeholders[x]; ok {
						v[k][i] = p
					}
				}
			}
		}
		answer, err := s.do(c)
		if err != nil {
			return err
		}
		// A discovery profile's id, for the edits that follow (<name>).
		if name := c.Form.Get("profileName"); strings.Contains(c.Path, "/addDiscoveryProfile") && name != "" {
			var a struct{ Profile struct{ ProfileID int } }
			b, _ := json.Marshal(answer)
			_ = json.Unmarshal(b, &a)
			placeholders["<"+name+">"] = fmt.Sprint(a.Profile.ProfileID)
		}
	}
	return opManagerFailures(s)
}

// opManagerFailures records, for every operation, the refusals of the key
// model (missing, unknown, disabled, expired, a header-only URL's query
// key, no access) and of validation (a missing parameter, a wrong type).
func opManagerFailures(s *session) error {
	c, err := contract.New(s.product)
	if err != nil {
		return err
	}
	for _, op := range c.Operations() {
		path := strings.TrimPrefix(op.Path, s.base)
		denied := asSpecific
		if strings.HasPrefix(path, "/v1/") {
			denied = asAlarmsRO // the two APIs the Specific key names are not in the Alarms module
		}
		cases := []Case{
			{Name: "no-key", Description: "No apiKey: 401 API_KEY_MISSING.", Doc: "OPM-KEYS; fact B2", As: asNoKey, Status: 401},
			{Name: "unknown-key", Description: "A key the server never issued: 401 API_KEY_INVALID.", Doc: "fact B2", As: asUnknown, Status: 401},
			{Name: "no-access", Description: "A key whose access type does not cover the API: 403 API_ACCESS_DENIED.", Doc: "OPM-KEYS",
				As: denied, Status: 403},
		}
		if op.OperationID == "listAlarms" {
			cases = append(cases,
				Case{Name: "disabled-key", Description: "A disabled key: 401 API_KEY_DISABLED.", Doc: "OPM-KEYS", As: asDisabled, Status: 401},
				Case{Name: "expired-key", Description: "An expired key: 401 API_KEY_EXPIRED.", Doc: "OPM-KEYS", As: asExpired, Status: 401})
		}
		if op.Op.Extensions["x-header-only"] == true {
			cases = append(cases, Case{Name: "key-in-query", Description: "A header-only URL ignores a key in the query: 401.",
				Doc: "OPM-KEYS", As: asQueryKey, Status: 401})
		}
		upload := op.Op.RequestBody != nil && op.Op.RequestBody.Value != nil && op.Op.RequestBody.Value.Required
		if !upload {
			for _, ref := range op.Op.Parameters {
				p := ref.Value
				if p == nil || p.In != "query" || !p.Required {
					continue
				}
				cases = append(cases, Case{Name: "missing-" + strings.ToLower(p.Name),
					Description: fmt.Sprintf("Without %s: HTTP 200 LESS_THAN_MIN_OCCURANCE.", p.Name), Doc: "fact B1", As: asAdmin, Status: 200})
				break
			}
		}
		for _, k := range cases {
			k.Op, k.Method, k.Path = op.OperationID, op.Method, path
			if _, err := s.do(k); err != nil {
				return err
			}
		}
	}
	return nil
}
