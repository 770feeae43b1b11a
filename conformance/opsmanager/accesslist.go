package opsmanager

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/opsmock/opsmock/conformance/check"
)

// The global access list under both its paths (fact A7): /admin/accessList
// and the legacy /admin/whitelist serve the same entries.
var accessPaths = []string{base + "/admin/accessList", base + "/admin/whitelist"}

// accessEntries lists one path's entries (up to 500), as the primary key.
func accessEntries(t *check.T, path string) []map[string]any {
	r := t.Expect(check.Primary).GET(path).WithQuery("itemsPerPage", 500).Expect()
	r.Status(http.StatusOK)
	var p struct {
		Results []map[string]any `json:"results"`
	}
	if err := json.Unmarshal([]byte(r.Body().Raw()), &p); err != nil || p.Results == nil {
		t.Failf(r.Raw(), "expected a list document with results")
		t.Fatalf("cannot go on")
	}
	return p.Results
}

var accessListShape = check.Check{
	ID:       "opsmanager.shape.access-list",
	Category: check.Shape,
	Rule: `The access list and its legacy whitelist path list the same entries, each with cidrBlock, created, description, ` +
		`id, type and updated; each reads back by id under both paths (fact A7).`,
	Run: func(t *check.T) {
		lists := [2][]map[string]any{accessEntries(t, accessPaths[0]), accessEntries(t, accessPaths[1])}
		ids := func(entries []map[string]any) []string {
			var out []string
			for _, e := range entries {
				out = append(out, fmt.Sprint(e["id"]))
			}
			return out
		}
		if fmt.Sprint(ids(lists[0])) != fmt.Sprint(ids(lists[1])) {
			t.Errorf("accessList lists %v but whitelist %v", ids(lists[0]), ids(lists[1]))
		}
		if len(lists[0]) == 0 {
			t.Skipf("the access list is empty: no entry to read back")
		}
		for i, e := range lists[0] {
			if i == 10 {
				break
			}
			for _, path := range accessPaths {
				got := object(t.Expect(check.Primary).GET(path+"/{id}", e["id"]).Expect().Status(http.StatusOK))
				got.Value("cidrBlock").IsEqual(e["cidrBlock"])
			}
		}
		t.Exercised("%d entries, each read under both paths", min(len(lists[0]), 10))
	},
}

var unknownAccessEntry = check.Check{
	ID:       "opsmanager.errors.unknown-access-entry",
	Category: check.Errors,
	Rule:     `Reading an access list entry that does not exist answers 404 ACCESS_LIST_NOT_FOUND naming it, under both paths (fact A7).`,
	Run: func(t *check.T) {
		const id = "000000000000000000000000"
		for _, path := range accessPaths {
			r := t.Expect(check.Primary).GET(path+"/{id}", id).Expect()
			r.Status(http.StatusNotFound)
			obj := object(r)
			obj.Value("errorCode").IsEqual("ACCESS_LIST_NOT_FOUND")
			obj.Value("parameters").Array().ContainsAny(id)
		}
	},
}

// testCIDR is one address of the benchmarking range (198.18.0.0/15), which
// no caller uses, varied per run.
func testCIDR() string {
	n := time.Now().UnixNano()
	return fmt.Sprintf("198.19.%d.%d/32", n%250+1, (n/250)%250+1)
}

var accessListLifecycle = check.Check{
	ID:       "opsmanager.lifecycle.access-list",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `An entry created under one path reads back under the other, PATCH changes it under either, the same block again ` +
		`is 409 ADDRESS_ALREADY_IN_ACCESS_LIST, DELETE is 204 and unlists it (fact A7). Never locks a caller out: runs only on ` +
		`a non-empty list (which admits the caller), adds and removes only 198.18.0.0/15 entries.`,
	Run: func(t *check.T) {
		if len(accessEntries(t, accessPaths[0])) == 0 {
			t.Skipf("the access list is empty: an entry would shut out every caller it does not cover")
		}
		e := t.Expect(check.Primary)
		var created []string
		t.Cleanup(func() {
			for _, id := range created {
				e.DELETE(accessPaths[0]+"/{id}", id).Expect()
			}
		})
		create := func(path, cidr string) string {
			r := e.POST(path).WithJSON(map[string]any{"cidrBlock": cidr, "description": Prefix}).Expect()
			r.Status(http.StatusOK)
			id := object(r).Value("id").String().NotEmpty().Raw()
			if id == "" {
				t.Fatalf("create under %s answered no id", path)
			}
			created = append(created, id)
			return id
		}
		for i, path := range accessPaths {
			other := accessPaths[1-i]
			cidr := testCIDR()
			id := create(path, cidr)
			object(e.GET(other+"/{id}", id).Expect().Status(http.StatusOK)).Value("cidrBlock").IsEqual(cidr)
			for _, p := range accessPaths {
				desc := Prefix + " via " + p
				object(e.PATCH(p+"/{id}", id).WithJSON(map[string]any{"description": desc}).Expect().
					Status(http.StatusOK)).Value("description").IsEqual(desc)
			}
			dup := e.POST(other).WithJSON(map[string]any{"cidrBlock": cidr, "description": Prefix}).Expect()
			dup.Status(http.StatusConflict)
			object(dup).Value("errorCode").IsEqual("ADDRESS_ALREADY_IN_ACCESS_LIST")
			e.DELETE(other+"/{id}", id).Expect().Status(http.StatusNoContent)
			created = created[:len(created)-1]
			for _, entry := range accessEntries(t, path) {
				if entry["id"] == id {
					t.Errorf("entry %s is still listed under %s after DELETE", id, path)
				}
			}
		}
		t.Exercised("two entries, each created, read, updated and deleted across both paths")
	},
}
