package opsmanager

import (
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzDigestAuthorization: no Authorization header, however broken,
// makes the parser panic; what it accepts has a user name.
func FuzzDigestAuthorization(f *testing.F) {
	f.Add(`Digest username="abcdefgh", realm="MMS Public API", nonce="n", uri="/x", qop=auth, nc=00000001, cnonce="c", response="r", algorithm=MD5`)
	f.Add(`Digest username="a\"b", realm=`)
	f.Add(`Digest ,,,=,"`)
	f.Add(`Basic dXNlcjpwYXNz`)
	f.Fuzz(func(t *testing.T, h string) {
		params, ok := parseDigestAuthorization(h)
		if ok && params == nil {
			t.Fatal("accepted without parameters")
		}
	})
}

// FuzzPaging: any pageNum and itemsPerPage read as numbers in range, or
// not at all; never a panic.
func FuzzPaging(f *testing.F) {
	f.Add("1", "100")
	f.Add("0", "501")
	f.Add("-1", "abc")
	f.Add("99999999999999999999", "1e3")
	f.Add("9223372036854775807", "500") // pageNum × itemsPerPage overflowed into a 500 (found by this fuzzer)
	f.Fuzz(func(t *testing.T, pageNum, items string) {
		q := url.Values{"pageNum": {pageNum}, "itemsPerPage": {items}}
		r := httptest.NewRequest("GET", "/api/public/v1.0/admin/apiKeys?"+q.Encode(), nil)
		pg := pagingOf(r)
		all := make([]int, 7)
		start, end := pg.cut(len(all))
		p := paginate(r, len(all), all[start:end])
		if pg.pageNum >= 1 && pg.itemsPerPage >= 1 && len(p.Results) > pg.itemsPerPage {
			t.Fatalf("page of %d holds %d", pg.itemsPerPage, len(p.Results))
		}
	})
}
