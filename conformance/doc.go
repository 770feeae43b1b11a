// Package conformance will hold the runner behind `opsmock check`: named
// checks that tell whether a live deployment or any fake honours spec/.
//
// Not built yet: it waits for its issue. The mock already exposes what it
// will build on: spec/contract validates any response against the specs.
package conformance
