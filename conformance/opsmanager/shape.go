package opsmanager

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/opsmock/opsmock/conformance/check"
)

// redactedKey is how lists and gets show a private key (fact A6).
var redactedKey = regexp.MustCompile(`^\*{8}-\*{4}-\*{4}-[0-9a-f]{12}$`)

var privateKeyRedacted = check.Check{
	ID:       "opsmanager.shape.private-key-redacted",
	Category: check.Shape,
	Rule:     `List and get never show a private key: it reads ********-****-****-<last 12 hex> (fact A6).`,
	Run: func(t *check.T) {
		p, ok := listPage(t, query("itemsPerPage", 500))
		if !ok {
			return
		}
		for _, item := range p.Results {
			if pk, _ := item["privateKey"].(string); !redactedKey.MatchString(pk) {
				t.Secret(pk)
				t.Errorf("key %s lists its private key unredacted", t.Show(item["id"]))
			}
		}
		t.Exercised("%d listed keys and one read by id", len(p.Results))
		id := firstKeyID(t)
		r := t.Expect(check.Primary).GET(base+"/admin/apiKeys/{id}", id).Expect()
		r.Status(http.StatusOK)
		pk := object(r).Value("privateKey").String()
		if raw := pk.Raw(); !redactedKey.MatchString(raw) {
			t.Secret(raw)
			t.Failf(r.Raw(), "GET shows key %s's private key unredacted", id)
		}
	},
}

var itemSelfLinks = check.Check{
	ID:       "opsmanager.shape.item-self-links",
	Category: check.Shape,
	Rule:     `Each listed key carries its own self link, ending in /apiKeys/<its id> (facts A5, A6).`,
	Run: func(t *check.T) {
		p, ok := listPage(t, query("itemsPerPage", 100))
		if !ok {
			return
		}
		if len(p.Results) == 0 {
			t.Skipf("the target lists no global API key")
		}
		t.Exercised("%d keys", len(p.Results))
		for _, item := range p.Results {
			id, _ := item["id"].(string)
			links, _ := item["links"].([]any)
			found := false
			for _, l := range links {
				m, _ := l.(map[string]any)
				href, _ := m["href"].(string)
				if m["rel"] == "self" && strings.HasSuffix(href, "/apiKeys/"+id) {
					found = true
				}
			}
			if !found {
				t.Errorf("key %s has no self link ending in /apiKeys/%s", id, id)
			}
		}
	},
}

// keyRoles holds GET /admin/apiKeys/roles (fact D1). The vendor page shows
// no body, so the rule is what it says in words: an array of global roles,
// among them the two every deployment has.
var keyRoles = check.Check{
	ID:       "opsmanager.shape.key-roles",
	Category: check.Shape,
	Rule: `GET /admin/apiKeys/roles answers 200 with an array of global role names, ` +
		`GLOBAL_OWNER and GLOBAL_READ_ONLY among them; "roles" is not read as a key ID (fact D1).`,
	Run: func(t *check.T) {
		r := t.Expect(check.Primary).GET(base + "/admin/apiKeys/roles").Expect()
		r.Status(http.StatusOK)
		roles := r.JSON().Array()
		for _, want := range []string{"GLOBAL_OWNER", "GLOBAL_READ_ONLY"} {
			roles.ContainsAny(want)
		}
		for i, v := range roles.Iter() {
			if s, ok := v.Raw().(string); !ok || !strings.HasPrefix(s, "GLOBAL_") {
				t.Errorf("entry %d of the roles is %s, not a global role name", i, t.Show(v.Raw()))
			}
		}
		t.Exercised("%d roles", len(roles.Iter()))
	},
}
