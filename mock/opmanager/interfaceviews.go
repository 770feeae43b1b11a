package opmanager

import (
	"slices"
	"strconv"
	"strings"
	"sync"
)

// interfaceQuery is what shapes a sorted or filtered listInterfaces list,
// normalized so that equal lists share one kept view.
type interfaceQuery struct {
	column   string // name, deviceName, statusNum or displayName (any other column)
	desc     bool
	severity int
	typ      string // lower case
}

func newInterfaceQuery(column string, desc bool, severity int, typ string) interfaceQuery {
	switch column {
	case "name", "deviceName", "statusNum":
	default:
		column = "displayName"
	}
	return interfaceQuery{column: column, desc: desc, severity: severity, typ: strings.ToLower(typ)}
}

// ifaceRef is one interface: the i-th of its device's list.
type ifaceRef struct {
	d *device
	i int
}

// maxInterfaceViews bounds the kept views: the type filter is free text,
// and each view of a 100,000-device inventory holds up to a million refs.
const maxInterfaceViews = 8

// interfaceViews keeps listInterfaces' sorted or filtered lists as refs,
// so a page after the first costs its rows: sorting the million interfaces
// of --seed-size 100000 for every page took 7-8 s. Interfaces change only
// when a device with interfaces is added, which the kept count notices.
// Readers build views under the state's read lock, hence the own mutex.
type interfaceViews struct {
	mu    sync.Mutex
	count int // the state's interface count the views were built for
	by    map[interfaceQuery][]ifaceRef
}

// forget drops every view: a device's category changed, and drawn
// interfaces are named after it. Callers hold the state's write lock.
func (v *interfaceViews) forget() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.by = nil
}

// interfaceView is the list a query selects, in its order.
func (st *state) interfaceView(q interfaceQuery) []ifaceRef {
	v := &st.ifaceViews
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.by == nil || v.count != st.interfaces || len(v.by) >= maxInterfaceViews {
		v.by, v.count = map[interfaceQuery][]ifaceRef{}, st.interfaces
	}
	if refs, ok := v.by[q]; ok {
		return refs
	}
	type keyed struct {
		key string
		ref ifaceRef
	}
	var ks []keyed
	for _, d := range st.devices {
		for i, it := range d.interfaces() {
			if (q.severity != 0 && it.StatusNum != q.severity) || (q.typ != "" && strings.ToLower(it.Type) != q.typ) {
				continue
			}
			ks = append(ks, keyed{interfaceKey(d, it, q.column), ifaceRef{d, i}})
		}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if q.desc {
			return strings.Compare(b.key, a.key)
		}
		return strings.Compare(a.key, b.key)
	})
	refs := make([]ifaceRef, len(ks))
	for i, k := range ks {
		refs[i] = k.ref
	}
	v.by[q] = refs
	return refs
}

func interfaceKey(d *device, it iface, column string) string {
	switch column {
	case "name":
		return it.Name
	case "deviceName":
		return d.DeviceName
	case "statusNum":
		return strconv.Itoa(it.StatusNum)
	}
	return it.DisplayName
}

// interfaceRows renders refs, drawing each device's interfaces once; no
// refs is an empty page, [] and not null.
func interfaceRows(refs []ifaceRef) []interfaceRow {
	rows := make([]interfaceRow, 0, len(refs))
	var last *device
	var docs []interfaceDoc
	for _, r := range refs {
		if r.d != last {
			last, docs = r.d, interfaceDocsOf(*r.d)
		}
		rows = append(rows, interfaceRow{interfaceDoc: docs[r.i], DeviceName: r.d.DeviceName})
	}
	return rows
}
