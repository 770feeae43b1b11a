package opmanager

import (
	"slices"
	"strconv"
	"strings"
)

// The seeded virtual infrastructure (spec listVirtualDevices, x-inferred):
// one vCenter with one datacenter, one cluster, two ESXi hosts, four VMs
// and two datastores, and one Nutanix cluster. The vCenter and the Nutanix
// cluster are devices of listDevices; what they hold is fixed data, the
// same for every seed and size, so it is tables rather than state.
const (
	vcenterName = "vcenter-01.example.com"
	nutanixName = "ntnx-01.example.com"
	wlcName     = "wlc-01.example.com"
)

// fixedDevices are the devices the virtualization and wireless calls
// describe, added after the generated inventory.
var fixedDevices = []device{
	{DeviceName: vcenterName, DisplayName: "vcenter-01", IPAddress: "10.10.0.3", Type: "VMware vCenter", VendorName: "VMware", Category: "Server", StatusNum: 5, IsSNMP: false},
	{DeviceName: nutanixName, DisplayName: "ntnx-01", IPAddress: "10.10.0.4", Type: "Nutanix Cluster", VendorName: "Nutanix", Category: "Server", StatusNum: 5, IsSNMP: true},
	{DeviceName: wlcName, DisplayName: "wlc-01", IPAddress: "10.10.0.2", Type: "Cisco 5520 WLC", VendorName: "Cisco", Category: "WirelessLANController", StatusNum: 5, IsSNMP: true},
}

type vmHost struct {
	Name, Display string
	ID, MemoryMB  int
}

type vm struct {
	Name, OS       string
	ID, HostID, MB int
	CPUs, Disks    int
	On             bool
}

type datastore struct {
	Name, FS   string
	ID         int
	CapacityMB float64
	FreeMB     float64
	Hosts      []int
	VMs        []int
}

var (
	vmHosts = []vmHost{{Name: "esx-01.example.com", Display: "esx-01", ID: 5101, MemoryMB: 262144}, {Name: "esx-02.example.com", Display: "esx-02", ID: 5102, MemoryMB: 262144}}
	vms     = []vm{
		{Name: "web-01", OS: "Ubuntu Linux (64-bit)", ID: 5201, HostID: 5101, MB: 8192, CPUs: 4, Disks: 1, On: true},
		{Name: "web-02", OS: "Ubuntu Linux (64-bit)", ID: 5202, HostID: 5102, MB: 8192, CPUs: 4, Disks: 1, On: true},
		{Name: "db-01", OS: "Microsoft Windows Server 2019 (64-bit)", ID: 5203, HostID: 5101, MB: 32768, CPUs: 8, Disks: 3, On: true},
		{Name: "test-01", OS: "CentOS 7 (64-bit)", ID: 5204, HostID: 5102, MB: 4096, CPUs: 2, Disks: 1, On: false},
	}
	datastores = []datastore{
		{Name: "ds-ssd-01", FS: "VMFS", ID: 5301, CapacityMB: 2097152, FreeMB: 1048576, Hosts: []int{5101, 5102}, VMs: []int{5201, 5202, 5203}},
		{Name: "ds-nfs-01", FS: "NFS", ID: 5302, CapacityMB: 4194304, FreeMB: 3145728, Hosts: []int{5102}, VMs: []int{5204}},
	}
)

const (
	datacenterMOID = 5002
	clusterMOID    = 5003
)

func (c *call) requireDevice(name string) error {
	if _, found := c.deviceCopy(name); !found {
		return errNotFound("device", name)
	}
	return nil
}

type virtualSummary struct {
	VendorName         string `json:"VENDOR_NAME"`
	BuildInfo          string `json:"BUILD_INFO"`
	CPUPackages        int    `json:"CPU_PACKAGES"`
	TotalDataStores    int    `json:"TotalDataStores"`
	NumPNIC            int    `json:"NUM_PNIC"`
	OSType             string `json:"OS_TYPE"`
	CPUModel           string `json:"CPU_MODEL"`
	MaintenanceMode    bool   `json:"MAINTENANCE_MODE"`
	TotalVMs           int    `json:"TotalVms"`
	VCenterDisplayName string `json:"VCENTERDISPLAYNAME"`
	SysUptime          string `json:"SYSUPTIME"`
	ConnectionStatus   string `json:"CONNECTION_STATUS"`
	CPUThreads         int    `json:"CPU_THREADS"`
	CPUSpeedMHz        int    `json:"CPU_SPEED_MHZ"`
	Name               string `json:"NAME"`
}

