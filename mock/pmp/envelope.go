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

// envelope is PMP's answer: {"operation":{"name","result","totalRows","Details"}} (fact C2).
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
	message     string
	details     any
	totalRows   *int
	statusCode  int
	file        *storedFile // downloadfile and the PKI downloads answer a file
	contentType string      // the file's media type; application/octet-stream if ""

	// PKI envelope extras (§40-§41, §64, §76).
	noResult     bool   // discovery answers carry no result
	status       string // overrides Success (§64 when every server failed)
	deployStatus any
	installKey   string
}

// failure is a Failed envelope; PMP answers it with HTTP 200 (fact C1).
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
	pki           bool // answers in the PKI envelope (§25-§76)
	upper         bool // PKI success status is "SUCCESS" (§51, §53)
	pure          bool // a read whose answer depends on state, caller and request only: kept per state version (mock/internal/memo)
	handle        func(*call) (reply, error)
}

func (rt route) body(res result) opBody {
	if rt.operationName {
		return opBody{OperationName: rt.name, Result: res}
	}
	return opBody{Name: rt.name, Result: res}
}

// pkiEnvelope is the PKI API's answer: no operation wrapper, lower-case
// details, and per-operation extras (§25-§76).
type pkiEnvelope struct {
	Name            string  `json:"name"`
	Result          *result `json:"result,omitempty"`
	TotalRows       *int    `json:"totalRows,omitempty"`
	Details         any     `json:"details,omitempty"`
	DeployStatus    any     `json:"deployStatus,omitempty"`
	AgentInstallKey string  `json:"AgentInstallKey,omitempty"`
}

// render writes a handler's reply or failure: the one place bodies are made.
func render(w http.ResponseWriter, rt route, rep reply, err error) {
	if err != nil {
		f, ok := err.(*failure)
		if !ok {
			f = failed(msgInternal)
		}
		res := result{Status: statusFailed, Message: f.message, StatusCode: f.statusCode}
		if rt.pki {
			writeJSON(w, http.StatusOK, pkiEnvelope{Name: rt.name, Result: &res})
			return
		}
		body := rt.body(res)
		body.Details = f.details
		writeJSON(w, http.StatusOK, envelope{Operation: body})
		return
	}
	if rep.file != nil {
		writeFile(w, rep)
		return
	}
	res := result{Status: statusSuccess, Message: rep.message, StatusCode: rep.statusCode}
	if rt.pki {
		switch {
		case rep.status != "":
			res.Status = rep.status
		case rt.upper:
			res.Status = "SUCCESS" // §51, §53
		}
		body := pkiEnvelope{Name: rt.name, Result: &res, TotalRows: rep.totalRows, Details: rep.details,
			DeployStatus: rep.deployStatus, AgentInstallKey: rep.installKey}
		if rep.noResult {
			body.Result = nil
		}
		writeJSON(w, http.StatusOK, body)
		return
	}
	body := rt.body(res)
	body.TotalRows, body.Details = rep.totalRows, rep.details
	writeJSON(w, http.StatusOK, envelope{Operation: body})
}

func writeFile(w http.ResponseWriter, rep reply) {
	ct := rep.contentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", "attachment; filename="+strconv.Quote(rep.file.Name))
	h.Set("Content-Length", strconv.Itoa(len(rep.file.Contents)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(rep.file.Contents)
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
