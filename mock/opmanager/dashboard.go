package opmanager

import (
	"sort"
	"strconv"
)

// dashboardName is the mock's one dashboard (spec getWidgetList, x-inferred).
const dashboardName = "Network"

// widget is a seeded dashboard widget; rows computes its data from state.
type widget struct {
	ID          int
	Name, Type  string
	Headers     []string
	ForwardPage string
	rows        func(st *state) []map[string]any
}

// widgets are the dashboard's; 623 is the id of the reference's sample.
var widgets = []widget{
	{ID: 623, Name: "Devices by Status", Type: "Pie", Headers: []string{"Status", "Count"}, ForwardPage: "/apiclient/ember/index.jsp#/Inventory",
		rows: func(st *state) []map[string]any {
			counts := map[int]int{}
			for _, d := range st.devices {
				counts[d.StatusNum]++
			}
			statuses := make([]int, 0, len(counts))
			for s := range counts {
				statuses = append(statuses, s)
			}
			sort.Ints(statuses)
			out := []map[string]any{}
			for _, s := range statuses {
				out = append(out, map[string]any{"Status": severityNames[s], "Count": counts[s]})
			}
			return out
		}},
	{ID: 624, Name: "Recent Alarms", Type: "Table", Headers: []string{"Device", "Message", "Severity"}, ForwardPage: "/apiclient/ember/index.jsp#/Alarms",
		rows: func(st *state) []map[string]any {
			out := []map[string]any{}
			for _, a := range st.alarms[max(len(st.alarms)-10, 0):] {
				out = append(out, map[string]any{"Device": a.DeviceName, "Message": a.Message, "Severity": severityNames[a.Severity]})
			}
			return out
		}},
}

type widgetDoc struct {
	WidgetID   int    `json:"widgetID"`
	WidgetName string `json:"widgetName"`
	WidgetType string `json:"widgetType"`
}

func getWidgetList(c *call) (any, error) {
	if name := c.str("dashboardName"); name != dashboardName {
		return nil, errNotFound("dashboard", name)
	}
	out := make([]widgetDoc, len(widgets))
	for i, w := range widgets {
		out[i] = widgetDoc{WidgetID: w.ID, WidgetName: w.Name, WidgetType: w.Type}
	}
	return out, nil
}

type widgetData struct {
	WidgetName           string           `json:"WidgetName"`
	WidgetForwardPage    string           `json:"WidgetForwardPage"`
	WidgetAdditionalData map[string]any   `json:"WidgetAdditionalData"`
	WidgetData           []map[string]any `json:"WidgetData"`
	Period               string           `json:"Period"`
	WidgetType           string           `json:"WidgetType"`
	WidgetHeaders        []string         `json:"WidgetHeaders"`
	Name                 string           `json:"Name"`
}

func getWidgetData(c *call) (any, error) {
	id := c.num("widgetID", 0)
	for _, w := range widgets {
		if w.ID != id {
			continue
		}
		var rows []map[string]any
		c.store.read(func(st *state) { rows = w.rows(st) })
		return map[string]widgetData{strconv.Itoa(id): {WidgetName: w.Name, WidgetForwardPage: w.ForwardPage,
			WidgetAdditionalData: map[string]any{}, WidgetData: rows, Period: "Today", WidgetType: w.Type,
			WidgetHeaders: w.Headers, Name: w.Name}}, nil
	}
	return nil, errNotFound("widget with id", strconv.Itoa(id))
}
