package opmanager

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// generatedDevice is a seeded device whose interfaces are drawn on read.
func generatedDevice(t *testing.T, p *Product) device {
	t.Helper()
	var out device
	p.current().read(func(st *state) {
		for _, d := range st.devices {
			if d.Interfaces == nil && d.plan.count > 2 {
				out = *d
				return
			}
		}
	})
	require.NotEmpty(t, out.DeviceName, "a generated device with interfaces")
	return out
}

// TestDrawnInterfacesAreStateLikeAnyOther: a generated device's interfaces
// are drawn when read, the same each time, and a state file holds them, so
// a server of another seed restored from it answers the same.
func TestDrawnInterfacesAreStateLikeAnyOther(t *testing.T) {
	p, err := New(Config{Seed: 1, SeedSize: 40})
	require.NoError(t, err)
	d := generatedDevice(t, p)
	drawn := d.interfaces()
	require.Len(t, drawn, d.plan.count)
	assert.Equal(t, drawn, d.interfaces(), "the same list on every read")
	assert.Equal(t, "IF-"+d.DeviceName+"-1", drawn[0].Name)
	assert.Equal(t, d.IPAddress, drawn[0].IPAddress, "the first interface carries the device's address")

	saved, err := p.ExportState()
	require.NoError(t, err)
	other, err := New(Config{Seed: 2, SeedSize: 40})
	require.NoError(t, err)
	require.NoError(t, other.ImportState(saved))
	var restored device
	other.current().read(func(st *state) {
		got, ok := st.device(d.DeviceName)
		require.True(t, ok)
		restored = *got
	})
	assert.Equal(t, drawn, restored.interfaces(), "restored from the state file, not drawn from the other seed")
	var counted, recounted int
	p.current().read(func(st *state) { counted = st.interfaces })
	other.current().read(func(st *state) { recounted = st.interfaces })
	assert.Equal(t, counted, recounted, "the interface count is rebuilt on restore")
	var entity string
	p.current().read(func(st *state) { entity = st.alarms[len(st.alarms)-1].Entity })
	other.current().read(func(st *state) {
		_, found := st.alarmByEntity(entity)
		assert.True(t, found, "the alarm index is rebuilt on restore")
	})
	again, err := other.ExportState()
	require.NoError(t, err)
	assert.JSONEq(t, string(saved), string(again))
}

// TestInterfacePagesMatchTheWholeList: an unfiltered listInterfaces page,
// drawn for its own devices only, is the same cut of the whole list.
func TestInterfacePagesMatchTheWholeList(t *testing.T) {
	st := seedState(5, 60, nil, nil)
	var all []interfaceRow
	for _, d := range st.devices {
		for _, doc := range interfaceDocsOf(*d) {
			all = append(all, interfaceRow{interfaceDoc: doc, DeviceName: d.DeviceName})
		}
	}
	require.Greater(t, len(all), 100)
	for _, per := range []int{1, 7, 50, len(all) + 5} {
		for page := 1; page <= len(all)/per+2; page++ {
			start, end := pageBounds(page, per, len(all))
			got := interfaceRows(interfacesInOrder(st.devices, start, end))
			require.Equal(t, all[start:end], got, "page %d of %d", page, per)
			require.Equal(t, len(all), st.interfaces)
		}
	}
}
