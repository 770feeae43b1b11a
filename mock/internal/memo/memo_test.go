package memo

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCacheServesOnlyItsVersion: an answer is served at the version it was
// made at and no other; an answer made before a write is never kept; a
// write retires every kept answer; the cache never grows past its bound.
func TestCacheServesOnlyItsVersion(t *testing.T) {
	var c Cache
	a, b := &Answer{Status: 200, Body: []byte("a")}, &Answer{Status: 200, Body: []byte("b")}
	c.Changed()
	v := c.Version()
	c.Keep(v, "k", a)
	got, ok := c.Get(v, "k")
	require.True(t, ok)
	assert.Same(t, a, got)
	_, ok = c.Get(v+1, "k")
	assert.False(t, ok, "another version")

	made := c.Version()
	c.Changed() // a write while b was being made
	c.Keep(made, "late", b)
	_, ok = c.Get(made, "late")
	assert.False(t, ok, "an answer made before a write is not kept")
	_, ok = c.Get(c.Version(), "k")
	assert.False(t, ok, "and the write retired what was kept")

	now := c.Version()
	for i := range maxEntries + 10 {
		c.Keep(now, fmt.Sprint(i), a)
	}
	assert.LessOrEqual(t, len(c.entries), maxEntries)
}

// TestKeyTellsRequestsApart: every part a pure read may depend on changes
// the key.
func TestKeyTellsRequestsApart(t *testing.T) {
	base := func() *http.Request { return httptest.NewRequest(http.MethodGet, "http://h1/p?q=1", nil) }
	seen := map[string]string{}
	add := func(name, key string) {
		if prev, dup := seen[key]; dup {
			t.Errorf("%s and %s share a key", name, prev)
		}
		seen[key] = name
	}
	add("base", Key("u1", base(), nil))
	add("caller", Key("u2", base(), nil))
	add("body", Key("u1", base(), []byte("x")))
	r := base()
	r.Host = "h2"
	add("host", Key("u1", r, nil))
	r = base()
	r.URL.RawQuery = "q=2"
	add("query", Key("u1", r, nil))
	r = base()
	r.URL.Path = "/other"
	add("path", Key("u1", r, nil))
	r = httptest.NewRequest(http.MethodHead, "http://h1/p?q=1", nil)
	add("method", Key("u1", r, nil))
	r = httptest.NewRequest(http.MethodGet, "https://h1/p?q=1", nil)
	add("scheme", Key("u1", r, nil))
}

func TestRenderAndWriteTo(t *testing.T) {
	a := Render(func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{}`))
	})
	rec := httptest.NewRecorder()
	a.WriteTo(rec)
	assert.Equal(t, http.StatusCreated, rec.Code)
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	assert.Equal(t, `{}`, rec.Body.String())
}
