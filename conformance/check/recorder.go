package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// maxBody bounds what the recorder reads of a response.
const maxBody = 16 << 20

type exchange struct{ request, response string }

// recorder sits above the authentication layer: it keeps each exchange a
// check has for the findings, and validates each answer against the spec.
type recorder struct {
	t    *T
	next http.RoundTripper
}

func (rc *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		reqBody = b
		req.Body = io.NopCloser(bytes.NewReader(b))
		// An auth layer that sends the request twice (digest) reads it again.
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	}
	res, err := rc.next.RoundTrip(req)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			rc.t.breakf("%s %s: %v", req.Method, req.URL.Path, err)
		}
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, maxBody))
	res.Body.Close()
	if err != nil {
		rc.t.breakf("%s %s: reading the answer: %v", req.Method, req.URL.Path, err)
		return nil, err
	}
	res.Body = io.NopCloser(bytes.NewReader(body))
	ex := exchange{request: dumpRequest(req, reqBody), response: dumpResponse(res, body)}
	rc.t.mu.Lock()
	rc.t.exchanges[res] = ex
	rc.t.mu.Unlock()
	tg := rc.t.target
	if verr := tg.contract.ValidateResponse(rc.t.ctx, req, res.StatusCode, res.Header, body); verr != nil {
		rc.t.addFinding(Finding{Category: Shape, Request: ex.request, Response: ex.response,
			Reason: fmt.Sprintf("the answer breaks spec/%s.yaml: %s", tg.Product(), firstLines(verr.Error()))})
	}
	return res, nil
}

// firstLines keeps a validation error readable: kin-openapi appends the
// whole schema and value after the reason.
func firstLines(s string) string {
	if i := strings.Index(s, "\nSchema:"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	return strings.TrimSpace(s)
}
