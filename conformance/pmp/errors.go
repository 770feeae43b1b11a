package pmp

import (
	"net/http"
	"strings"

	"github.com/opsmock/opsmock/conformance/check"
)

// unknownID is an ID no deployment has.
const unknownID = "987654321"

var unknownAccount = check.Check{
	ID:       "pmp.errors.unknown-account",
	Category: check.Errors,
	Rule:     `An unknown resource or account ID is a Failed envelope with HTTP 200, not an HTTP error (fact C1; PMP §3).`,
	Run: func(t *check.T) {
		r, e := send(t, check.Primary, http.MethodGet, rest+"/resources/"+unknownID+"/accounts/"+unknownID, nil)
		r.Status(http.StatusOK)
		if e.Operation == nil || e.Operation.Result == nil || e.Operation.Result.Status != "Failed" {
			t.Failf(r.Raw(), "an unknown account is not a Failed operation envelope")
		}
	},
}

var malformedInput = check.Check{
	ID:       "pmp.errors.malformed-input-data",
	Category: check.Errors,
	Rule:     `INPUT_DATA that is not JSON gets a Failed envelope with HTTP 200 whose message names INPUT_DATA, never a server error (facts C1, C3; PMP §16).`,
	Run: func(t *check.T) {
		r := t.Expect(check.Primary).GET(rest+"/passwords/generate").WithQuery("INPUT_DATA", `{"operation":{"Details":`).Expect()
		r.Status(http.StatusOK)
		res := r.JSON().Object().Value("operation").Object().Value("result").Object()
		res.Value("status").IsEqual("Failed")
		if msg := res.Value("message").String().Raw(); !strings.Contains(msg, "INPUT_DATA") {
			t.Failf(r.Raw(), "the message does not say INPUT_DATA is at fault: %q", msg)
		}
	},
}

var pkiUnknownCertificate = check.Check{
	ID:       "pmp.errors.pki-unknown-certificate",
	Category: check.Errors,
	Rule:     `A PKI read about an unknown certificate gets a PKI Failed envelope with HTTP 200 (PMP §35; fact C1).`,
	Run: func(t *check.T) {
		r, e := send(t, check.Primary, http.MethodGet, pki+"/getCertificateDetails", map[string]any{"common_name": Prefix + ".invalid"})
		r.Status(http.StatusOK)
		if e.Operation != nil || e.Result == nil || e.Result.Status != "Failed" {
			t.Failf(r.Raw(), "an unknown certificate is not a PKI Failed envelope")
		}
	},
}
