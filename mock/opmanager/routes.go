package opmanager

// routes is the registration table: every operationId of
// spec/opmanager.yaml and its handler. New refuses to start when they
// disagree. pure(...) marks a read whose answer depends on the state, the
// key and the request alone (no clock): see pure.
func (p *Product) routes() map[string]handler {
	return map[string]handler{
		"listAlarms":            pure(listAlarms),
		"acknowledgeAlarm":      acknowledgeAlarm,
		"unAcknowledgeAlarm":    unAcknowledgeAlarm,
		"clearAlarm":            clearAlarm,
		"alarmProperties":       pure(alarmProperties),
		"addNotes":              addNotes,
		"getAnnotation":         pure(getAnnotation),
		"deleteAlarm":           deleteAlarm,
		"getTopDevicesByAlarms": getTopDevicesByAlarms,
		"listEvents":            pure(listEvents),
		"addEvent":              addEvent,

		"listDevices":                   listDevices,
		"getDeviceSummary":              getDeviceSummary,
		"addDevice":                     addDevice,
		"getDeviceInfo":                 getDeviceInfo,
		"setDeviceInfo":                 setDeviceInfo,
		"listInterfaces":                pure(listInterfaces),
		"getInterfaces":                 getInterfaces,
		"getInterfaceSummary":           getInterfaceSummary,
		"getDeviceNotes":                getDeviceNotes,
		"getInfrastructureDetailsView":  getInfrastructureDetailsView,
		"getDeviceCompleteDetails":      getDeviceCompleteDetails,
		"getInterfaceNotes":             getInterfaceNotes,
		"getInterfaceGraphs":            getInterfaceGraphs,
		"getIntfAtAGlanceReportDetails": getIntfAtAGlanceReportDetails,
		"getIntfBWOutageReportDetails":  getIntfBWOutageReportDetails,
		"listSubnets":                   listSubnets,
		"getCategoryList":               getCategoryList,
		"listProbes":                    listProbes,
		"getWidgetData":                 getWidgetData,
		"getWidgetList":                 getWidgetList,

		"listAllLogicalGroups":    pure(listAllLogicalGroups),
		"getLogicalGroupAlerts":   getLogicalGroupAlerts,
		"listLogicalGroupMembers": listLogicalGroupMembers,
		"addToGroup":              addToGroup,
		"getLogicalGroupInfo":     getLogicalGroupInfo,
		"getBusinessView":         getBusinessView,
		"getBusinessDetailsView":  getBusinessDetailsView,

		"setManaged":               setManaged,
		"getPingResponse":          getPingResponse,
		"getTraceResponse":         getTraceResponse,
		"getAvailabilityGraphData": getAvailabilityGraphData,
		"getDownDevices":           getDownDevices,
		"listDownTimeSchedules":    listDownTimeSchedules,
		"getDowntimeSchedule":      listDownTimeSchedules, // spec: the same list
		"updateDowntimeSchedule":   updateDowntimeSchedule,

		"getDeviceAssociatedMonitors":               getDeviceAssociatedMonitors,
		"getPerformanceMonitors":                    getPerformanceMonitors,
		"getLastCollectedValues":                    getLastCollectedValues,
		"getPerformanceMonitorDetails":              getPerformanceMonitorDetails,
		"addPerformanceMonitors":                    addPerformanceMonitors,
		"deletePerformanceMonitors":                 deletePerformanceMonitors,
		"TestMonitor":                               testMonitor,
		"getAssociatedProcessMonitors":              getAssociatedProcessMonitors,
		"associateProcessMonitor":                   associateProcessMonitor,
		"getAssociatedServiceMonitors":              getAssociatedServiceMonitors,
		"associateServiceMonitor":                   associateServiceMonitor,
		"getDeviceAssociatedWindowsServiceMonitors": getDeviceAssociatedWindowsServiceMonitors,
		"listURLMonitors":                           listURLMonitors,
		"listAllDevicesSpecificURLs":                listAllDevicesSpecificURLs,
		"listScriptMonitors":                        listScriptMonitors,

		"listVirtualDevices":   listVirtualDevices,
		"getVMWareHosts":       getVMWareHosts,
		"getDataCenterDetails": getDataCenterDetails,
		"getClusterDetails":    getClusterDetails,
		"getVMWareVMs":         getVMWareVMs,
		"getVMWareDataStores":  getVMWareDataStores,
		"getNutanixVDisks":     getNutanixVDisks,
		"getNutanixDetails":    getNutanixDetails,

		"getWirelessNetworkDetails": getWirelessNetworkDetails,
		"getWirelessAPList":         getWirelessAPList,
		"getSSIDClientList":         getSSIDClientList,
		"getClientDetails":          getClientDetails,

		"getReportsList":      getReportsList,
		"getReportsData":      getReportsData,
		"listBusinessRules":   listBusinessRules,
		"addBusinessRules":    addBusinessRules,
		"deleteBusinessRules": deleteBusinessRules,
		"viewBusinessRules":   viewBusinessRules,
		"updateBusinessRules": updateBusinessRules,
		"getReportData":       getReportData,

		"listNotificationProfiles":        listNotificationProfiles,
		"associateNotificationProfiles":   associateNotificationProfiles,
		"updateNotificationProfileStatus": updateNotificationProfileStatus,
		"getNotificationProfiles":         getNotificationProfiles,

		"addDiscoveryProfile":    addDiscoveryProfile,
		"editDiscoveryProfile":   editDiscoveryProfile,
		"addDiscoveryProfileV2":  addDiscoveryProfile, // v2 shares the v1 contract (spec x-inferred)
		"editDiscoveryProfileV2": editDiscoveryProfile,
		"addLinuxCredential":     addLinuxCredential,

		"importSSHKey":              importSSHKey,
		"importDevices":             importDevices,
		"uploadConfigletFile":       uploadConfigletFile,
		"uploadConfigletPreView":    uploadConfigletPreView,
		"importConfiglets":          importConfiglets,
		"updateHostNamefromFileImp": updateHostNames,
		"editCustomColfromFileImp":  editCustomColumns,
		"importDG":                  importDeviceGroups,
		"getSysLogBlockedHosts":     getSysLogBlockedHosts,

		"addSubnet":       addSubnet,
		"addSwitch":       addSwitch,
		"getNFAV2TabList": getNFAV2TabList,
	}
}

// result is the action success body (fact B1).
type result struct {
	Result resultBody `json:"result"`
}

type resultBody struct {
	Message string `json:"message"`
}

func ok(message string) result { return result{Result: resultBody{Message: message}} }
