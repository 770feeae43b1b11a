package conformance

import (
	"sort"
	"time"

	"github.com/opsmock/opsmock/conformance/check"
)

// Report is a run's outcome.
type Report struct {
	Product  string         `json:"product"`
	Target   string         `json:"target"`
	Write    bool           `json:"write"`
	Started  time.Time      `json:"started"`
	Duration time.Duration  `json:"durationNs"`
	Results  []check.Result `json:"results"`
	Coverage Coverage       `json:"coverage"`
}

// Failed says whether any check failed or could not run to its end.
func (r Report) Failed() bool {
	for _, res := range r.Results {
		if res.Status == check.Fail || res.Status == check.Error {
			return true
		}
	}
	return false
}

// Count is the number of results per status.
func (r Report) Count() map[check.Status]int {
	out := map[check.Status]int{}
	for _, res := range r.Results {
		out[res.Status]++
	}
	return out
}

// ByCategory counts results per category and status.
func (r Report) ByCategory() map[check.Category]map[check.Status]int {
	out := map[check.Category]map[check.Status]int{}
	for _, res := range r.Results {
		if out[res.Category] == nil {
			out[res.Category] = map[check.Status]int{}
		}
		out[res.Category][res.Status]++
	}
	return out
}

// Result finds a check's result by ID.
func (r Report) Result(id string) (check.Result, bool) {
	for _, res := range r.Results {
		if res.ID == id {
			return res, true
		}
	}
	return check.Result{}, false
}

func sortByID(cs []check.Check) { sort.Slice(cs, func(i, j int) bool { return cs[i].ID < cs[j].ID }) }
