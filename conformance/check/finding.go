package check

import "time"

// Status is a check's outcome.
type Status string

// Outcomes. Error is a check that could not run to the end for a reason
// that is not the target's fault (a bug in the check, a lost connection).
const (
	Pass  Status = "pass"
	Fail  Status = "fail"
	Skip  Status = "skip"
	Error Status = "error"
)

// Finding is one way the target broke a rule.
type Finding struct {
	Category Category `json:"category"` // the check's, or shape for spec violations
	Reason   string   `json:"reason"`
	Request  string   `json:"request,omitempty"`  // redacted
	Response string   `json:"response,omitempty"` // redacted
}

// Result is a check's outcome with its findings.
type Result struct {
	ID       string        `json:"id"`
	Rule     string        `json:"rule"`
	Category Category      `json:"category"`
	Write    bool          `json:"write"`
	Status   Status        `json:"status"`
	Reason   string        `json:"reason,omitempty"` // why skipped or errored
	Findings []Finding     `json:"findings,omitempty"`
	Duration time.Duration `json:"durationNs"`
}
