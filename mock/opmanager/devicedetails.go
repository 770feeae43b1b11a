package opmanager

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// standardNotes are the notes fields every device has (spec
// getDeviceNotes, x-inferred), before the custom ones.
var standardNotes = []struct {
	name, alias string
	length      int
}{{"CONTACT", "Contact", 100}, {"LOCATION", "Location", 100}, {"DESCRIPTION", "Description", 250}, {"SERIALNUMBER", "Serial Number", 100}}

type deviceNote struct {
	FieldValue  string `json:"FIELDVALUE"`
	DataType    string `json:"DATATYPE"`
	IsEditable  bool   `json:"ISEDITABLE"`
	Description string `json:"DESCRIPTION"`
	FieldName   string `json:"FIELDNAME"`
	AliasName   string `json:"ALIASNAME"`
	FieldLength int    `json:"FIELDLENGTH"`
}

func getDeviceNotes(c *call) (any, error) {
	var fields map[string]string
	err := c.readDevice("name", func(st *state, d *device) { fields = maps.Clone(st.records.DeviceFields[d.DeviceName]) })
	if err != nil {
		return nil, err
	}
	out := []deviceNote{}
	for _, f := range standardNotes {
		out = append(out, deviceNote{FieldValue: fields[f.alias], DataType: "CHAR", IsEditable: true,
			Description: f.alias + " of the device", FieldName: f.name, AliasName: f.alias, FieldLength: f.length})
		delete(fields, f.alias)
	}
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		out = append(out, deviceNote{FieldValue: fields[k], DataType: "CHAR", IsEditable: true, Description: k,
			FieldName: strings.ToUpper(strings.ReplaceAll(k, " ", "")), AliasName: k, FieldLength: 250})
	}
	return out, nil
}

type infrastructureView struct {
	InfrastructureDetailsView struct {
		Details      []deviceRow `json:"Details"`
		TotalRecords string      `json:"TotalRecords"`
	} `json:"InfrastructureDetailsView"`
}

func getInfrastructureDetailsView(c *call) (any, error) {
	category := c.str("categoryName")
	var out infrastructureView
	out.InfrastructureDetailsView.Details = []deviceRow{}
	c.store.read(func(st *state) {
		for _, d := range st.devices {
			if strings.EqualFold(d.Category, category) {
				out.InfrastructureDetailsView.Details = append(out.InfrastructureDetailsView.Details, deviceRowOf(d))
			}
		}
	})
	out.InfrastructureDetailsView.TotalRecords = strconv.Itoa(len(out.InfrastructureDetailsView.Details))
	return out, nil
}

type deviceCompleteDetails struct {
	NFADetails struct {
		NFAStatus string `json:"NFAStatus"`
	} `json:"nfadetails"`
	StatusStr      string   `json:"statusStr"`
	ResponseTime   string   `json:"responseTime"`
	Format         string   `json:"format"`
	DNSName        string   `json:"dnsName"`
	TimeZone       string   `json:"timeZone"`
	Availability   []string `json:"availability"`
	TodayTimeAvail struct {
		TodayStartTime string `json:"todayStartTime"`
		EndTimeVal     string `json:"endTimeVal"`
	} `json:"todayTimeAvail"`
	Type       string `json:"type"`
	VendorName string `json:"vendorName"`
	StatusNum  string `json:"statusNum"`
	IsStorage  bool   `json:"isStorage"`
	NCMDetails struct {
		SummaryNotAvailable bool `json:"SUMMARY_NOT_AVAILABLE"`
	} `json:"ncmdetails"`
	PacketLoss  string `json:"packetLoss"`
	DeviceName  string `json:"deviceName"`
	DisplayName string `json:"displayName"`
	IPAddress   string `json:"ipaddress"`
	Category    string `json:"category"`
}

