package pmp

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestRESTAnswersWhilePKISeeds holds the first PKI call inside its build
// and asks a REST question meanwhile: it must be answered, not wait for
// the signing (at --seed-size 100000 that took 20 s under the write lock).
// The PKI call then finishes with the seeded certificates.
func TestRESTAnswersWhilePKISeeds(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	pkiBuilding = func() { close(started); <-release }
	t.Cleanup(func() { pkiBuilding = func() {} })
	p, err := New(Config{})
	require.NoError(t, err)
	token := p.Credentials()[0].AuthToken
	get := func(path string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.Header.Set("AUTHTOKEN", token)
		w := httptest.NewRecorder()
		p.ServeHTTP(w, r)
		return w
	}

	pkiDone := make(chan *httptest.ResponseRecorder)
	go func() { pkiDone <- get("/api/pki/restapi/getAllSSLCertificates") }()
	<-started

	restDone := make(chan *httptest.ResponseRecorder)
	go func() { restDone <- get("/restapi/json/v1/resources") }()
	select {
	case w := <-restDone:
		require.Equal(t, http.StatusOK, w.Code)
		require.Contains(t, w.Body.String(), `"status":"Success"`)
	case <-time.After(20 * time.Second): // a deadlock guard, not a timing: the old code never answers
		close(release)
		t.Fatal("a REST request waited for the PKI build")
	}
	close(release)
	w := <-pkiDone
	require.Equal(t, http.StatusOK, w.Code)
	require.Contains(t, w.Body.String(), "paytm.com")
}
