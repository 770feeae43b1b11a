package opmanager

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/opsmock/opsmock/mock/internal/memo"
)

// Error codes. The first group is documented (fact B1); the second is
// ours (spec info.x-inferred-errors) where no public text exists.
const (
	codeMissing       = "LESS_THAN_MIN_OCCURANCE" // sic, as documented
	codeDataType      = "DATATYPE_NOT_MATCHED"
	codePattern       = "PATTERN_NOT_MATCHED"
	codeMaxLength     = "MORE_THAN_MAX_LENGTH"
	codeMinLength     = "LESS_THAN_MIN_LENGTH"
	codeXSS           = "XSS_DETECTED"
	codeKeyMissing    = "API_KEY_MISSING"
	codeKeyInvalid    = "API_KEY_INVALID"
	codeKeyDisabled   = "API_KEY_DISABLED"
	codeKeyExpired    = "API_KEY_EXPIRED"
	codeRESTDisabled  = "REST_API_ACCESS_DISABLED"
	codeAccessDenied  = "API_ACCESS_DENIED"
	codeNotFound      = "NOT_FOUND"
	codeAlreadyExists = "ALREADY_EXISTS"
	codeInvalidFile   = "INVALID_FILE"
	codeURLNotFound   = "URL_NOT_FOUND"
	codeMethod        = "METHOD_NOT_ALLOWED"
	codeInternal      = "INTERNAL_ERROR"
)

// Default statuses. Validation and business errors are HTTP 200 (fact B1).
const (
	// DefaultAuthFailureStatus answers a missing, unknown, disabled or
	// expired key (fact B2 [I]: no capture shows the real status).
	DefaultAuthFailureStatus = http.StatusUnauthorized
	// DefaultAccessDeniedStatus answers a key whose access type or owner
	// does not allow the operation.
	DefaultAccessDeniedStatus = http.StatusForbidden
)

// apiError is an OpManager error: {"error":{"message","errorcode"}} (fact B1).
type apiError struct {
	Status  int
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// fail is a business or validation error, which OpManager answers with 200.
func fail(code, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusOK, Code: code, Message: fmt.Sprintf(format, args...)}
}

func errMandatory(param string) *apiError {
	return fail(codeMissing, "The parameter '%s' is mandatory and must have at least 1 occurrence.", param)
}

func errDataType(param, typ string) *apiError {
	return fail(codeDataType, "The parameter '%s' must be of %s type.", param, typ)
}

func errPattern(param string) *apiError {
	return fail(codePattern, "The input specified for the parameter '%s' does not match the required pattern.", param)
}

func errXSS(param string) *apiError {
	return fail(codeXSS, "Illegal input detected on the parameter '%s'.", param)
}

func errNotFound(what, name string) *apiError {
	return fail(codeNotFound, "No %s named '%s' exists.", what, name)
}

func errExists(what, name string) *apiError {
	return fail(codeAlreadyExists, "A %s named '%s' already exists.", what, name)
}

func errInvalidFile(format string, args ...any) *apiError {
	return fail(codeInvalidFile, format, args...)
}

// envelope is the wire form of an error.
type envelope struct {
	Error struct {
		Message   string `json:"message"`
		ErrorCode string `json:"errorcode"`
	} `json:"error"`
}

func (e *apiError) envelope() envelope {
	var env envelope
	env.Error.Message, env.Error.ErrorCode = e.Message, e.Code
	return env
}

// writeJSON is the one place bodies are written. HTML is not escaped: the
// alarm severity is markup as the vendor sends it (fact B3).
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("opmanager: encode response: " + err.Error()) // only our own types reach here
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=UTF-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// render writes a handler's body, or its error in the envelope.
func render(w http.ResponseWriter, body any, err error) {
	if a, ok := body.(*memo.Answer); ok && err == nil {
		a.WriteTo(w) // a pure read's answer, rendered once (pure)
		return
	}
	if err != nil {
		ae, ok := err.(*apiError)
		if !ok {
			ae = &apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: "Internal error."}
		}
		writeJSON(w, ae.Status, ae.envelope())
		return
	}
	writeJSON(w, http.StatusOK, body)
}
