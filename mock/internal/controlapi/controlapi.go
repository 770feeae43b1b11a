// Package controlapi holds what every part of the /_opsmock/ control plane
// shares: its JSON bodies and error shape. The control plane is opsmock
// tooling, not a vendor API, so it has one plain shape everywhere.
package controlapi

import (
	"encoding/json"
	"net/http"
)

// Write sends v as indented JSON.
func Write(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encode response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// Error sends {"error": msg}.
func Error(w http.ResponseWriter, status int, msg string) {
	Write(w, status, map[string]string{"error": msg})
}
