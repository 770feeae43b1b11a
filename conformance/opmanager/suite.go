// Package opmanager holds the conformance checks of ManageEngine
// OpManager's REST API (seed 000, API-FACTS section B).
package opmanager

import (
	"encoding/json"
	"errors"

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
			headerKey, queryKey, headerOnlyURL, missingKey, invalidKey, readOnlyKey,
			errorEnvelope, datatypeError,
			alarmShape, alarmSeverityFilter, deviceShape,
			devicePages,
			alarmAcknowledge, discoveryProfile, subnet,
		},
		// The key goes in the apiKey header (B2).
		Authenticate: check.HeaderAuth("apiKey", func(c check.Credential) string { return c.APIKey }),
		Probe:        probe,
	}
}

// probe: an unauthenticated device list answers OpManager's error envelope
// (or, on a target that lets anyone read, a list).
func probe(t *check.T) error {
	res, err := t.Client(check.Anonymous).Get(t.Target().URL + base + "/device/listDevices")
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var v any
	if json.NewDecoder(res.Body).Decode(&v) == nil {
		switch x := v.(type) {
		case []any:
			return nil
		case map[string]any:
			if e, ok := x["error"].(map[string]any); ok && e["errorcode"] != nil {
				return nil
			}
			if x["rows"] != nil {
				return nil
			}
		}
	}
	return errors.New("GET " + base + "/device/listDevices answered " + res.Status + " with neither a list nor OpManager's error envelope")
}
