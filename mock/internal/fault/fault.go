// Package fault holds the transport faults a server can inject: what a
// client of a real deployment must survive (a slow answer, a 5xx, a reset
// connection, an empty or truncated reply, a rate limit), scoped to a
// product and operation, with a seeded probability and a count.
package fault

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Kinds of fault.
const (
	Latency   = "latency"   // answer after a delay (fixed, or random in a range)
	Status    = "status"    // answer an error status in the product's error shape
	Reset     = "reset"     // close the connection with a TCP reset, no answer
	Empty     = "empty"     // close the connection without a byte
	Truncate  = "truncate"  // send the headers and half the body, then close
	RateLimit = "ratelimit" // 429 with Retry-After past a number of calls per window
)

// Kinds lists every kind.
var Kinds = []string{Latency, Status, Reset, Empty, Truncate, RateLimit}

// Fault is one rule: where it applies and what it does.
type Fault struct {
	ID          string  `json:"id,omitempty"`
	Kind        string  `json:"kind"`
	Product     string  `json:"product,omitempty"`     // "" is every product
	OperationID string  `json:"operationId,omitempty"` // "" is every operation
	Probability float64 `json:"probability,omitempty"` // 0 < p <= 1; 0 means 1
	// Count, if set, is how many more times it fires ("the next 3 calls").
	Count int `json:"count,omitempty"`
	// Delay is latency's delay; with DelayMax, a seeded random one in
	// [Delay, DelayMax].
	Delay    Duration `json:"delay,omitempty"`
	DelayMax Duration `json:"delayMax,omitempty"`
	// StatusCode is status's HTTP status (default 503).
	StatusCode int `json:"status,omitempty"`
	// Limit and Window are ratelimit's: the first Limit calls in each
	// Window pass, the rest get 429 (Limit 0: every call it fires on).
	Limit  int      `json:"limit,omitempty"`
	Window Duration `json:"window,omitempty"`
	// Fired counts the calls it acted on (read only).
	Fired int `json:"fired"`
}

// Duration reads and writes as Go's "200ms", "1m".
type Duration time.Duration

// MarshalJSON writes "200ms".
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads "200ms" or a number of milliseconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var ms float64
		if err := json.Unmarshal(b, &ms); err != nil {
			return errors.New(`a duration is "200ms", "1.5s", "1m" or milliseconds`)
		}
		*d = Duration(ms * float64(time.Millisecond))
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration %q: want 200ms, 1.5s, 1m", s)
	}
	*d = Duration(v)
	return nil
}

// Check refuses a fault that could not act, naming the field, and fills
// the defaults.
func (f *Fault) Check(products []string) error {
	switch {
	case !slices.Contains(Kinds, f.Kind):
		return fmt.Errorf("kind %q: want one of %s", f.Kind, strings.Join(Kinds, ", "))
	case f.Product != "" && !slices.Contains(products, f.Product):
		return fmt.Errorf("product %q: this server serves %s", f.Product, strings.Join(products, ", "))
	case f.Probability < 0 || f.Probability > 1:
		return fmt.Errorf("probability %g: want more than 0, at most 1", f.Probability)
	case f.Count < 0:
		return fmt.Errorf("count %d: want 0 (no end) or more", f.Count)
	case f.Delay < 0 || f.DelayMax < 0 || (f.DelayMax != 0 && f.DelayMax < f.Delay):
		return errors.New("delay: want 0 <= delay <= delayMax")
	case f.Kind == Latency && f.Delay == 0 && f.DelayMax == 0:
		return errors.New("latency needs a delay")
	case f.Delay > Duration(5*time.Minute) || f.DelayMax > Duration(5*time.Minute):
		return errors.New("delay: at most 5m")
	case f.StatusCode != 0 && (f.StatusCode < 400 || f.StatusCode > 599):
		return fmt.Errorf("status %d: want an error status, 400 to 599", f.StatusCode)
	case f.Limit < 0 || f.Window < 0:
		return errors.New("limit and window: want 0 or more")
	case f.Kind == RateLimit && f.Limit > 0 && f.Window == 0:
		return errors.New("ratelimit with a limit needs a window")
	}
	if f.Kind == Status && f.StatusCode == 0 {
		f.StatusCode = 503
	}
	if f.Probability == 0 {
		f.Probability = 1
	}
	return nil
}

