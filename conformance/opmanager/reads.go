package opmanager

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/opsmock/opsmock/conformance/check"
	"github.com/opsmock/opsmock/spec"
)

// targetFacts are inputs taken from the target's own lists, so every
// documented read can be sent with parameters that name something real.
// A fact the target cannot give stays empty, and reads that need it are
// skipped, not guessed.
type targetFacts map[string]string

// get reads a JSON answer of a GET as the primary key; nil when it is not
// 200 JSON (the read sweep judges those answers itself).
func getJSON(t *check.T, path string, query ...string) any {
	req := t.Expect(check.Primary).GET(base + path)
	for i := 0; i+1 < len(query); i += 2 {
		req = req.WithQuery(query[i], query[i+1])
	}
	r := req.Expect()
	if r.Raw().StatusCode != http.StatusOK {
		return nil
	}
	var v any
	if json.Unmarshal([]byte(r.Body().Raw()), &v) != nil {
		return nil
	}
	return v
}

// field walks a decoded answer: keys for objects, "0" for an array's first
// item; "" when the path does not hold a text or a number.
func field(v any, path ...string) string {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(x) {
				return ""
			}
			v = x[i]
		default:
			return ""
		}
	}
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// gather learns the facts from the target's lists (fact B3's listDevices
// and listAlarms, and the reference's other lists, fact B4).
func gather(t *check.T) targetFacts {
	f := targetFacts{
		// Fixed inputs: values the reference documents, or the default
		// dashboard every server has.
		"period": "Today", "checkNumeric": "true", "isFluidic": "1", "eventType": "ActiveAlarms",
		"virtualDeviceType": "VMware", "dashboardName": "Network",
	}
	devices, _ := getJSON(t, "/device/listDevices", "page", "1", "rows", "100").(map[string]any)
	rows, _ := devices["rows"].([]any)
	for _, row := range rows {
		name, category, vendor := field(row, "deviceName"), field(row, "category"), field(row, "vendorName")
		switch {
		case strings.Contains(strings.ToLower(category), "wireless") && f["wlc"] == "":
			f["wlc"] = name
		case vendor == "Nutanix" && f["nutanix"] == "":
			f["nutanix"] = name
		case f["device"] == "" && field(row, "interfaceCount") != "0":
			f["device"], f["category"], f["deviceType"] = name, category, field(row, "type")
		}
	}
	if f["device"] != "" {
		f["moid"] = field(getJSON(t, "/device/getDeviceSummary", "name", f["device"]), "moID")
		f["interface"] = field(getJSON(t, "/device/getInterfaces", "name", f["device"]), "interfaces", "0", "interfaceName")
		monitors := getJSON(t, "/device/getDeviceAssociatedMonitors", "name", f["device"])
		f["policyName"] = field(monitors, "performanceMonitors", "monitors", "0", "name")
		f["graphName"] = field(monitors, "performanceMonitors", "monitors", "0", "graphName")
	}
	f["entity"] = field(getJSON(t, "/alarm/listAlarms"), "0", "entity")
	f["groupName"] = field(getJSON(t, "/admin/listAllLogicalGroups"), "0", "groupName")
	f["bvName"] = field(getJSON(t, "/businessview/getBusinessView"), "BusinessView", "Details", "0", "name")
	f["widgetID"] = field(getJSON(t, "/dashboard/getWidgetsList", "dashboardName", f["dashboardName"]), "0", "widgetID")
	f["reportID"] = field(getJSON(t, "/reports/getReportsList"), "0", "list", "0", "reportID")
	f["businessRuleId"] = field(getJSON(t, "/admin/listBusinessRules"), "0", "businessRuleId")
	return f
}

// inputs maps a required parameter to the fact that fills it; an
// operation's own entry wins (the wireless calls want the controller).
var (
	inputs = map[string]string{
		"name": "device", "deviceName": "device", "entity": "entity", "groupName": "groupName", "bvName": "bvName",
		"categoryName": "category", "category": "category", "type": "deviceType", "interfaceName": "interface", "InterfaceName": "interface", "deviceMOIDList": "moid",
		"policyName": "policyName", "graphName": "graphName", "checkNumeric": "checkNumeric", "isFluidic": "isFluidic",
		"period": "period", "eventType": "eventType", "virtualDeviceType": "virtualDeviceType", "dashboardName": "dashboardName",
		"widgetID": "widgetID", "reportID": "reportID",
	}
	inputsOf = map[string]map[string]string{
		"getWirelessNetworkDetails": {"deviceName": "wlc"}, "getWirelessAPList": {"deviceName": "wlc"},
		"getSSIDClientList": {"deviceName": "wlc"}, "getClientDetails": {"deviceName": "wlc", "ssidName": "ssid"},
		"viewBusinessRules": {"businessRuleId": "businessRuleId"},
		"getNutanixDetails": {"deviceName": "nutanix"}, "getNutanixVDisks": {"name": "nutanix"},
	}
)

