package drift

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

const (
	ownerRole    = "GLOBAL_OWNER"
	readOnlyRole = "GLOBAL_READ_ONLY"
	apiKeysPath  = "/api/public/v1.0/admin/apiKeys"
)

func opsManager() []Drift {
	d := func(name, breaks string) Drift {
		return Drift{Name: "opsmanager." + name, Product: "opsmanager", Breaks: breaks}
	}
	challenge := d("challenge-basic", "answers 401 with a Basic challenge instead of Digest (fact A4)")
	challenge.Response = func(r *http.Request, res *Response) {
		if res.Status == http.StatusUnauthorized {
			res.Header.Set("WWW-Authenticate", `Basic realm="`+realm+`"`)
		}
	}
	anonymous := d("anonymous-read", "answers reads without credentials as if the Global Owner asked (fact A3)")
	anonymous.Request = func(env Env, r *http.Request) *Response {
		if r.Method == http.MethodGet && r.Header.Get("Authorization") == "" {
			resign(env, r, ownerRole)
		}
		return nil
	}
	errorCode := d("unauthorized-error-code", "gives the 401 body an errorCode, a fourth field (fact A1)")
	errorCode.Response = func(r *http.Request, res *Response) {
		if res.Status == http.StatusUnauthorized {
			res.object(r, func(m map[string]any) { m["errorCode"] = "UNAUTHORIZED" })
		}
	}
	wrongKey := d("accept-wrong-key", "lets a known public key in with any private key (facts A1, A3)")
	wrongKey.Request = func(env Env, r *http.Request) *Response {
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Digest ") {
			return nil
		}
		body := bufferBody(r)
		try := r.Clone(r.Context())
		try.Body = http.NoBody
		if body != nil {
			try.Body = newBody(body)
		}
		res := env.Do(try)
		if res.Status != http.StatusUnauthorized {
			return res // the credentials were good: that is the answer
		}
		resign(env, r, ownerRole)
		return nil
	}
	skipRole := d("skip-role-check", "lets a read-only key write, as the Global Owner (fact A2 USER_UNAUTHORIZED)")
	skipRole.Request = func(env Env, r *http.Request) *Response {
		pub, _, ok := env.OpsManagerKey(readOnlyRole)
		if ok && r.Method != http.MethodGet && digestParams(r.Header.Get("Authorization"))["username"] == pub {
			resign(env, r, ownerRole)
		}
		return nil
	}
	renamed := d("list-results-renamed", `names a list's results "items" (fact A5)`)
	renamed.Response = func(r *http.Request, res *Response) {
		res.object(r, func(m map[string]any) {
			if v, ok := m["results"]; ok {
				delete(m, "results")
				m["items"] = v
			}
		})
	}
	envelope := d("envelope-ignored", "ignores envelope=true (fact A5)")
	envelope.Response = func(r *http.Request, res *Response) {
		if r.URL.Query().Get("envelope") != "true" {
			return
		}
		v, ok := res.jsonBody()
		m, isObj := v.(map[string]any)
		if !ok || !isObj {
			return
		}
		if content, wrapped := m["content"]; wrapped {
			res.setJSON(content)
			return
		}
		delete(m, "status")
		res.setJSON(m)
	}
	pretty := d("pretty-ignored", "ignores pretty=true (fact A5)")
	pretty.Response = func(r *http.Request, res *Response) {
		if r.URL.Query().Get("pretty") == "true" {
			if v, ok := res.jsonBody(); ok {
				res.Body = bytes.ReplaceAll(res.Body, []byte("\n"), nil) // compact from here on
				res.setJSON(v)
			}
		}
	}
	total := d("total-count-plus-one", "reports one key more in totalCount than the pages hold (fact A5)")
	total.Response = func(r *http.Request, res *Response) {
		res.object(r, func(m map[string]any) {
			if n, ok := m["totalCount"].(json.Number); ok {
				i, _ := n.Int64()
				m["totalCount"] = i + 1
			}
		})
	}
	noNext := d("no-next-link", "leaves the next link out of every page (fact A5)")
	noNext.Response = func(r *http.Request, res *Response) {
		res.object(r, func(m map[string]any) {
			if links, ok := m["links"]; ok {
				m["links"] = dropRel(links, "next")
			}
		})
	}
	unbounded := d("items-per-page-unbounded", "answers any itemsPerPage instead of refusing those outside 1..500 (fact A3)")
	unbounded.Request = func(_ Env, r *http.Request) *Response {
		q := r.URL.Query()
		n, err := strconv.Atoi(q.Get("itemsPerPage"))
		switch {
		case err != nil:
			return nil // not a number: still the product's own error
		case n < 1:
			q.Set("itemsPerPage", "1")
		case n > 500:
			q.Set("itemsPerPage", "500")
		default:
			return nil
		}
		r.URL.RawQuery = q.Encode()
		return nil
	}
	includeCount := d("include-count-ignored", "always sends totalCount, even with includeCount=false (fact A5)")
	includeCount.Request = func(_ Env, r *http.Request) *Response {
		q := r.URL.Query()
		if q.Has("includeCount") {
			q.Del("includeCount")
			r.URL.RawQuery = q.Encode()
		}
		return nil
	}
	unredacted := d("private-key-unredacted", "shows private keys in the list (fact A6)")
	unredacted.Response = func(r *http.Request, res *Response) {
		if r.Method != http.MethodGet || r.URL.Path != apiKeysPath {
			return
		}
		res.object(r, func(m map[string]any) {
			items, _ := m["results"].([]any)
			for _, it := range items {
				if km, ok := it.(map[string]any); ok {
					unredact(km)
				}
			}
		})
	}
	selfLinks := d("item-self-link-wrong", "points each listed key's self link at the list (fact A5)")
	selfLinks.Response = func(r *http.Request, res *Response) {
		res.object(r, func(m map[string]any) {
			items, _ := m["results"].([]any)
			for _, it := range items {
				km, _ := it.(map[string]any)
				if km != nil {
					km["links"] = []any{map[string]any{"rel": "self", "href": "http://opsmock" + apiKeysPath}}
				}
			}
		})
	}
	notFound := d("unknown-key-404", "answers an unknown key ID 404 RESOURCE_NOT_FOUND instead of 400 API_KEY_NOT_FOUND (fact A2)")
	notFound.Response = func(r *http.Request, res *Response) {
		res.object(r, func(m map[string]any) {
			if m["errorCode"] == "API_KEY_NOT_FOUND" {
				m["errorCode"], m["error"], m["reason"] = "RESOURCE_NOT_FOUND", 404, "Not Found"
				res.Status = http.StatusNotFound
			}
		})
	}
	noParams := d("error-without-parameters", "leaves parameters out of error documents (fact A1)")
	noParams.Response = func(r *http.Request, res *Response) {
		if res.Status >= 400 {
			res.object(r, func(m map[string]any) { delete(m, "parameters") })
		}
	}
	html := d("unknown-path-html", "answers an unknown path with an HTML page (facts A1, A2)")
	html.Response = func(r *http.Request, res *Response) {
		if res.Status == http.StatusNotFound {
			res.Header.Set("Content-Type", "text/html")
			res.Body = []byte("<html><body>Not Found</body></html>")
			res.Header.Del("Content-Length")
		}
	}
	deleteNoop := d("delete-noop", "answers DELETE of a key 204 without deleting it (fact A6)")
	deleteNoop.Request = func(_ Env, r *http.Request) *Response {
		if r.Method == http.MethodDelete && strings.HasPrefix(r.URL.Path, apiKeysPath+"/") {
			return &Response{Status: http.StatusNoContent, Header: http.Header{}}
		}
		return nil
	}
	created201 := d("create-answers-201", "answers a created key 201 where the page says 200 (fact A6)")
	created201.Response = func(r *http.Request, res *Response) {
		if r.Method == http.MethodPost && r.URL.Path == apiKeysPath && res.Status == http.StatusOK {
			res.Status = http.StatusCreated
		}
	}
	noAlgorithm := d("challenge-without-algorithm", "leaves algorithm out of the Digest challenge; clients fall back to MD5 (fact A4)")
	noAlgorithm.Response = func(_ *http.Request, res *Response) {
		if h := res.Header.Get("WWW-Authenticate"); h != "" {
			res.Header.Set("WWW-Authenticate", strings.Replace(h, " algorithm=MD5,", "", 1))
		}
	}
	selfNoPage := d("self-link-without-pagenum", "builds a list's self link without pageNum when the caller gave none (fact A5)")
	selfNoPage.Response = func(r *http.Request, res *Response) {
		if r.URL.Query().Has("pageNum") {
			return
		}
		res.object(r, func(m map[string]any) {
			links, _ := m["links"].([]any)
			for _, l := range links {
				if lm, ok := l.(map[string]any); ok && lm["rel"] == "self" {
					href, _ := lm["href"].(string)
					lm["href"] = strings.Replace(strings.Replace(href, "pageNum=1&", "", 1), "&pageNum=1", "", 1)
				}
			}
		})
	}
	keyNoParams := d("unknown-key-without-parameters", "leaves the unknown ID out of API_KEY_NOT_FOUND's parameters (fact A2)")
	keyNoParams.Response = func(r *http.Request, res *Response) {
		res.object(r, func(m map[string]any) {
			if m["errorCode"] == "API_KEY_NOT_FOUND" {
				m["parameters"] = []any{}
			}
		})
	}
	reason := d("error-reason-wrong", `says "Bad request" where the reason phrase is "Bad Request" (fact A1)`)
	reason.Response = func(r *http.Request, res *Response) {
		res.object(r, func(m map[string]any) {
			if m["reason"] == "Bad Request" {
				m["reason"] = "Bad request"
			}
		})
	}
	rolesAsID := d("roles-as-key-id", `reads /admin/apiKeys/roles as the key ID "roles": 400 API_KEY_NOT_FOUND (fact D1)`)
	rolesAsID.Request = func(_ Env, r *http.Request) *Response {
		if r.Method != http.MethodGet || r.URL.Path != apiKeysPath+"/roles" || r.Header.Get("Authorization") == "" {
			return nil
		}
		body, _ := json.Marshal(map[string]any{"detail": "No API key with ID roles exists.", "error": 400,
			"errorCode": "API_KEY_NOT_FOUND", "parameters": []string{"roles"}, "reason": "Bad Request"})
		return &Response{Status: http.StatusBadRequest, Header: http.Header{"Content-Type": {"application/json"}}, Body: body}
	}
	whitelistEmpty := d("whitelist-list-empty", "lists no entry under the legacy /admin/whitelist path (fact A7)")
	whitelistEmpty.Response = func(r *http.Request, res *Response) {
		if r.Method == http.MethodGet && r.URL.Path == "/api/public/v1.0/admin/whitelist" {
			res.object(r, func(m map[string]any) { m["results"], m["totalCount"] = []any{}, 0 })
		}
	}
	entry400 := d("unknown-access-entry-400", "answers an unknown access list entry 400 instead of 404 (fact A7)")
	entry400.Response = func(r *http.Request, res *Response) {
		res.object(r, func(m map[string]any) {
			if m["errorCode"] == "ACCESS_LIST_NOT_FOUND" {
				m["error"], m["reason"] = 400, "Bad Request"
				res.Status = http.StatusBadRequest
			}
		})
	}
	accessDeleteNoop := d("access-delete-noop", "answers DELETE of an access list entry 204 without deleting it (fact A7)")
	accessDeleteNoop.Request = func(_ Env, r *http.Request) *Response {
		if r.Method == http.MethodDelete && (strings.HasPrefix(r.URL.Path, "/api/public/v1.0/admin/accessList/") ||
			strings.HasPrefix(r.URL.Path, "/api/public/v1.0/admin/whitelist/")) && r.Header.Get("Authorization") != "" {
			return &Response{Status: http.StatusNoContent, Header: http.Header{}}
		}
		return nil
	}
	return []Drift{whitelistEmpty, entry400, accessDeleteNoop, challenge, anonymous, errorCode, wrongKey, skipRole, renamed, envelope, pretty, total, noNext,
		unbounded, includeCount, unredacted, selfLinks, notFound, noParams, html, deleteNoop, created201,
		noAlgorithm, selfNoPage, keyNoParams, reason, rolesAsID}
}

// unredact shows a fake full private key where a redacted one was: the
// drift must not leak the real one.
func unredact(m map[string]any) {
	if pk, ok := m["privateKey"].(string); ok && strings.HasPrefix(pk, "********-") {
		m["privateKey"] = "00000000-0000-4000-8000-" + pk[len(pk)-12:]
	}
}

func dropRel(v any, rel string) any {
	links, ok := v.([]any)
	if !ok {
		return v
	}
	out := []any{}
	for _, l := range links {
		if m, ok := l.(map[string]any); ok && m["rel"] == rel {
			continue
		}
		out = append(out, l)
	}
	return out
}
