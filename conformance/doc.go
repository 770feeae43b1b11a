// Package conformance is the runner behind `opsmock check`: it tells
// whether a live deployment, or any fake, honours the contract in spec/.
// Each product's checks (conformance/<product>) hold it to one rule each;
// every response any check receives is also validated against the spec.
// Read-only by default: without Options.Write a run sends reads, and
// requests that cannot change state (unauthenticated or malformed ones).
//
//	report, err := conformance.Run(ctx, "https://pmp.example:7272", conformance.Options{
//		Product: "pmp", Primary: check.Credential{Token: token},
//	})
package conformance
