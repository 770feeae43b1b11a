package opmanager

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
)

// defaultRows is the page size when only page is given (spec listDevices).
const defaultRows = 10

// deviceDoc is a listDevices row (fact B3), keys in the sample's order.
type deviceDoc struct {
	IsSNMP         bool   `json:"isSNMP"`
	IPAddress      string `json:"ipaddress"`
	StatusStr      string `json:"statusStr"`
	PrettyTime     string `json:"prettyTime"`
	DisplayName    string `json:"displayName"`
	IsNew          bool   `json:"isNew"`
	Type           string `json:"type"`
	VendorName     string `json:"vendorName"`
	DeviceName     string `json:"deviceName"`
	StatusNum      string `json:"statusNum"` // a string (fact B3)
	AddedTime      string `json:"addedTime"`
	InterfaceCount int    `json:"interfaceCount"`
	Category       string `json:"category"`
	// Interfaces only with getInterfaces=true (spec x-inferred).
	Interfaces []interfaceDoc `json:"interfaces,omitempty"`
}

// interfaceDoc follows the public listInterfaces sample's fields.
type interfaceDoc struct {
	InterfaceDisplayName string `json:"interfaceDisplayName"`
	InterfaceName        string `json:"interfaceName"`
	ID                   string `json:"id"`
	Type                 string `json:"type"`
	IPAddress            string `json:"ipAddress"`
	InSpeed              string `json:"inSpeed"`
	OutSpeed             string `json:"outSpeed"`
	StatusNum            int    `json:"statusNum"`
	StatusStr            string `json:"statusStr"`
	AdminStatus          string `json:"adminStatus"`
	OperStatus           string `json:"operStatus"`
}

func upDown(up bool) string {
	if up {
		return "Up"
	}
	return "Down"
}

func interfaceDocsOf(d device) []interfaceDoc {
	list := d.interfaces()
	out := make([]interfaceDoc, len(list))
	for i, it := range list {
		out[i] = interfaceDoc{InterfaceDisplayName: it.DisplayName, InterfaceName: it.Name, ID: strconv.Itoa(it.ID),
			Type: it.Type, IPAddress: it.IPAddress, InSpeed: it.Speed, OutSpeed: it.Speed, StatusNum: it.StatusNum,
			StatusStr: severityNames[it.StatusNum], AdminStatus: upDown(it.AdminUp), OperStatus: upDown(it.OperUp)}
	}
	return out
}

// devicePage is the paged listDevices answer: total pages, records devices (fact B3).
type devicePage struct {
	Total   int         `json:"total"`
	Page    int         `json:"page"`
	Rows    []deviceDoc `json:"rows"`
	Records int         `json:"records"`
}

func deviceDocOf(d device, now time.Time) deviceDoc {
	return deviceDoc{
		IsSNMP: d.IsSNMP, IPAddress: d.IPAddress, StatusStr: severityNames[d.StatusNum],
		PrettyTime: prettyTime(now.Sub(d.AddedAt)), DisplayName: d.DisplayName,
		IsNew: now.Sub(d.AddedAt) < 24*time.Hour, Type: d.Type, VendorName: d.VendorName,
		DeviceName: d.DeviceName, StatusNum: strconv.Itoa(d.StatusNum),
		AddedTime: d.AddedAt.UTC().Format(timeLayout), InterfaceCount: d.interfaceCount(), Category: d.Category,
	}
}

// prettyTime words an age the way the web client does ("10 minutes ago").
func prettyTime(age time.Duration) string {
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit + " ago"
		}
		return fmt.Sprintf("%d %ss ago", n, unit)
	}
	switch {
	case age < time.Minute:
		return "just now"
	case age < time.Hour:
		return plural(int(age.Minutes()), "minute")
	case age < 24*time.Hour:
		return plural(int(age.Hours()), "hour")
	}
	return plural(int(age.Hours()/24), "day")
}

func listDevices(c *call) (any, error) {
	now := c.p.cfg.Clock()
	typ, category, vendor, severity, group := c.str("type"), c.str("category"), c.str("vendor"), c.str("severity"), c.str("groupName")
	bv := c.str("bvName")
	column, desc := c.str("sortByColumn"), c.str("sortByType") == "desc"
	paged := c.has("page") || c.has("rows")
	page, per := max(c.num("page", 1), 1), c.num("rows", defaultRows)
	if per < 1 {
		per = defaultRows
	}
	// Only the page's devices are copied out of the read lock and rendered.
	// The order comes sorted from a cache, so an unfiltered page is a slice
	// of it and a filtered one costs one pass.
	var rows []device
	matched := 0
	unfiltered := typ == "" && category == "" && vendor == "" && severity == "" && group == "" && bv == ""
	var unknownView bool
	c.store.read(func(st *state) {
		var inView map[string]bool
		if bv != "" {
			v, ok := st.records.view(bv)
			if unknownView = !ok; unknownView {
				return
			}
			inView = map[string]bool{}
			for _, name := range v.Members {
				inView[name] = true
			}
		}
		order := st.devicesSortedBy(column, desc)
		if unfiltered && paged {
			matched = len(order)
			start, end := pageBounds(page, per, matched)
			for _, d := range order[start:end] {
				rows = append(rows, *d)
			}
			return
		}
		for _, d := range order {
			switch {
			case typ != "" && typ != d.Type,
				category != "" && !strings.EqualFold(category, d.Category),
				vendor != "" && !strings.EqualFold(vendor, d.VendorName),
				severity != "" && severity != strconv.Itoa(d.StatusNum),
				group != "" && !slices.Contains(d.Groups, group),
				bv != "" && !inView[d.DeviceName]:
				continue
			}
			if !paged || onPage(matched, page, per) {
				rows = append(rows, *d)
			}
			matched++
		}
	})
	if unknownView {
		return nil, errNotFound("business view", bv)
	}
	withInterfaces := strings.EqualFold(c.str("getInterfaces"), "true")
	docs := make([]deviceDoc, len(rows))
	for i, d := range rows {
		docs[i] = deviceDocOf(d, now)
		if withInterfaces {
			docs[i].Interfaces = interfaceDocsOf(d)
		}
	}
	if !paged {
		return docs, nil // unpaged: the bare array of older builds (fact B3 [I])
	}
	return devicePage{Total: pages(matched, per), Page: page, Records: matched, Rows: docs}, nil
}

