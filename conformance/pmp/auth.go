package pmp

import (
	"net/http"

	"github.com/gavv/httpexpect/v2"

	"github.com/opsmock/opsmock/conformance/check"
)

// noTokenMessage is fact C1's captured text.
const noTokenMessage = "API key received is not associated to any user. Authentication failed."

// refused asserts fact C1's Authentication failure, with HTTP 200.
func refused(_ *check.T, r *httpexpect.Response, pkiShape bool) {
	r.Status(http.StatusOK)
	obj := r.JSON().Object()
	if pkiShape {
		obj.NotContainsKey("operation")
	} else {
		obj = obj.Value("operation").Object()
	}
	obj.Value("name").IsEqual("Authentication")
	obj.Value("result").Object().Value("status").IsEqual("Failed")
	obj.Value("result").Object().Value("message").IsEqual(noTokenMessage)
}

var missingToken = check.Check{
	ID:       "pmp.auth.missing-token",
	Category: check.Auth,
	Rule:     `Without a token the API answers HTTP 200 {"operation":{"name":"Authentication","result":{"status":"Failed","message":"API key received is not associated to any user. Authentication failed."}}} (fact C1).`,
	Run: func(t *check.T) {
		refused(t, t.Expect(check.Anonymous).GET(rest+"/resources").Expect(), false)
	},
}

var wrongToken = check.Check{
	ID:       "pmp.auth.wrong-token",
	Category: check.Auth,
	Rule:     `An unknown token gets the same Authentication failure (fact C1).`,
	Run: func(t *check.T) {
		r := t.Expect(check.Anonymous).GET(rest+"/resources").WithHeader("AUTHTOKEN", "00000000-0000-0000-0000-000000000000").Expect()
		refused(t, r, false)
	},
}

var queryToken = check.Check{
	ID:       "pmp.auth.query-token",
	Category: check.Auth,
	Rule: `The token also works as the AUTHTOKEN query parameter, and a wrong one there is refused (facts C1, C3): ` +
		`a target that ignores the parameter and lets anyone in does not pass.`,
	Run: func(t *check.T) {
		r := t.Expect(check.Anonymous).GET(rest+"/resources").WithQuery("AUTHTOKEN", t.Target().Primary.Token).Expect()
		r.Status(http.StatusOK)
		op := r.JSON().Object().Value("operation").Object()
		op.Value("name").IsEqual("GET RESOURCES")
		op.Value("result").Object().Value("status").IsEqual("Success")
		refused(t, t.Expect(check.Anonymous).GET(rest+"/resources").WithQuery("AUTHTOKEN", "00000000-0000-0000-0000-000000000000").Expect(), false)
	},
}

var pkiRefusal = check.Check{
	ID:       "pmp.auth.pki-refusal",
	Category: check.Auth,
	Rule:     `The PKI API refuses a request without a token in its own shape, {"name":"Authentication","result":{…}} with no operation wrapper (PMP §25-§76, fact C2).`,
	Run: func(t *check.T) {
		refused(t, t.Expect(check.Anonymous).GET(pki+"/getAllSSHKeys").Expect(), true)
	},
}

var lowTokenRoles = check.Check{
	ID:       "pmp.auth.low-token-roles",
	Category: check.Auth,
	NeedsLow: true,
	Rule: `A Password User's token lists its resources but is refused the administrators' SSH key list with a Failed ` +
		`envelope (PMP §1, §27; roles per the spec's x-roles).`,
	Run: func(t *check.T) {
		must(t, check.Low, http.MethodGet, rest+"/resources", nil)
		r, e := send(t, check.Low, http.MethodGet, pki+"/getAllSSHKeys", nil)
		r.Status(http.StatusOK)
		if e.Result == nil || e.Result.Status != "Failed" {
			t.Failf(r.Raw(), "the low token was not refused the SSH key list")
		}
	},
}
