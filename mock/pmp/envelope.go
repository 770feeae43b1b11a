package pmp

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// Result statuses and the status codes newer operations add (§85-§91).
const (
	statusSuccess = "Success"
	statusFailed  = "Failed"
	codeOK        = 20000
	codeTriggered = 20001
	codeFailed    = 46000
)

// envelope is PMP's answer: {"operation":{"name","result","totalRows","Details"}} (C2).
type envelope struct {
	Operation opBody `json:"operation"`
}

type opBody struct {
	Name          string `json:"name,omitempty"`
	OperationName string `json:"operationName,omitempty"` // §60, §61, §88 use this key
	Result        result `json:"result"`
	TotalRows     *int   `json:"totalRows,omitempty"`
	Details       any    `json:"Details,omitempty"`
}

type result struct {
	Status     string `json:"status"`
	Message    string `json:"message"`
	StatusCode int    `json:"statusCode,omitempty"`
}

// reply is what a handler returns on success.
type reply struct {
	message    string
	details    any
	totalRows  *int
	statusCode int
	file       *storedFile // downloadfile answers the file itself
}

// failure is a Failed envelope; PMP answers it with HTTP 200 (C1).
type failure struct {
	message    string
	statusCode int
	details    any
}

func (f *failure) Error() string { return f.message }

func failed(msg string) *failure { return &failure{message: msg} }

// coded is a failure of the operations that carry status codes (§85-§91).
func coded(msg string) *failure { return &failure{message: msg, statusCode: codeFailed} }

func rows(n int) *int { return &n }

// route is a registration-table entry: the envelope name an operation
// answers with (also on failure), and its handler.
type route struct {
	name          string
	operationName bool // the name goes in "operationName" (§60, §61, §88)
	handle        func(*call) (reply, error)
}

func (rt route) body(res result) opBody {
	if rt.operationName {
		return opBody{OperationName: rt.name, Result: res}
	}
	return opBody{Name: rt.name, Result: res}
}

// render writes a handler's reply or failure: the one place bodies are made.
func render(w http.ResponseWriter, rt route, rep reply, err error) {
	if err != nil {
		f, ok := err.(*failure)
		if !ok {
			f = failed(msgInternal)
		}
		body := rt.body(result{Status: statusFailed, Message: f.message, StatusCode: f.statusCode})
		body.Details = f.details
		writeJSON(w, http.StatusOK, envelope{Operation: body})
		return
	}
	if rep.file != nil {
		h := w.Header()
		h.Set("Content-Type", "application/octet-stream")
		h.Set("Content-Disposition", "attachment; filename="+strconv.Quote(rep.file.Name))
		h.Set("Content-Length", strconv.Itoa(len(rep.file.Contents)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(rep.file.Contents)
		return
	}
	body := rt.body(result{Status: statusSuccess, Message: rep.message, StatusCode: rep.statusCode})
	body.TotalRows, body.Details = rep.totalRows, rep.details
	writeJSON(w, http.StatusOK, envelope{Operation: body})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic("pmp: encode response: " + err.Error()) // only our own types reach here
	}
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=UTF-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
