package opsmanager

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"

	"github.com/gavv/httpexpect/v2"

	"github.com/opsmock/opsmock/conformance/check"
)

func readJSONObject(t *check.T, res *http.Response) map[string]any {
	var v map[string]any
	b, err := io.ReadAll(res.Body)
	if err == nil {
		err = json.Unmarshal(b, &v)
	}
	if err != nil {
		t.Failf(res, "expected a JSON object, but the body is not one (%s)", err)
	}
	return v
}

// page is one list answer, decoded.
type page struct {
	Results    []map[string]any `json:"results"`
	TotalCount *int             `json:"totalCount"`
	Links      []link           `json:"links"`

	res *http.Response // the answer, for findings about it
}

type link struct {
	Rel  string `json:"rel"`
	Href string `json:"href"`
}

func (p page) link(rel string) (link, bool) {
	for _, l := range p.Links {
		if l.Rel == rel {
			return l, true
		}
	}
	return link{}, false
}

// listPage GETs one page of global keys as the primary credential; ok is
// false (with a finding) when it is not a 200 list.
func listPage(t *check.T, query url.Values) (page, bool) {
	r := t.Expect(check.Primary).GET(base + "/admin/apiKeys").WithQueryString(query.Encode()).Expect()
	r.Status(http.StatusOK)
	p := page{res: r.Raw()}
	raw := r.Body().Raw()
	if err := json.Unmarshal([]byte(raw), &p); err != nil || p.Results == nil {
		t.Failf(r.Raw(), "expected a list document {results, totalCount, links}, got fields %s", t.Show(keysOfJSON(raw)))
		return p, false
	}
	return p, true
}

// keys lists an object's field names, sorted.
func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// keysOfJSON lists the field names of a JSON object's text.
func keysOfJSON(raw string) []string {
	var m map[string]any
	_ = json.Unmarshal([]byte(raw), &m)
	return keys(m)
}

func query(kv ...any) url.Values {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(fmt.Sprint(kv[i]), fmt.Sprint(kv[i+1]))
	}
	return q
}

// firstKeyID is the ID of one existing key, for the single-key checks.
func firstKeyID(t *check.T) string {
	p, ok := listPage(t, query("itemsPerPage", 1))
	if !ok || len(p.Results) == 0 {
		t.Skipf("the target has no global API key to read")
	}
	id, _ := p.Results[0]["id"].(string)
	if id == "" {
		t.Fatalf("the first key has no id")
	}
	return id
}

// object reads a JSON answer whatever charset it declares: Ops Manager's
// errors say ISO-8859-1 (fact A4), httpexpect expects UTF-8.
func object(r *httpexpect.Response) *httpexpect.Object {
	_, params, _ := mime.ParseMediaType(r.Raw().Header.Get("Content-Type"))
	return r.JSON(httpexpect.ContentOpts{Charset: params["charset"]}).Object()
}
