package opmanager

import (
	"slices"
	"strconv"
)

// worstStatus is the status a set of devices shows: the most severe among
// the managed ones (1 Critical is worst), Clear when none is managed.
func worstStatus(devices []*device) int {
	worst := 5
	for _, d := range devices {
		if d.StatusNum != statusUnmanaged && d.StatusNum < worst {
			worst = d.StatusNum
		}
	}
	return worst
}

// viewDevices are a business view's devices that still exist.
func viewDevices(st *state, v *businessView) []*device {
	var out []*device
	for _, name := range v.Members {
		if d, ok := st.device(name); ok {
			out = append(out, d)
		}
	}
	return out
}

type businessViewDoc struct {
	Name        string `json:"name"`
	ID          string `json:"id"`
	DeviceCount string `json:"deviceCount"`
	StatusNum   string `json:"statusNum"`
	StatusStr   string `json:"statusStr"`
}

type businessViews struct {
	BusinessView struct {
		Details []businessViewDoc `json:"Details"`
	} `json:"BusinessView"`
}

func getBusinessView(c *call) (any, error) {
	var out businessViews
	out.BusinessView.Details = []businessViewDoc{}
	c.store.read(func(st *state) {
		for _, v := range st.records.Views {
			devices := viewDevices(st, v)
			status := worstStatus(devices)
			out.BusinessView.Details = append(out.BusinessView.Details, businessViewDoc{Name: v.Name, ID: idString(v.ID),
				DeviceCount: strconv.Itoa(len(devices)), StatusNum: strconv.Itoa(status), StatusStr: severityNames[status]})
		}
	})
	return out, nil
}

type businessDetailsView struct {
	BusinessDetailsView struct {
		Details      []deviceRow `json:"Details"`
		TotalRecords string      `json:"TotalRecords"`
	} `json:"BusinessDetailsView"`
}

func getBusinessDetailsView(c *call) (any, error) {
	name := c.str("bvName")
	var out businessDetailsView
	out.BusinessDetailsView.Details = []deviceRow{}
	found := false
	c.store.read(func(st *state) {
		var v *businessView
		if v, found = st.records.view(name); !found {
			return
		}
		for _, d := range viewDevices(st, v) {
			out.BusinessDetailsView.Details = append(out.BusinessDetailsView.Details, deviceRowOf(d))
		}
	})
	if !found {
		return nil, errNotFound("business view", name)
	}
	out.BusinessDetailsView.TotalRecords = strconv.Itoa(len(out.BusinessDetailsView.Details))
	return out, nil
}

// groupMembers are the devices in a logical group, in added order.
func groupMembers(st *state, group string) []*device {
	var out []*device
	for _, d := range st.devices {
		if slices.Contains(d.Groups, group) {
			out = append(out, d)
		}
	}
	return out
}

// statusImg is the web client's status icon, as the reference's samples
// name it.
func statusImg(status int) string { return "/images/status" + strconv.Itoa(status) + ".gif" }

type logicalGroupDoc struct {
	GroupDisplayName string `json:"groupDisplayName"`
	GroupType        string `json:"groupType"`
	GroupName        string `json:"groupName"`
	DeviceCount      string `json:"device_Count"`
	GroupID          string `json:"groupID"`
	Count            string `json:"count"`
	Description      string `json:"description"`
	Availability     string `json:"availability"`
	StatusImg        string `json:"statusImg"`
	DisplayGroupType string `json:"displayGroupType"`
	StatusLabel      string `json:"statusLabel"`
	Status           string `json:"status"`
}

func listAllLogicalGroups(c *call) (any, error) {
	out := []logicalGroupDoc{}
	c.store.read(func(st *state) {
		for _, g := range st.records.Groups {
			members := groupMembers(st, g.Name)
			status, n := worstStatus(members), strconv.Itoa(len(members))
			out = append(out, logicalGroupDoc{GroupDisplayName: g.Name, GroupType: g.Type, GroupName: g.Name, DeviceCount: n,
				GroupID: idString(g.ID), Count: n, Description: g.Description,
				Availability: strconv.FormatFloat(availability(status)["Up"], 'f', 2, 64), StatusImg: statusImg(status),
				DisplayGroupType: g.Type + " Group", StatusLabel: severityNames[status], Status: strconv.Itoa(status)})
		}
	})
	return out, nil
}

// selectedGroups is the named group, or every group without a name.
func selectedGroups(st *state, name string) ([]*logicalGroup, bool) {
	if name == "" {
		return st.records.Groups, true
	}
	g, ok := st.records.group(name)
	return []*logicalGroup{g}, ok
}

type groupAlertDoc struct {
	Severity       string `json:"severity"`
	GroupType      string `json:"groupType"`
	SeverityString string `json:"severityString"`
	ModTime        string `json:"modTime"`
	DisplayName    string `json:"displayName"`
	Name           string `json:"name"`
	AlarmID        int    `json:"alarmId"`
	Type           string `json:"type"`
	Message        string `json:"message"`
	Entity         string `json:"entity"`
	Status         int    `json:"status"`
}

func getLogicalGroupAlerts(c *call) (any, error) {
	name := c.str("groupName")
	out := []groupAlertDoc{}
	found := false
	c.store.read(func(st *state) {
		var groups []*logicalGroup
		if groups, found = selectedGroups(st, name); !found {
			return
		}
		for _, a := range st.alarms {
			d := st.deviceOrZero(a.DeviceName)
			for _, g := range groups {
				if slices.Contains(d.Groups, g.Name) {
					out = append(out, groupAlertDoc{Severity: strconv.Itoa(a.Severity), GroupType: g.Type,
						SeverityString: severityNames[a.Severity], ModTime: a.ModifiedAt.UTC().Format(timeLayout),
						DisplayName: d.DisplayName, Name: d.DeviceName, AlarmID: a.ID, Type: d.Type, Message: a.Message,
						Entity: a.Entity, Status: a.Severity})
					break
				}
			}
		}
	})
	if !found {
		return nil, errNotFound("group", name)
	}
	return out, nil
}

