package opmanager

import "time"

// Severity numbers and names shared by devices and alarms (fact B3).
var severityNames = map[int]string{1: "Critical", 2: "Trouble", 3: "Attention", 4: "Service Down", 5: "Clear", 7: "Unmanaged"}

// device is a monitored device (fact B3 listDevices row).
type device struct {
	MOID        int
	DeviceName  string // managed entity name: an IP or DNS name
	DisplayName string
	IPAddress   string
	Type        string
	VendorName  string
	Category    string
	StatusNum   int
	IsSNMP      bool
	Interfaces  []iface
	Groups      []string
	AddedAt     time.Time
	// StatusBeforeUnmanage is the status setManaged restores; 0 while
	// managed.
	StatusBeforeUnmanage int `json:",omitempty"`
	// plan draws a generated device's interfaces when Interfaces is nil;
	// a state file holds the drawn list (ExportState).
	plan interfacePlan
}

// interfaces is the device's own list, or its generated one, drawn afresh:
// the same on every read.
func (d *device) interfaces() []iface {
	if d.Interfaces != nil || d.plan.count == 0 {
		return d.Interfaces
	}
	return drawInterfaces(d, d.plan)
}

func (d *device) interfaceCount() int {
	if d.Interfaces != nil {
		return len(d.Interfaces)
	}
	return d.plan.count
}

// iface is a monitored interface of a device; the fields follow the public
// listInterfaces sample (spec Interface).
type iface struct {
	ID          int
	Name        string // managed object name, IF-<device>-<index>
	DisplayName string
	Type        string
	IPAddress   string
	Speed       string
	StatusNum   int
	AdminUp     bool
	OperUp      bool
}

// alarm is one alarm (fact B3 listAlarms item).
type alarm struct {
	ID         int
	Entity     string
	DeviceName string
	Severity   int
	Message    string
	Source     string // the alertType it belongs to besides ActiveAlarms
	ModifiedAt time.Time
	AckedBy    string // "" while unacknowledged
}

// linuxCredential is a stored SSH/Telnet credential; Password is never sent.
type linuxCredential struct {
	Name, Description, UserName, Password, Protocol string
	Port, Timeout                                   int
}

type discoveryProfile struct {
	ID                  int
	Name, DiscoveryType string
	StartIP, EndIP      string
	CIDR                string
	IPList, Credentials []string
}

type ncmDevice struct {
	IPAddress, HostName, Vendor string
	CustomColumns               map[string]string
}

type configlet struct {
	Name     string
	Commands []string
}

type uploadedFile struct {
	ID       int
	Name     string
	Contents []byte
}

type subnet struct {
	Address string `json:"subnetAddress"`
	Mask    string `json:"subnetMask"`
}

type spmSwitch struct {
	Address    string `json:"switchAddress"`
	Credential string `json:"credentialName"`
}

type blockedHost struct {
	HostName, IPAddress string
	Since               time.Time
}