// optionalInputs are parameters the spec does not require that a read
// needs all the same to name something (the business-rule calls say so in
// their x-inferred).
var optionalInputs = map[string][]string{"alarmProperties": {"entity"}, "viewBusinessRules": {"businessRuleId"}, "getNutanixDetails": {"deviceName"}, "getNutanixVDisks": {"name"}}

var documentedReads = check.Check{
	ID:       "opmanager.shape.documented-reads",
	Category: check.Shape,
	Rule: `Every GET operation of the spec answers HTTP 200 in its documented shape when sent with inputs taken from ` +
		`the target's own lists (facts B3, B4); the error envelope is accepted only as NOT_FOUND, for an object the target ` +
		`does not have. Reads whose inputs the target cannot give, or that the key may not make (403), are skipped and named.`,
	Run: func(t *check.T) {
		facts := gather(t)
		if facts["device"] == "" {
			t.Skipf("the target lists no device with interfaces: no read can be given real inputs")
		}
		facts["ssid"] = "1"
		var shaped, notFound int
		var skipped []string
		for _, op := range t.Target().Operations() {
			if op.Method != http.MethodGet {
				continue
			}
			query, missing := readQuery(op, facts)
			if missing != "" {
				skipped = append(skipped, op.OperationID+" (no "+missing+")")
				continue
			}
			req := t.Expect(check.Primary).GET(op.Path)
			for _, k := range sortedKeys(query) {
				req = req.WithQuery(k, query[k])
			}
			r := req.Expect()
			switch status := r.Raw().StatusCode; {
			case status == http.StatusForbidden:
				// The key may not read this module (fact B2): the target is
				// right to refuse, and the read is not judged.
				skipped = append(skipped, op.OperationID+" (the key may not)")
				continue
			case status == http.StatusUnauthorized:
				t.FailfAs(check.Auth, r.Raw(), "%s refused a key the target accepts elsewhere with HTTP 401", op.OperationID)
				continue
			case status != http.StatusOK:
				t.Failf(r.Raw(), "%s answered HTTP %d to a well-formed read", op.OperationID, status)
				continue
			}
			var env struct {
				Error *struct{ Message, Errorcode string } `json:"error"`
			}
			_ = json.Unmarshal([]byte(r.Body().Raw()), &env)
			switch {
			case env.Error == nil:
				shaped++
			case env.Error.Errorcode == "NOT_FOUND":
				notFound++
			default:
				t.Failf(r.Raw(), "%s refused a read the spec calls well-formed: %s %q", op.OperationID, env.Error.Errorcode, env.Error.Message)
			}
		}
		if shaped == 0 {
			t.Skipf("no read answered anything but an error")
		}
		msg := fmt.Sprintf("%d reads in their documented shape, %d answered NOT_FOUND", shaped, notFound)
		if len(skipped) > 0 {
			msg += fmt.Sprintf(", %d skipped: %s", len(skipped), strings.Join(skipped, ", "))
		}
		t.Exercised("%s", msg)
	},
}

// readQuery fills an operation's required parameters (and the optional
// ones it needs) from the facts; missing names the first it cannot fill.
func readQuery(op spec.Operation, facts targetFacts) (map[string]string, string) {
	query := map[string]string{}
	for _, ref := range op.Op.Parameters {
		p := ref.Value
		if p == nil || p.In != "query" || (!p.Required && !slices.Contains(optionalInputs[op.OperationID], p.Name)) {
			continue
		}
		fact, ok := inputsOf[op.OperationID][p.Name]
		if !ok {
			fact = inputs[p.Name]
		}
		if facts[fact] == "" {
			return nil, p.Name
		}
		query[p.Name] = facts[fact]
	}
	return query, ""
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
