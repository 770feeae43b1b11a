package opmanager

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// businessRule is a business-hour rule: day name to "HH:MM-HH:MM".
type businessRule struct {
	ID          int               `json:"id"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Times       map[string]string `json:"times"`
}

// report is one report of the catalogue (spec getReportsList, x-inferred);
// column computes a row's value for a device.
type report struct {
	ID       int
	Category string
	Name     string
	Headers  []string
	value    func(c *call, d *device) string
}

var reportCategories = []struct{ name, display string }{
	{"Availability", "Availability and Response"}, {"Performance", "Performance"}, {"Hardware", "Hardware Health"},
}

var reportCatalog = []report{
	{ID: 1401, Category: "Availability", Name: "Availability of all devices", Headers: []string{"Device", "Availability (%)"},
		value: func(_ *call, d *device) string {
			lo, hi := upRange(d.StatusNum)
			return strconv.FormatFloat(sample(d.IPAddress+"/report/availability", lo, hi), 'f', 2, 64)
		}},
	{ID: 1402, Category: "Availability", Name: "Response time of all devices", Headers: []string{"Device", "Response Time (ms)"},
		value: func(_ *call, d *device) string {
			if isDown(d.StatusNum) {
				return "-1"
			}
			return strconv.Itoa(int(sample(d.IPAddress+"/rt", 1, 50)))
		}},
	{ID: 1403, Category: "Performance", Name: "Top devices by CPU utilization", Headers: []string{"Device", "CPU Utilization (%)"},
		value: func(c *call, d *device) string {
			return strconv.FormatFloat(monitorValue(c, *d, monitorCatalog[0]), 'f', 2, 64)
		}},
	{ID: 1404, Category: "Hardware", Name: "Hardware status of all devices", Headers: []string{"Device", "Status"},
		value: func(_ *call, d *device) string { return severityNames[d.StatusNum] }},
}

type reportItem struct {
	ReportID    int    `json:"reportID"`
	ReportName  string `json:"reportName"`
	DisplayName string `json:"displayName"`
	IsFavourite bool   `json:"isFavourite"`
}

type reportCategoryDoc struct {
	DisplayName string       `json:"displayName"`
	List        []reportItem `json:"list"`
	Name        string       `json:"Name"`
}

func getReportsList(c *call) (any, error) {
	hideHardware := c.num("hideHardwareReport", 0) == 1
	out := []reportCategoryDoc{}
	for _, cat := range reportCategories {
		if hideHardware && cat.name == "Hardware" {
			continue
		}
		doc := reportCategoryDoc{DisplayName: cat.display, Name: cat.name, List: []reportItem{}}
		for _, r := range reportCatalog {
			if r.Category == cat.name {
				doc.List = append(doc.List, reportItem{ReportID: r.ID, ReportName: strings.ReplaceAll(r.Name, " ", ""), DisplayName: r.Name})
			}
		}
		out = append(out, doc)
	}
	return out, nil
}

type reportData struct {
	ClientParams       map[string]string `json:"clientParams"`
	AdditionalRespData map[string]any    `json:"additionalRespData"`
	GraphDetails       [][]string        `json:"graphDetails"`
	Forward            string            `json:"forward"`
	GraphHeaders       []string          `json:"graphHeaders"`
	VMClientParams     map[string]any    `json:"vmClientParams"`
	ReportGraphName    string            `json:"ReportGraphName"`
	GraphDispName      string            `json:"graphDispName"`
}

// defaultReportRows is how many rows a report has without top.
const defaultReportRows = 10

func getReportsData(c *call) (any, error) {
	id := c.num("reportID", 0)
	i := slices.IndexFunc(reportCatalog, func(r report) bool { return r.ID == id })
	if i < 0 {
		return nil, errNotFound("report with id", strconv.Itoa(id))
	}
	r := reportCatalog[i]
	top := defaultReportRows
	if n, err := strconv.Atoi(c.str("top")); err == nil && n > 0 {
		top = n
	}
	category, group, view := c.str("category"), c.str("logicalGroup"), c.str("bview")
	params := map[string]string{}
	for k := range c.values {
		if k != apiKeyParam {
			params[k] = c.str(k)
		}
	}
	out := reportData{ClientParams: params, AdditionalRespData: map[string]any{}, GraphDetails: [][]string{},
		Forward: "/apiclient/ember/index.jsp#/Reports/" + strconv.Itoa(r.ID), GraphHeaders: r.Headers, VMClientParams: map[string]any{},
		ReportGraphName: strings.ReplaceAll(r.Name, " ", ""), GraphDispName: r.Name}
	var ae *apiError
	c.store.read(func(st *state) {
		if c.has("businessRuleID") && !slices.ContainsFunc(st.records.BusinessRules, func(b *businessRule) bool { return b.ID == c.num("businessRuleID", 0) }) {
			ae = errNotFound("business rule with id", c.str("businessRuleID"))
			return
		}
		var members map[string]bool
		if view != "" {
			v, ok := st.records.view(view)
			if !ok {
				ae = errNotFound("business view", view)
				return
			}
			members = map[string]bool{}
			for _, m := range v.Members {
				members[m] = true
			}
		}
		for _, d := range st.devices {
			if len(out.GraphDetails) == top {
				break
			}
			if (category != "" && !strings.EqualFold(category, d.Category)) || (group != "" && !slices.Contains(d.Groups, group)) ||
				(members != nil && !members[d.DeviceName]) {
				continue
			}
			out.GraphDetails = append(out.GraphDetails, []string{d.DisplayName, r.value(c, d)})
		}
	})
	if ae != nil {
		return nil, ae
	}
	return []reportData{out}, nil
}

type businessRuleDoc struct {
	ID           int               `json:"businessRuleId"`
	Name         string            `json:"businessRuleName"`
	Description  string            `json:"description"`
	TimeSettings map[string]string `json:"timeSettings"`
}

func businessRuleDocOf(b *businessRule) businessRuleDoc {
	return businessRuleDoc{ID: b.ID, Name: b.Name, Description: b.Description, TimeSettings: maps.Clone(b.Times)}
}

func listBusinessRules(c *call) (any, error) {
	out := []businessRuleDoc{}
	c.store.read(func(st *state) {
		for _, b := range st.records.BusinessRules {
			out = append(out, businessRuleDocOf(b))
		}
	})
	return out, nil
}

var (
	weekdays  = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	timeRange = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$`)
)

