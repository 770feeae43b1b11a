package opmanager

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wholeInterfaceList is listInterfaces as it was before views: every
// interface rendered, filtered, then stably sorted by the column's key.
func wholeInterfaceList(st *state, column string, desc bool, severity int, typ string) []interfaceRow {
	rows := []interfaceRow{} // an empty page renders [], not null
	for _, d := range st.devices {
		for _, doc := range interfaceDocsOf(*d) {
			if (severity != 0 && doc.StatusNum != severity) || (typ != "" && !strings.EqualFold(typ, doc.Type)) {
				continue
			}
			rows = append(rows, interfaceRow{interfaceDoc: doc, DeviceName: d.DeviceName})
		}
	}
	key := func(r interfaceRow) string {
		switch column {
		case "name":
			return r.InterfaceName
		case "deviceName":
			return r.DeviceName
		case "statusNum":
			return strconv.Itoa(r.StatusNum)
		}
		return r.InterfaceDisplayName
	}
	slices.SortStableFunc(rows, func(a, b interfaceRow) int {
		if desc {
			return cmp.Compare(key(b), key(a))
		}
		return cmp.Compare(key(a), key(b))
	})
	return rows
}

// TestInterfaceViewsMatchTheWholeList: every sorted or filtered view, cut
// into pages, is the whole list's order; a device added with interfaces
// shows in the next view; the kept views stay bounded.
func TestInterfaceViewsMatchTheWholeList(t *testing.T) {
	st := seedState(9, 40, nil, nil)
	check := func() {
		t.Helper()
		for _, column := range []string{"name", "deviceName", "statusNum", "displayName", "unknown"} {
			for _, desc := range []bool{false, true} {
				for _, f := range []struct {
					severity int
					typ      string
				}{{0, ""}, {1, ""}, {5, ""}, {0, "ETHERNET"}, {0, "nope"}} {
					want := wholeInterfaceList(st, column, desc, f.severity, f.typ)
					got := interfaceRows(st.interfaceView(newInterfaceQuery(column, desc, f.severity, f.typ)))
					require.Equal(t, want, got, fmt.Sprintf("%s desc=%v severity=%d type=%q", column, desc, f.severity, f.typ))
				}
			}
		}
	}
	check()
	st.addDevice(&device{MOID: st.newID(), DeviceName: "0-first", DisplayName: "first", Category: "Switch", StatusNum: 5,
		AddedAt: seedEpoch.Add(time.Hour), plan: interfacePlan{count: 3, seed: 9}})
	check()
	assert.LessOrEqual(t, len(st.ifaceViews.by), maxInterfaceViews, "the kept views are bounded")
}
