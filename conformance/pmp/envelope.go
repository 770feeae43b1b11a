package pmp

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/opsmock/opsmock/conformance/check"
)

// reads are documented reads that need no input: REST lists and lookups
// that answer the operation envelope (PMP §1, §11, §77, §78, §85, §89).
var reads = []string{
	"/resources", "/resources/resourcetypes", "/passwords/policies",
	"/accounts/passwordaccessrequests", "/resourcegroup", "/server/getHighAvailabilityStatus",
}

var operationEnvelope = check.Check{
	ID:       "pmp.envelope.operation-envelope",
	Category: check.Envelope,
	Rule: `Every documented read answers {"operation":{"name","result":{"status":"Success","message"},…}}; "result" has no ` +
		`trailing space (the document's typo, fact C2). Password and TOTP reads are left out: a read-only run retrieves no secret.`,
	Run: func(t *check.T) {
		paths := append([]string{}, reads...)
		if res := rows(t, must(t, check.Primary, http.MethodGet, rest+"/resources", nil)); len(res) > 0 {
			id := str(res[0]["RESOURCE ID"])
			paths = append(paths, "/resources/"+id+"/accounts", "/resources/"+id+"/associatedGroups", "/audit?AUDITTYPE=Resource&LIMIT=5")
			var d map[string]any
			_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, rest+"/resources/"+id+"/accounts", nil).details(), &d)
			if list, _ := d["ACCOUNT LIST"].([]any); len(list) > 0 {
				paths = append(paths, "/resources/"+id+"/accounts/"+str(list[0].(map[string]any)["ACCOUNT ID"]))
			}
		}
		for _, path := range paths {
			p, query, _ := strings.Cut(path, "?")
			r := t.Expect(check.Primary).GET(rest + p).WithQueryString(query).Expect()
			r.Status(http.StatusOK)
			op := r.JSON().Object().Value("operation").Object()
			op.Value("name").String().NotEmpty()
			res := op.Value("result").Object()
			res.Value("status").IsEqual("Success")
			res.Value("message").String()
		}
	},
}

// lists are REST reads whose Details is a list with totalRows (fact C2).
var lists = []string{"/resources", "/resourcegroup"}

var totalRows = check.Check{
	ID:       "pmp.envelope.total-rows",
	Category: check.Envelope,
	Rule:     `A list's totalRows is the number of its Details rows (fact C2; PMP §1, §85).`,
	Run: func(t *check.T) {
		counted := 0
		for _, path := range lists {
			r, e := send(t, check.Primary, http.MethodGet, rest+path, nil)
			r.Status(http.StatusOK)
			if e.Operation == nil || e.Operation.TotalRows == nil {
				t.Failf(r.Raw(), "%s: expected a totalRows field, there is none", path)
				continue
			}
			n := len(rows(t, e))
			counted += n
			if n != *e.Operation.TotalRows {
				t.Failf(r.Raw(), "%s: expected totalRows %d (the number of Details rows), got %d", path, n, *e.Operation.TotalRows)
			}
		}
		if counted == 0 && !t.Failed() {
			t.Skipf("every list is empty: a count of zero rows proves little")
		}
		t.Exercised("%d rows in %d lists", counted, len(lists))
	},
}

// pkiLists are PKI reads with totalRows and a details list (§27, §31,
// §33, §34, §43).
var pkiLists = []string{"/getAllSSHKeys", "/getAllAssociatedUsers", "/getAllSSLCertificates", "/getAllSSLCertsExpiryDate", "/getCSRList"}

var pkiEnvelope = check.Check{
	ID:       "pmp.envelope.pki-envelope",
	Category: check.Envelope,
	Rule:     `PKI reads answer {"name","result":{"status":"Success"},"totalRows","details":[…]} with no operation wrapper, totalRows counting details (PMP §27, §31, §33, §34, §43).`,
	Run: func(t *check.T) {
		counted := 0
		for _, path := range pkiLists {
			r, e := send(t, check.Primary, http.MethodGet, pki+path, nil)
			r.Status(http.StatusOK)
			switch {
			case e.Operation != nil:
				t.Failf(r.Raw(), "%s: expected the PKI envelope {name, result, totalRows, details}, got the REST operation wrapper", path)
			case e.Result == nil || !strings.EqualFold(e.Result.Status, "Success") || e.Name == "":
				t.Failf(r.Raw(), "%s: expected a name and a result with status Success", path)
			case e.TotalRows == nil:
				t.Failf(r.Raw(), "%s: expected a totalRows field, there is none", path)
			default:
				n := len(rows(t, e))
				counted += n
				if n != *e.TotalRows {
					t.Failf(r.Raw(), "%s: expected totalRows %d (the number of details), got %d", path, n, *e.TotalRows)
				}
			}
		}
		if counted == 0 && !t.Failed() {
			t.Skipf("every PKI list is empty: a count of zero rows proves little")
		}
		t.Exercised("%d rows in %d lists", counted, len(pkiLists))
	},
}
