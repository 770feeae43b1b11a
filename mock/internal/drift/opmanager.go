package drift

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

const opmBase = "/api/json"

// opmKey is the request's key: the apiKey header, else the query (fact B2).
func opmKey(r *http.Request) (key string, inHeader bool) {
	if k := r.Header.Get("apiKey"); k != "" {
		return k, true
	}
	return r.URL.Query().Get("apiKey"), false
}

// params are the request's parameters: query and form body, the body
// buffered so the product reads it again.
func params(r *http.Request) url.Values {
	v := r.URL.Query()
	if r.Method != http.MethodGet {
		if form, err := url.ParseQuery(string(bufferBody(r))); err == nil {
			for k, vs := range form {
				v[k] = append(v[k], vs...)
			}
		}
	}
	return v
}

// opmJSON is an answer the product would give.
func opmJSON(v any) *Response {
	b, _ := json.Marshal(v)
	return &Response{Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Body: b}
}

// opmError rewrites an error envelope of one code with f.
func opmError(res *Response, code string, f func(m map[string]any, e map[string]any)) {
	v, ok := res.jsonBody()
	m, _ := v.(map[string]any)
	if !ok || m == nil {
		return
	}
	if e, _ := m["error"].(map[string]any); e != nil && e["errorcode"] == code {
		f(m, e)
		res.setJSON(m)
	}
}

