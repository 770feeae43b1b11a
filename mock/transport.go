package mock

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"syscall"
)

// inProcessRemoteAddr is the peer address in-process requests appear to come
// from: loopback, like a local client.
const inProcessRemoteAddr = "127.0.0.1:40000"

// handlerTransport is a RoundTripper that serves requests by calling the
// handler directly: no listener, no sockets.
type handlerTransport struct {
	handler http.Handler
}

func (t *handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		defer req.Body.Close()
	}
	// Build the request as a server would receive it.
	sr := req.Clone(req.Context())
	sr.URL = &url.URL{Path: req.URL.Path, RawPath: req.URL.RawPath, RawQuery: req.URL.RawQuery}
	sr.RequestURI = req.URL.RequestURI()
	sr.Host = req.Host
	if sr.Host == "" {
		sr.Host = req.URL.Host
	}
	sr.RemoteAddr = inProcessRemoteAddr
	sr.Proto, sr.ProtoMajor, sr.ProtoMinor = "HTTP/1.1", 1, 1
	if sr.Body == nil {
		sr.Body = http.NoBody
	}
	if req.URL.Scheme == "https" {
		sr.TLS = &tls.ConnectionState{} // so products build https links
	}
	abort := &abortNote{}
	sr = sr.WithContext(context.WithValue(sr.Context(), abortKey{}, abort))
	rec := httptest.NewRecorder()
	if aborted := serveCatchingAbort(t.handler, rec, sr); aborted {
		return abortedAnswer(req, rec, abort.kind)
	}
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// serveCatchingAbort serves, and reports a handler that dropped the
// connection (http.ErrAbortHandler) instead of crashing the caller.
func serveCatchingAbort(h http.Handler, w http.ResponseWriter, r *http.Request) (aborted bool) {
	defer func() {
		if v := recover(); v != nil {
			if v != http.ErrAbortHandler {
				panic(v)
			}
			aborted = true
		}
	}()
	h.ServeHTTP(w, r)
	return false
}

// abortedAnswer is what a client over a socket would see of a dropped
// connection: an error before any answer, or, mid-body, an answer whose
// body ends early.
func abortedAnswer(req *http.Request, rec *httptest.ResponseRecorder, kind string) (*http.Response, error) {
	switch kind {
	case "reset":
		return nil, fmt.Errorf("opsmock in process: %w", syscall.ECONNRESET)
	case "truncate":
		resp := rec.Result()
		resp.Request = req
		resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(rec.Body.Bytes()), errReader{io.ErrUnexpectedEOF}))
		return resp, nil
	}
	return nil, fmt.Errorf("opsmock in process: the server closed the connection without an answer: %w", io.EOF)
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
