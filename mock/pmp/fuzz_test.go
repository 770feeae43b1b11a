package pmp

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzReadInput: whatever a request's body and INPUT_DATA hold (forms,
// multipart, broken JSON), reading them never panics, and INPUT_DATA's
// Details are a JSON object or nothing.
func FuzzReadInput(f *testing.F) {
	f.Add("application/x-www-form-urlencoded", `INPUT_DATA={"operation":{"Details":{"RESOURCENAME":"x"}}}`, `{"operation":{"Details":{}}}`)
	f.Add("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"File\"; filename=\"k\"\r\n\r\nkey\r\n--b--\r\n", `[]`)
	f.Add("text/json", "INPUT_DATA=%7B%22operation%22%3A%7B%7D%7D", `{"operation":null}`)
	f.Add("", "", `{"operation":{"Details":[1,2]}}`)
	f.Fuzz(func(t *testing.T, contentType, body, inputData string) {
		r := httptest.NewRequest("POST", "/restapi/json/v1/resources?INPUT_DATA="+url.QueryEscape(inputData), strings.NewReader(body))
		r.Header.Set("Content-Type", contentType)
		values, _ := readParams(r, []byte(body))
		_ = inputDetails(values)
		_ = validationRequest(r, values, []byte(body))
	})
}
