package opmanager

import (
	"net/http"

	"github.com/gavv/httpexpect/v2"

	"github.com/opsmock/opsmock/conformance/check"
	"github.com/opsmock/opsmock/spec"
)

// refusal asserts OpManager's error envelope, {"error":{"message","errorcode"}}
// (fact B1), whatever status the deployment uses for it (fact B2 [I]).
func refusal(r *httpexpect.Response) *httpexpect.Object {
	e := r.JSON().Object().Value("error").Object()
	e.Value("message").String().NotEmpty()
	e.Value("errorcode").String().NotEmpty()
	return e
}

// reads are the GET operations a key in the header must open (facts B2, B3;
// the v1 APIs of OPM-KEYS's Specific API example).
var reads = []string{"/device/listDevices", "/alarm/listAlarms", "/v1/ncmsettings/getSysLogBlockedHosts", "/v1/nfadevice/getNFAV2TabList"}

var headerKey = check.Check{
	ID:       "opmanager.auth.header-key",
	Category: check.Auth,
	Rule:     `The key in the apiKey header opens every read, the v1 APIs included (fact B2; OPM-KEYS).`,
	Run: func(t *check.T) {
		for _, path := range reads {
			r := t.Expect(check.Primary).GET(base + path).Expect()
			r.Status(http.StatusOK)
			if obj, ok := r.JSON().Raw().(map[string]any); ok && obj["error"] != nil {
				t.Failf(r.Raw(), "%s refused the key in the header", path)
			}
		}
	},
}

var queryKey = check.Check{
	ID:       "opmanager.auth.query-key",
	Category: check.Auth,
	Rule: `On an ordinary URL the key also works as the apiKey query parameter (fact B2, deprecated but accepted), ` +
		`and an unknown key there is refused: a target letting anyone in does not pass.`,
	Run: func(t *check.T) {
		r := t.Expect(check.Anonymous).GET(base+"/device/listDevices").WithQuery("apiKey", t.Target().Primary.APIKey).Expect()
		r.Status(http.StatusOK)
		r.JSON().Array()
		refusal(t.Expect(check.Anonymous).GET(base+"/device/listDevices").WithQuery("apiKey", "00000000000000000000000000000000").Expect())
	},
}

var headerOnlyURL = check.Check{
	ID:       "opmanager.auth.header-only-url",
	Category: check.Auth,
	Rule: `listAlarms is one of the 16 header-only URLs: the key as a query parameter counts as no key (fact B2). ` +
		`The same key in the header is read first: a refusal proves nothing if the key opens nothing.`,
	Run: func(t *check.T) {
		if h := t.Expect(check.Primary).GET(base + "/alarm/listAlarms").Expect().Raw(); h.StatusCode != http.StatusOK {
			t.Skipf("the key is refused listAlarms in the header too (HTTP %d)", h.StatusCode)
		}
		r := t.Expect(check.Anonymous).GET(base+"/alarm/listAlarms").WithQuery("apiKey", t.Target().Primary.APIKey).Expect()
		if r.Raw().StatusCode == http.StatusOK {
			if _, isList := r.JSON().Raw().([]any); isList {
				t.Failf(r.Raw(), "listAlarms answered the alarms to a key in the query")
				return
			}
		}
		refusal(r)
	},
}

var missingKey = check.Check{
	ID:       "opmanager.auth.missing-key",
	Category: check.Auth,
	Rule:     `Without a key the answer is the error envelope, not data (facts B1, B2).`,
	Run: func(t *check.T) {
		refusal(t.Expect(check.Anonymous).GET(base + "/device/listDevices").Expect())
	},
}

var invalidKey = check.Check{
	ID:       "opmanager.auth.invalid-key",
	Category: check.Auth,
	Rule:     `An unknown key gets the error envelope, not data (facts B1, B2).`,
	Run: func(t *check.T) {
		refusal(t.Expect(check.Anonymous).GET(base+"/device/listDevices").WithHeader("apiKey", "00000000000000000000000000000000").Expect())
	},
}

var readOnlyKey = check.Check{
	ID:       "opmanager.auth.read-only-key",
	Category: check.Auth,
	NeedsLow: true,
	Rule: `A key with Read access to alarms lists them, but acknowledging is refused (403), before the parameters are ` +
		`looked at: the probe names no alarm, so it cannot change one (fact B2 API key access types).`,
	Run: func(t *check.T) {
		low := t.Expect(check.Low)
		low.GET(base + "/alarm/listAlarms").Expect().Status(http.StatusOK).JSON().Array()
		r := low.POST(base + "/alarm/acknowledgeAlarm").Expect()
		r.Status(http.StatusForbidden)
		refusal(r)
	},
}

// lowModule is the module the low key reads (OPM-KEYS Module access; the
// runner's --api-key-low is documented as a key with Read on Alarms).
const lowModule = "Alarms"

var moduleScope = check.Check{
	ID:       "opmanager.auth.module-scope",
	Category: check.Auth,
	NeedsLow: true,
	Rule: `A key with Read on the Alarms module is served every GET of that module (x-module) that needs no parameter, and is ` +
		`refused (403) every other method there, before parameters are looked at: the probes carry none, so nothing ` +
		`can change (OPM-KEYS Module access: Read allows reads only).`,
	Run: func(t *check.T) {
		low := t.Expect(check.Low)
		var reads, writes int
		for _, op := range t.Target().Operations() {
			if m, _ := op.Op.Extensions["x-module"].(string); m != lowModule {
				continue
			}
			if op.Method == http.MethodGet && needsParameters(op) {
				continue // without its parameters a read answers an error, judged by other checks
			}
			r := low.Request(op.Method, op.Path).Expect()
			status := r.Raw().StatusCode
			if op.Method == http.MethodGet {
				reads++
				if status == http.StatusForbidden || status == http.StatusUnauthorized {
					t.Failf(r.Raw(), "%s refused a key with Read on %s: HTTP %d", op.OperationID, lowModule, status)
				}
				continue
			}
			writes++
			if status != http.StatusForbidden {
				t.Failf(r.Raw(), "%s %s let a key with only Read on %s through: HTTP %d, expected 403", op.Method, op.OperationID, lowModule, status)
				continue
			}
			refusal(r)
		}
		if reads == 0 || writes == 0 {
			t.Skipf("the spec has %d reads and %d writes in %s: the rule needs both", reads, writes, lowModule)
		}
		t.Exercised("%d reads and %d writes of the %s module", reads, writes, lowModule)
	},
}

// needsParameters says whether an operation has a required parameter, or
// needs one of several (x-requires-one-of).
func needsParameters(op spec.Operation) bool {
	if op.Op.Extensions["x-requires-one-of"] != nil {
		return true
	}
	for _, p := range op.Op.Parameters {
		if p.Value != nil && p.Value.Required {
			return true
		}
	}
	return false
}
