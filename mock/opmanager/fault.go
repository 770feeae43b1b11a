package opmanager

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

// WriteFault answers an injected fault's status in OpManager's error
// envelope (fact B1); a rate limit says when to come back (fact D2:
// exceeding a limit blocks requests for a minute).
func (p *Product) WriteFault(w http.ResponseWriter, _ *http.Request, status int) {
	ae := &apiError{Status: status, Code: codeInternal, Message: "The server cannot answer now. Try again later."}
	if status == http.StatusTooManyRequests {
		ae.Code, ae.Message = "RATE_LIMIT_EXCEEDED", "The number of requests allowed for this API has been exceeded. Try again after some time."
	}
	writeJSON(w, status, ae.envelope())
}
