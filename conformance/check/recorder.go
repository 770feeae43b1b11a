package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxBody bounds what the recorder reads of a response.
const maxBody = 16 << 20

// recorder sits above the authentication layer: it keeps each exchange a
// check has for the findings, harvests the secrets that cross the wire
// for the redactor, notes the operation each request reached, and
// validates each answer against the spec.
type recorder struct {
	t    *T
	next http.RoundTripper
}

// wireKey carries a wireNote from the recorder to the wire tap below the
// authentication layer.
type wireKey struct{}

// wireNote is what the wire tap saw of the request as finally sent, and
// what an authentication layer noticed (a challenge it could not answer).
type wireNote struct {
	header  http.Header
	problem string
}

// wireTap sits below the authentication layer: it sees the headers the
// target really received (the digest Authorization of the second attempt).
type wireTap struct{ next http.RoundTripper }

func (w wireTap) RoundTrip(r *http.Request) (*http.Response, error) {
	if n, ok := r.Context().Value(wireKey{}).(*wireNote); ok {
		n.header = r.Header.Clone()
	}
	return w.next.RoundTrip(r)
}

// noteWire records, for the finding about this request, what an
// authentication layer could not do.
func noteWire(ctx context.Context, format string, args ...any) {
	if n, ok := ctx.Value(wireKey{}).(*wireNote); ok {
		n.problem = fmt.Sprintf(format, args...)
	}
}

func (rc *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	red := rc.t.target.redactor
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
	red.Harvest(req.URL.RawQuery)
	red.Harvest(string(reqBody))
	note := &wireNote{}
	req = req.WithContext(context.WithValue(req.Context(), wireKey{}, note))
	res, err := rc.next.RoundTrip(req)
	if err != nil {
		if !errors.Is(err, context.Canceled) {
			rc.t.breakf("%s %s: %s", req.Method, req.URL.Path, explainTransport(err))
		}
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, maxBody))
	res.Body.Close()
	if err != nil {
		rc.t.breakf("%s %s: the answer could not be read to its end: %v", req.Method, req.URL.Path, err)
		return nil, err
	}
	res.Body = io.NopCloser(bytes.NewReader(body))
	red.Harvest(string(body))
	tg := rc.t.target
	op := ""
	if m, err := tg.contract.Match(req); err == nil {
		op = m.OperationID()
	}
	rc.t.sent(op)
	ex := &exchange{request: dumpRequest(req, note.header, reqBody), status: dumpStatus(res), body: body,
		bodyType: res.Header.Get("Content-Type"), note: note.problem}
	rc.t.mu.Lock()
	rc.t.exchanges[res] = ex
	rc.t.mu.Unlock()
	if verr := tg.contract.ValidateResponse(rc.t.ctx, req, res.StatusCode, res.Header, body); verr != nil {
		reason, path := specViolation(verr, res.StatusCode)
		rc.t.addFinding(Finding{Category: Shape, JSONPath: path, ex: ex,
			Reason: fmt.Sprintf("The answer breaks spec/%s.yaml: %s", tg.Product(), reason)})
	}
	return res, nil
}

// specViolation turns kin-openapi's validation error into a plain reason
// and the JSON path it is about.
func specViolation(err error, status int) (reason, path string) {
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		path = "$"
		for _, p := range se.JSONPointer() {
			path += pathStep(p)
		}
		return fmt.Sprintf("at %s, %s", path, se.Reason), path
	}
	if strings.Contains(err.Error(), "status is not supported") {
		return fmt.Sprintf("HTTP %d is not a status it declares for this operation", status), ""
	}
	return firstLines(err.Error()), ""
}

func pathStep(p string) string {
	if plainKey(p) && !isDigits(p) {
		return "." + p
	}
	if isDigits(p) {
		return "[" + p + "]"
	}
	return fmt.Sprintf("[%q]", p)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// firstLines keeps a validation error readable: kin-openapi appends the
// whole schema and value after the reason.
func firstLines(s string) string {
	if i := strings.Index(s, "\nSchema:"); i >= 0 {
		s = s[:i]
	}
	s = strings.Join(strings.Fields(s), " ")
	return clip(s)
}

// explainTransport says in plain words why a request got no answer.
func explainTransport(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "deadline exceeded") || strings.Contains(msg, "Client.Timeout"):
		return "no answer within the request timeout (--timeout)"
	case strings.Contains(msg, "connection refused"):
		return "the connection was refused: nothing listens at the target's address"
	case strings.Contains(msg, "no such host"):
		return "the target's host name does not resolve"
	case strings.Contains(msg, "certificate"), strings.Contains(msg, "tls:"), strings.Contains(msg, "x509:"):
		return "the TLS handshake failed (" + msg + "); --insecure accepts a self-signed certificate"
	case strings.Contains(msg, "EOF"), strings.Contains(msg, "connection reset"):
		return "the target closed the connection without an answer"
	}
	return "the request failed: " + msg
}
