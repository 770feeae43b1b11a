package mock

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestControlPlaneToken: on a non-loopback listener the control plane
// needs a token, made at Start; on loopback it stays open unless one is
// set; the vendor APIs never need it; health answers anyone without the
// seed.
func TestControlPlaneToken(t *testing.T) {
	open := newServer(t)
	require.NoError(t, open.Start())
	assert.Empty(t, open.ControlToken(), "loopback: open")
	res, err := open.Client().Get(open.URL() + "/_opsmock/credentials")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)

	wide := newServer(t, WithAddr("0.0.0.0:0"))
	require.NoError(t, wide.Start())
	token := wide.ControlToken()
	require.Len(t, token, 32, "made at Start")
	port := wide.URL()[strings.LastIndex(wide.URL(), ":"):]
	base := "http://127.0.0.1" + port
	do := func(method, path, tok string) (int, map[string]any, http.Header) {
		req, _ := http.NewRequest(method, base+path, nil)
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		var v map[string]any
		_ = json.NewDecoder(res.Body).Decode(&v)
		return res.StatusCode, v, res.Header
	}
	for _, path := range []string{"/_opsmock/credentials", "/_opsmock/journal", "/_opsmock/opmanager/apikeys", "/_opsmock/faults"} {
		code, v, h := do("GET", path, "")
		assert.Equal(t, http.StatusUnauthorized, code, path)
		assert.Contains(t, v["error"], "Authorization: Bearer", path)
		assert.Contains(t, h.Get("WWW-Authenticate"), "Bearer")
		code, _, _ = do("GET", path, "wrong-token")
		assert.Equal(t, http.StatusUnauthorized, code, path)
		code, _, _ = do("GET", path, token)
		assert.Equal(t, http.StatusOK, code, path)
	}
	code, _, _ := do("POST", "/_opsmock/reset", "")
	assert.Equal(t, http.StatusUnauthorized, code)
	code, v, _ := do("GET", "/_opsmock/health", "")
	assert.Equal(t, http.StatusOK, code, "a container's health check has no token")
	assert.NotContains(t, v, "seed", "the seed gives every seeded credential away")
	_, v, _ = do("GET", "/_opsmock/health", token)
	assert.Contains(t, v, "seed")
	code, v, _ = do("GET", "/restapi/json/v1/resources", "")
	assert.Equal(t, http.StatusOK, code, "a vendor API answers as the vendor does, token or not")
	assert.Contains(t, v, "operation")

	pinned := newServer(t, WithControlToken("my-own-token"))
	require.NoError(t, pinned.Start())
	res, err = pinned.Client().Get(pinned.URL() + "/_opsmock/credentials")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode, "a token given is required even on loopback")
}
