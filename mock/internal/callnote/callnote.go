// Package callnote carries, from a product back to the server, what the
// server cannot see in the bytes it forwards: which operation a request
// reached and whether the product answered it as a success or a failure
// (PMP and OpManager fail with HTTP 200). The journal reads it.
package callnote

import (
	"context"
	"net/http"
)

// Note is what a product says of one request.
type Note struct {
	// OperationID is the spec operation the request was routed to; "" if
	// none (an unknown path, a refused credential before routing).
	OperationID string
	// Failed says the product answered with its failure shape.
	Failed bool
	// Detail is the vendor's error code or message of a failure.
	Detail string
	// Fault is the transport fault injected instead of, or around, the
	// product's answer ("status 503 (fault 2)").
	Fault string
}

type key struct{}

// With returns r carrying a fresh note, and the note.
func With(r *http.Request) (*http.Request, *Note) {
	n := &Note{}
	return r.WithContext(context.WithValue(r.Context(), key{}, n)), n
}

// Without returns ctx without a note: a request the server makes on its own
// behalf (a drift asking the product) must not overwrite the caller's.
func Without(ctx context.Context) context.Context { return context.WithValue(ctx, key{}, (*Note)(nil)) }

// Operation records the operation r was routed to.
func Operation(r *http.Request, id string) {
	if n, _ := r.Context().Value(key{}).(*Note); n != nil {
		n.OperationID = id
	}
}

// Fault records the transport fault injected on r.
func Fault(r *http.Request, label string) {
	if n, _ := r.Context().Value(key{}).(*Note); n != nil {
		n.Fault = label
	}
}

// Outcome records how the product answered r: a failure with its detail,
// or (err == "") a success.
func Outcome(r *http.Request, failed bool, detail string) {
	if n, _ := r.Context().Value(key{}).(*Note); n != nil {
		n.Failed, n.Detail = failed, detail
	}
}