func opManager() []Drift {
	d := func(name, breaks string) Drift {
		return Drift{Name: "opmanager." + name, Product: "opmanager", Breaks: breaks}
	}
	v1Header := d("v1-header-key-ignored", "reads the key of the v1 APIs from the query only (fact B2)")
	v1Header.Request = func(_ Env, r *http.Request) *Response {
		if strings.HasPrefix(r.URL.Path, opmBase+"/v1/") {
			r.Header.Del("apiKey")
		}
		return nil
	}
	queryIgnored := d("query-key-ignored", "ignores a key in the query on ordinary URLs (fact B2)")
	queryIgnored.Request = func(_ Env, r *http.Request) *Response {
		q := r.URL.Query()
		if q.Has("apiKey") {
			q.Del("apiKey")
			r.URL.RawQuery = q.Encode()
		}
		return nil
	}
	headerOnly := d("header-only-accepts-query", "accepts the key in the query on the header-only URLs (fact B2)")
	headerOnly.Request = func(_ Env, r *http.Request) *Response {
		if k, inHeader := opmKey(r); k != "" && !inHeader {
			r.Header.Set("apiKey", k)
		}
		return nil
	}
	anonymous := d("anonymous-admin", "answers requests without a key as the admin's All-access key (fact B2)")
	anonymous.Request = func(env Env, r *http.Request) *Response {
		if k, _ := opmKey(r); k == "" {
			if admin, ok := env.OpManagerKey("admin"); ok {
				r.Header.Set("apiKey", admin)
			}
		}
		return nil
	}
	unknown := d("unknown-key-admin", "answers an unknown key as the admin's All-access key (fact B2)")
	unknown.Request = func(env Env, r *http.Request) *Response {
		k, _ := opmKey(r)
		admin, ok := env.OpManagerKey("admin")
		if ok && k != "" && !env.KnownOpManagerKey(k) {
			r.Header.Set("apiKey", admin)
		}
		return nil
	}
	skipAccess := d("skip-access-check", "lets a read-only key write, as the admin (fact B2 access types)")
	skipAccess.Request = func(env Env, r *http.Request) *Response {
		admin, ok := env.OpManagerKey("admin")
		if k, _ := opmKey(r); ok && r.Method != http.MethodGet && k != "" && k != admin && env.KnownOpManagerKey(k) {
			r.Header.Set("apiKey", admin)
		}
		return nil
	}
	flat := d("error-envelope-flat", `answers a missing parameter with {"message","errorcode"}, not nested under "error" (fact B1)`)
	flat.Response = func(_ *http.Request, res *Response) {
		opmError(res, "LESS_THAN_MIN_OCCURANCE", func(m, e map[string]any) {
			delete(m, "error")
			m["message"], m["errorcode"] = e["message"], e["errorcode"]
		})
	}
	status400 := d("datatype-400", "answers a parameter of the wrong type with HTTP 400 instead of 200 (fact B1)")
	status400.Response = func(_ *http.Request, res *Response) {
		opmError(res, "DATATYPE_NOT_MATCHED", func(_, _ map[string]any) { res.Status = http.StatusBadRequest })
	}
	alarmID := d("alarm-id-number", "sends alarmId as a number (fact B3)")
	alarmID.Response = func(r *http.Request, res *Response) {
		if r.URL.Path != opmBase+"/alarm/listAlarms" {
			return
		}
		if v, ok := res.jsonBody(); ok {
			if list, isList := v.([]any); isList {
				for _, a := range list {
					if m, ok := a.(map[string]any); ok {
						n, _ := strconv.Atoi(fmtString(m["alarmId"]))
						m["alarmId"] = n
					}
				}
				res.setJSON(list)
			}
		}
	}
	severity := d("alarm-severity-filter-ignored", "answers listAlarms' severity filter with every alarm (fact B3)")
	severity.Request = func(_ Env, r *http.Request) *Response {
		q := r.URL.Query()
		if r.URL.Path == opmBase+"/alarm/listAlarms" && q.Has("severity") {
			q.Del("severity")
			r.URL.RawQuery = q.Encode()
		}
		return nil
	}
	status := d("device-status-number", "sends a device's statusNum as a number (fact B3)")
	status.Response = func(r *http.Request, res *Response) {
		if r.URL.Path != opmBase+"/device/listDevices" {
			return
		}
		res.object(r, func(m map[string]any) {
			rows, _ := m["rows"].([]any)
			for _, row := range rows {
				if rm, ok := row.(map[string]any); ok {
					n, _ := strconv.Atoi(fmtString(rm["statusNum"]))
					rm["statusNum"] = n
				}
			}
		})
	}
	records := d("device-records-plus-one", "reports one device more in records than the pages hold (fact B3)")
	records.Response = func(r *http.Request, res *Response) {
		if r.URL.Path != opmBase+"/device/listDevices" {
			return
		}
		res.object(r, func(m map[string]any) {
			if n, ok := m["records"].(json.Number); ok {
				i, _ := n.Int64()
				m["records"] = i + 1
			}
		})
	}
	ackNoop := d("acknowledge-noop", "answers acknowledgeAlarm as done without acknowledging (fact B3)")
	ackNoop.Request = func(_ Env, r *http.Request) *Response {
		if r.URL.Path == opmBase+"/alarm/acknowledgeAlarm" && r.Method == http.MethodPost && params(r).Get("entity") != "" {
			return opmJSON(map[string]any{"result": map[string]any{"message": "Alarm has been successfully Acknowledged"}})
		}
		return nil
	}
	editIgnored := d("profile-edit-ignored", "answers editDiscoveryProfile with the profile unchanged (fact B2)")
	editIgnored.Request = func(_ Env, r *http.Request) *Response {
		if r.URL.Path != opmBase+"/discovery/editDiscoveryProfile" {
			return nil
		}
		id := params(r).Get("profileId")
		keep := url.Values{"profileId": {id}}
		r.URL.RawQuery = ""
		body := []byte(keep.Encode())
		r.Body, r.ContentLength = newBody(body), int64(len(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return nil
	}
	subnetNoop := d("subnet-add-noop", "answers addSubnet with Success without adding the subnet (fact B3)")
	subnetNoop.Request = func(_ Env, r *http.Request) *Response {
		if r.URL.Path != opmBase+"/ipam/addSubnet" {
			return nil
		}
		p := params(r)
		addr, mask := p.Get("subnetAddress"), p.Get("subnetMask")
		in, _ := json.Marshal(map[string]string{"subnetAddress": addr, "subnetMask": mask})
		return opmJSON(map[string]string{"status": "Success", "input": string(in),
			"message": fmt.Sprintf("Subnet added successfully : subnet address - %s and subnet mask - %s", addr, mask)})
	}
	bareEvents := d("events-list-bare", "answers listEvents with its List array alone, not the documented object (fact B4)")
	bareEvents.Response = func(r *http.Request, res *Response) {
		if !strings.HasSuffix(r.URL.Path, "/events/listEvents") {
			return
		}
		v, _ := res.jsonBody()
		if m, ok := v.(map[string]any); ok && m["List"] != nil {
			res.setJSON(m["List"])
		}
	}
	eventWrites := d("events-skip-access-check", "lets a key with Read on Alarms add events and notes and delete alarms (OPM-KEYS Module access)")
	eventWrites.Request = func(env Env, r *http.Request) *Response {
		admin, ok := env.OpManagerKey("admin")
		k, _ := opmKey(r)
		for _, p := range []string{"/events/addEvent", "/alarm/addNotes", "/alarm/deleteAlarm"} {
			if ok && strings.HasSuffix(r.URL.Path, p) && k != "" && k != admin && env.KnownOpManagerKey(k) {
				r.Header.Set("apiKey", admin)
			}
		}
		return nil
	}
	// noop answers an API's success without doing it, when the request
	// names what it acts on (so probes without parameters still meet the
	// product's refusals).
	noop := func(name, api, needs, message, breaks string) Drift {
		dr := d(name, breaks)
		dr.Request = func(_ Env, r *http.Request) *Response {
			if r.URL.Path == opmBase+api && r.Method == http.MethodPost && params(r).Get(needs) != "" {
				return opmJSON(map[string]any{"result": map[string]any{"message": message}})
			}
			return nil
		}
		return dr
	}
	// rewrite changes a write's parameters before the product sees them.
	rewrite := func(name, api, breaks string, change func(url.Values)) Drift {
		dr := d(name, breaks)
		dr.Request = func(_ Env, r *http.Request) *Response {
			if r.URL.Path != opmBase+api {
				return nil
			}
			q := params(r)
			change(q)
			r.URL.RawQuery = ""
			body := []byte(q.Encode())
			r.Body, r.ContentLength = newBody(body), int64(len(body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return nil
		}
		return dr
	}
	managedNoop := noop("set-managed-noop", "/device/setManaged", "name", "Device has been successfully unmanaged",
		"answers setManaged as done without changing the device (fact B4)")
	notesNoop := noop("add-notes-noop", "/alarm/addNotes", "notes", "Notes have been successfully added",
		"answers addNotes as done without storing the note (fact B4)")
	monitorNoop := noop("delete-monitor-noop", "/device/deletePerformanceMonitors", "pollId", "Monitor has been successfully deleted",
		"answers deletePerformanceMonitors as done without removing the monitor (fact B4)")
	downtimeNoop := rewrite("downtime-delete-noop", "/admin/updateDowntimeSchedule",
		"turns updateDowntimeSchedule's delete into an update that changes nothing (fact B4)",
		func(q url.Values) {
			if q.Get("operation") == "delete" {
				q.Set("operation", "update")
			}
		})
	ruleIgnored := rewrite("business-rule-update-ignored", "/admin/updateBusinessRules",
		"ignores updateBusinessRules' description (fact B4)", func(q url.Values) { q.Del("description") })
	unknownProfile := d("unknown-profile-accepted", "answers a notification call naming no existing profile as done (fact B4)")
	unknownProfile.Request = func(_ Env, r *http.Request) *Response {
		q := params(r)
		if (strings.HasSuffix(r.URL.Path, "/admin/associateNotificationProfiles") && q.Get("profiles") == "0") ||
			(strings.HasSuffix(r.URL.Path, "/admin/updateNotificationProfileStatus") && q.Get("profileId") == "0") {
			return opmJSON(map[string]any{"result": map[string]any{"message": "Done"}})
		}
		return nil
	}
	credDup := d("credential-duplicate-accepted", "answers a second addLinuxCredential of one name as added (spec ALREADY_EXISTS)")
	credDup.Response = func(r *http.Request, res *Response) {
		if strings.HasSuffix(r.URL.Path, "/admin/addLinuxCredential") {
			opmError(res, "ALREADY_EXISTS", func(m, _ map[string]any) {
				delete(m, "error")
				m["result"] = map[string]any{"message": "Credential added successfully."}
			})
		}
	}
	importZero := d("ncm-import-counts-zero", "answers importDevices as importing nothing though it imported the file (spec ImportResult)")
	importZero.Response = func(r *http.Request, res *Response) {
		if !strings.HasSuffix(r.URL.Path, "/ncmsettings/importDevices") {
			return
		}
		res.object(r, func(m map[string]any) {
			if result, ok := m["result"].(map[string]any); ok {
				result["imported"] = 0
			}
		})
	}
	return []Drift{importZero, credDup, eventWrites, managedNoop, notesNoop, monitorNoop, downtimeNoop, ruleIgnored, unknownProfile, v1Header, queryIgnored, headerOnly, anonymous, unknown, skipAccess, flat, status400, alarmID, severity,
		status, records, ackNoop, editIgnored, subnetNoop, bareEvents}
}
