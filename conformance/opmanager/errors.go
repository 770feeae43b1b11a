package opmanager

import (
	"net/http"

	"github.com/opsmock/opsmock/conformance/check"
)

var errorEnvelope = check.Check{
	ID:       "opmanager.errors.error-envelope",
	Category: check.Errors,
	Rule:     `A missing mandatory parameter answers HTTP 200 {"error":{"message","errorcode":"LESS_THAN_MIN_OCCURANCE"}} naming it (fact B1, sic spelling).`,
	Run: func(t *check.T) {
		r := t.Expect(check.Primary).GET(base + "/device/getDeviceSummary").Expect()
		r.Status(http.StatusOK)
		obj := r.JSON().Object()
		obj.Keys().ContainsOnly("error")
		e := obj.Value("error").Object()
		e.Keys().ContainsOnly("message", "errorcode")
		e.Value("errorcode").IsEqual("LESS_THAN_MIN_OCCURANCE")
		e.Value("message").String().Contains("'name'")
	},
}

var datatypeError = check.Check{
	ID:       "opmanager.errors.datatype",
	Category: check.Errors,
	Rule:     `A parameter of the wrong type answers HTTP 200 with DATATYPE_NOT_MATCHED naming it (fact B1).`,
	Run: func(t *check.T) {
		r := t.Expect(check.Primary).GET(base+"/device/listDevices").WithQuery("page", "first").Expect()
		r.Status(http.StatusOK)
		e := refusal(r)
		e.Value("errorcode").IsEqual("DATATYPE_NOT_MATCHED")
		e.Value("message").String().Contains("'page'")
	},
}
