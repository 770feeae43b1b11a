package contract

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBinaryAnswers: a declared file (`format: binary`, PMP §32) validates
// whatever its bytes, which kin-openapi reads raw without a registered
// decoder; its media type must still be the declared one, and the same
// operation's JSON failures are still held to their schema.
func TestBinaryAnswers(t *testing.T) {
	c, err := New("pmp")
	require.NoError(t, err)
	r := httptest.NewRequest("GET", "/api/pki/restapi/getCertificate?INPUT_DATA="+url.QueryEscape(`{"operation":{"Details":{"common_name":"x"}}}`), nil)
	ct := func(v string) http.Header { return http.Header{"Content-Type": {v}} }
	pem := []byte("-----BEGIN CERTIFICATE-----\n...")
	ctx := context.Background()
	assert.NoError(t, c.ValidateResponse(ctx, r, 200, ct("application/x-pem-file"), pem))
	assert.Error(t, c.ValidateResponse(ctx, r, 200, ct("application/x-pkcs12"), pem), "declared for another operation only")
	assert.Error(t, c.ValidateResponse(ctx, r, 200, ct("text/plain"), pem))
	assert.NoError(t, c.ValidateResponse(ctx, r, 200, ct("application/json"),
		[]byte(`{"name":"GetCertificate","result":{"status":"Failed","message":"m"}}`)))
	assert.Error(t, c.ValidateResponse(ctx, r, 200, ct("application/json"), []byte(`{"operation":{}}`)))
}

// TestFormatsWithoutGlobals: ipv4 and email are checked through this
// package's options, not kin-openapi's process-wide registry.
func TestFormatsWithoutGlobals(t *testing.T) {
	c, err := New("pmp")
	require.NoError(t, err)
	check := func(path, details string) error {
		r := httptest.NewRequest("POST", path+"?INPUT_DATA="+url.QueryEscape(`{"operation":{"Details":`+details+`}}`), nil)
		m, err := c.Match(r)
		require.NoError(t, err)
		return c.ValidateRequest(context.Background(), r, m)
	}
	const rng, grp = "/api/pki/restapi/sslCertRangeDiscovery", "/api/pki/restapi/createCertificateGroup"
	assert.NoError(t, check(rng, `{"StartIpAddress":"10.0.0.1","EndIpAddress":"10.0.0.2"}`))
	assert.ErrorContains(t, check(rng, `{"StartIpAddress":"ten","EndIpAddress":"10.0.0.2"}`), "ipv4")
	assert.ErrorContains(t, check(rng, `{"StartIpAddress":"10.0.0.1","EndIpAddress":"::1"}`), "ipv4")
	assert.NoError(t, check(grp, `{"group_name":"g","group_mail":"pki@opsmock.test"}`))
	assert.ErrorContains(t, check(grp, `{"group_name":"g","group_mail":"not mail"}`), "email")
}
