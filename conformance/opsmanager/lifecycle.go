package opsmanager

import (
	"fmt"
	"net/http"
	"time"

	"github.com/opsmock/opsmock/conformance/check"
)

// Prefix names everything a write check creates, so a person can tell it
// apart and clean up after an interrupted run.
const Prefix = "opsmock-conformance"

var apiKeyLifecycle = check.Check{
	ID:       "opsmanager.lifecycle.api-key",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `Create answers 200 with the full private key, once; get shows it redacted; update changes desc; ` +
		`the list contains it; delete answers 204 and get then fails with API_KEY_NOT_FOUND (fact A6).`,
	Run: func(t *check.T) {
		e := t.Expect(check.Primary)
		desc := fmt.Sprintf("%s %s", Prefix, time.Now().UTC().Format(time.RFC3339Nano))
		r := e.POST(base + "/admin/apiKeys").WithJSON(map[string]any{"desc": desc, "roles": []string{"GLOBAL_READ_ONLY"}}).Expect()
		r.Status(http.StatusOK)
		created := object(r)
		id := created.Value("id").String().NotEmpty().Raw()
		if id == "" {
			t.Fatalf("create answered no id")
		}
		deleted := false
		t.Cleanup(func() {
			if !deleted {
				t.Expect(check.Primary).DELETE(base+"/admin/apiKeys/{id}", id).Expect()
			}
		})
		pk := created.Value("privateKey").String().Raw()
		t.Secret(pk)
		if !uuid.MatchString(pk) {
			t.Failf(r.Raw(), "create did not answer the full private key")
		}
		created.Value("desc").IsEqual(desc)

		got := e.GET(base+"/admin/apiKeys/{id}", id).Expect()
		got.Status(http.StatusOK)
		if shown := object(got).Value("privateKey").String().Raw(); !redactedKey.MatchString(shown) {
			t.Secret(shown)
			t.Failf(got.Raw(), "get shows the new key's private key unredacted")
		}
		object(e.PATCH(base+"/admin/apiKeys/{id}", id).WithJSON(map[string]any{"desc": desc + " updated"}).Expect().
			Status(http.StatusOK)).Value("desc").IsEqual(desc + " updated")
		if !listed(t, id) {
			t.Errorf("the new key %s is not in the list", id)
		}
		e.DELETE(base+"/admin/apiKeys/{id}", id).Expect().Status(http.StatusNoContent).NoContent()
		deleted = true
		gone := e.GET(base+"/admin/apiKeys/{id}", id).Expect()
		gone.Status(http.StatusBadRequest)
		object(gone).Value("errorCode").IsEqual("API_KEY_NOT_FOUND")
	},
}

// listed walks the list for a key.
func listed(t *check.T, id string) bool {
	for n := 1; n <= maxPages; n++ {
		p, ok := listPage(t, query("itemsPerPage", 500, "pageNum", n))
		if !ok {
			return false
		}
		for _, item := range p.Results {
			if item["id"] == id {
				return true
			}
		}
		if len(p.Results) < 500 {
			return false
		}
	}
	return false
}
