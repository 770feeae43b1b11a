package check

import "time"

// Status is a check's outcome.
type Status string

// Outcomes. Error is a check that could not run to the end for a reason
// that is not the target's fault (a bug in the check, a lost connection),
// or a run that could not judge the target at all (unreachable, a refused
// credential).
const (
	Pass  Status = "pass"
	Fail  Status = "fail"
	Skip  Status = "skip"
	Error Status = "error"
)

// Finding is one way the target broke a rule: one plain sentence, where in
// the answer, and the exchange it is about (redacted, bounded).
type Finding struct {
	Category Category `json:"category"` // the check's, or shape for spec violations
	Reason   string   `json:"reason"`   // expected X, got Y
	JSONPath string   `json:"jsonPath,omitempty"`
	Request  string   `json:"request,omitempty"`
	Response string   `json:"response,omitempty"`
	// SameExchangeAs is the 1-based number of an earlier finding of the
	// same check that shows this exchange; Request and Response are then
	// left out. SameAnswerAs says the same of the answer alone.
	SameExchangeAs int `json:"sameExchangeAs,omitempty"`
	SameAnswerAs   int `json:"sameAnswerAs,omitempty"`

	ex *exchange // until the check ends
}

// Result is a check's outcome with its findings and what it exercised.
type Result struct {
	ID       string        `json:"id"`
	Rule     string        `json:"rule"`
	Category Category      `json:"category"`
	Write    bool          `json:"write"`
	Status   Status        `json:"status"`
	Reason   string        `json:"reason,omitempty"` // why skipped or errored
	Findings []Finding     `json:"findings,omitempty"`
	Duration time.Duration `json:"durationNs"`
	// Requests is how many requests the check sent; Operations the spec
	// operations they reached; Exercised what the check compared, in its
	// own words ("3 pages, 30 keys").
	Requests   int      `json:"requests"`
	Operations []string `json:"operations,omitempty"`
	Exercised  []string `json:"exercised,omitempty"`
	// LeftBehind lists what the check created and could not remove.
	LeftBehind []string `json:"leftBehind,omitempty"`
}

// Redact applies r to every text of the result once more: a secret
// learned after a finding was written is removed from it too.
func (res *Result) Redact(r *Redactor) {
	res.Reason = r.String(res.Reason)
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Reason, f.Request, f.Response = r.String(f.Reason), r.String(f.Request), r.String(f.Response)
	}
	for i, e := range res.Exercised {
		res.Exercised[i] = r.String(e)
	}
}

// finish turns the findings' exchanges into bounded, redacted text and
// refers to an exchange or answer already shown instead of repeating it.
func finish(findings []Finding, r *Redactor) []Finding {
	for i := range findings {
		f := &findings[i]
		f.Reason = r.String(f.Reason)
		if f.ex == nil {
			continue
		}
		req := r.String(f.ex.request)
		res := r.String(f.ex.status)
		body := showBody(r.String(string(f.ex.body)), f.ex.bodyType, f.JSONPath)
		if f.ex.note != "" {
			res += "(" + r.String(f.ex.note) + ")\n"
		}
		f.Request = cutLines(req) + "\n"
		f.Response = res
		if body != "" {
			f.Response += "\n" + body
		}
		for j := range i {
			earlier := &findings[j]
			if earlier.SameExchangeAs != 0 || earlier.Response == "" {
				continue // compare with the finding that shows it
			}
			switch {
			case earlier.ex == f.ex || (earlier.Request == f.Request && earlier.Response == f.Response):
				f.Request, f.Response, f.SameExchangeAs = "", "", j+1
			case earlier.Response == f.Response:
				f.Response, f.SameAnswerAs = "", j+1
			default:
				continue
			}
			break
		}
	}
	for i := range findings {
		findings[i].ex = nil
	}
	return findings
}