func getDeviceCompleteDetails(c *call) (any, error) {
	d, err := c.namedDevice("name")
	if err != nil {
		return nil, err
	}
	now := c.p.cfg.Clock().UTC()
	var out deviceCompleteDetails
	out.NFADetails.NFAStatus = "NFA_NOT_ENABLED"
	out.StatusStr, out.Format, out.DNSName, out.TimeZone = severityNames[d.StatusNum], "json", d.DeviceName, "UTC"
	avail := availability(d.StatusNum)
	for _, k := range slices.Sorted(maps.Keys(avail)) {
		out.Availability = append(out.Availability, fmt.Sprintf("%s: %.2f%%", k, avail[k]))
	}
	out.TodayTimeAvail.TodayStartTime = now.Truncate(24 * time.Hour).Format(timeLayout)
	out.TodayTimeAvail.EndTimeVal = now.Format(timeLayout)
	out.Type, out.VendorName, out.StatusNum, out.IsStorage = d.Type, d.VendorName, strconv.Itoa(d.StatusNum), d.Category == "Storage"
	out.NCMDetails.SummaryNotAvailable = d.Category != "Router" && d.Category != "Switch" && d.Category != "Firewall"
	out.DeviceName, out.DisplayName, out.IPAddress, out.Category = d.DeviceName, d.DisplayName, d.IPAddress, d.Category
	if isDown(d.StatusNum) {
		out.ResponseTime, out.PacketLoss = "-1 ms", "100 %"
	} else {
		out.ResponseTime = strconv.Itoa(int(sample(d.IPAddress+"/rt", 1, 50))) + " ms"
		out.PacketLoss = "0 %"
	}
	return out, nil
}

type subnetDoc struct {
	Data              []deviceRow `json:"data"`
	DisplayName       string      `json:"displayName"`
	SubnetDisplayName string      `json:"subnetDisplayName"`
}

// subnetID follows the sample's key: the subnet address, a dot, an id
// (127.0.0.0.10000000001); ours counts subnets in the order first seen.
const subnetIDBase = 10000000001

func listSubnets(c *call) (any, error) {
	out := map[string]*subnetDoc{}
	c.store.read(func(st *state) {
		keys := map[string]string{}
		for _, d := range st.devices {
			i := strings.LastIndexByte(d.IPAddress, '.')
			if i < 0 {
				continue
			}
			net := d.IPAddress[:i] + ".0"
			key, ok := keys[net]
			if !ok {
				key = net + "." + strconv.Itoa(subnetIDBase+len(keys))
				keys[net] = key
				out[key] = &subnetDoc{Data: []deviceRow{}, DisplayName: net, SubnetDisplayName: net + "/24"}
			}
			out[key].Data = append(out[key].Data, deviceRowOf(d))
		}
	})
	return out, nil
}

// categoryNames are getCategoryList's categories: the sample's and the
// seeded devices', with their display names.
var categoryNames = map[string]string{
	"Server": "Server", "Desktop": "Desktop", "Router": "Router", "Switch": "Switch", "Firewall": "Firewall",
	"Storage": "Storage", "Wireless": "Wireless", "Printer": "Printer", "UPS": "UPS", "UCS": "UCS",
	"DomainController": "Domain Controller", "WirelessLANController": "Wireless LAN Controller",
	"WirelessAccessPoint": "Wireless Access Point", "IoT": "IoT", "SDN": "SDN", "MerakiRadio": "Meraki Radio",
	"MerakiCellularGateway": "Meraki Cellular Gateway", "MerakiVision": "Meraki Vision", "Unknown": "Unknown",
}

func getCategoryList(*call) (any, error) { return categoryNames, nil }

type probeDoc struct {
	Severity      string `json:"severity"`
	ServerMode    string `json:"serverMode"`
	ServerStatus  string `json:"serverStatus"`
	ContactEmail  string `json:"contactEmail"`
	DeviceCount   string `json:"deviceCount"`
	NATProtocol   string `json:"natProtocol"`
	ProbeID       string `json:"probeID"`
	IsConnected   string `json:"isConnected"`
	ContactPerson string `json:"contactPerson"`
	StatusImg     string `json:"statusImg"`
	IPSLACount    string `json:"ipslaCount"`
	LastContact   string `json:"lastContact"`
	NATName       string `json:"natName"`
	Name          string `json:"name"`
}

// listProbes shows two probes sharing the devices: even MOIDs on the first
// (spec x-inferred).
func listProbes(c *call) (any, error) {
	var counts [2]int
	c.store.read(func(st *state) {
		for _, d := range st.devices {
			counts[d.MOID%2]++
		}
	})
	now := c.p.cfg.Clock().UTC().Format(timeLayout)
	out := make([]probeDoc, 2)
	for i, name := range []string{"probe-east", "probe-west"} {
		out[i] = probeDoc{Severity: "5", ServerMode: "Probe", ServerStatus: "Running", ContactEmail: "noc@example.com",
			DeviceCount: strconv.Itoa(counts[i]), NATProtocol: "https", ProbeID: strconv.Itoa(i + 1), IsConnected: "true",
			ContactPerson: "NOC", StatusImg: statusImg(5), IPSLACount: "0", LastContact: now, NATName: name + ".example.com", Name: name}
	}
	return out, nil
}