// Parse reads the --fault form: KIND[@PRODUCT[/OPERATION]][,key=value...]
// with keys p (probability), count, delay (200ms or 100ms-500ms), status,
// limit and window. Examples: latency@pmp,delay=200ms;
// status@opsmanager/listGlobalApiKeys,status=503,count=3;
// ratelimit@opmanager/listAlarms,limit=25,window=1m; reset,p=0.1.
func Parse(s string) (Fault, error) {
	head, rest, _ := strings.Cut(strings.TrimSpace(s), ",")
	var f Fault
	kind, scope, _ := strings.Cut(head, "@")
	f.Kind = kind
	f.Product, f.OperationID, _ = strings.Cut(scope, "/")
	if rest == "" {
		return f, nil
	}
	for _, kv := range strings.Split(rest, ",") {
		key, value, ok := strings.Cut(kv, "=")
		if !ok {
			return f, fmt.Errorf("%q: want key=value", kv)
		}
		var err error
		switch key {
		case "p", "probability":
			f.Probability, err = strconv.ParseFloat(value, 64)
		case "count":
			f.Count, err = strconv.Atoi(value)
		case "status":
			f.StatusCode, err = strconv.Atoi(value)
		case "limit":
			f.Limit, err = strconv.Atoi(value)
		case "window":
			var d time.Duration
			d, err = time.ParseDuration(value)
			f.Window = Duration(d)
		case "delay":
			lo, hi, ranged := strings.Cut(value, "-")
			var d time.Duration
			if d, err = time.ParseDuration(lo); err == nil {
				f.Delay = Duration(d)
				if ranged {
					d, err = time.ParseDuration(hi)
					f.DelayMax = Duration(d)
				}
			}
		default:
			return f, fmt.Errorf("unknown key %q (p, count, delay, status, limit, window)", key)
		}
		if err != nil {
			return f, fmt.Errorf("%s=%q: %v", key, value, err)
		}
	}
	return f, nil
}

// Action is what a fault does to one request.
type Action struct {
	Kind       string
	Delay      time.Duration
	StatusCode int
	RetryAfter time.Duration
	Label      string // for the journal: "status 503 (fault 2)"
}

// Set is the active faults of a server. Safe for concurrent use.
type Set struct {
	mu     sync.Mutex // guards faults, next, rng, windows
	faults []*Fault
	next   int
	rng    *rand.Rand
	// windows holds each ratelimit fault's window start and calls in it.
	windows map[string]*window
}

type window struct {
	start time.Time
	calls int
}

// NewSet makes an empty set whose probabilities are drawn from seed.
func NewSet(seed uint64) *Set {
	return &Set{rng: rand.New(rand.NewPCG(seed, 0x6661756c74)), windows: map[string]*window{}}
}

// Replace makes exactly these faults active (checked by the caller).
func (s *Set) Replace(fs []Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults, s.windows = nil, map[string]*window{}
	for _, f := range fs {
		s.addLocked(f)
	}
}

// Add activates one fault and returns it with its id.
func (s *Set) Add(f Fault) Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addLocked(f)
}

func (s *Set) addLocked(f Fault) Fault {
	s.next++
	f.ID, f.Fired = strconv.Itoa(s.next), 0
	s.faults = append(s.faults, &f)
	return f
}

// Remove deactivates one fault by id.
func (s *Set) Remove(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.ID == id {
			s.faults = slices.Delete(s.faults, i, i+1)
			delete(s.windows, id)
			return true
		}
	}
	return false
}

// List returns the active faults.
func (s *Set) List() []Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Fault, len(s.faults))
	for i, f := range s.faults {
		out[i] = *f
	}
	return out
}

// Empty says whether no fault is active (the hot path's one check).
func (s *Set) Empty() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.faults) == 0
}

// Decide returns the action of the first active fault that fires on a
// request of product and operation at now, if any. A fault whose count
// runs out is removed.
func (s *Set) Decide(product, operationID string, now time.Time) (Action, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if (f.Product != "" && f.Product != product) || (f.OperationID != "" && f.OperationID != operationID) {
			continue
		}
		if f.Probability < 1 && s.rng.Float64() >= f.Probability {
			continue
		}
		a := Action{Kind: f.Kind, StatusCode: f.StatusCode}
		switch f.Kind {
		case Latency:
			a.Delay = time.Duration(f.Delay)
			if f.DelayMax > f.Delay {
				a.Delay += time.Duration(s.rng.Int64N(int64(f.DelayMax - f.Delay)))
			}
		case RateLimit:
			a.StatusCode, a.RetryAfter = 429, time.Second
			if f.Limit > 0 {
				w := s.windows[f.ID]
				if w == nil || now.Sub(w.start) >= time.Duration(f.Window) {
					w = &window{start: now}
					s.windows[f.ID] = w
				}
				w.calls++
				if w.calls <= f.Limit {
					continue // within the limit: this fault lets it pass
				}
				a.RetryAfter = w.start.Add(time.Duration(f.Window)).Sub(now)
			}
		}
		f.Fired++
		a.Label = fmt.Sprintf("%s (fault %s)", describe(a), f.ID)
		if f.Count > 0 {
			if f.Count--; f.Count == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
				delete(s.windows, f.ID)
			}
		}
		return a, true
	}
	return Action{}, false
}

func describe(a Action) string {
	switch a.Kind {
	case Latency:
		return "latency " + a.Delay.String()
	case Status:
		return "status " + strconv.Itoa(a.StatusCode)
	case RateLimit:
		return "ratelimit 429"
	}
	return a.Kind
}
