package pmp

// resourceType is one entry of GET resources/resourcetypes (§78).
type resourceType struct {
	Name, Category, OSID, SyncType string
	Certificate, SyncSupported     bool
	Default                        bool
	Commands                       []string
}

var (
	// Attribute lists as §78 shows them.
	resourceAttributes = []string{"DNS Name / IP Address", "Group Name", "Resource Description", "Department", "Resource URL", "Location", "Password Policy", "Resource Name"}
	accountAttributes  = []string{"Password Policy", "Private Key", "Notes", "User Account", "User Account Password"}

	// resourceTypes are the types a resource may have: §78's three Brocade
	// types, the types the document's examples use, and the file store types
	// of §6 and §18.
	resourceTypes = []resourceType{
		{Name: "Windows", Category: "os", OSID: "1", SyncType: "WMI", SyncSupported: true, Default: true},
		{Name: "Windows Domain", Category: "os", OSID: "2", SyncType: "LDAP", SyncSupported: true, Default: true},
		{Name: "Linux", Category: "os", OSID: "3", SyncType: "SSH", SyncSupported: true, Default: true},
		{Name: "Cisco IOS", Category: "network", OSID: "20", SyncType: "CustomCli", Commands: []string{"Cisco IOS"}, Default: true},
		{Name: "MS SQL server", Category: "database", OSID: "30", SyncType: "JDBC", SyncSupported: true, Default: true},
		{Name: "WebLogic Server", Category: "application", OSID: "35", SyncType: "CustomCli"},
		{Name: "Brocade", Category: "network", OSID: "40", SyncType: "CustomCli", Commands: []string{"Brocade"}},
		{Name: "Brocade VDX", Category: "network", OSID: "41", SyncType: "CustomCli", Commands: []string{"Brocade VDX"}},
		{Name: "Brocade SAN Switch", Category: "network", OSID: "42", SyncType: "CustomCli", Commands: []string{"Brocade SAN Switch"}},
		{Name: "File Store", Category: "file", OSID: "90", SyncType: "None"},
		{Name: "License Store", Category: "file", OSID: "91", SyncType: "None"},
		{Name: "Key Store", Category: "file", OSID: "92", SyncType: "None", Certificate: true},
		{Name: "Rackspace", Category: "cloud", OSID: "95", SyncType: "API"},
		{Name: "AWS IAM", Category: "cloud", OSID: "96", SyncType: "API", SyncSupported: true},
		{Name: "Web Site Accounts", Category: "application", OSID: "99", SyncType: "None"},
	}
)

// defaultResourceType is the type of a resource created with an empty or
// absent RESOURCETYPE (spec createResource, x-inferred from fact D3).
const defaultResourceType = "Windows"

// fileTypes hold a file (§6); they and the cloud types cannot be changed
// from or to (§18).
var (
	fileTypes   = []string{"File Store", "License Store", "Key Store"}
	pinnedTypes = []string{"Key Store", "File Store", "License Store", "Rackspace", "AWS IAM"}
)

// findType resolves a type name, any case, to its canonical spelling.
func findType(name string) (resourceType, bool) {
	for _, t := range resourceTypes {
		if equalFold(t.Name, name) {
			return t, true
		}
	}
	return resourceType{}, false
}
