package opmanager

import (
	"slices"
	"strconv"
	"strings"
)

type notificationProfileDoc struct {
	ProfileName    string `json:"profileName"`
	HasSubProfiles bool   `json:"hasSubProfiles"`
	ProfileType    string `json:"profileType"`
	ProfileLabel   string `json:"profileLabel"`
	ProfileID      string `json:"profileID"`
	HasCriteria    bool   `json:"hasCriteria"`
	IsDevice       bool   `json:"isDevice"`
	Status         string `json:"status"`
}

func enabledWord(on bool) string {
	if on {
		return "Enabled"
	}
	return "Disabled"
}

func listNotificationProfiles(c *call) (any, error) {
	global, filter, device := c.str("isGlobal"), strings.ToLower(c.str("profileFilter")), c.str("deviceName")
	out := []notificationProfileDoc{}
	c.store.read(func(st *state) {
		for _, p := range st.records.Profiles {
			switch {
			case global != "" && strconv.FormatBool(p.Global) != global,
				filter != "" && !strings.Contains(strings.ToLower(p.Name), filter),
				device != "" && !slices.Contains(p.Devices, device):
				continue
			}
			out = append(out, notificationProfileDoc{ProfileName: p.Name, ProfileType: p.Type, ProfileLabel: p.Name + " (" + p.Type + ")",
				ProfileID: idString(p.ID), IsDevice: len(p.Devices) > 0, Status: enabledWord(p.Enabled)})
		}
	})
	return out, nil
}

func associateNotificationProfiles(c *call) (any, error) {
	device, ids := c.str("deviceName"), c.list("profiles")
	var ae *apiError
	c.store.write(func(st *state) {
		if _, ok := st.device(device); !ok {
			ae = errNotFound("device", device)
			return
		}
		var profiles []*notifyProfile
		for _, id := range ids {
			n, _ := strconv.Atoi(id) // the spec's pattern admits digits only
			p, ok := st.records.profile(n, "")
			if !ok {
				ae = errNotFound("notification profile with id", id)
				return
			}
			profiles = append(profiles, p)
		}
		for _, p := range profiles {
			if !slices.Contains(p.Devices, device) {
				p.Devices = append(p.Devices, device)
			}
		}
	})
	if ae != nil {
		return nil, ae
	}
	return ok("Notification profiles have been successfully associated to " + device), nil
}

func updateNotificationProfileStatus(c *call) (any, error) {
	name, id, enable := c.str("profileName"), c.num("profileId", 0), c.num("status", 0) == 1
	found := false
	c.store.write(func(st *state) {
		var p *notifyProfile
		if p, found = st.records.profile(id, ""); found && p.Name == name {
			p.Enabled = enable
		} else {
			found = false
		}
	})
	if !found {
		return nil, errNotFound("notification profile with id "+strconv.Itoa(id)+" and name", name)
	}
	return ok("Notification profile " + name + " has been successfully " + strings.ToLower(enabledWord(enable))), nil
}

type deviceNotificationProfileDoc struct {
	ProfileName       string `json:"profileName"`
	ActionDisplayName string `json:"actionDisplayName"`
	ProfileLabel      string `json:"profileLabel"`
	CriteriaID        string `json:"criteriaId"`
	ProfileID         string `json:"profileId"`
	IsGlobal          bool   `json:"isGlobal"`
	ActionName        string `json:"actionName"`
	Status            string `json:"status"`
}

func getNotificationProfiles(c *call) (any, error) {
	out := []deviceNotificationProfileDoc{}
	err := c.readDevice("name", func(st *state, d *device) {
		for _, p := range st.records.Profiles {
			if p.Global || slices.Contains(p.Devices, d.DeviceName) {
				out = append(out, deviceNotificationProfileDoc{ProfileName: p.Name, ActionDisplayName: p.Type,
					ProfileLabel: p.Name + " (" + p.Type + ")", CriteriaID: "0", ProfileID: idString(p.ID), IsGlobal: p.Global,
					ActionName: strings.ReplaceAll(p.Type, " ", ""), Status: enabledWord(p.Enabled)})
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
