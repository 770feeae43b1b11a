package mock_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/opsmock/opsmock/mock"
)

const (
	pmpListTarget = "/restapi/json/v1/resources"
	pkiListTarget = "/api/pki/restapi/getAllSSLCertificates"
)

// BenchmarkPMPHandler measures one PMP listing through the handler
// (AUTHTOKEN lookup in constant time, bound-host check, routing, role,
// spec validation, visibility, envelope), REST resources and PKI
// certificates, each against the bare handler sending the same bytes.
func BenchmarkPMPHandler(b *testing.B) {
	srv, err := mock.New(mock.WithProducts("pmp"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close() })
	token := srv.Credentials().PMP[0].AuthToken
	for _, target := range []string{pmpListTarget, pkiListTarget} {
		b.Run(target, func(b *testing.B) { benchPMPList(b, srv, token, target) })
	}
}

func benchPMPList(b *testing.B, srv *mock.Server, token, target string) {
	call := func(h http.Handler) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, target, nil)
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

	b.Run("mock", func(b *testing.B) {
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
