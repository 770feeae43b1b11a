package conformance_test

import (
	"context"
	"testing"

	"github.com/opsmock/opsmock/conformance"
	"github.com/opsmock/opsmock/mock"
)

// BenchmarkSuite is the wall time of each product's whole suite, with
// Write, against the in-process mock (a fresh mock per run):
//
//	go test -run '^$' -bench Suite -benchtime 20x ./conformance/
func BenchmarkSuite(b *testing.B) {
	for _, product := range conformance.Products() {
		b.Run(product, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				srv, err := mock.New(mock.WithProducts(product))
				if err != nil {
					b.Fatal(err)
				}
				opts := optionsFor(b, product, srv)
				b.StartTimer()
				report, err := conformance.Run(context.Background(), "http://opsmock", opts)
				if err != nil || report.Failed() {
					b.Fatalf("%s: %v", product, err)
				}
			}
		})
	}
}
