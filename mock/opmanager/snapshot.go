package opmanager

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math/rand/v2"

	"github.com/brianvoe/gofakeit/v7"
)

// snapshot is the product's whole state as a state file holds it, in its
// order, with the next runtime ID and the faker's position.
type snapshot struct {
	Users      []*user             `json:"users"`
	Keys       []*apiKey           `json:"keys"`
	Devices    []*device           `json:"devices"`
	Alarms     []*alarm            `json:"alarms"`
	LinuxCreds []*linuxCredential  `json:"linuxCredentials"`
	Profiles   []*discoveryProfile `json:"discoveryProfiles"`
	NCMDevices []*ncmDevice        `json:"ncmDevices"`
	DGroups    map[string][]string `json:"ncmDeviceGroups"`
	Configlets []*configlet        `json:"configlets"`
	Files      []*uploadedFile     `json:"files"`
	SSHKeys    map[string][]byte   `json:"sshKeys"`
	Subnets    []subnet            `json:"subnets"`
	Switches   []spmSwitch         `json:"switches"`
	Blocked    []blockedHost       `json:"blockedHosts"`
	Records    *records            `json:"records"`
	NextID     int                 `json:"nextId"`
	Random     []byte              `json:"random"`
}

// ExportState writes the product's state.
func (p *Product) ExportState() (json.RawMessage, error) {
	var out json.RawMessage
	var err error
	p.current().read(func(st *state) {
		var random []byte
		if random, err = st.faker.Rand.(encoding.BinaryMarshaler).MarshalBinary(); err != nil {
			return
		}
		snap := snapshot{Keys: st.keys, Devices: drawnDevices(st.devices), Alarms: st.alarms, LinuxCreds: st.linuxCreds, Profiles: st.profiles,
			NCMDevices: st.ncmDevices, DGroups: st.dgroups, Configlets: st.configlets, Files: st.files, SSHKeys: st.sshKeys,
			Subnets: st.subnets, Switches: st.switches, Blocked: st.blocked, Records: st.records, NextID: st.nextID,
			Random: random}
		for _, name := range st.userOrder {
			snap.Users = append(snap.Users, st.users[name])
		}
		out, err = json.Marshal(snap)
	})
	if err != nil {
		return nil, fmt.Errorf("opmanager: %w", err)
	}
	return out, nil
}

// drawnDevices is the devices with every generated interface list drawn,
// so a state file is whole without the seed it came from.
func drawnDevices(devices []*device) []*device {
	out := make([]*device, len(devices))
	for i, d := range devices {
		out[i] = d
		if d.Interfaces == nil && d.plan.count > 0 {
			drawn := *d
			drawn.Interfaces = d.interfaces()
			out[i] = &drawn
		}
	}
	return out
}

// CheckState reads a state ExportState wrote, without installing it.
func (p *Product) CheckState(raw json.RawMessage) error {
	_, err := restore(raw)
	return err
}

// ImportState replaces the product's state with one ExportState wrote.
func (p *Product) ImportState(raw json.RawMessage) error {
	st, err := restore(raw)
	if err != nil {
		return err
	}
	p.cur.Store(newStore(st))
	return nil
}

func restore(raw json.RawMessage) (*state, error) {
	var snap snapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		return nil, fmt.Errorf("opmanager: %w", err)
	}
	pcg := &rand.PCG{}
	if err := pcg.UnmarshalBinary(snap.Random); err != nil {
		return nil, fmt.Errorf("opmanager: random: %w", err)
	}
	st := &state{users: map[string]*user{}, keys: snap.Keys, devices: snap.Devices, alarms: snap.Alarms, linuxCreds: snap.LinuxCreds,
		profiles: snap.Profiles, ncmDevices: snap.NCMDevices, dgroups: orEmpty(snap.DGroups), configlets: snap.Configlets,
		files: snap.Files, sshKeys: orEmpty(snap.SSHKeys), subnets: snap.Subnets, switches: snap.Switches, blocked: snap.Blocked,
		records: snap.Records, nextID: snap.NextID, faker: gofakeit.NewFaker(pcg, true)}
	if st.records == nil { // a state file from before records existed
		st.records = &records{}
	}
	if st.records.DeviceFields == nil {
		st.records.DeviceFields = map[string]map[string]string{}
	}
	if st.records.Monitors == nil {
		st.records.Monitors = map[string]*deviceMonitors{}
	}
	st.indexDevices()
	st.indexAlarms()
	for _, u := range snap.Users {
		if u == nil || st.users[u.Name] != nil {
			return nil, fmt.Errorf("opmanager: a user is empty or not unique")
		}
		st.users[u.Name] = u
		st.userOrder = append(st.userOrder, u.Name)
	}
	for _, k := range st.keys {
		if k == nil || st.users[k.Owner] == nil {
			return nil, fmt.Errorf("opmanager: a key has no owner among the users")
		}
		k.setValue(k.Value)
	}
	return st, nil
}

func orEmpty[V any](m map[string]V) map[string]V {
	if m == nil {
		return map[string]V{}
	}
	return m
}