func listVirtualDevices(c *call) (any, error) {
	typ := c.str("virtualDeviceType")
	out := virtualSummary{BuildInfo: "VMware ESXi 7.0.3 build-20328353", CPUPackages: 2, TotalDataStores: len(datastores), NumPNIC: 4,
		CPUModel: "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", TotalVMs: len(vms), SysUptime: "41 days 3 hours",
		ConnectionStatus: "connected", CPUThreads: 80, CPUSpeedMHz: 2500}
	switch typ {
	case "VMware":
		out.VendorName, out.OSType, out.VCenterDisplayName, out.Name = "VMware", "vmnix-x86", "vcenter-01", vmHosts[0].Name
		return out, c.requireDevice(vcenterName)
	case "Nutanix":
		out.VendorName, out.OSType, out.VCenterDisplayName, out.Name = "Nutanix", "AHV", "", nutanixName
		out.BuildInfo, out.TotalVMs, out.TotalDataStores = "AOS 6.5.2", 0, 1
		return out, c.requireDevice(nutanixName)
	}
	return nil, errNotFound("virtual infrastructure of type", typ)
}

type vmHostDoc struct {
	DisplayName      string `json:"DISPLAYNAME"`
	StatusStr        string `json:"STATUS_STR"`
	NumPNIC          int    `json:"NUM_PNIC"`
	OS               string `json:"OS"`
	OSType           string `json:"OS_TYPE"`
	SysUptime        string `json:"SYSUPTIME"`
	ConnectionStatus string `json:"CONNECTION_STATUS"`
	Name             string `json:"NAME"`
	VHostID          int    `json:"VHOST_ID"`
	Status           string `json:"STATUS"`
	CPUSpeedMHz      int    `json:"CPU_SPEED_MHZ"`
	MemCapacityMB    int    `json:"MEM_CAPACITY_MB"`
	PowerState       string `json:"POWER_STATE"`
}

func getVMWareHosts(c *call) (any, error) {
	name := c.str("name")
	if err := c.requireDevice(vcenterName); err != nil {
		return nil, err
	}
	out := []vmHostDoc{}
	for _, h := range vmHosts {
		if name == "" || name == vcenterName || name == h.Name {
			out = append(out, vmHostDoc{DisplayName: h.Display, StatusStr: "Clear", NumPNIC: 4, OS: "VMware ESXi 7.0.3",
				OSType: "vmnix-x86", SysUptime: "41 days 3 hours", ConnectionStatus: "connected", Name: h.Name, VHostID: h.ID,
				Status: "5", CPUSpeedMHz: 2500, MemCapacityMB: h.MemoryMB, PowerState: "poweredOn"})
		}
	}
	if len(out) == 0 {
		return nil, errNotFound("host or vCenter", name)
	}
	return out, nil
}

type datacenterDoc struct {
	Datastores int    `json:"NO_OF_DATASTORES"`
	StatusStr  string `json:"STATUS_STR"`
	Status     string `json:"STATUS"`
	Networks   int    `json:"NO_OF_NETWORKS"`
	EntityName string `json:"ENTITY_NAME"`
}

// byMOID answers the one entity, or every entity without a moID.
func byMOID[T any](c *call, id int, what string, doc T) ([]T, error) {
	if c.has("moID") && c.num("moID", 0) != id {
		return nil, errNotFound(what+" with moID", c.str("moID"))
	}
	if err := c.requireDevice(vcenterName); err != nil {
		return nil, err
	}
	return []T{doc}, nil
}

func getDataCenterDetails(c *call) (any, error) {
	return byMOID(c, datacenterMOID, "datacenter",
		datacenterDoc{Datastores: len(datastores), StatusStr: "Clear", Status: "5", Networks: 3, EntityName: "DC-East"})
}

