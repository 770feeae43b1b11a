package mock_test

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/mongodb-forks/digest"

	"github.com/opsmock/opsmock/mock"
)

// The benchmarks compare the mock with a bare net/http handler that writes
// the same bytes, so the figures read as ratios from one run:
//
//	go test -run '^$' -bench . -benchmem ./mock/

const listTarget = "/api/public/v1.0/admin/apiKeys"

var nonceRE = regexp.MustCompile(`nonce="([^"]+)"`)

func benchServer(b *testing.B) (*mock.Server, []byte) {
	b.Helper()
	srv, err := mock.New(mock.WithProducts("opsmanager"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Close() })
	// The body the bare handler will send: one real list response.
	key := srv.Credentials().OpsManager[0]
	c := &http.Client{Transport: digest.NewTransportWithHTTPRoundTripper(key.PublicKey, key.PrivateKey, srv.Transport())}
	resp, err := c.Get("http://opsmock" + listTarget)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("list: %v %v", err, resp)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return srv, body
}

func bareHandler(body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// BenchmarkHandler measures one authenticated list call through the handler
// (digest check, access list, routing, role, spec validation, render) against
// the bare handler. A client reusing its nonce with increasing nc pays one
// round trip per call, which is what this measures.
func BenchmarkHandler(b *testing.B) {
	srv, body := benchServer(b)
	key := srv.Credentials().OpsManager[0]
	ha1 := md5hex(key.PublicKey + ":MMS Public API:" + key.PrivateKey)
	ha2 := md5hex("GET:" + listTarget)
	freshNonce := func() string {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", listTarget, nil))
		return nonceRE.FindStringSubmatch(rec.Header().Get("WWW-Authenticate"))[1]
	}
	b.Run("mock-authenticated-list", func(b *testing.B) {
		nonce, nc := freshNonce(), 0
		b.ReportAllocs()
		for b.Loop() {
			nc++
			if nc > 4000 { // stay under the per-nonce nc bound
				nonce, nc = freshNonce(), 1
			}
			ncs := fmt.Sprintf("%08x", nc)
			resp := md5hex(ha1 + ":" + nonce + ":" + ncs + ":0a4f113b:auth:" + ha2)
			req := httptest.NewRequest("GET", listTarget, nil)
			req.Header.Set("Authorization", fmt.Sprintf(`Digest username=%q, realm="MMS Public API", nonce=%q, uri=%q, response=%q, algorithm=MD5, qop=auth, nc=%s, cnonce="0a4f113b"`,
				key.PublicKey, nonce, listTarget, resp, ncs))
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	})
	b.Run("bare-net-http", func(b *testing.B) {
		h := bareHandler(body)
		b.ReportAllocs()
		for b.Loop() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", listTarget, nil))
		}
	})
}

// BenchmarkLoopback measures what a user sees over TCP with the official
// digest client, which fetches a fresh challenge for every request (two
// round trips), against a plain GET of the bare handler (one).
func BenchmarkLoopback(b *testing.B) {
	srv, body := benchServer(b)
	if err := srv.Start(); err != nil {
		b.Fatal(err)
	}
	key := srv.Credentials().OpsManager[0]
	get := func(b *testing.B, c *http.Client, url string) {
		for b.Loop() {
			resp, err := c.Get(url)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	}
	b.Run("mock-digest-client-list", func(b *testing.B) {
		c := &http.Client{Transport: digest.NewTransportWithHTTPRoundTripper(key.PublicKey, key.PrivateKey, &http.Transport{})}
		get(b, c, srv.URL()+listTarget)
	})
	b.Run("bare-net-http", func(b *testing.B) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		bare := &http.Server{Handler: bareHandler(body)}
		go func() { _ = bare.Serve(ln) }()
		defer bare.Close()
		get(b, &http.Client{Transport: &http.Transport{}}, "http://"+ln.Addr().String()+listTarget)
	})
}

// BenchmarkStartToFirstResponse measures New+Start until the first request
// is answered, against a bare server, in a process that has loaded the
// specs once: what every server after the first costs a test binary
// (contract.New shares the parsed specs). Seeding is included; the cold
// start of the binary is scripts/bench-startup.sh's figure.
func BenchmarkStartToFirstResponse(b *testing.B) {
	b.Run("mock", func(b *testing.B) {
		for b.Loop() {
			srv, err := mock.New()
			if err != nil {
				b.Fatal(err)
			}
			if err := srv.Start(); err != nil {
				b.Fatal(err)
			}
			resp, err := srv.Client().Get(srv.URL() + "/_opsmock/health")
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
			_ = srv.Close()
		}
	})
	b.Run("bare-net-http", func(b *testing.B) {
		for b.Loop() {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			bare := &http.Server{Handler: bareHandler([]byte(`{"status":"ok"}`))}
			go func() { _ = bare.Serve(ln) }()
			tr := &http.Transport{}
			resp, err := (&http.Client{Transport: tr}).Get("http://" + ln.Addr().String() + "/")
			if err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
			tr.CloseIdleConnections()
			_ = bare.Close()
		}
	})
}
