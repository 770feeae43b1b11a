package opmanager

import (
	"fmt"
	"strconv"
)

// The seeded controller's wireless network (spec getWirelessNetworkDetails,
// x-inferred): two SSIDs on three access points, fixed data.
type accessPoint struct {
	Name, Display, IP, MAC, Channels string
	Up                               bool
}

type ssid struct {
	ID      int
	Name    string
	Clients map[string]int // clients per access point name
}

var (
	accessPoints = []accessPoint{
		{Name: "ap-lobby", Display: "Lobby", IP: "10.10.50.11", MAC: "00:1a:2b:3c:4d:01", Channels: "1,36", Up: true},
		{Name: "ap-floor2", Display: "Floor 2", IP: "10.10.50.12", MAC: "00:1a:2b:3c:4d:02", Channels: "6,44", Up: true},
		{Name: "ap-store", Display: "Store room", IP: "10.10.50.13", MAC: "00:1a:2b:3c:4d:03", Channels: "11,149", Up: false},
	}
	ssids = []ssid{
		{ID: 1, Name: "corp", Clients: map[string]int{"ap-lobby": 12, "ap-floor2": 30}},
		{ID: 2, Name: "guest", Clients: map[string]int{"ap-lobby": 5}},
	}
)

// controller checks the named device is the seeded wireless controller.
func (c *call) controller() error {
	name := c.str("deviceName")
	if name != wlcName {
		return errNotFound("wireless LAN controller", name)
	}
	return c.requireDevice(wlcName)
}

// clientBytes is a client count's traffic: deterministic, per SSID and AP.
func clientBytes(s ssid, ap string, n int) int {
	return n * int(sample(s.Name+"/"+ap, 1e6, 5e7))
}

type ssidDoc struct {
	ClientCount string `json:"ClientCount"`
	TotalBytes  string `json:"TotalBytes"`
	SSIDName    string `json:"SSIDName"`
	APCount     string `json:"APCount"`
}

func getWirelessNetworkDetails(c *call) (any, error) {
	if err := c.controller(); err != nil {
		return nil, err
	}
	out := []ssidDoc{}
	for _, s := range ssids {
		clients, bytes := 0, 0
		for _, ap := range accessPoints {
			n := s.Clients[ap.Name]
			clients += n
			bytes += clientBytes(s, ap.Name, n)
		}
		out = append(out, ssidDoc{ClientCount: strconv.Itoa(clients), TotalBytes: strconv.Itoa(bytes), SSIDName: s.Name,
			APCount: strconv.Itoa(len(s.Clients))})
	}
	return out, nil
}

type accessPointDoc struct {
	MACAddress               string `json:"macAddress"`
	Channels                 string `json:"channels"`
	StatusStr                string `json:"statusStr"`
	IPAddress                string `json:"ipAddress"`
	APDisplayName            string `json:"apDisplayName"`
	AdvanceMonitoringEnabled string `json:"advanceMonitoringEnabled"`
	APName                   string `json:"apName"`
	StatusNum                string `json:"statusNum"`
}

func getWirelessAPList(c *call) (any, error) {
	if err := c.controller(); err != nil {
		return nil, err
	}
	out := []accessPointDoc{}
	for _, ap := range accessPoints {
		status := 5
		if !ap.Up {
			status = 1
		}
		out = append(out, accessPointDoc{MACAddress: ap.MAC, Channels: ap.Channels, StatusStr: severityNames[status], IPAddress: ap.IP,
			APDisplayName: ap.Display, AdvanceMonitoringEnabled: "false", APName: ap.Name, StatusNum: strconv.Itoa(status)})
	}
	return out, nil
}

type wirelessClient struct {
	MACAddress string `json:"macAddress"`
	IPAddress  string `json:"ipAddress"`
	SSIDName   string `json:"ssidName"`
	APName     string `json:"apName"`
	TotalBytes string `json:"totalBytes"`
}

type ssidClients struct {
	ClientData  []wirelessClient `json:"clientData"`
	ClientCount int              `json:"clientCount"`
}

func getSSIDClientList(c *call) (any, error) {
	if err := c.controller(); err != nil {
		return nil, err
	}
	out := ssidClients{ClientData: []wirelessClient{}}
	host := 20
	for _, s := range ssids {
		for _, ap := range accessPoints {
			for i := 0; i < s.Clients[ap.Name]; i++ {
				host++
				out.ClientData = append(out.ClientData, wirelessClient{MACAddress: fmt.Sprintf("02:00:00:00:%02x:%02x", host/256, host%256),
					IPAddress: "10.10.60." + strconv.Itoa(host), SSIDName: s.Name, APName: ap.Name,
					TotalBytes: strconv.Itoa(clientBytes(s, ap.Name, 1))})
			}
		}
	}
	out.ClientCount = len(out.ClientData)
	return out, nil
}

type ssidAPClients struct {
	ClientCount              string `json:"ClientCount"`
	TotalBytes               string `json:"TotalBytes"`
	APMOName                 string `json:"APMOName"`
	AdvanceMonitoringEnabled string `json:"advanceMonitoringEnabled"`
	APName                   string `json:"apName"`
}

func getClientDetails(c *call) (any, error) {
	if err := c.controller(); err != nil {
		return nil, err
	}
	id := c.num("ssidName", 0)
	for _, s := range ssids {
		if s.ID != id {
			continue
		}
		out := []ssidAPClients{}
		for _, ap := range accessPoints {
			if n, ok := s.Clients[ap.Name]; ok {
				out = append(out, ssidAPClients{ClientCount: strconv.Itoa(n), TotalBytes: strconv.Itoa(clientBytes(s, ap.Name, n)),
					APMOName: ap.Name + "_" + wlcName, AdvanceMonitoringEnabled: "false", APName: ap.Name})
			}
		}
		return out, nil
	}
	return nil, errNotFound("SSID with id", strconv.Itoa(id))
}
