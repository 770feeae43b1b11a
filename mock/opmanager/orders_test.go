package opmanager

import (
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestKeptOrdersMatchAFreshSort: after devices are added and their sort
// columns change (through the state's own paths: addDevice, raise, and
// changed as setManaged and setDeviceInfo call it), every kept order is
// what sorting the inventory from scratch gives.
func TestKeptOrdersMatchAFreshSort(t *testing.T) {
	st := seedState(3, 300, nil, nil)
	columns := []string{"deviceName", "ipaddress", "type", "category", "vendorName", "statusNum", "interfaceCount",
		"addedTime", "displayName"}
	for _, c := range columns {
		st.devicesSortedBy(c, false)
		st.devicesSortedBy(c, true)
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() *device { return st.devices[r.IntN(len(st.devices))] }
	for step := range 400 {
		switch r.IntN(4) {
		case 0:
			st.addDevice(&device{MOID: st.newID(), DeviceName: "10.99.0." + strconv.Itoa(step), DisplayName: "Added " + strconv.Itoa(step%7),
				Type: "Linux", Category: "Server", StatusNum: 5, AddedAt: seedEpoch.Add(time.Duration(step%5) * time.Hour)})
		case 1:
			st.raise(pick(), "x_"+strconv.Itoa(step), 1+r.IntN(3), "raised", seedEpoch)
		case 2:
			d := pick()
			d.StatusNum = []int{1, 2, 3, 5, 7}[r.IntN(5)]
			st.sorted.changed(d)
		default:
			d := pick()
			d.DisplayName, d.VendorName = "Renamed "+strconv.Itoa(r.IntN(9)), "Vendor "+strconv.Itoa(r.IntN(3))
			st.sorted.changed(d)
		}
	}
	for _, c := range columns {
		for _, desc := range []bool{false, true} {
			fresh := newDeviceOrder(st.devices, c, desc)
			require.Equal(t, fresh.rows, st.devicesSortedBy(c, desc), "%s desc=%v", c, desc)
		}
	}
}

// TestRaisedAlarmsTakeTheNextID: a raised alarm takes the ID after the
// highest given, without scanning the alarms, and a deleted alarm's ID is
// not given again.
func TestRaisedAlarmsTakeTheNextID(t *testing.T) {
	st := seedState(4, 50, nil, nil)
	last := 0
	for _, a := range st.alarms {
		last = max(last, a.ID)
	}
	first := st.raise(st.devices[3], "3_X", 1, "raised", seedEpoch)
	require.Equal(t, last+1, first.ID)
	st.alarms = st.alarms[:len(st.alarms)-1] // as deleteAlarm removes it
	second := st.raise(st.devices[4], "4_X", 2, "raised", seedEpoch)
	require.Equal(t, last+2, second.ID, "the deleted alarm's ID is not reused")
}
