package mock_test

import (
	"fmt"
	"io"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/opmanager"
)

// BenchmarkSeedSizes prints, for seed sizes 100, 10k and 100k, what it
// costs to start (start-ms, and heap bytes per seeded object) and to fetch
// the first page of each paged list. A page must cost its rows, not the
// store, so the first-page figures should stay flat across sizes:
//
//	go test -run '^$' -bench SeedSizes -benchtime 20x ./mock/
func BenchmarkSeedSizes(b *testing.B) {
	for _, size := range []int{100, 10_000, 100_000} {
		srv, start, perObject := startSeeded(b, size)
		b.Run(fmt.Sprintf("size=%d/start", size), func(b *testing.B) {
			for b.Loop() {
				// Start-up is measured once, before: seeding 100k objects
				// per iteration would make the run minutes long.
			}
			b.ReportMetric(float64(start.Milliseconds()), "start-ms") // after the loop, which resets metrics
			b.ReportMetric(perObject, "heap-B/object")
		})
		for _, page := range firstPages(b, srv) {
			// The first sorted page of a column sorts the inventory (or
			// its interfaces) once; that is start-up of the order, kept
			// after, not the cost of a page.
			warm, err := page.client.Get("http://opsmock-warm" + page.target)
			if err != nil {
				b.Fatal(err)
			}
			warm.Body.Close()
			b.Run(fmt.Sprintf("size=%d/%s", size, page.name), func(b *testing.B) {
				b.ReportAllocs()
				n := 0
				for b.Loop() {
					if page.before != nil {
						page.before(b, n)
					}
					// Another host each time: an answer kept for a repeated
					// request (mock/internal/memo) would measure a lookup,
					// not the page.
					n++
					resp, err := page.client.Get(fmt.Sprintf("http://opsmock-%d", n) + page.target)
					if err != nil {
						b.Fatal(err)
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Fatalf("%s: status %d", page.target, resp.StatusCode)
					}
				}
			})
		}
		_ = srv.Close()
	}
}

// startSeeded builds a server of a seed size, answers one request so the
// figure is start to first answer, and weighs the heap it added.
func startSeeded(b *testing.B, size int) (*mock.Server, time.Duration, float64) {
	b.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	srv, err := mock.New(mock.WithSeedSize(size))
	if err != nil {
		b.Fatal(err)
	}
	c, err := srv.PMPClient("Administrator")
	if err != nil {
		b.Fatal(err)
	}
	// One resource's accounts: an authenticated read of the seeded state
	// whose cost is its own. The whole resource list (PMP does not page it)
	// would add rendering 100,000 resources to the start-up figure.
	resp, err := c.Get("http://opsmock/restapi/json/v1/resources/301/accounts")
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	start := time.Since(t0)
	runtime.GC()
	runtime.ReadMemStats(&after)
	return srv, start, float64(after.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc)) / float64(size)
}

type firstPage struct {
	name, target string
	client       *http.Client
	// before, when set, runs before each request, timed with it.
	before func(b *testing.B, n int)
}

func firstPages(b *testing.B, srv *mock.Server) []firstPage {
	b.Helper()
	pmpc, err1 := srv.PMPClient("Administrator")
	omc, err2 := srv.OpsManagerClient("GLOBAL_OWNER")
	opmc, err3 := srv.OpManagerClient("all")
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			b.Fatal(err)
		}
	}
	return []firstPage{
		{"opsmanager-keys", "/api/public/v1.0/admin/apiKeys?itemsPerPage=10", omc, nil},
		{"opmanager-devices", "/api/json/device/listDevices?page=1&rows=10", opmc, nil},
		{"opmanager-devices-sorted", "/api/json/device/listDevices?page=1&rows=10&sortByColumn=deviceName", opmc, nil},
		// A device added before each sorted page: the kept order takes it
		// in place, where it used to be sorted again from scratch.
		{"opmanager-devices-sorted-after-add", "/api/json/device/listDevices?page=1&rows=10&sortByColumn=deviceName", opmc,
			func(b *testing.B, n int) {
				ip := fmt.Sprintf("198.18.%d.%d", n/250, 1+n%250) // a benchmarking range
				if _, err := srv.OpManager().AddDevice(opmanager.Device{Name: ip}); err != nil {
					b.Fatal(err)
				}
			}},
		{"opmanager-interfaces", "/api/json/device/listInterfaces?page=1&rows=10", opmc, nil},
		{"opmanager-interfaces-sorted", "/api/json/device/listInterfaces?page=2&rows=10&sortByColumn=name", opmc, nil},
		{"pmp-audit", "/restapi/json/v1/audit?AUDITTYPE=Resource&LIMIT=10", pmpc, nil},
	}
}
