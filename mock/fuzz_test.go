package mock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzHandler sends the whole server random requests (method, product,
// path, credential, content type, body): no answer is a 500, and every
// JSON answer is JSON.
func FuzzHandler(f *testing.F) {
	s, err := New()
	if err != nil {
		f.Fatal(err)
	}
	creds := s.Credentials()
	prefixes := []string{"/restapi/json/v1", "/api/pki/restapi", "/api/public/v1.0", "/api/json", "/_opsmock"}
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}
	types := []string{"", "application/json", "application/x-www-form-urlencoded", "text/json", "multipart/form-data; boundary=b"}
	f.Add(uint8(0), uint8(0), "resources", uint8(1), uint8(2), []byte(`INPUT_DATA={"operation":{"Details":{"RESOURCENAME":"x"}}}`))
	f.Add(uint8(1), uint8(1), "createsshkey", uint8(1), uint8(4), []byte("--b\r\nContent-Disposition: form-data; name=\"INPUT_DATA\"\r\n\r\n{}\r\n--b--\r\n"))
	f.Add(uint8(1), uint8(2), "admin/apiKeys", uint8(0), uint8(1), []byte(`{"desc":"x","roles":["GLOBAL_OWNER"]}`))
	f.Add(uint8(0), uint8(3), "alarm/listAlarms?severity=9", uint8(1), uint8(0), []byte(nil))
	f.Add(uint8(0), uint8(3), "device/listInterfaces?sortByColumn=statusNum&sortByType=desc&rows=3&page=2&severity=1&type=x", uint8(1), uint8(0), []byte(nil))
	f.Add(uint8(0), uint8(3), "device/listDevices?sortByColumn=interfaceCount&sortByType=desc&rows=5&page=3", uint8(1), uint8(0), []byte(nil))
	f.Add(uint8(2), uint8(4), "faults", uint8(0), uint8(1), []byte(`{"kind":"latency"}`))
	f.Fuzz(func(t *testing.T, method, product uint8, path string, credential, contentType uint8, body []byte) {
		for _, p := range []string{"faults", "state", "reset", "drifts"} {
			if strings.HasPrefix(path, p) {
				return // the control plane's switches change how the server answers the next inputs (a drift answers 500 on purpose)
			}
		}
		prefix := prefixes[int(product)%len(prefixes)]
		req, err := http.NewRequest(methods[int(method)%len(methods)], "http://x"+prefix+"/"+path, bytes.NewReader(body))
		if err != nil {
			return // not a URL a client could send
		}
		if ct := types[int(contentType)%len(types)]; ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		switch credential % 3 {
		case 1:
			req.Header.Set("AUTHTOKEN", creds.PMP[0].AuthToken)
			req.Header.Set("apiKey", creds.OpManager[0].APIKey)
		case 2:
			req.Header.Set("AUTHTOKEN", "wrong")
			req.Header.Set("apiKey", "wrong")
		}
		req.RemoteAddr = "127.0.0.1:40000"
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s answered %d: %s", req.Method, req.URL, rec.Code, rec.Body.String())
		}
		if strings.Contains(rec.Header().Get("Content-Type"), "json") && rec.Body.Len() > 0 && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s answered JSON that is not: %q", req.Method, req.URL, rec.Body.String())
		}
	})
}
