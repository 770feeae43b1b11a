package mock

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// journalSize bounds the journal: the oldest entries go first.
const journalSize = 10000

// JournalEntry is one vendor-API request the server answered (control
// plane requests are not journalled).
type JournalEntry struct {
	Time    time.Time `json:"time"`
	Method  string    `json:"method"`
	Path    string    `json:"path"`
	Query   string    `json:"query,omitempty"` // secret values redacted
	Product string    `json:"product,omitempty"`
	Status  int       `json:"status"`
}

// journal keeps the last journalSize entries.
type journal struct {
	mu      sync.Mutex // guards entries, dropped
	entries []JournalEntry
	dropped int
}

func (j *journal) add(e JournalEntry) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if len(j.entries) == journalSize {
		j.entries = append(j.entries[:0], j.entries[1:]...)
		j.dropped++
	}
	j.entries = append(j.entries, e)
}

// Journal returns the journalled requests, oldest first, and how many
// older ones were dropped.
func (s *Server) Journal() ([]JournalEntry, int) {
	s.journal.mu.Lock()
	defer s.journal.mu.Unlock()
	return append([]JournalEntry(nil), s.journal.entries...), s.journal.dropped
}

// ClearJournal empties the journal.
func (s *Server) ClearJournal() {
	s.journal.mu.Lock()
	defer s.journal.mu.Unlock()
	s.journal.entries, s.journal.dropped = nil, 0
}

// journalRequests records every vendor-API request with its status.
func (s *Server) journalRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := record(w)
		next.ServeHTTP(rec, r)
		if strings.HasPrefix(r.URL.Path, controlPrefix+"/") {
			return
		}
		e := JournalEntry{Time: s.cfg.clock().UTC(), Method: r.Method, Path: r.URL.Path, Query: redactQuery(r.URL.RawQuery), Status: rec.status}
		if p := s.productFor(r.URL.Path); p != nil {
			e.Product = p.Name()
		}
		s.journal.add(e)
	})
}
