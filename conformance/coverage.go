package conformance

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/opsmock/opsmock/conformance/check"
)

// Coverage says which operations of the product's spec a run exercised:
// a green run that tested little says so.
type Coverage struct {
	// Operations is the number of operations in the spec.
	Operations int `json:"operations"`
	// Exercised lists the operations some check sent a request to and
	// judged the answer of.
	Exercised []string `json:"exercised"`
	// ByCategory counts the operations the checks of each category reached.
	ByCategory map[check.Category]int `json:"byCategory"`
	// NotExercised lists the others, each with why.
	NotExercised []Gap `json:"notExercised"`
}

// Gap is an operation a run did not exercise.
type Gap struct {
	OperationID string `json:"operationId"`
	Method      string `json:"method"`
	Path        string `json:"path"`
	Why         string `json:"why"`
}

// Why an operation was not exercised.
const (
	whyWrite   = "needs --write"
	whySecrets = "needs --read-secrets"
	whyNoCheck = "no check reaches it yet"
)

// Percent is the share of operations exercised, 0 to 100.
func (c Coverage) Percent() float64 {
	if c.Operations == 0 {
		return 0
	}
	return 100 * float64(len(c.Exercised)) / float64(c.Operations)
}

// Line is the coverage in one line, as every report format ends with it:
// "pmp: 46/87 operations exercised (53%); 30 need --write, 11 have no check yet".
func (c Coverage) Line(product string) string {
	line := fmt.Sprintf("%s: %d/%d operations exercised (%.0f%%)", product, len(c.Exercised), c.Operations, c.Percent())
	n := map[string]int{}
	for _, g := range c.NotExercised {
		n[g.Why]++
	}
	var parts []string
	if n[whyWrite] > 0 {
		parts = append(parts, fmt.Sprintf("%d need --write", n[whyWrite]))
	}
	if n[whySecrets] > 0 {
		parts = append(parts, fmt.Sprintf("%d need --read-secrets", n[whySecrets]))
	}
	if n[whyNoCheck] > 0 {
		parts = append(parts, fmt.Sprintf("%d not reached by any check yet", n[whyNoCheck]))
	}
	if len(parts) > 0 {
		line += "; " + strings.Join(parts, ", ")
	}
	return line
}

// coverage counts, from the results, the operations the checks reached.
func coverage(tg *check.Target, r Report) Coverage {
	reached := map[string]bool{}
	byCat := map[check.Category]map[string]bool{}
	for _, res := range r.Results {
		for _, op := range res.Operations {
			reached[op] = true
			if byCat[res.Category] == nil {
				byCat[res.Category] = map[string]bool{}
			}
			byCat[res.Category][op] = true
		}
	}
	c := Coverage{Exercised: []string{}, NotExercised: []Gap{}, ByCategory: map[check.Category]int{}}
	for cat, ops := range byCat {
		c.ByCategory[cat] = len(ops)
	}
	for _, op := range tg.Operations() {
		c.Operations++
		if reached[op.OperationID] {
			c.Exercised = append(c.Exercised, op.OperationID)
			continue
		}
		why := whyNoCheck
		switch {
		case !r.Write && op.Method != http.MethodGet:
			why = whyWrite
		case !tg.ReadSecrets && op.Op.Extensions["x-reveals-secret"] == true:
			why = whySecrets
		}
		c.NotExercised = append(c.NotExercised, Gap{OperationID: op.OperationID, Method: op.Method, Path: op.Path, Why: why})
	}
	sort.Strings(c.Exercised)
	return c
}
