package fixturegen

import (
	"encoding/json"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// HARBase is the origin HAR entries name: 'opsmock serve's default
// address, so an imported archive replays against 'make run'.
const HARBase = "http://127.0.0.1:8080"

// HTTP Archive 1.2 (http://www.softwareishard.com/blog/har-12-spec/): the
// fields browser devtools, Postman and Insomnia import.
type (
	harFile struct {
		Log harLog `json:"log"`
	}
	harLog struct {
		Version string     `json:"version"`
		Creator harCreator `json:"creator"`
		Entries []harEntry `json:"entries"`
	}
	harCreator struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	harEntry struct {
		StartedDateTime string      `json:"startedDateTime"`
		Time            float64     `json:"time"`
		Request         harRequest  `json:"request"`
		Response        harResponse `json:"response"`
		Cache           struct{}    `json:"cache"`
		Timings         harTimings  `json:"timings"`
		Comment         string      `json:"comment"`
	}
	harRequest struct {
		Method      string   `json:"method"`
		URL         string   `json:"url"`
		HTTPVersion string   `json:"httpVersion"`
		Cookies     []harNV  `json:"cookies"`
		Headers     []harNV  `json:"headers"`
		QueryString []harNV  `json:"queryString"`
		PostData    *harPost `json:"postData,omitempty"`
		HeadersSize int      `json:"headersSize"`
		BodySize    int      `json:"bodySize"`
	}
	harResponse struct {
		Status      int        `json:"status"`
		StatusText  string     `json:"statusText"`
		HTTPVersion string     `json:"httpVersion"`
		Cookies     []harNV    `json:"cookies"`
		Headers     []harNV    `json:"headers"`
		Content     harContent `json:"content"`
		RedirectURL string     `json:"redirectURL"`
		HeadersSize int        `json:"headersSize"`
		BodySize    int        `json:"bodySize"`
	}
	harNV struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	harPost struct {
		MimeType string `json:"mimeType"`
		Text     string `json:"text"`
	}
	harContent struct {
		Size     int    `json:"size"`
		MimeType string `json:"mimeType"`
		Text     string `json:"text,omitempty"`
		Encoding string `json:"encoding,omitempty"`
	}
	harTimings struct {
		Send    float64 `json:"send"`
		Wait    float64 `json:"wait"`
		Receive float64 `json:"receive"`
	}
)

// writeHAR writes one archive per product, its entries in the order the
// scenario made them.
func writeHAR(staging, product string, r *Recording) ([]IndexEntry, []string, error) {
	doc := harFile{Log: harLog{Version: "1.2", Creator: harCreator{Name: "opsmock fixtures", Version: "1"}, Entries: []harEntry{}}}
	for _, ex := range r.Exchanges {
		doc.Log.Entries = append(doc.Log.Entries, harOf(ex))
	}
	rel := product + ".har"
	if err := writeFile(staging, rel, doc, encode); err != nil {
		return nil, nil, err
	}
	return nil, []string{rel}, nil
}

func harOf(ex Exchange) harEntry {
	u, _ := url.Parse(ex.Request.URL)
	req := harRequest{Method: ex.Request.Method, URL: HARBase + ex.Request.URL, HTTPVersion: "HTTP/1.1", Cookies: []harNV{},
		Headers: pairs(ex.Request.Headers), QueryString: []harNV{}, HeadersSize: -1, BodySize: len(ex.Request.Body)}
	if u != nil {
		req.QueryString = valuePairs(u.Query())
	}
	if ex.Request.Body != "" {
		req.PostData = &harPost{MimeType: ex.Request.Headers["Content-Type"], Text: ex.Request.Body}
	}
	content := harContent{MimeType: ex.Response.Headers["Content-Type"]}
	switch {
	case ex.Response.BodyBase64 != "":
		content.Text, content.Encoding = ex.Response.BodyBase64, "base64"
		if b, err := base64Decode(ex.Response.BodyBase64); err == nil {
			content.Size = len(b)
		}
	case ex.Response.Body != nil:
		if s, ok := ex.Response.Body.(string); ok && !strings.Contains(ex.Response.MediaType, "json") {
			content.Text = s
		} else {
			b, _ := json.Marshal(ex.Response.Body)
			content.Text = string(b)
		}
		content.Size = len(content.Text)
	}
	res := harResponse{Status: ex.Response.Status, StatusText: http.StatusText(ex.Response.Status), HTTPVersion: "HTTP/1.1",
		Cookies: []harNV{}, Headers: pairs(ex.Response.Headers), Content: content, HeadersSize: -1, BodySize: content.Size}
	return harEntry{StartedDateTime: Clock.Format("2006-01-02T15:04:05.000Z"), Request: req, Response: res,
		Comment: ex.OperationID + "/" + ex.Case + ": " + ex.Description}
}

func pairs(h map[string]string) []harNV {
	out := []harNV{}
	for k, v := range h {
		out = append(out, harNV{Name: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func valuePairs(v url.Values) []harNV {
	out := []harNV{}
	for _, k := range sortedKeys(v) {
		for _, x := range v[k] {
			out = append(out, harNV{Name: k, Value: x})
		}
	}
	return out
}