type clusterDoc struct {
	Datastores      int     `json:"NO_OF_DATASTORES"`
	StatusStr       string  `json:"STATUS_STR"`
	Status          string  `json:"STATUS"`
	Networks        int     `json:"NO_OF_NETWORKS"`
	EffectiveCPU    float64 `json:"EFFECTIVE_CPU"`
	Hosts           int     `json:"NO_OF_HOSTS"`
	TotalCPUGHz     float64 `json:"TOTAL_CPU_GHZ"`
	DRSEnabled      bool    `json:"DRS_ENABLED"`
	DASEnabled      bool    `json:"DAS_ENABLED"`
	EffectiveMemory float64 `json:"EFFECTIVE_MEMORY"`
	EntityName      string  `json:"ENTITY_NAME"`
	TotalMemoryGB   float64 `json:"TOTAL_MEMORY_GB"`
}

func getClusterDetails(c *call) (any, error) {
	return byMOID(c, clusterMOID, "cluster", clusterDoc{Datastores: len(datastores), StatusStr: "Clear", Status: "5", Networks: 3,
		EffectiveCPU: 95000, Hosts: len(vmHosts), TotalCPUGHz: 100, DRSEnabled: true, DASEnabled: true, EffectiveMemory: 480000,
		EntityName: "Cluster-A", TotalMemoryGB: 512})
}

type vmDoc struct {
	ConnectionState string `json:"VM_CONNECTIONSTATE"`
	DisplayName     string `json:"DISPLAYNAME"`
	VMID            int    `json:"VM_ID"`
	VirtualType     string `json:"VIRTUAL_TYPE"`
	NumEthernet     int    `json:"NUM_ETHERNET"`
	PowerState      string `json:"VM_POWERSTATE"`
	OSName          string `json:"OS_NAME"`
	NumVDisk        int    `json:"NUM_VDISK"`
	VHostID         int    `json:"VHOST_ID"`
	MemoryMB        int    `json:"MEMORY_MB"`
	MOID            int    `json:"MOID"`
	IsOrphaned      string `json:"IS_ORPHANED"`
	NumVCPU         int    `json:"NUM_VCPU"`
}

func hostID(name string) (int, bool) {
	for _, h := range vmHosts {
		if h.Name == name {
			return h.ID, true
		}
	}
	return 0, false
}

func getVMWareVMs(c *call) (any, error) {
	name, typ := c.str("name"), c.str("type")
	if err := c.requireDevice(vcenterName); err != nil {
		return nil, err
	}
	keep := func(v vm) bool { return true }
	switch {
	case name == "" || (name == vcenterName && typ != "HOST" && typ != "DATASTORE"):
	case typ == "DATASTORE":
		ds, ok := datastoreByName(name)
		if !ok {
			return nil, errNotFound("datastore", name)
		}
		keep = func(v vm) bool { return slices.Contains(ds.VMs, v.ID) }
	default:
		id, ok := hostID(name)
		if !ok {
			return nil, errNotFound("host or vCenter", name)
		}
		keep = func(v vm) bool { return v.HostID == id }
	}
	out := []vmDoc{}
	for _, v := range vms {
		if !keep(v) {
			continue
		}
		power := "poweredOff"
		if v.On {
			power = "poweredOn"
		}
		out = append(out, vmDoc{ConnectionState: "connected", DisplayName: v.Name, VMID: v.ID, VirtualType: "VMware", NumEthernet: 1,
			PowerState: power, OSName: v.OS, NumVDisk: v.Disks, VHostID: v.HostID, MemoryMB: v.MB, MOID: v.ID, IsOrphaned: "false", NumVCPU: v.CPUs})
	}
	return out, nil
}

func datastoreByName(name string) (datastore, bool) {
	for _, d := range datastores {
		if d.Name == name {
			return d, true
		}
	}
	return datastore{}, false
}

type datastoreDoc struct {
	HostCount    int     `json:"HostCount"`
	Name         string  `json:"DATASTORENAME"`
	ID           int     `json:"Datastore_ID"`
	FSType       string  `json:"FILESYSTEM_TYPE"`
	CapacityMB   float64 `json:"CAPACITY_MB"`
	URL          string  `json:"DATASTORE_URL"`
	MOID         int     `json:"MOID"`
	FreeMB       float64 `json:"FREESPACE_MB"`
	DeviceName   string  `json:"deviceName"`
	IsAccessible string  `json:"IS_ACCESSIBLE"`
}

