// Package memo keeps the rendered answers of pure reads for one version of
// a product's state, so a repeated read costs a lookup instead of the
// listing, the visibility rules and the JSON encoding. A read is pure when
// its answer is a function of the state, the caller and the request alone:
// no clock, no audit trail, no counter. Each product marks those reads in
// its registration table and bumps its state version on every write; an
// answer made at another version is never served.
package memo

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
)

// maxEntries bounds a cache: when full, it starts over. Pure reads are
// few and callers repeat them, so a small cache holds the working set.
const maxEntries = 1024

// Answer is a rendered response.
type Answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// WriteTo sends the answer.
func (a *Answer) WriteTo(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range a.Header {
		h[k] = v[:len(v):len(v)] // an append elsewhere copies, never writes into the kept answer
	}
	w.WriteHeader(a.Status)
	_, _ = w.Write(a.Body)
}

// Cache counts a state's versions and holds the answers of the current
// one. The zero value is ready.
type Cache struct {
	current atomic.Uint64 // moved on by every write (Changed)
	mu      sync.Mutex
	version uint64 // the version entries belong to
	entries map[string]*Answer
}

// Version is the state version now: read it before the answer is made.
func (c *Cache) Version() uint64 { return c.current.Load() }

// Changed moves the version on; the store calls it as each write ends,
// still under its write lock.
func (c *Cache) Changed() { c.current.Add(1) }

// Get returns the answer kept for key at version.
func (c *Cache) Get(version uint64, key string) (*Answer, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version {
		return nil, false
	}
	a, ok := c.entries[key]
	return a, ok
}

// Keep keeps an answer made at version, provided no write has happened
// since (else it may mix two states); a newer version than the entries'
// starts the cache over.
func (c *Cache) Keep(version uint64, key string, a *Answer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version != c.current.Load() || version < c.version:
		return
	case version > c.version || c.entries == nil || len(c.entries) >= maxEntries:
		c.version, c.entries = version, map[string]*Answer{}
	}
	c.entries[key] = a
}

// Key names a request for one caller: host and scheme (answers carry
// links), method, path, query and body, which is everything a pure read's
// answer may depend on besides the caller and the state.
func Key(caller string, r *http.Request, body []byte) string {
	var b bytes.Buffer
	b.Grow(len(caller) + len(r.Host) + len(r.URL.Path) + len(r.URL.RawQuery) + len(body) + 12)
	b.WriteString(caller)
	b.WriteByte(0)
	if r.TLS != nil {
		b.WriteString("https://")
	}
	b.WriteString(r.Host)
	b.WriteByte(0)
	b.WriteString(r.Method)
	b.WriteByte(' ')
	b.WriteString(r.URL.Path)
	b.WriteByte('?')
	b.WriteString(r.URL.RawQuery)
	b.WriteByte(0)
	b.Write(body)
	return b.String()
}

// Render runs a renderer into a recorder (the one drifts capture with)
// and returns what it wrote, to send and keep.
func Render(render func(http.ResponseWriter)) *Answer {
	rec := httptest.NewRecorder()
	render(rec)
	return &Answer{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
}
