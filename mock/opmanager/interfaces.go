package opmanager

import (
	"strconv"
	"strings"
)

// interfaceRow is a listInterfaces row: an interface and its device (spec
// InterfaceRow).
type interfaceRow struct {
	interfaceDoc
	DeviceName string `json:"deviceName"`
}

// interfacePage is listInterfaces' answer: the counts as strings, as the
// sample shows them (spec InterfacePage).
type interfacePage struct {
	Total   string         `json:"total"`
	Records string         `json:"records"`
	Page    string         `json:"page"`
	Rows    []interfaceRow `json:"rows"`
}

func listInterfaces(c *call) (any, error) {
	page, per := max(c.num("page", 1), 1), c.num("rows", defaultRows)
	if per < 1 {
		per = defaultRows
	}
	severity, typ := c.num("severity", 0), c.str("type")
	column, desc := c.str("sortByColumn"), c.str("sortByType") == "desc"
	var out interfacePage
	c.store.read(func(st *state) {
		var refs []ifaceRef
		total := st.interfaces
		if severity == 0 && typ == "" && column == "" {
			start, end := pageBounds(page, per, total)
			refs = interfacesInOrder(st.devices, start, end)
		} else {
			view := st.interfaceView(newInterfaceQuery(column, desc, severity, typ))
			total = len(view)
			start, end := pageBounds(page, per, total)
			refs = view[start:end]
		}
		out = interfacePage{Total: strconv.Itoa(pages(total, per)), Records: strconv.Itoa(total), Page: strconv.Itoa(page),
			Rows: interfaceRows(refs)}
	})
	return out, nil
}

// interfacesInOrder is the refs of [start, end) in inventory order: it
// walks the devices up to end, counting each one's interfaces without
// drawing them, so the first page costs its rows, not the million
// interfaces of a 100,000-device inventory.
func interfacesInOrder(devices []*device, start, end int) []ifaceRef {
	var refs []ifaceRef
	seen := 0
	for _, d := range devices {
		if seen >= end {
			break
		}
		n := d.interfaceCount()
		for i := max(start-seen, 0); i < n && seen+i < end; i++ {
			refs = append(refs, ifaceRef{d, i})
		}
		seen += n
	}
	return refs
}

type deviceInterfaces struct {
	DownCount      string         `json:"downCount"`
	Interfaces     []interfaceDoc `json:"interfaces"`
	InterfaceCount string         `json:"interfaceCount"`
}

func getInterfaces(c *call) (any, error) {
	d, err := c.namedDevice("name")
	if err != nil {
		return nil, err
	}
	docs := interfaceDocsOf(d)
	down := 0
	for _, it := range docs {
		if it.OperStatus == "Down" {
			down++
		}
	}
	return deviceInterfaces{DownCount: strconv.Itoa(down), Interfaces: docs, InterfaceCount: strconv.Itoa(len(docs))}, nil
}

// interfaceSummary is getInterfaceSummary's answer (spec InterfaceSummary).
type interfaceSummary struct {
	interfaceDoc
	DeviceName   string             `json:"deviceName"`
	Availability map[string]float64 `json:"availability"`
}

// interfaceDeviceName is the device part of an interface's name,
// IF-<device>-<n>, so a lookup goes through the device index.
func interfaceDeviceName(name string) string {
	rest, ok := strings.CutPrefix(name, "IF-")
	if i := strings.LastIndexByte(rest, '-'); ok && i > 0 {
		return rest[:i]
	}
	return ""
}

func getInterfaceSummary(c *call) (any, error) {
	d, doc, err := c.namedInterface("interfaceName")
	if err != nil {
		return nil, err
	}
	return interfaceSummary{interfaceDoc: doc, DeviceName: d.DeviceName, Availability: availability(doc.StatusNum)}, nil
}
