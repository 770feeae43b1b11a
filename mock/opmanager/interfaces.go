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
	if severity == 0 && typ == "" && column == "" {
		var out interfacePage
		c.store.read(func(st *state) { out = interfacesInOrder(st.devices, st.interfaces, page, per) })
		return out, nil
	}
	q := newInterfaceQuery(column, desc, severity, typ)
	var out interfacePage
	c.store.read(func(st *state) {
		refs := st.interfaceView(q)
		start, end := pageBounds(page, per, len(refs))
		out = interfacePage{Total: strconv.Itoa(pages(len(refs), per)), Records: strconv.Itoa(len(refs)), Page: strconv.Itoa(page),
			Rows: interfaceRows(refs[start:end])}
	})
	return out, nil
}

// interfacesInOrder is an unfiltered page in inventory order, of total
// interfaces: it walks the devices up to the page's end, counting each
// one's interfaces without drawing them, and draws only the page's. The
// first page costs its rows, not the million interfaces of a
// 100,000-device inventory.
func interfacesInOrder(devices []*device, total, page, per int) interfacePage {
	start, end := pageBounds(page, per, total)
	rows := []interfaceRow{}
	seen := 0
	for _, d := range devices {
		n := d.interfaceCount()
		if seen+n > start && seen < end {
			for i, doc := range interfaceDocsOf(*d) {
				if at := seen + i; at >= start && at < end {
					rows = append(rows, interfaceRow{interfaceDoc: doc, DeviceName: d.DeviceName})
				}
			}
		}
		if seen += n; seen >= end {
			break
		}
	}
	return interfacePage{Total: strconv.Itoa(pages(total, per)), Records: strconv.Itoa(total), Page: strconv.Itoa(page), Rows: rows}
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
