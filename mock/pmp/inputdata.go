package pmp

import (
	"encoding/json"
	"net/url"
)

// InputData is the INPUT_DATA a client sends with details, exactly as PMP
// expects it: {"operation":{"Details":{...}}} (PMP-DOC, fact C3).
func InputData(details map[string]any) string {
	b, err := json.Marshal(map[string]any{"operation": map[string]any{"Details": details}})
	if err != nil {
		panic("pmp: INPUT_DATA details are not JSON: " + err.Error()) // a test's own mistake
	}
	return string(b)
}

// InputValues is INPUT_DATA as a parameter: the query of a GET or DELETE,
// the form body (application/x-www-form-urlencoded) of a POST or PUT.
func InputValues(details map[string]any) url.Values {
	return url.Values{"INPUT_DATA": {InputData(details)}}
}
