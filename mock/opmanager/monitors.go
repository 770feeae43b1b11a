package opmanager

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"
)

// monitorTemplate is a performance monitor of the catalogue (spec
// getPerformanceMonitors, x-inferred). The first three are the monitors
// the seeded alarms name (3_CPUUSAGE).
type monitorTemplate struct {
	ID                   int
	Group, Policy, Graph string
	Units, OID           string
	lo, hi               float64 // the value's range on a healthy device
	defaultFor           []string
}

var monitorCatalog = []monitorTemplate{
	{ID: 1, Group: "Performance Monitors", Policy: "CPU Utilization", Graph: "CPUUSAGE", Units: "%", OID: ".1.3.6.1.2.1.25.3.3.1.2", lo: 2, hi: 60,
		defaultFor: []string{"Server", "Desktop", "Router", "Switch", "Firewall", "Storage"}},
	{ID: 2, Group: "Performance Monitors", Policy: "Memory Utilization", Graph: "MemoryUtilization", Units: "%", OID: ".1.3.6.1.2.1.25.2.3.1.6", lo: 20, hi: 80,
		defaultFor: []string{"Server", "Desktop", "Router", "Switch", "Firewall"}},
	{ID: 3, Group: "Performance Monitors", Policy: "Disk Utilization", Graph: "DiskUtilization", Units: "%", OID: ".1.3.6.1.2.1.25.2.3.1.6", lo: 10, hi: 85,
		defaultFor: []string{"Server", "Desktop", "Storage"}},
	{ID: 4, Group: "General Monitors", Policy: "Response Time", Graph: "ResponseTime", Units: "ms", lo: 1, hi: 50},
	{ID: 5, Group: "General Monitors", Policy: "Packet Loss", Graph: "PacketLoss", Units: "%", lo: 0, hi: 1},
	{ID: 6, Group: "HOST-RESOURCES Monitors", Policy: "Running Processes", Graph: "hrSWRunCount", Units: "count", OID: ".1.3.6.1.2.1.25.1.6.0", lo: 40, hi: 300},
	{ID: 7, Group: "HOST-RESOURCES Monitors", Policy: "Partition Usage", Graph: "hrStorageUsed", Units: "%", OID: ".1.3.6.1.2.1.25.2.3.1.6", lo: 10, hi: 90},
}

// monitorGroups are getPerformanceMonitors' keys, in the sample's order.
var monitorGroups = []string{"General Monitors", "Performance Monitors", "HOST-RESOURCES Monitors", "Custom Monitor"}

func templateByRef(ref string) (monitorTemplate, bool) {
	for _, t := range monitorCatalog {
		if strconv.Itoa(t.ID) == ref || strings.EqualFold(t.Graph, ref) {
			return t, true
		}
	}
	return monitorTemplate{}, false
}

// windowsServices are the services getAssociatedServiceMonitors offers:
// name and display name.
var windowsServices = [][2]string{
	{"Dhcp", "DHCP Client"}, {"Dnscache", "DNS Client"}, {"EventLog", "Windows Event Log"},
	{"Spooler", "Print Spooler"}, {"TermService", "Remote Desktop Services"}, {"wuauserv", "Windows Update"},
}

// processNames are the processes every device runs (spec
// getAssociatedProcessMonitors, x-inferred).
var processNames = []string{"System", "svchost", "sshd", "snmpd", "java"}

// deviceMonitors is what a device monitors once its set has changed.
type deviceMonitors struct {
	Perf      []int    `json:"perf"`      // template ids
	Processes []int    `json:"processes"` // pids
	Services  []string `json:"services"`
}

// monitorsOf is the device's set: stored once changed, else its defaults.
func (st *state) monitorsOf(d *device) deviceMonitors {
	if m, ok := st.records.Monitors[d.DeviceName]; ok {
		return *m
	}
	m := deviceMonitors{Perf: []int{}, Processes: []int{}, Services: []string{}}
	for _, t := range monitorCatalog {
		if slices.Contains(t.defaultFor, d.Category) {
			m.Perf = append(m.Perf, t.ID)
		}
	}
	if d.VendorName == "Microsoft" {
		m.Services = append(m.Services, "EventLog")
	}
	return m
}

// changeMonitors stores the device's set after change. Callers hold the
// write lock.
func (st *state) changeMonitors(d *device, change func(*deviceMonitors)) {
	m := st.monitorsOf(d)
	m.Perf, m.Processes, m.Services = slices.Clone(m.Perf), slices.Clone(m.Processes), slices.Clone(m.Services)
	change(&m)
	st.records.Monitors[d.DeviceName] = &m
}

