package opsmanager

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/opsmock/opsmock/conformance/check"
)

// maxPages bounds a walk, so a target whose next links never end cannot
// keep the runner busy.
const maxPages = 50

// walkSize picks a page size giving at least three pages where possible.
func walkSize(t *check.T) (size, total int) {
	first, ok := listPage(t, query("itemsPerPage", 1))
	if !ok {
		t.Fatalf("the first page could not be read")
	}
	if first.TotalCount == nil {
		t.Fatalf("the list has no totalCount")
	}
	total = *first.TotalCount
	if total < 2 {
		t.Skipf("the target has %d global API key(s): nothing to page through", total)
	}
	size = max(1, (total+2)/3)
	if total/size > maxPages {
		size = total/maxPages + 1
	}
	return size, total
}

var walkPages = check.Check{
	ID:       "opsmanager.pagination.walk-pages",
	Category: check.Pagination,
	Rule:     `Walking pageNum 1, 2, … with a fixed itemsPerPage yields exactly totalCount distinct keys, the same totalCount on every page (fact A5).`,
	Run: func(t *check.T) {
		size, total := walkSize(t)
		seen := map[string]bool{}
		for n := 1; n <= maxPages; n++ {
			p, ok := listPage(t, query("itemsPerPage", size, "pageNum", n))
			if !ok {
				return
			}
			if p.TotalCount == nil || *p.TotalCount != total {
				t.Failf(p.res, "page %d: expected totalCount %d as on page 1, got %s", n, total, t.Show(p.TotalCount))
			}
			for _, item := range p.Results {
				id, _ := item["id"].(string)
				if seen[id] {
					t.Failf(p.res, "page %d: key %s was already on an earlier page", n, id)
				}
				seen[id] = true
			}
			if len(p.Results) < size {
				t.Exercised("%d pages of %d, %d keys", n, size, len(seen))
				break
			}
		}
		if len(seen) != total {
			t.Errorf("walking the pages gave %d distinct keys, totalCount is %d", len(seen), total)
		}
	},
}

var pageLinks = check.Check{
	ID:       "opsmanager.pagination.links",
	Category: check.Pagination,
	Rule:     `self is always there with its pageNum; previous is absent on the first page, next on the last; both point at the neighbouring pageNum with the same itemsPerPage (fact A5).`,
	Run: func(t *check.T) {
		size, total := walkSize(t)
		last := max(1, (total+size-1)/size)
		pages := []int{1, (1 + last) / 2, last}
		t.Exercised("pages %d, %d and %d of %d", pages[0], pages[1], pages[2], last)
		for _, n := range pages {
			p, ok := listPage(t, query("itemsPerPage", size, "pageNum", n))
			if !ok {
				return
			}
			checkLink(t, p, "self", n, size, true)
			checkLink(t, p, "previous", n-1, size, n > 1)
			checkLink(t, p, "next", n+1, size, n < last)
		}
	},
}

func checkLink(t *check.T, p page, rel string, wantPage, size int, want bool) {
	l, ok := p.link(rel)
	switch {
	case ok != want:
		t.Failf(p.res, "page %d: expected %s, got %s", pageOf(p), presence(rel, want), presence(rel, ok))
		return
	case !ok:
		return
	}
	u, err := url.Parse(l.Href)
	if err != nil {
		t.Failf(p.res, "expected the %s link to be a URL, got %q", rel, l.Href)
		return
	}
	q := u.Query()
	if q.Get("pageNum") != strconv.Itoa(wantPage) || q.Get("itemsPerPage") != strconv.Itoa(size) {
		t.Failf(p.res, "expected the %s link to name pageNum=%d and itemsPerPage=%d, got %s", rel, wantPage, size, l.Href)
	}
}

func presence(rel string, there bool) string {
	if there {
		return "a " + rel + " link"
	}
	return "no " + rel + " link"
}

// pageOf reads a page's number from its self link.
func pageOf(p page) int {
	if l, ok := p.link("self"); ok {
		if u, err := url.Parse(l.Href); err == nil {
			n, _ := strconv.Atoi(u.Query().Get("pageNum"))
			return n
		}
	}
	return 0
}

var itemsPerPageBounds = check.Check{
	ID:       "opsmanager.pagination.items-per-page-bounds",
	Category: check.Pagination,
	Rule:     `itemsPerPage takes 1 to 500: 500 is answered, 0 and 501 are 400 INVALID_QUERY_PARAMETER naming itemsPerPage (facts A3, A5).`,
	Run: func(t *check.T) {
		e := t.Expect(check.Primary)
		e.GET(base+"/admin/apiKeys").WithQuery("itemsPerPage", 500).Expect().Status(http.StatusOK)
		for _, n := range []int{0, 501} {
			r := e.GET(base+"/admin/apiKeys").WithQuery("itemsPerPage", n).Expect()
			r.Status(http.StatusBadRequest)
			obj := object(r)
			obj.Value("errorCode").IsEqual("INVALID_QUERY_PARAMETER")
			obj.Value("parameters").Array().ContainsAny("itemsPerPage")
		}
	},
}

var includeCount = check.Check{
	ID:       "opsmanager.pagination.include-count",
	Category: check.Pagination,
	Rule:     `totalCount is present by default and left out with includeCount=false (fact A5).`,
	Run: func(t *check.T) {
		e := t.Expect(check.Primary)
		object(e.GET(base+"/admin/apiKeys").WithQuery("itemsPerPage", 1).Expect().Status(http.StatusOK)).
			ContainsKey("totalCount")
		object(e.GET(base+"/admin/apiKeys").WithQuery("itemsPerPage", 1).WithQuery("includeCount", "false").Expect().Status(http.StatusOK)).
			NotContainsKey("totalCount")
	},
}
