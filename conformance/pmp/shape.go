package pmp

import (
	"encoding/json"
	"net/http"
	"regexp"

	"github.com/opsmock/opsmock/conformance/check"
)

var digits = regexp.MustCompile(`^\d+$`)

var valuesAreStrings = check.Check{
	ID:       "pmp.shape.values-are-strings",
	Category: check.Shape,
	Rule:     `Numbers come as strings: "RESOURCE ID":"301", "NOOFACCOUNTS":"1" (fact C2; PMP §1).`,
	Run: func(t *check.T) {
		list := rows(t, must(t, check.Primary, http.MethodGet, rest+"/resources", nil))
		if len(list) == 0 {
			t.Skipf("the target lists no resource to look at")
		}
		t.Exercised("%d resources", len(list))
		for _, row := range list {
			for _, field := range []string{"RESOURCE ID", "NOOFACCOUNTS"} {
				if s, ok := row[field].(string); !ok || !digits.MatchString(s) {
					t.Errorf("resource %s: expected %s as a string of digits, got %s", t.Show(row["RESOURCE NAME"]), field, t.Show(row[field]))
				}
			}
		}
	},
}

// maxLookups bounds the resources the lookup check asks about.
const maxLookups = 3

var idLookups = check.Check{
	ID:       "pmp.shape.id-lookups",
	Category: check.Shape,
	Rule: `Looking a resource up by name (§8), and a resource and account by names (§7), gives the IDs the lists show ` +
		`(§1, §2; fact C2).`,
	Run: func(t *check.T) {
		list := rows(t, must(t, check.Primary, http.MethodGet, rest+"/resources", nil))
		if len(list) == 0 {
			t.Skipf("the target lists no resource to look up")
		}
		accounts := 0
		defer func() { t.Exercised("%d resources, %d accounts", min(len(list), maxLookups), accounts) }()
		for i, row := range list {
			if i == maxLookups {
				break
			}
			id, name := str(row["RESOURCE ID"]), str(row["RESOURCE NAME"])
			r := t.Expect(check.Primary).GET(rest+"/resources/resourcename/{name}", name).Expect()
			r.Status(http.StatusOK)
			var e envelope
			var byName map[string]any
			_ = json.Unmarshal([]byte(r.Body().Raw()), &e)
			if json.Unmarshal(e.details(), &byName) != nil || str(byName["RESOURCEID"]) != id {
				t.Errorf("resource %q: the list says ID %s, the lookup by name %s", name, id, t.Show(byName["RESOURCEID"]))
			}
			var details map[string]any
			_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, rest+"/resources/"+id+"/accounts", nil).details(), &details)
			list, _ := details["ACCOUNT LIST"].([]any)
			if len(list) == 0 {
				continue
			}
			acc, _ := list[0].(map[string]any)
			accounts++
			e = must(t, check.Primary, http.MethodGet, rest+"/resources/getResourceIdAccountId", nil,
				"RESOURCENAME", name, "ACCOUNTNAME", str(acc["ACCOUNT NAME"]))
			var ids map[string]any
			_ = json.Unmarshal(e.details(), &ids)
			if str(ids["RESOURCEID"]) != id || str(ids["ACCOUNTID"]) != str(acc["ACCOUNT ID"]) {
				t.Errorf("resource %q account %s: the lists say IDs %s and %s, the lookup %s and %s", name, t.Show(acc["ACCOUNT NAME"]), id,
					t.Show(acc["ACCOUNT ID"]), t.Show(ids["RESOURCEID"]), t.Show(ids["ACCOUNTID"]))
			}
		}
	},
}
