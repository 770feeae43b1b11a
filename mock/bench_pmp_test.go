package mock_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/opsmock/opsmock/mock"
)

const pmpListTarget = "/restapi/json/v1/resources"

// BenchmarkPMPHandler measures one PMP resource listing through the handler
// (AUTHTOKEN lookup in constant time, bound-host check, routing, role,
// spec validation, envelope) against the bare handler sending the same bytes.
func BenchmarkPMPHandler(b *testing.B) {
	srv, err := mock.New(mock.WithProducts("pmp"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close() })
	token := srv.Credentials().PMP[0].AuthToken
	call := func(h http.Handler) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, pmpListTarget, nil)
		req.Header.Set("AUTHTOKEN", token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	first := call(srv.Handler())
	if first.Code != http.StatusOK {
		b.Fatalf("status %d: %s", first.Code, first.Body)
	}
	body, _ := io.ReadAll(first.Body)

	b.Run("mock-resource-list", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if rec := call(srv.Handler()); rec.Code != http.StatusOK {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	})
	b.Run("bare-net-http", func(b *testing.B) {
		h := bareHandler(body)
		b.ReportAllocs()
		for b.Loop() {
			call(h)
		}
	})
}
