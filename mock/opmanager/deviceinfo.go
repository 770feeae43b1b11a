package opmanager

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
)

type deviceInfo struct {
	DeviceName   string            `json:"deviceName"`
	DisplayName  string            `json:"displayName"`
	IPAddress    string            `json:"ipaddress"`
	MOID         string            `json:"moid"`
	Type         string            `json:"type"`
	VendorName   string            `json:"vendorName"`
	Category     string            `json:"category"`
	StatusNum    string            `json:"statusNum"`
	StatusStr    string            `json:"statusStr"`
	Managed      bool              `json:"managed"`
	IsSNMP       bool              `json:"isSNMP"`
	Groups       []string          `json:"groups"`
	CustomFields map[string]string `json:"customFields"`
}

func getDeviceInfo(c *call) (any, error) {
	var out *deviceInfo
	err := c.readDevice("name", func(st *state, d *device) {
		out = &deviceInfo{DeviceName: d.DeviceName, DisplayName: d.DisplayName, IPAddress: d.IPAddress, MOID: strconv.Itoa(d.MOID),
			Type: d.Type, VendorName: d.VendorName, Category: d.Category, StatusNum: strconv.Itoa(d.StatusNum),
			StatusStr: severityNames[d.StatusNum], Managed: d.StatusNum != statusUnmanaged, IsSNMP: d.IsSNMP,
			Groups: append([]string{}, d.Groups...), CustomFields: maps.Clone(st.records.DeviceFields[d.DeviceName])}
		if out.CustomFields == nil {
			out.CustomFields = map[string]string{}
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// setDeviceInfo changes properties from the JSON object in values (spec
// x-inferred): the four listDevices fields, anything else a custom field.
func setDeviceInfo(c *call) (any, error) {
	name := c.str("name")
	var values map[string]string
	if err := json.Unmarshal([]byte(c.str("values")), &values); err != nil || values == nil {
		return nil, errDataType("values", "JSON object of text")
	}
	found := false
	c.store.write(func(st *state) {
		var d *device
		if d, found = st.deviceRef(name); !found {
			return
		}
		listed := false // a listDevices field changed
		for _, k := range slices.Sorted(maps.Keys(values)) {
			v := values[k]
			switch k {
			case "displayName":
				d.DisplayName = v
			case "type":
				d.Type = v
			case "vendorName":
				d.VendorName = v
			case "category":
				d.Category = v
				st.ifaceViews.forget() // drawn interfaces are named after the category
			default:
				if st.records.DeviceFields[d.DeviceName] == nil {
					st.records.DeviceFields[d.DeviceName] = map[string]string{}
				}
				st.records.DeviceFields[d.DeviceName][k] = v
				continue
			}
			listed = true
		}
		if listed {
			st.sorted.changed(d) // once, however many sort columns changed
		}
	})
	if !found {
		return nil, errNotFound("device", name)
	}
	return ok("Device details have been successfully updated"), nil
}
