package opsmanager

import (
	"net/http"

	"github.com/opsmock/opsmock/conformance/check"
)

// errorKeys are the five fields of an error document (fact A1).
var errorKeys = []any{"detail", "error", "errorCode", "parameters", "reason"}

var unknownKey = check.Check{
	ID:       "opsmanager.errors.unknown-key",
	Category: check.Errors,
	Rule:     `An unknown key ID answers 400 (sic) API_KEY_NOT_FOUND naming the ID (facts A2, A3).`,
	Run: func(t *check.T) {
		const id = "000000000000000000000000"
		r := t.Expect(check.Primary).GET(base+"/admin/apiKeys/{id}", id).Expect()
		r.Status(http.StatusBadRequest)
		obj := object(r)
		obj.Value("errorCode").IsEqual("API_KEY_NOT_FOUND")
		obj.Value("parameters").Array().ContainsAny(id)
	},
}

var errorDocument = check.Check{
	ID:       "opsmanager.errors.error-document",
	Category: check.Errors,
	Rule:     `An error is the five-field document: detail, error (= the HTTP status), errorCode, parameters, reason (= the reason phrase) (fact A1).`,
	Run: func(t *check.T) {
		r := t.Expect(check.Primary).GET(base+"/admin/apiKeys").WithQuery("itemsPerPage", "abc").Expect()
		r.Status(http.StatusBadRequest)
		obj := object(r)
		obj.Keys().ContainsOnly(errorKeys...)
		obj.Value("error").IsEqual(400)
		obj.Value("reason").IsEqual("Bad Request")
		obj.Value("detail").String().NotEmpty()
		obj.Value("errorCode").IsEqual("INVALID_QUERY_PARAMETER")
		obj.Value("parameters").Array()
	},
}

var unknownPath = check.Check{
	ID:       "opsmanager.errors.unknown-path",
	Category: check.Errors,
	Rule:     `A path under the API that names nothing answers 404 RESOURCE_NOT_FOUND with the path as its parameter (facts A1, A2).`,
	Run: func(t *check.T) {
		path := base + "/admin/opsmockNoSuchResource"
		r := t.Expect(check.Primary).GET(path).Expect()
		r.Status(http.StatusNotFound)
		obj := object(r)
		obj.Value("errorCode").IsEqual("RESOURCE_NOT_FOUND")
		obj.Value("parameters").Array().ContainsAny(path)
	},
}