// parseTimeSettings reads timeSettings: a JSON object of weekday to
// "HH:MM-HH:MM" (spec addBusinessRules, x-inferred).
func parseTimeSettings(s string) (map[string]string, *apiError) {
	var times map[string]string
	if err := json.Unmarshal([]byte(s), &times); err != nil || times == nil {
		return nil, errDataType("timeSettings", `JSON object of weekday to "HH:MM-HH:MM"`)
	}
	for day, span := range times {
		if !slices.Contains(weekdays, day) || !timeRange.MatchString(span) {
			return nil, errPattern("timeSettings")
		}
	}
	return times, nil
}

type businessRuleResult struct {
	Result       resultBody      `json:"result"`
	BusinessRule businessRuleDoc `json:"businessRule"`
}

func addBusinessRules(c *call) (any, error) {
	name := c.str("businessRuleName")
	if name == "" {
		return nil, errMandatory("businessRuleName")
	}
	times := map[string]string{}
	if c.has("timeSettings") {
		var ae *apiError
		if times, ae = parseTimeSettings(c.str("timeSettings")); ae != nil {
			return nil, ae
		}
	}
	var out *businessRuleResult
	c.store.write(func(st *state) {
		if slices.ContainsFunc(st.records.BusinessRules, func(b *businessRule) bool { return strings.EqualFold(b.Name, name) }) {
			return
		}
		b := &businessRule{ID: st.newID(), Name: name, Description: c.str("description"), Times: times}
		st.records.BusinessRules = append(st.records.BusinessRules, b)
		out = &businessRuleResult{Result: resultBody{Message: "Business rule has been successfully added"}, BusinessRule: businessRuleDocOf(b)}
	})
	if out == nil {
		return nil, errExists("business rule", name)
	}
	return out, nil
}

