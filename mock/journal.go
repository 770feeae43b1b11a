package mock

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/opsmock/opsmock/mock/internal/callnote"
	"github.com/opsmock/opsmock/mock/internal/secret"
)

// DefaultJournalSize is how many requests the journal keeps when
// WithJournalSize is not given; the oldest are dropped first, and counted.
const DefaultJournalSize = 10000

// journalBodyBytes bounds the part of a request body the journal keeps.
const journalBodyBytes = 64 << 10

// Outcomes of a journalled request, as the product answered it.
const (
	OutcomeSuccess = "success"
	OutcomeFailed  = "failed"
)

// JournalEntry is one vendor-API request the server answered (control
// plane requests are not journalled), with what a test needs to assert on
// it. Secrets are masked and everything else kept as sent: INPUT_DATA
// decoded as JSON with its passwords masked, form and multipart fields by
// name, files by name and size.
type JournalEntry struct {
	Seq         int64         `json:"seq"`
	Time        time.Time     `json:"time"`
	Duration    time.Duration `json:"durationNs"`
	Product     string        `json:"product,omitempty"`
	OperationID string        `json:"operationId,omitempty"`
	Method      string        `json:"method"`
	Path        string        `json:"path"`
	// Query holds the query parameters: a string, or a list when repeated;
	// INPUT_DATA decoded.
	Query map[string]any `json:"query,omitempty"`
	// Body is the request body: form and multipart fields like Query (a
	// file as {"file","bytes"}), a JSON body decoded, anything else by
	// size; its first 64 KiB.
	Body   any `json:"body,omitempty"`
	Status int `json:"status"`
	// Outcome is success or failed as the product answered (a PMP Failed
	// envelope at HTTP 200 is failed), with the vendor's message or code.
	Outcome string `json:"outcome"`
	Detail  string `json:"detail,omitempty"`
	// Drifts lists the contract drifts active for the request's product.
	Drifts []string `json:"drifts,omitempty"`
	// Fault is the transport fault injected, if any ("status 503 (fault
	// 2)"); a request a fault ended without an answer has status 0.
	Fault string `json:"fault,omitempty"`
}

// JournalFilter selects entries; empty fields select all.
type JournalFilter struct {
	Product     string
	OperationID string
	Outcome     string
	Method      string
	// Path selects entries whose path starts with it.
	Path string
}

func (f JournalFilter) match(e *rawEntry) bool {
	return (f.Product == "" || f.Product == e.product) &&
		(f.OperationID == "" || f.OperationID == e.note.OperationID) &&
		(f.Outcome == "" || f.Outcome == outcomeOf(e.note)) &&
		(f.Method == "" || strings.EqualFold(f.Method, e.method)) &&
		(f.Path == "" || strings.HasPrefix(e.path, f.Path))
}

func outcomeOf(n callnote.Note) string {
	if n.Failed || n.Fault != "" && !strings.HasPrefix(n.Fault, "latency") {
		return OutcomeFailed
	}
	return OutcomeSuccess
}

// rawEntry is what the hot path keeps: the request as it came. It is
// decoded and masked only when someone reads the journal.
type rawEntry struct {
	seq                 int64
	time                time.Time
	duration            time.Duration
	product             string
	method, path, query string
	contentType         string
	body                []byte
	status              int
	note                callnote.Note
	drifts              []string
}

// journal is a ring of the last size entries.
type journal struct {
	mu      sync.Mutex // guards ring, next, count, seq, dropped, started, inflight
	ring    []rawEntry
	size    int
	next    int // where the next entry goes
	count   int // entries held
	seq     int64
	dropped int
	// started numbers requests as they begin; inflight holds those not yet
	// journalled, so a read waits for the requests begun before it (a
	// client over a socket can have its answer before the handler is done).
	started  int64
	inflight map[int64]bool
	done     *sync.Cond
	// cleared is the last request begun before the journal was cleared:
	// those are not journalled when they end.
	cleared int64
}

// maxJournalWait bounds how long a read waits for requests under way.
const maxJournalWait = 2 * time.Second

func newJournal(size int) *journal {
	if size <= 0 {
		size = DefaultJournalSize
	}
	j := &journal{size: size, inflight: map[int64]bool{}}
	j.done = sync.NewCond(&j.mu)
	return j
}

// begin notes a request under way.
func (j *journal) begin() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.started++
	j.inflight[j.started] = true
	return j.started
}

// settle waits, holding j.mu, until the requests begun so far are
// journalled (or maxJournalWait has passed).
func (j *journal) settle() {
	upTo := j.started
	deadline := time.Now().Add(maxJournalWait)
	timer := time.AfterFunc(maxJournalWait, func() {
		j.mu.Lock()
		j.done.Broadcast()
		j.mu.Unlock()
	})
	defer timer.Stop()
	for time.Now().Before(deadline) {
		pending := false
		for id := range j.inflight {
			if id <= upTo {
				pending = true
				break
			}
		}
		if !pending {
			return
		}
		j.done.Wait()
	}
}

// add journals the request begun as id.
func (j *journal) add(id int64, e rawEntry) {
	j.mu.Lock()
	defer j.mu.Unlock()
	delete(j.inflight, id)
	defer j.done.Broadcast()
	if id <= j.cleared {
		return
	}
	if j.ring == nil {
		j.ring = make([]rawEntry, 0, min(j.size, 1024))
	}
	j.seq++
	e.seq = j.seq
	if j.count < j.size {
		if len(j.ring) < j.size {
			j.ring = append(j.ring, e)
		} else {
			j.ring[j.next] = e
		}
		j.count++
	} else {
		j.ring[j.next] = e
		j.dropped++
	}
	j.next = (j.next + 1) % j.size
}

