package opmanager

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/opsmock/opsmock/conformance/check"
)

// maxPages bounds a walk.
const maxPages = 50

type page struct {
	Total   *int             `json:"total"`
	Page    *int             `json:"page"`
	Rows    []map[string]any `json:"rows"`
	Records *int             `json:"records"`
}

func itoa(n int) string { return strconv.Itoa(n) }

// devicePage reads one page of listDevices; the check ends if it is not
// the paged document.
func devicePage(t *check.T, n, rows int) page {
	r := t.Expect(check.Primary).GET(base+"/device/listDevices").WithQuery("page", n).WithQuery("rows", rows).Expect()
	r.Status(http.StatusOK)
	var p page
	if err := json.Unmarshal([]byte(r.Body().Raw()), &p); err != nil || p.Total == nil || p.Page == nil || p.Records == nil || p.Rows == nil {
		t.Failf(r.Raw(), "page %d: expected the paged document {total, page, rows, records}", n)
		t.Fatalf("cannot go on")
	}
	return p
}

var devicePages = check.Check{
	ID:       "opmanager.pagination.list-devices",
	Category: check.Pagination,
	Rule: `Walking listDevices with page and rows yields exactly records distinct devices; total is the number of pages ` +
		`and page echoes the one asked for (fact B3's sample: total 1, page 1, records 2).`,
	Run: func(t *check.T) {
		records := *devicePage(t, 1, 1).Records
		if records < 2 {
			t.Skipf("the target has %d device(s): nothing to page through", records)
		}
		size := max(1, (records+2)/3)
		if records/size > maxPages {
			size = records/maxPages + 1
		}
		pages := (records + size - 1) / size
		seen := map[string]bool{}
		for n := 1; n <= pages+1 && n <= maxPages; n++ {
			p := devicePage(t, n, size)
			if *p.Page != n || *p.Total != pages || *p.Records != records {
				t.Errorf("page %d: expected page %d, total %d, records %d; got page %d, total %d, records %d", n, n, pages, records, *p.Page, *p.Total, *p.Records)
			}
			for _, row := range p.Rows {
				name, _ := row["deviceName"].(string)
				if seen[name] {
					t.Errorf("device %s is on more than one page", name)
				}
				seen[name] = true
			}
		}
		t.Exercised("%d pages of %d, %d devices", pages, size, len(seen))
		if len(seen) != records {
			t.Errorf("walking the pages gave %d distinct devices, records is %d", len(seen), records)
		}
	},
}
