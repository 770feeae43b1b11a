// Package opmanager holds the conformance checks of ManageEngine
// OpManager's REST API (OPM-KEYS, docs/sources.md, facts B).
package opmanager

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/opsmock/opsmock/conformance/check"
)

// base is the API root.
const base = "/api/json"

// Prefix names everything a write check creates.
const Prefix = "opsmock-conformance"

// Suite is the product's checks.
func Suite() *check.Suite {
	return &check.Suite{
		Product: "opmanager",
		Checks: []check.Check{
			headerKey, queryKey, headerOnlyURL, missingKey, invalidKey, readOnlyKey, moduleScope,
			errorEnvelope, datatypeError,
			alarmShape, alarmSeverityFilter, deviceShape, documentedReads,
			devicePages,
			alarmAcknowledge, discoveryProfile, subnet,
			linuxCredential, ncmImports, deviceLifecycle, deviceAlarm, deviceMonitors, downtimeSchedule, businessRule, notificationRefusals,
		},
		// The key goes in the apiKey header (fact B2).
		Authenticate: check.HeaderAuth("apiKey", func(c check.Credential) string { return c.APIKey }),
		ProbePath:    base + "/device/listDevices",
		Accepts:      accepts,
	}
}

// accepts lists alarms as who (the low key has Read on Alarms): a 401 or
// 403, or the error envelope (fact B1), means the key is refused.
func accepts(t *check.T, who check.Who) error {
	res, err := t.Client(who).Get(t.Target().URL + base + "/alarm/listAlarms")
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var v any
	_ = json.NewDecoder(res.Body).Decode(&v)
	e, _ := v.(map[string]any)
	inner, _ := e["error"].(map[string]any)
	switch {
	case inner != nil:
		return fmt.Errorf("GET %s/alarm/listAlarms answered HTTP %d %v: %q", base, res.StatusCode, inner["errorcode"], inner["message"])
	case res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden || e["error"] != nil:
		return fmt.Errorf("GET %s/alarm/listAlarms answered HTTP %d", base, res.StatusCode)
	}
	return nil
}