type groupMemberDoc struct {
	GroupType   string `json:"groupType"`
	StatusStr   string `json:"statusStr"`
	DisplayName string `json:"displayname"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	MOID        string `json:"moid"`
	StatusNum   string `json:"statusNum"`
}

func listLogicalGroupMembers(c *call) (any, error) {
	name := c.str("groupName")
	out := []groupMemberDoc{}
	found := false
	c.store.read(func(st *state) {
		var groups []*logicalGroup
		if groups, found = selectedGroups(st, name); !found {
			return
		}
		for _, g := range groups {
			for _, d := range groupMembers(st, g.Name) {
				out = append(out, groupMemberDoc{GroupType: g.Type, StatusStr: severityNames[d.StatusNum], DisplayName: d.DisplayName,
					Name: d.DeviceName, Type: d.Type, MOID: strconv.Itoa(d.MOID), StatusNum: strconv.Itoa(d.StatusNum)})
			}
		}
	})
	if !found {
		return nil, errNotFound("group", name)
	}
	return out, nil
}

// addToGroup adds devices to a group, creating it if new (spec x-inferred).
func addToGroup(c *call) (any, error) {
	name, members := c.str("groupName"), c.list("selectedMembers")
	if c.str("groupType") != "Device" {
		return nil, errNotFound("device group type", c.str("groupType"))
	}
	var ae *apiError
	c.store.write(func(st *state) {
		var devices []*device
		for _, m := range members {
			d, ok := st.device(m)
			if !ok {
				ae = errNotFound("device", m)
				return
			}
			devices = append(devices, d)
		}
		if _, ok := st.records.group(name); !ok {
			st.records.Groups = append(st.records.Groups, &logicalGroup{ID: st.newID(), Name: name, Type: "Device"})
		}
		for _, d := range devices {
			if !slices.Contains(d.Groups, name) {
				d.Groups = append(d.Groups, name)
			}
		}
	})
	if ae != nil {
		return nil, ae
	}
	return ok("Devices have been successfully added to the group " + name), nil
}

type logicalGroupInfo struct {
	GroupDetails struct {
		GroupType         string `json:"groupType"`
		GroupID           string `json:"groupID"`
		Count             string `json:"count"`
		Description       string `json:"description"`
		StatusImg         string `json:"statusImg"`
		DeviceDeviceCount string `json:"deviceDevice_Count"`
		StatusLabel       string `json:"statusLabel"`
		GroupDisplayName  string `json:"groupDisplayName"`
		GroupName         string `json:"groupName"`
		AlertCount        int    `json:"alertCount"`
		StatusChangeCount int    `json:"statusChangeCount"`
		DisplayGroupType  string `json:"displayGroupType"`
		Status            string `json:"status"`
	} `json:"GroupDetails"`
	SnapDetails struct {
		SnapList            []map[string]string `json:"snapList"`
		SnapshotID          string              `json:"snapshotID"`
		SnapshotDesc        string              `json:"snapshotDesc"`
		SnapshotName        string              `json:"snapshotName"`
		Tabs                map[string]string   `json:"tabs"`
		TimeSelectionNeeded bool                `json:"timeSelectionNeeded"`
		YScale              float64             `json:"yScale"`
		MaxColumns          float64             `json:"maxColumns"`
	} `json:"snapDetails"`
}

func getLogicalGroupInfo(c *call) (any, error) {
	name := c.str("groupName")
	var out *logicalGroupInfo
	c.store.read(func(st *state) {
		g, ok := st.records.group(name)
		if !ok {
			return
		}
		members := groupMembers(st, g.Name)
		status, n := worstStatus(members), strconv.Itoa(len(members))
		alerts := 0
		for _, a := range st.alarms {
			if d, ok := st.device(a.DeviceName); ok && slices.Contains(d.Groups, g.Name) {
				alerts++
			}
		}
		out = &logicalGroupInfo{}
		gd := &out.GroupDetails
		gd.GroupType, gd.GroupID, gd.Count, gd.Description = g.Type, idString(g.ID), n, g.Description
		gd.StatusImg, gd.DeviceDeviceCount, gd.StatusLabel = statusImg(status), n, severityNames[status]
		gd.GroupDisplayName, gd.GroupName, gd.AlertCount = g.Name, g.Name, alerts
		gd.DisplayGroupType, gd.Status = g.Type+" Group", strconv.Itoa(status)
		sd := &out.SnapDetails
		sd.SnapList = []map[string]string{}
		for _, d := range members[:min(len(members), 10)] {
			sd.SnapList = append(sd.SnapList, map[string]string{"name": d.DeviceName, "displayName": d.DisplayName,
				"status": strconv.Itoa(d.StatusNum), "statusStr": severityNames[d.StatusNum]})
		}
		sd.SnapshotID, sd.SnapshotDesc, sd.SnapshotName = idString(g.ID), g.Description, g.Name
		sd.Tabs = map[string]string{"Summary": "summary", "Devices": "devices", "Alarms": "alarms"}
		sd.YScale, sd.MaxColumns = 100, 3
	})
	if out == nil {
		return nil, errNotFound("group", name)
	}
	return out, nil
}
