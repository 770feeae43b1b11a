package mock

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/url"
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
	rec := httptest.NewRecorder()
	t.handler.ServeHTTP(rec, sr)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}
