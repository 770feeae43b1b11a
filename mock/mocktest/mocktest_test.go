package mocktest

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordingTB captures Errorf instead of failing, to prove Validating fails.
type recordingTB struct {
	testing.TB
	errs []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recordingTB) Helper() {}

type fixedResponse struct {
	status int
	ct     string
	body   string
}

func (f fixedResponse) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: f.status, Header: http.Header{"Content-Type": {f.ct}},
		Body: io.NopCloser(strings.NewReader(f.body)), Request: req,
	}, nil
}

func TestValidatingFlagsViolations(t *testing.T) {
	good := `{"desc":"d","id":"5d669ce780eef52a42cf0e1e","links":[{"href":"h","rel":"self"}],` +
		`"privateKey":"********-****-****-54d9792d337d","publicKey":"zrefxaep","roles":[{"roleName":"GLOBAL_OWNER"}]}`
	cases := []struct {
		name    string
		path    string
		resp    fixedResponse
		wantErr string
	}{
		{"valid key", "/api/public/v1.0/admin/apiKeys/x", fixedResponse{200, "application/json", good}, ""},
		{"unredacted private key", "/api/public/v1.0/admin/apiKeys/x",
			fixedResponse{200, "application/json", strings.Replace(good, "********-****-****-54d9792d337d", "8d080e57-5fd6-495c-9388-fe348ed1796f", 1)}, "privateKey"},
		{"undeclared status", "/api/public/v1.0/admin/apiKeys/x", fixedResponse{418, "application/json", good}, "418"},
		{"unrouted but not an error document", "/api/public/v1.0/nowhere", fixedResponse{404, "application/json", `{"oops":1}`}, "violates"},
		{"path of no product is not checked", "/elsewhere", fixedResponse{200, "text/plain", "anything"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recordingTB{TB: t}
			client := &http.Client{Transport: Validating(rec, tc.resp)}
			resp, err := client.Get("http://mock" + tc.path)
			require.NoError(t, err)
			resp.Body.Close()
			if tc.wantErr == "" {
				assert.Empty(t, rec.errs)
				return
			}
			require.Len(t, rec.errs, 1)
			assert.Contains(t, rec.errs[0], tc.wantErr)
		})
	}
}