// ruleID reads businessRuleId, which the rule calls need.
func (c *call) ruleID() (int, *apiError) {
	if !c.has("businessRuleId") {
		return 0, errMandatory("businessRuleId")
	}
	return c.num("businessRuleId", 0), nil
}

func viewBusinessRules(c *call) (any, error) {
	id, ae := c.ruleID()
	if ae != nil {
		return nil, ae
	}
	var out *businessRuleDoc
	c.store.read(func(st *state) {
		for _, b := range st.records.BusinessRules {
			if b.ID == id {
				doc := businessRuleDocOf(b)
				out = &doc
			}
		}
	})
	if out == nil {
		return nil, errNotFound("business rule with id", strconv.Itoa(id))
	}
	return out, nil
}

func updateBusinessRules(c *call) (any, error) {
	id, ae := c.ruleID()
	if ae != nil {
		return nil, ae
	}
	var times map[string]string
	if c.has("timeSettings") {
		if times, ae = parseTimeSettings(c.str("timeSettings")); ae != nil {
			return nil, ae
		}
	}
	name := c.str("businessRuleName")
	var out *businessRuleResult
	c.store.write(func(st *state) {
		i := slices.IndexFunc(st.records.BusinessRules, func(b *businessRule) bool { return b.ID == id })
		if i < 0 {
			ae = errNotFound("business rule with id", strconv.Itoa(id))
			return
		}
		if name != "" && slices.ContainsFunc(st.records.BusinessRules, func(b *businessRule) bool { return b.ID != id && strings.EqualFold(b.Name, name) }) {
			ae = errExists("business rule", name)
			return
		}
		b := st.records.BusinessRules[i]
		if name != "" {
			b.Name = name
		}
		if c.has("description") {
			b.Description = c.str("description")
		}
		if times != nil {
			b.Times = times
		}
		out = &businessRuleResult{Result: resultBody{Message: "Business rule has been successfully updated"}, BusinessRule: businessRuleDocOf(b)}
	})
	if ae != nil {
		return nil, ae
	}
	return out, nil
}

func deleteBusinessRules(c *call) (any, error) {
	id, ae := c.ruleID()
	if ae != nil {
		return nil, ae
	}
	found := false
	c.store.write(func(st *state) {
		n := len(st.records.BusinessRules)
		st.records.BusinessRules = slices.DeleteFunc(st.records.BusinessRules, func(b *businessRule) bool { return b.ID == id })
		found = len(st.records.BusinessRules) < n
	})
	if !found {
		return nil, errNotFound("business rule with id", strconv.Itoa(id))
	}
	return ok("Business rule has been successfully deleted"), nil
}

type deviceReportRow struct {
	DeviceName  string  `json:"deviceName"`
	DisplayName string  `json:"displayName"`
	Value       float64 `json:"value"`
}

// maxReportDevices bounds getReportData without a deviceList.
const maxReportDevices = 100

func getReportData(c *call) (any, error) {
	names := c.list("deviceList")
	out := map[string][]deviceReportRow{"DevicesAvailability - Percentage": {}, "Packet Loss - Percentage": {}}
	var ae *apiError
	c.store.read(func(st *state) {
		var devices []*device
		if len(names) == 0 {
			devices = st.devices[:min(len(st.devices), maxReportDevices)]
		}
		for _, n := range names {
			d, ok := st.device(n)
			if !ok {
				ae = errNotFound("device", n)
				return
			}
			devices = append(devices, d)
		}
		for _, d := range devices {
			lo, hi := upRange(d.StatusNum)
			avail := sample(d.IPAddress+"/report/availability", lo, hi)
			out["DevicesAvailability - Percentage"] = append(out["DevicesAvailability - Percentage"],
				deviceReportRow{DeviceName: d.DeviceName, DisplayName: d.DisplayName, Value: avail})
			out["Packet Loss - Percentage"] = append(out["Packet Loss - Percentage"],
				deviceReportRow{DeviceName: d.DeviceName, DisplayName: d.DisplayName, Value: round2(100 - avail)})
		}
	})
	if ae != nil {
		return nil, ae
	}
	return out, nil
}