// pollID is a device's monitor instance id: its moID and the template.
func pollID(d device, t monitorTemplate) int { return d.MOID*1000 + t.ID }

// protocolOf is how the server polls a device.
func protocolOf(d device) string {
	switch {
	case d.VendorName == "Microsoft":
		return "WMI"
	case d.IsSNMP:
		return "SNMP"
	}
	return "ICMP"
}

// monitorValue is the monitor's value this hour, deterministic.
func monitorValue(c *call, d device, t monitorTemplate) float64 {
	if isDown(d.StatusNum) {
		return 0
	}
	return sample(fmt.Sprintf("%s/%s@%d", d.IPAddress, t.Graph, c.p.cfg.Clock().Unix()/3600), t.lo, t.hi)
}

type performanceMonitorDoc struct {
	PollID      int     `json:"pollId"`
	Name        string  `json:"name"`
	GraphName   string  `json:"graphName"`
	DisplayName string  `json:"displayName"`
	Protocol    string  `json:"protocol"`
	Interval    int     `json:"interval"`
	Units       string  `json:"units"`
	Status      string  `json:"status"`
	StatusNum   int     `json:"statusNum"`
	Value       float64 `json:"value"`
}

type monitorBlock struct {
	Total      int    `json:"total"`
	StatusIcon string `json:"statusIcon,omitempty"`
	Down       int    `json:"down"`
	Monitors   []any  `json:"monitors"`
}

func blockOf(items []any, down int) monitorBlock {
	status := 5
	if down > 0 {
		status = 1
	}
	return monitorBlock{Total: len(items), StatusIcon: statusImg(status), Down: down, Monitors: append([]any{}, items...)}
}

type associatedMonitors struct {
	PerformanceMonitors monitorBlock `json:"performanceMonitors"`
	DeviceProtocol      string       `json:"deviceProtocol"`
	NTServiceMonitors   monitorBlock `json:"ntServiceMonitors"`
	FileMonitors        monitorBlock `json:"fileMonitors"`
	ADMonitors          monitorBlock `json:"adMonitors"`
	FolderMonitors      monitorBlock `json:"folderMonitors"`
	IsVM                bool         `json:"isVM"`
	IsHost              bool         `json:"isHost"`
	ServerMonitors      monitorBlock `json:"serverMonitors"`
	URLMonitors         monitorBlock `json:"urlMonitors"`
	ProcessMonitors     monitorBlock `json:"processMonitors"`
	ExchangeMonitors    struct {
		monitorBlock
		ExchangeVersion string `json:"exchangeVersion"`
	} `json:"exchangeMonitors"`
	ExchangeServices monitorBlock `json:"exchangeServices"`
	EventlogMonitors struct {
		monitorBlock
		Period   string `json:"period"`
		IsActive string `json:"isActive"`
	} `json:"eventlogMonitors"`
}

