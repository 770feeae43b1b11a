package opsmanager

import (
	"net/http"
	"strconv"
	"strings"
)

// Paging defaults (OM-LIST: pageNum 1, itemsPerPage 100, max 500). Bounds
// are enforced by the spec; these only fill in what the caller left out.
const (
	defaultPageNum      = 1
	defaultItemsPerPage = 100
)

type link struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

// page is a list document (fact A5). Fields in alphabetical order, as emitted.
type page[T any] struct {
	Links      []link `json:"links"`
	Results    []T    `json:"results"`
	Status     *int   `json:"status,omitempty"`
	TotalCount *int   `json:"totalCount,omitempty"`
}

func (p *page[T]) setStatus(s int) { p.Status = &s }

type paging struct {
	pageNum, itemsPerPage int
	includeCount          bool
}

// pagingOf reads the (already validated) paging parameters.
func pagingOf(r *http.Request) paging {
	q := r.URL.Query()
	p := paging{pageNum: defaultPageNum, itemsPerPage: defaultItemsPerPage, includeCount: true}
	if v, err := strconv.Atoi(q.Get("pageNum")); err == nil {
		p.pageNum = v
	}
	if v, err := strconv.Atoi(q.Get("itemsPerPage")); err == nil {
		p.itemsPerPage = v
	}
	if v, err := strconv.ParseBool(q.Get("includeCount")); err == nil {
		p.includeCount = v
	}
	return p
}

// cut is the part of total items the page covers: [start, end). The spec
// keeps both numbers at 1 or more, but pageNum has no maximum: its product
// with itemsPerPage can overflow, so compare before multiplying.
func (p paging) cut(total int) (start, end int) {
	items := max(p.itemsPerPage, 1)
	start = total
	if p.pageNum >= 1 && p.pageNum-1 < (total+items-1)/items {
		start = (p.pageNum - 1) * items
	}
	return start, min(start+items, total)
}

// paginate wraps one page of results, already cut by pagingOf(r).cut from
// total items, and links it (fact A5): self always, carrying pageNum and
// itemsPerPage (the Go client reads CurrentPage from it); previous unless
// on page 1; next while items remain. A page past the end is empty,
// totalCount unchanged (fact A3). Lists cut before they render, so a page
// costs its items, not the store.
func paginate[T any](r *http.Request, total int, results []T) *page[T] {
	p := pagingOf(r)
	_, end := p.cut(total)
	out := &page[T]{Results: results}
	if out.Results == nil {
		out.Results = []T{}
	}
	if p.includeCount {
		out.TotalCount = &total
	}
	base, rest := linkBase(r)
	// The docs' hrefs order self as pageNum&itemsPerPage and the others as
	// itemsPerPage&pageNum (fact A5); copy that.
	out.Links = []link{{Rel: "self", Href: base + "?" + rest + "pageNum=" + strconv.Itoa(p.pageNum) + "&itemsPerPage=" + strconv.Itoa(p.itemsPerPage)}}
	if p.pageNum > 1 {
		out.Links = append(out.Links, link{Rel: "previous", Href: base + "?" + rest + "itemsPerPage=" + strconv.Itoa(p.itemsPerPage) + "&pageNum=" + strconv.Itoa(p.pageNum-1)})
	}
	if end < total {
		out.Links = append(out.Links, link{Rel: "next", Href: base + "?" + rest + "itemsPerPage=" + strconv.Itoa(p.itemsPerPage) + "&pageNum=" + strconv.Itoa(p.pageNum+1)})
	}
	return out
}

// linkBase returns scheme://host/path and the caller's other query
// parameters, in their order and encoding, each followed by "&".
func linkBase(r *http.Request) (string, string) {
	var rest strings.Builder
	for _, kv := range strings.Split(r.URL.RawQuery, "&") {
		name, _, _ := strings.Cut(kv, "=")
		if kv == "" || name == "pageNum" || name == "itemsPerPage" {
			continue
		}
		rest.WriteString(kv)
		rest.WriteByte('&')
	}
	return origin(r) + r.URL.EscapedPath(), rest.String()
}

// origin is the scheme and host the client used.
func origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
