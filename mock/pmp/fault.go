package pmp

import (
	"net/http"
)

// OperationOf names the operation a request would reach ("" if none).
func (p *Product) OperationOf(r *http.Request) string {
	if m, err := p.contract.Match(r); err == nil {
		return m.OperationID()
	}
	return ""
}

// WriteFault answers an injected fault's status with a Failed envelope
// in the shape of the API the path belongs to.
func (p *Product) WriteFault(w http.ResponseWriter, r *http.Request, status int) {
	msg := "The server is temporarily unable to process the request."
	if status == http.StatusTooManyRequests {
		msg = "Too many requests. Try again later."
	}
	writeUnrouted(w, status, "ERROR", msg, isPKI(r))
}