// entries returns the matching entries, oldest first.
func (j *journal) entries(f JournalFilter) ([]rawEntry, int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.settle()
	out := []rawEntry{}
	start := (j.next - j.count + j.size) % j.size
	for i := range j.count {
		e := &j.ring[(start+i)%j.size]
		if f.match(e) {
			out = append(out, *e)
		}
	}
	return out, j.dropped
}

func (j *journal) clear() {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.ring, j.next, j.count, j.dropped = nil, 0, 0, 0
	j.cleared = j.started // a request begun before the clear is not journalled after it
}

// Journal returns the journalled requests matching f, oldest first, and
// how many older ones were dropped to keep the journal bounded.
func (s *Server) Journal(f JournalFilter) ([]JournalEntry, int) {
	raw, dropped := s.journal.entries(f)
	out := make([]JournalEntry, len(raw))
	for i := range raw {
		out[i] = raw[i].entry()
	}
	return out, dropped
}

// ClearJournal empties the journal.
func (s *Server) ClearJournal() { s.journal.clear() }

// journalRequests records every vendor-API request: what was asked, what
// the product read of the body, what it answered and how it judged it.
func (s *Server) journalRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if owns(controlPrefix, r.URL.Path) {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		id := s.journal.begin()
		rec := record(w)
		r, note := callnote.With(r)
		tee := &teeBody{ReadCloser: r.Body}
		r.Body = tee
		// Deferred: a request a fault ended without an answer is journalled too.
		defer func() {
			tee.fill()
			e := rawEntry{time: s.cfg.clock().UTC(), duration: time.Since(start), method: r.Method, path: r.URL.Path,
				query: r.URL.RawQuery, contentType: r.Header.Get("Content-Type"), body: tee.kept, status: rec.status, note: *note}
			if p := s.productFor(r.URL.Path); p != nil {
				e.product = p.Name()
				e.drifts = s.activeDriftsOf(e.product)
			}
			s.journal.add(id, e)
		}()
		next.ServeHTTP(rec, r)
	})
}

// teeBody keeps the first journalBodyBytes of what the product reads.
type teeBody struct {
	io.ReadCloser
	kept []byte
}

// fill reads on to the journal's bound what the product left unread (a
// request refused before its body was looked at), so the journal shows
// what the client sent. Anything beyond stays unread.
func (t *teeBody) fill() {
	if room := journalBodyBytes - len(t.kept); room > 0 {
		_, _ = io.Copy(io.Discard, io.LimitReader(t, int64(room)))
	}
}

func (t *teeBody) Read(p []byte) (int, error) {
	n, err := t.ReadCloser.Read(p)
	if room := journalBodyBytes - len(t.kept); room > 0 && n > 0 {
		t.kept = append(t.kept, p[:min(n, room)]...)
	}
	return n, err
}

// entry decodes and masks a raw entry.
func (e *rawEntry) entry() JournalEntry {
	out := JournalEntry{Seq: e.seq, Time: e.time, Duration: e.duration, Product: e.product, OperationID: e.note.OperationID,
		Method: e.method, Path: e.path, Status: e.status, Outcome: outcomeOf(e.note), Detail: e.note.Detail, Drifts: e.drifts,
		Fault: e.note.Fault}
	if e.query != "" {
		q, _ := url.ParseQuery(e.query)
		out.Query = fields(q)
	}
	out.Body = decodeBody(e.contentType, e.body)
	return out
}

// fields turns parameters into a masked map: INPUT_DATA (any JSON value)
// decoded, a repeated parameter as a list.
func fields(q url.Values) map[string]any {
	if len(q) == 0 {
		return nil
	}
	out := make(map[string]any, len(q))
	for name, vs := range q {
		vals := make([]any, len(vs))
		for i, v := range vs {
			vals[i] = fieldValue(name, v)
		}
		if len(vals) == 1 {
			out[name] = vals[0]
		} else {
			out[name] = vals
		}
	}
	return out
}

func fieldValue(name, v string) any {
	if secret.Name(name) {
		return secret.Mask
	}
	if t := strings.TrimSpace(v); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		var decoded any
		if json.Unmarshal([]byte(t), &decoded) == nil {
			return secret.Value(decoded)
		}
	}
	return v
}

// decodeBody shows a request body by its media type, masked.
func decodeBody(contentType string, body []byte) any {
	if len(body) == 0 {
		return nil
	}
	mt, params, _ := mime.ParseMediaType(contentType)
	switch {
	case strings.HasPrefix(mt, "multipart/"):
		if v, ok := multipartFields(body, params["boundary"]); ok {
			return v
		}
	case strings.Contains(mt, "json"):
		var v any
		if json.Unmarshal(body, &v) == nil {
			return secret.Value(v)
		}
	}
	// Forms, and PMP's text/json bodies that are forms too.
	if q, err := url.ParseQuery(string(body)); err == nil && !bytes.ContainsAny(body, " \n{") {
		return fields(q)
	}
	var v any
	if json.Unmarshal(body, &v) == nil {
		return secret.Value(v)
	}
	return map[string]any{"bytes": len(body), "contentType": contentType}
}

func multipartFields(body []byte, boundary string) (map[string]any, bool) {
	if boundary == "" {
		return nil, false
	}
	out := map[string]any{}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return out, true
		}
		if err != nil {
			return out, len(out) > 0 // the journal keeps at most 64 KiB: a cut body still shows its first parts
		}
		data, _ := io.ReadAll(p)
		if p.FileName() != "" {
			out[p.FormName()] = map[string]any{"file": p.FileName(), "bytes": len(data)}
			continue
		}
		out[p.FormName()] = fieldValue(p.FormName(), string(data))
	}
}
