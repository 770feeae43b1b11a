package opsmanager

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"

	"github.com/gavv/httpexpect/v2"

	"github.com/opsmock/opsmock/conformance/check"
)

var listDocument = check.Check{
	ID:       "opsmanager.envelope.list-document",
	Category: check.Envelope,
	Rule:     `GET /admin/apiKeys answers {results:[…], totalCount, links:[{rel:self, href with pageNum}]} (facts A5, A6).`,
	Run: func(t *check.T) {
		r := t.Expect(check.Primary).GET(base + "/admin/apiKeys").Expect()
		r.Status(http.StatusOK)
		obj := object(r)
		obj.ContainsKey("results").ContainsKey("totalCount").ContainsKey("links")
		obj.Value("results").Array()
		obj.Value("totalCount").Number().Ge(0)
		self := obj.Value("links").Array().Find(func(_ int, v *httpexpect.Value) bool {
			return v.Object().Value("rel").String().Raw() == "self"
		})
		self.Object().Value("href").String().Contains("pageNum=")
	},
}

var envelopeList = check.Check{
	ID:       "opsmanager.envelope.envelope-list",
	Category: check.Envelope,
	Rule:     `envelope=true adds "status": 200 beside links, results and totalCount of a list (fact A5).`,
	Run: func(t *check.T) {
		r := t.Expect(check.Primary).GET(base+"/admin/apiKeys").WithQuery("envelope", true).WithQuery("itemsPerPage", 2).Expect()
		r.Status(http.StatusOK)
		obj := object(r)
		obj.Value("status").IsEqual(200)
		obj.ContainsKey("results").ContainsKey("links")
	},
}

var envelopeSingle = check.Check{
	ID:       "opsmanager.envelope.envelope-single",
	Category: check.Envelope,
	Rule:     `envelope=true wraps a single key as {"status": 200, "content": {…}} (fact A5).`,
	Run: func(t *check.T) {
		id := firstKeyID(t)
		r := t.Expect(check.Primary).GET(base+"/admin/apiKeys/{id}", id).WithQuery("envelope", "true").Expect()
		r.Status(http.StatusOK)
		obj := object(r)
		obj.Keys().ContainsOnly("status", "content")
		obj.Value("status").IsEqual(200)
		obj.Value("content").Object().Value("id").IsEqual(id)
	},
}

var prettyPrinting = check.Check{
	ID:       "opsmanager.envelope.pretty",
	Category: check.Envelope,
	Rule:     `pretty=true answers the same document pretty-printed in Jackson's layout, "key" : value on its own line (facts A1, A5; OM-LIST).`,
	Run: func(t *check.T) {
		e := t.Expect(check.Primary)
		plain := e.GET(base+"/admin/apiKeys").WithQuery("itemsPerPage", 2).Expect()
		pretty := e.GET(base+"/admin/apiKeys").WithQuery("itemsPerPage", 2).WithQuery("pretty", "true").Expect()
		plain.Status(http.StatusOK)
		pretty.Status(http.StatusOK)
		body := pretty.Body().Raw()
		if !strings.Contains(body, "\n") || !strings.Contains(body, `" : `) {
			t.Failf(pretty.Raw(), `pretty=true is not pretty-printed with "key" : value lines`)
		}
		var a, b map[string]any
		if json.Unmarshal([]byte(plain.Body().Raw()), &a) != nil || json.Unmarshal([]byte(body), &b) != nil {
			t.Fatalf("an answer is not JSON")
		}
		delete(a, "links") // self links keep the caller's own query
		delete(b, "links")
		if !reflect.DeepEqual(a, b) {
			t.Failf(pretty.Raw(), "pretty=true changed the document, not only its layout")
		}
	},
}
