package opsmanager_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type linkDoc struct {
	Href string `json:"href"`
	Rel  string `json:"rel"`
}

type keyPage struct {
	Links      []linkDoc        `json:"links"`
	Results    []map[string]any `json:"results"`
	Status     *int             `json:"status"`
	TotalCount *int             `json:"totalCount"`
}

func linksByRel(ls []linkDoc) map[string]url.Values {
	out := map[string]url.Values{}
	for _, l := range ls {
		u, _ := url.Parse(l.Href)
		out[l.Rel] = u.Query()
	}
	return out
}

// TestPageWalk walks every page at several page sizes: the pages hold
// exactly totalCount distinct keys, and self/previous/next are right on the
// first, middle and last page.
func TestPageWalk(t *testing.T) {
	e := newEnv(t)
	const total = 2 + 3 + 25
	for _, per := range []int{1, 7, 10, 30, 500} {
		t.Run(fmt.Sprintf("itemsPerPage=%d", per), func(t *testing.T) {
			seen := map[string]bool{}
			pages := (total + per - 1) / per
			for n := 1; n <= pages; n++ {
				p := decode[keyPage](t, mustGet(t, e, e.reader, fmt.Sprintf("/admin/apiKeys?itemsPerPage=%d&pageNum=%d", per, n)))
				require.NotNil(t, p.TotalCount)
				assert.Equal(t, total, *p.TotalCount)
				for _, k := range p.Results {
					id := k["id"].(string)
					assert.False(t, seen[id], "key %s on two pages", id)
					seen[id] = true
				}
				links := linksByRel(p.Links)
				assert.Equal(t, strconv.Itoa(n), links["self"].Get("pageNum"))
				assert.Equal(t, strconv.Itoa(per), links["self"].Get("itemsPerPage"))
				if n == 1 {
					assert.NotContains(t, links, "previous")
				} else {
					assert.Equal(t, strconv.Itoa(n-1), links["previous"].Get("pageNum"))
				}
				if n == pages {
					assert.NotContains(t, links, "next")
				} else {
					assert.Equal(t, strconv.Itoa(n+1), links["next"].Get("pageNum"))
				}
			}
			assert.Len(t, seen, total)
		})
	}
}

func TestListDocument(t *testing.T) {
	e := newEnv(t)

	// Beyond the last page: 200, empty results, same totalCount (fact A3).
	p := decode[keyPage](t, mustGet(t, e, e.reader, "/admin/apiKeys?pageNum=99"))
	assert.Empty(t, p.Results)
	assert.NotNil(t, p.Results, "results must be [] not null")
	assert.Equal(t, 30, *p.TotalCount)
	// A page so far that pageNum × itemsPerPage overflows is past the end
	// too (it was a 500; FuzzPaging found it).
	p = decode[keyPage](t, mustGet(t, e, e.reader, "/admin/apiKeys?pageNum=9223372036854775807&itemsPerPage=500"))
	assert.Empty(t, p.Results)

	// includeCount=false drops totalCount (fact A5).
	p = decode[keyPage](t, mustGet(t, e, e.reader, "/admin/apiKeys?includeCount=false"))
	assert.Nil(t, p.TotalCount)

	// The self link keeps the caller's other parameters, as the docs' example.
	p = decode[keyPage](t, mustGet(t, e, e.reader, "/admin/apiKeys?pretty=true"))
	assert.Equal(t, e.srv.URL()+base+"/admin/apiKeys?pretty=true&pageNum=1&itemsPerPage=100", p.Links[0].Href)

	// Each item carries only its self link, through orgs/null (fact A6).
	assert.Equal(t, []any{map[string]any{"href": e.srv.URL() + base + "/orgs/null/apiKeys/" + p.Results[0]["id"].(string), "rel": "self"}}, p.Results[0]["links"])

	// OM-LIST's keys are there, as documented.
	k := decode[map[string]any](t, mustGet(t, e, e.reader, "/admin/apiKeys/5d6fecfc80eef547288207f3"))
	assert.Equal(t, "cfswjfck", k["publicKey"])
	assert.Equal(t, "********-****-****-fe348ed1796f", k["privateKey"])
}

func TestEnvelopeAndPretty(t *testing.T) {
	e := newEnv(t)
	id := "5d669ce780eef52a42cf0e1e"

	// Single result wrapped as {content, status}.
	env := decode[struct {
		Content map[string]any `json:"content"`
		Status  int            `json:"status"`
	}](t, mustGet(t, e, e.reader, "/admin/apiKeys/"+id+"?envelope=true"))
	assert.Equal(t, 200, env.Status)
	assert.Equal(t, id, env.Content["id"])

	// Lists get status beside results.
	p := decode[keyPage](t, mustGet(t, e, e.reader, "/admin/apiKeys?envelope=true&itemsPerPage=2"))
	require.NotNil(t, p.Status)
	assert.Equal(t, 200, *p.Status)
	assert.Len(t, p.Results, 2)

	// Errors are enveloped too; the HTTP status stays the real one.
	resp, body := e.do(e.as(e.reader), http.MethodGet, base+"/admin/apiKeys/nope?envelope=true", "")
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	errEnv := decode[struct {
		Content apiErr `json:"content"`
		Status  int    `json:"status"`
	}](t, body)
	assert.Equal(t, 400, errEnv.Status)
	assert.Equal(t, "API_KEY_NOT_FOUND", errEnv.Content.ErrorCode)

	// Create with envelope still shows the private key once.
	resp, body = e.do(e.as(e.owner), http.MethodPost, base+"/admin/apiKeys?envelope=true", `{"desc":"env","roles":["GLOBAL_READ_ONLY"]}`)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	created := decode[struct {
		Content map[string]any `json:"content"`
	}](t, body)
	assert.Regexp(t, `^[0-9a-f-]{36}$`, created.Content["privateKey"])

	// Delete with envelope: 204 and no body.
	resp, body = e.do(e.as(e.owner), http.MethodDelete, base+"/admin/apiKeys/"+created.Content["id"].(string)+"?envelope=true", "")
	assert.Equal(t, http.StatusNoContent, resp.StatusCode)
	assert.Empty(t, body)

	// pretty=true is Jackson-style and the same document as pretty=false.
	compact := mustGet(t, e, e.reader, "/admin/apiKeys/"+id+"?pretty=false")
	pretty := mustGet(t, e, e.reader, "/admin/apiKeys/"+id+"?pretty=true")
	assert.Contains(t, string(pretty), "{\n  \"desc\" : \"Test Global API Key 1\",\n")
	assert.NotContains(t, string(compact), "\n")
	var a bytes.Buffer
	require.NoError(t, json.Compact(&a, pretty))
	assert.Equal(t, string(compact), a.String())
	// Absent, true and false are all accepted (OM-CREATE).
	for _, v := range []string{"", "?pretty=true&envelope=false", "?pretty=false&envelope=true"} {
		mustGet(t, e, e.reader, "/admin/apiKeys/"+id+v)
	}
	// Service version header on API answers (read by opsmngr ServiceVersion).
	resp, _ = e.do(e.as(e.reader), http.MethodGet, base+"/admin/apiKeys/"+id, "")
	assert.Equal(t, "gitHash=opsmock; versionString=7.0.0", resp.Header.Get("X-MongoDB-Service-Version"))
}