// onPage tells whether the i-th row (0-based) falls on a 1-based page of
// per rows, without multiplying: page numbers come from the client and a
// product of two large ones would wrap.
func onPage(i, page, per int) bool {
	return i/per == page-1
}

// pageBounds is the part [start, end) of n rows that a 1-based page of per
// rows covers; empty past the end, and never multiplying past n.
func pageBounds(page, per, n int) (start, end int) {
	if page < 1 || page-1 >= pages(n, per) {
		return n, n
	}
	start = (page - 1) * per
	return start, start + min(per, n-start)
}

// pages counts the pages n rows fill, rounding up without adding per (which
// may be as large as the client likes).
func pages(n, per int) int {
	if n == 0 {
		return 0
	}
	return (n-1)/per + 1
}

// deviceSummary is getDeviceSummary's answer (spec: x-inferred).
type deviceSummary struct {
	DeviceName     string             `json:"deviceName"`
	DisplayName    string             `json:"displayName"`
	IPAddress      string             `json:"ipaddress"`
	MOID           string             `json:"moID"`
	Type           string             `json:"type"`
	Category       string             `json:"category"`
	VendorName     string             `json:"vendorName"`
	StatusNum      string             `json:"statusNum"`
	StatusStr      string             `json:"statusStr"`
	Managed        string             `json:"managed"`
	IsSNMP         bool               `json:"isSNMP"`
	InterfaceCount int                `json:"interfaceCount"`
	AddedTime      string             `json:"addedTime"`
	Availability   map[string]float64 `json:"availability"`
}

// availability derives the last day's availability from the current
// status, so the summary agrees with listDevices.
func availability(status int) map[string]float64 {
	a := map[string]float64{"Up": 100, "Down": 0, "Dependent Unavailable": 0, "On Hold": 0, "Not Monitored": 0, "Parent Down": 0, "On Maintenance": 0}
	switch status {
	case 1, 4:
		a["Up"], a["Down"] = 91.67, 8.33
	case 2, 3:
		a["Up"], a["Down"] = 98.34, 1.66
	case 7:
		a["Up"], a["Not Monitored"] = 0, 100
	}
	return a
}

func getDeviceSummary(c *call) (any, error) {
	d, err := c.namedDevice("name")
	if err != nil {
		return nil, err
	}
	return deviceSummary{
		DeviceName: d.DeviceName, DisplayName: d.DisplayName, IPAddress: d.IPAddress, MOID: strconv.Itoa(d.MOID),
		Type: d.Type, Category: d.Category, VendorName: d.VendorName, StatusNum: strconv.Itoa(d.StatusNum),
		StatusStr: severityNames[d.StatusNum], Managed: strconv.FormatBool(d.StatusNum != 7), IsSNMP: d.IsSNMP,
		InterfaceCount: d.interfaceCount(), AddedTime: d.AddedAt.UTC().Format(timeLayout), Availability: availability(d.StatusNum),
	}, nil
}

type addDeviceResult struct {
	Device struct {
		DeviceIP   string `json:"deviceIp"`
		Message    string `json:"message"`
		DeviceName string `json:"deviceName"`
		MOID       int    `json:"moid"`
	} `json:"device"`
}

// addDevice adds the device at once; the mock never contacts it. A DNS name
// gets a simulated address (fact B3's sample only shows an IP).
func addDevice(c *call) (any, error) {
	name, cred := c.str("deviceName"), c.str("credentialName")
	now := c.p.cfg.Clock()
	var res addDeviceResult
	var err error
	c.store.write(func(st *state) {
		if _, dup := st.device(name); dup {
			err = errExists("device", name)
			return
		}
		if _, known := st.linuxCred(cred); cred != "" && !known {
			err = errNotFound("credential", cred)
			return
		}
		ip := name
		if _, perr := netip.ParseAddr(name); perr != nil {
			ip = fmt.Sprintf("10.250.%d.%d", st.faker.Number(0, 255), st.faker.Number(1, 254))
		}
		d := &device{MOID: st.newID(), DeviceName: name, DisplayName: name, IPAddress: ip, Type: "Unknown",
			VendorName: "Unknown", Category: "Unknown", StatusNum: 5, AddedAt: now}
		st.addDevice(d)
		res.Device.DeviceIP, res.Device.Message, res.Device.DeviceName, res.Device.MOID = ip, "Device added successfully.", name, d.MOID
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}
