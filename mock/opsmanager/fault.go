package opsmanager

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

// WriteFault answers an injected fault's status in the product's error
// document: RATE_LIMITED for 429 (fact A2), UNEXPECTED_ERROR otherwise.
func (p *Product) WriteFault(w http.ResponseWriter, r *http.Request, status int) {
	code, detail := codeUnexpectedError, "Unexpected error."
	if status == http.StatusTooManyRequests {
		code, detail = "RATE_LIMITED", "Too many requests. Try again later."
	}
	render(w, formatOf(r), result{}, &apiError{Status: status, Code: code, Detail: detail})
}