func getVMWareDataStores(c *call) (any, error) {
	name, typ := c.str("name"), c.str("type")
	if err := c.requireDevice(vcenterName); err != nil {
		return nil, err
	}
	keep := func(d datastore) bool { return true }
	switch {
	case name == "" || (name == vcenterName && typ != "HOST" && typ != "VM"):
	case typ == "VM":
		id := 0
		for _, v := range vms {
			if v.Name == name {
				id = v.ID
			}
		}
		if id == 0 {
			return nil, errNotFound("virtual machine", name)
		}
		keep = func(d datastore) bool { return slices.Contains(d.VMs, id) }
	default:
		id, ok := hostID(name)
		if !ok {
			return nil, errNotFound("host or vCenter", name)
		}
		keep = func(d datastore) bool { return slices.Contains(d.Hosts, id) }
	}
	out := []datastoreDoc{}
	for _, d := range datastores {
		if keep(d) {
			out = append(out, datastoreDoc{HostCount: len(d.Hosts), Name: d.Name, ID: d.ID, FSType: d.FS, CapacityMB: d.CapacityMB,
				URL: "ds:///vmfs/volumes/" + strconv.Itoa(d.ID) + "/", MOID: d.ID, FreeMB: d.FreeMB, DeviceName: vcenterName, IsAccessible: "true"})
		}
	}
	return out, nil
}

type nutanixVDisk struct {
	Capacity    string `json:"CAPACITY"`
	NFSFilePath string `json:"NFSFILEPATH"`
	VDiskID     int    `json:"VDISK_ID"`
	DiskAddress string `json:"DISKADDRESS"`
	UUID        string `json:"UUID"`
}

var nutanixVDisks = []nutanixVDisk{
	{Capacity: "100 GB", NFSFilePath: "/default-container/.acropolis/vmdisk/3f2a", VDiskID: 5401, DiskAddress: "scsi.0", UUID: "3f2a1c4e-7b1d-4a8e-9c2f-1a2b3c4d5e01"},
	{Capacity: "200 GB", NFSFilePath: "/default-container/.acropolis/vmdisk/8c1d", VDiskID: 5402, DiskAddress: "scsi.1", UUID: "8c1d2e3f-4a5b-4c6d-8e7f-1a2b3c4d5e02"},
	{Capacity: "50 GB", NFSFilePath: "/default-container/.acropolis/vmdisk/b7e4", VDiskID: 5403, DiskAddress: "ide.0", UUID: "b7e4f5a6-1b2c-4d3e-9f4a-1a2b3c4d5e03"},
}

func getNutanixVDisks(c *call) (any, error) {
	if name := c.str("name"); name != "" && name != nutanixName {
		return nil, errNotFound("Nutanix cluster", name)
	}
	if err := c.requireDevice(nutanixName); err != nil {
		return nil, err
	}
	return nutanixVDisks, nil
}

type nutanixDetails struct {
	DeviceName string              `json:"deviceName"`
	EntityType string              `json:"entityType"`
	Summary    map[string]string   `json:"summary"`
	Entities   []map[string]string `json:"entities"`
}

func getNutanixDetails(c *call) (any, error) {
	if name := c.str("deviceName"); name != "" && name != nutanixName {
		return nil, errNotFound("Nutanix cluster", name)
	}
	if err := c.requireDevice(nutanixName); err != nil {
		return nil, err
	}
	entity := or(c.str("entityType"), "Cluster")
	out := nutanixDetails{DeviceName: nutanixName, EntityType: entity,
		Summary:  map[string]string{"name": "ntnx-cluster-01", "version": "AOS 6.5.2", "hosts": "3", "vdisks": strconv.Itoa(len(nutanixVDisks))},
		Entities: []map[string]string{}}
	switch entity {
	case "Cluster":
		out.Entities = append(out.Entities, map[string]string{"name": "ntnx-cluster-01", "status": "Clear"})
	case "Host":
		for i := 1; i <= 3; i++ {
			out.Entities = append(out.Entities, map[string]string{"name": "ntnx-node-0" + strconv.Itoa(i), "status": "Clear"})
		}
	case "VDisk":
		for _, d := range nutanixVDisks {
			out.Entities = append(out.Entities, map[string]string{"name": d.UUID, "capacity": d.Capacity, "address": d.DiskAddress})
		}
	case "VM":
		out.Entities = append(out.Entities, map[string]string{"name": strings.ToLower("files-01"), "status": "Clear"})
	}
	return out, nil
}
