package opsmanager

import (
	"net/http"
	"regexp"

	"github.com/opsmock/opsmock/conformance/check"
)

var digestChallenge = check.Check{
	ID:       "opsmanager.auth.digest-challenge",
	Category: check.Auth,
	Rule:     `A request without credentials gets 401 and WWW-Authenticate: Digest realm="MMS Public API" with a nonce, algorithm=MD5 and qop="auth" (fact A4).`,
	Run: func(t *check.T) {
		r := t.Expect(check.Anonymous).GET(base + "/admin/apiKeys").Expect()
		r.Status(http.StatusUnauthorized)
		h := r.Header("WWW-Authenticate")
		h.HasPrefix("Digest ")
		h.Contains(`realm="MMS Public API"`)
		h.Match(`nonce="[^"]+"`)
		h.Match(`algorithm="?MD5"?`)
		h.Match(`qop="[^"]*\bauth\b[^"]*"`)
	},
}

// unauthorizedBody is the three-field 401 body of fact A1 (no errorCode).
var unauthorizedKeys = []any{"detail", "error", "reason"}

var missingCredentials = check.Check{
	ID:       "opsmanager.auth.missing-credentials",
	Category: check.Auth,
	Rule:     `Without credentials every endpoint answers 401 {"error":401,"reason":"Unauthorized","detail":…} and nothing else (facts A1, A3).`,
	Run: func(t *check.T) {
		for _, path := range []string{"/admin/apiKeys", "/admin/apiKeys/000000000000000000000000", "/admin/accessList"} {
			r := t.Expect(check.Anonymous).GET(base + path).Expect()
			r.Status(http.StatusUnauthorized)
			body := object(r)
			body.Keys().ContainsOnly(unauthorizedKeys...)
			body.Value("error").IsEqual(401)
			body.Value("reason").IsEqual("Unauthorized")
		}
	},
}

var wrongCredentials = check.Check{
	ID:       "opsmanager.auth.wrong-credentials",
	Category: check.Auth,
	Rule: `A known public key with the wrong private key gets the same three-field 401 body (fact A1: "You are not authorized for this resource."). ` +
		`The right pair is read with first: a target refusing every Digest header proves nothing.`,
	Run: func(t *check.T) {
		right := t.Expect(check.Primary).GET(base+"/admin/apiKeys").WithQuery("itemsPerPage", 1).Expect().Raw()
		if right.StatusCode != http.StatusOK {
			t.Skipf("the right key pair is refused too (HTTP %d), so a refusal of a wrong one would prove nothing", right.StatusCode)
		}
		wrong := t.Target().Primary
		wrong.PrivateKey = "00000000-0000-0000-0000-000000000000"
		res, err := t.ClientWith(wrong).Get(t.Target().URL + base + "/admin/apiKeys")
		if err != nil {
			t.Fatalf("GET with the wrong private key got no answer")
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Failf(res, "the wrong private key was answered HTTP %d, expected 401", res.StatusCode)
			return
		}
		body := readJSONObject(t, res)
		if len(body) != 3 || body["error"] != float64(401) || body["reason"] != "Unauthorized" || body["detail"] == nil {
			t.Failf(res, "expected the three-field body {error: 401, reason: Unauthorized, detail}, got fields %s", t.Show(keys(body)))
		}
	},
}

var readOnlyCannotWrite = check.Check{
	ID:       "opsmanager.auth.read-only-cannot-write",
	Category: check.Auth,
	NeedsLow: true,
	Rule: `A read-only key lists keys but may not create one: 401 USER_UNAUTHORIZED (facts A2, A3). ` +
		`The probe omits roles, so even a server that skipped the role check could not create anything.`,
	Run: func(t *check.T) {
		low := t.Expect(check.Low)
		low.GET(base+"/admin/apiKeys").WithQuery("itemsPerPage", 1).Expect().Status(http.StatusOK)
		r := low.POST(base + "/admin/apiKeys").WithJSON(map[string]any{"desc": "opsmock-conformance probe"}).Expect()
		r.Status(http.StatusUnauthorized)
		object(r).Value("errorCode").IsEqual("USER_UNAUTHORIZED")
	},
}

var uuid = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