func getDeviceAssociatedMonitors(c *call) (any, error) {
	var out *associatedMonitors
	err := c.readDevice("name", func(st *state, dp *device) {
		d, m := *dp, st.monitorsOf(dp)
		down := 0
		if isDown(d.StatusNum) {
			down = 1
		}
		var perf, procs, svcs, urls []any
		for _, id := range m.Perf {
			t, _ := templateByRef(strconv.Itoa(id))
			perf = append(perf, performanceMonitorDoc{PollID: pollID(d, t), Name: t.Policy, GraphName: t.Graph,
				DisplayName: t.Policy, Protocol: protocolOf(d), Interval: 15, Units: t.Units, Status: severityNames[d.StatusNum],
				StatusNum: d.StatusNum, Value: monitorValue(c, d, t)})
		}
		for _, p := range processDocs(d, m) {
			procs = append(procs, p)
		}
		for _, s := range serviceDocs(d, m) {
			svcs = append(svcs, s)
		}
		for _, u := range st.records.URLMonitors {
			if u.Device == d.DeviceName {
				urls = append(urls, urlMonitorDocOf(u))
			}
		}
		out = &associatedMonitors{PerformanceMonitors: blockOf(perf, down*len(perf)), DeviceProtocol: protocolOf(d),
			NTServiceMonitors: blockOf(svcs, down*len(svcs)), FileMonitors: blockOf(nil, 0), ADMonitors: blockOf(nil, 0),
			FolderMonitors: blockOf(nil, 0), ServerMonitors: monitorBlock{Monitors: []any{}},
			URLMonitors: blockOf(urls, 0), ProcessMonitors: blockOf(procs, down*len(procs)), ExchangeServices: blockOf(nil, 0)}
		out.ExchangeMonitors.monitorBlock = blockOf(nil, 0)
		out.EventlogMonitors.monitorBlock, out.EventlogMonitors.Period, out.EventlogMonitors.IsActive = blockOf(nil, 0), "Today", "false"
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

type monitorTemplateDoc struct {
	TemplateID int    `json:"templateID"`
	PolicyName string `json:"policyName"`
	GraphName  string `json:"graphName"`
	Units      string `json:"units"`
	Protocol   string `json:"protocol"`
	Associated bool   `json:"associated"`
}

func getPerformanceMonitors(c *call) (any, error) {
	var out map[string][]monitorTemplateDoc
	err := c.readDevice("deviceName", func(st *state, d *device) {
		m := st.monitorsOf(d)
		out = map[string][]monitorTemplateDoc{}
		for _, g := range monitorGroups {
			out[g] = []monitorTemplateDoc{}
		}
		for _, t := range monitorCatalog {
			out[t.Group] = append(out[t.Group], monitorTemplateDoc{TemplateID: t.ID, PolicyName: t.Policy, GraphName: t.Graph,
				Units: t.Units, Protocol: protocolOf(*d), Associated: slices.Contains(m.Perf, t.ID)})
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

type collectedValue struct {
	MOID          string  `json:"moid"`
	DeviceName    string  `json:"deviceName"`
	PolicyName    string  `json:"policyName"`
	GraphName     string  `json:"graphName"`
	Value         float64 `json:"value"`
	Units         string  `json:"units"`
	CollectedTime string  `json:"collectedTime"`
}

func getLastCollectedValues(c *call) (any, error) {
	moid := c.num("deviceMOIDList", 0)
	var out []collectedValue
	found := false
	c.store.read(func(st *state) {
		for _, dp := range st.devices {
			if dp.MOID != moid {
				continue
			}
			found = true
			at := c.p.cfg.Clock().UTC().Truncate(15 * time.Minute).Format(timeLayout)
			for _, id := range st.monitorsOf(dp).Perf {
				t, _ := templateByRef(strconv.Itoa(id))
				out = append(out, collectedValue{MOID: strconv.Itoa(moid), DeviceName: dp.DeviceName, PolicyName: t.Policy,
					GraphName: t.Graph, Value: monitorValue(c, *dp, t), Units: t.Units, CollectedTime: at})
			}
			return
		}
	})
	if !found {
		return nil, errNotFound("device with moID", strconv.Itoa(moid))
	}
	return append([]collectedValue{}, out...), nil
}

// associatedTemplate is the catalogue monitor graphName names on the
// device, if the device has it.
func associatedTemplate(c *call, d device, graph string) (monitorTemplate, bool) {
	t, ok := templateByRef(graph)
	if !ok {
		return t, false
	}
	has := false
	c.store.read(func(st *state) {
		if dp, ok := st.device(d.DeviceName); ok {
			has = slices.Contains(st.monitorsOf(dp).Perf, t.ID)
		}
	})
	return t, has
}

type performanceMonitorDetails struct {
	StatsList []point           `json:"statsList"`
	Monitors  map[string]string `json:"monitors"`
}

func getPerformanceMonitorDetails(c *call) (any, error) {
	d, err := c.namedDevice("name")
	if err != nil {
		return nil, err
	}
	graph := c.str("graphName")
	t, ok := associatedTemplate(c, d, graph)
	if !ok {
		return nil, errNotFound("monitor of "+d.DeviceName, graph)
	}
	lo, hi := t.lo, t.hi
	if isDown(d.StatusNum) {
		lo, hi = 0, 0.01
	}
	return performanceMonitorDetails{StatsList: hourly(c.p.cfg.Clock(), d.IPAddress+"/"+t.Graph, lo, hi),
		Monitors: map[string]string{"YAXISTEXT": t.Units, "checkNumeric": c.str("checkNumeric"), "Description": t.Policy + " of the device",
			"Instance": "", "THRESHOLDENABLED": "true", "GRAPHID": strconv.Itoa(t.ID), "oid": t.OID, "type": d.Type,
			"PREVIOUSSEVERITY": strconv.Itoa(d.StatusNum), "defaultMessage_AT": t.Policy + " is $CURRENTVALUE" + t.Units,
			"defaultMessage": t.Policy + " is $CURRENTVALUE" + t.Units + ", threshold value for this monitor is $THRESHOLDVALUE" + t.Units,
			"id":             strconv.Itoa(pollID(d, t)), "Protocol": protocolOf(d), "FAILURETHRESHOLD": "1"}}, nil
}

func addPerformanceMonitors(c *call) (any, error) {
	d, err := c.namedDevice("name")
	if err != nil {
		return nil, err
	}
	var ids []int
	for _, ref := range c.list("selectedMonitors") {
		t, ok := templateByRef(ref)
		if !ok {
			return nil, errNotFound("monitor", ref)
		}
		ids = append(ids, t.ID)
	}
	c.store.write(func(st *state) {
		if dp, ok := st.device(d.DeviceName); ok {
			st.changeMonitors(dp, func(m *deviceMonitors) {
				for _, id := range ids {
					if !slices.Contains(m.Perf, id) {
						m.Perf = append(m.Perf, id)
					}
				}
			})
		}
	})
	return ok("Monitors have been successfully associated"), nil
}

func deletePerformanceMonitors(c *call) (any, error) {
	d, err := c.namedDevice("name")
	if err != nil {
		return nil, err
	}
	poll := c.num("pollId", 0)
	found := false
	c.store.write(func(st *state) {
		dp, ok := st.device(d.DeviceName)
		if !ok {
			return
		}
		for _, id := range st.monitorsOf(dp).Perf {
			t, _ := templateByRef(strconv.Itoa(id))
			if pollID(d, t) == poll {
				found = true
				st.changeMonitors(dp, func(m *deviceMonitors) {
					m.Perf = slices.DeleteFunc(m.Perf, func(x int) bool { return x == id })
				})
				return
			}
		}
	})
	if !found {
		return nil, errNotFound("monitor of "+d.DeviceName+" with pollId", strconv.Itoa(poll))
	}
	return ok("Monitor has been successfully deleted"), nil
}

type monitorTest struct {
	Protocol     string    `json:"protocol"`
	CheckNumeric string    `json:"checkNumeric"`
	Reasons      []string  `json:"reasons"`
	MonitorName  string    `json:"monitorname"`
	Data         []float64 `json:"data"`
	DisplayName  string    `json:"displayName"`
	IsMultiple   string    `json:"isMultiple"`
	OID          string    `json:"oid"`
	Units        string    `json:"units"`
	DeviceName   string    `json:"deviceName"`
}

func testMonitor(c *call) (any, error) {
	d, err := c.namedDevice("name")
	if err != nil {
		return nil, err
	}
	t, ok := templateByRef(c.str("graphName"))
	if !ok {
		return nil, errNotFound("monitor", c.str("graphName"))
	}
	out := monitorTest{Protocol: protocolOf(d), CheckNumeric: "true", Reasons: []string{}, MonitorName: c.str("policyName"),
		Data: []float64{}, DisplayName: t.Policy, IsMultiple: "false", OID: t.OID, Units: t.Units, DeviceName: d.DeviceName}
	if isDown(d.StatusNum) {
		out.Reasons = append(out.Reasons, "The device "+d.DeviceName+" is not responding.")
	} else {
		out.Data = append(out.Data, monitorValue(c, d, t))
	}
	return out, nil
}

type activeProcess struct {
	ProcessID   int     `json:"processId"`
	ProcessName string  `json:"processName"`
	Path        string  `json:"path"`
	CPU         float64 `json:"cpu"`
	Memory      float64 `json:"memory"`
}

// activeProcesses are the device's processes, pids derived from its name.
func activeProcesses(d device) []activeProcess {
	out := make([]activeProcess, len(processNames))
	for i, name := range processNames {
		h := fnv.New32a()
		_, _ = h.Write([]byte(d.DeviceName + "/" + name))
		out[i] = activeProcess{ProcessID: 1000 + int(h.Sum32()%60000)*8 + i, ProcessName: name, Path: "/usr/sbin/" + name,
			CPU: sample(d.DeviceName+"/cpu/"+name, 0, 5), Memory: sample(d.DeviceName+"/mem/"+name, 5, 500)}
	}
	return out
}

type assignedProcess struct {
	ProcessID   int    `json:"processId"`
	ProcessName string `json:"processName"`
	Status      string `json:"status"`
}

func processDocs(d device, m deviceMonitors) []assignedProcess {
	out := []assignedProcess{}
	for _, p := range activeProcesses(d) {
		if slices.Contains(m.Processes, p.ProcessID) {
			status := "Up"
			if isDown(d.StatusNum) {
				status = "Down"
			}
			out = append(out, assignedProcess{ProcessID: p.ProcessID, ProcessName: p.ProcessName, Status: status})
		}
	}
	return out
}

type processTemplate struct {
	TemplateID  int    `json:"templateID"`
	ProcessName string `json:"processName"`
	DisplayName string `json:"displayName"`
}

type processMonitors struct {
	Protocol         string                   `json:"protocol"`
	Templates        []processTemplate        `json:"Templates"`
	AssignedMonitors []assignedProcess        `json:"AssignedMonitors"`
	ActiveProcesses  map[string]activeProcess `json:"ActiveProcesses"`
	DeviceName       string                   `json:"deviceName"`
}

func getAssociatedProcessMonitors(c *call) (any, error) {
	var out *processMonitors
	err := c.readDevice("deviceName", func(st *state, dp *device) {
		d := *dp
		out = &processMonitors{Protocol: protocolOf(d), AssignedMonitors: processDocs(d, st.monitorsOf(dp)),
			ActiveProcesses: map[string]activeProcess{}, DeviceName: d.DeviceName}
		for i, p := range processNames {
			out.Templates = append(out.Templates, processTemplate{TemplateID: i + 1, ProcessName: p, DisplayName: p + " process"})
		}
		for _, p := range activeProcesses(d) {
			out.ActiveProcesses[strconv.Itoa(p.ProcessID)] = p
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func associateProcessMonitor(c *call) (any, error) {
	d, err := c.namedDevice("deviceName")
	if err != nil {
		return nil, err
	}
	pid := c.num("processId", 0)
	if !slices.ContainsFunc(activeProcesses(d), func(p activeProcess) bool { return p.ProcessID == pid }) {
		return nil, errNotFound("process of "+d.DeviceName+" with id", strconv.Itoa(pid))
	}
	c.store.write(func(st *state) {
		if dp, ok := st.device(d.DeviceName); ok {
			st.changeMonitors(dp, func(m *deviceMonitors) {
				if !slices.Contains(m.Processes, pid) {
					m.Processes = append(m.Processes, pid)
				}
			})
		}
	})
	return ok("Process monitor has been successfully associated"), nil
}

type windowsServiceDoc struct {
	DisplayName string `json:"displayName"`
	ServiceName string `json:"serviceName"`
	ServiceID   string `json:"serviceID"`
	Status      string `json:"status"`
}

func serviceDocs(d device, m deviceMonitors) []windowsServiceDoc {
	out := []windowsServiceDoc{}
	for i, s := range windowsServices {
		if slices.Contains(m.Services, s[0]) {
			status := "Running"
			if isDown(d.StatusNum) {
				status = "Stopped"
			}
			out = append(out, windowsServiceDoc{DisplayName: s[1], ServiceName: s[0], ServiceID: strconv.Itoa(d.MOID*100 + i), Status: status})
		}
	}
	return out
}

type serviceSelection struct {
	RemainingServices []string `json:"remainingServices"`
	SelectedServices  []string `json:"selectedServices"`
}

func getAssociatedServiceMonitors(c *call) (any, error) {
	var out *serviceSelection
	err := c.readDevice("name", func(st *state, dp *device) {
		m := st.monitorsOf(dp)
		out = &serviceSelection{RemainingServices: []string{}, SelectedServices: []string{}}
		for _, s := range windowsServices {
			if slices.Contains(m.Services, s[0]) {
				out.SelectedServices = append(out.SelectedServices, s[0])
			} else {
				out.RemainingServices = append(out.RemainingServices, s[0])
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func associateServiceMonitor(c *call) (any, error) {
	d, err := c.namedDevice("deviceName")
	if err != nil {
		return nil, err
	}
	service := c.str("serviceName")
	if !slices.ContainsFunc(windowsServices, func(s [2]string) bool { return s[0] == service }) {
		return nil, errNotFound("service of "+d.DeviceName, service)
	}
	c.store.write(func(st *state) {
		if dp, ok := st.device(d.DeviceName); ok {
			st.changeMonitors(dp, func(m *deviceMonitors) {
				if !slices.Contains(m.Services, service) {
					m.Services = append(m.Services, service)
				}
			})
		}
	})
	return ok("Service monitor has been successfully associated"), nil
}

func getDeviceAssociatedWindowsServiceMonitors(c *call) (any, error) {
	var out []windowsServiceDoc
	err := c.readDevice("name", func(st *state, dp *device) { out = serviceDocs(*dp, st.monitorsOf(dp)) })
	if err != nil {
		return nil, err
	}
	return out, nil
}
