package conformance_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/opsmock/opsmock/conformance"
	"github.com/opsmock/opsmock/conformance/check"
	"github.com/opsmock/opsmock/mock"
)

func TestMeasureDriftReach(t *testing.T) {
	var names []string
	for id := range killers {
		names = append(names, id)
	}
	sort.Strings(names)
	for _, id := range names {
		d := killers[id]
		product := strings.SplitN(id, ".", 2)[0]
		srv, _ := mock.New(mock.WithProducts(product), mock.WithDrifts(d))
		report, _ := conformance.Run(context.Background(), "http://opsmock", optionsFor(t, product, srv))
		var failed []string
		for _, r := range report.Results {
			if r.Status == check.Fail && r.ID != id {
				failed = append(failed, strings.TrimPrefix(r.ID, product+"."))
			}
		}
		fmt.Printf("%-45s %-40s also: %v\n", id, d, failed)
	}
}
