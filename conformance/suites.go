package conformance

import (
	"fmt"
	"sort"
	"strings"

	"github.com/opsmock/opsmock/conformance/check"
	"github.com/opsmock/opsmock/conformance/opmanager"
	"github.com/opsmock/opsmock/conformance/opsmanager"
	"github.com/opsmock/opsmock/conformance/pmp"
)

// suites builds every product's suite, fresh on each call.
func suites() []*check.Suite {
	return []*check.Suite{opsmanager.Suite(), pmp.Suite(), opmanager.Suite()}
}

// Products lists the products the runner has checks for.
func Products() []string {
	var out []string
	for _, s := range suites() {
		out = append(out, s.Product)
	}
	return out
}

func suite(product string) (*check.Suite, error) {
	for _, s := range suites() {
		if s.Product == product {
			return s, nil
		}
	}
	return nil, fmt.Errorf("no checks for product %q (known: %s)", product, strings.Join(Products(), ", "))
}

// List returns the checks of a product ("" for all), ordered by ID.
func List(product string) ([]check.Check, error) {
	var out []check.Check
	for _, s := range suites() {
		if product == "" || s.Product == product {
			out = append(out, s.Checks...)
		}
	}
	if product != "" && len(out) == 0 {
		_, err := suite(product)
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// SuiteFor is a product's suite, for running its checks one by one.
func SuiteFor(product string) (*check.Suite, error) { return suite(product) }
