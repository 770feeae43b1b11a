package opsmanager_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRolesEndpoint holds GET /admin/apiKeys/roles (fact D1): a read-only
// key may read it, "roles" is never taken for a key id, the list is what
// create accepts, and paging and envelope apply. Answers are validated
// against the spec on the way.
func TestRolesEndpoint(t *testing.T) {
	e := newEnv(t)
	accepted := []string{"GLOBAL_AUTOMATION_ADMIN", "GLOBAL_BACKUP_ADMIN", "GLOBAL_MONITORING_ADMIN",
		"GLOBAL_OWNER", "GLOBAL_READ_ONLY", "GLOBAL_USER_ADMIN"}
	cases := []struct {
		name, query string
		want        any
	}{
		{"all", "", accepted},
		{"second page of two", "?itemsPerPage=4&pageNum=2", accepted[4:]},
		{"past the end", "?itemsPerPage=4&pageNum=3", []string{}},
		{"envelope", "?envelope=true", map[string]any{"content": accepted, "status": 200}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := decode[any](t, mustGet(t, e, e.reader, "/admin/apiKeys/roles"+tc.query))
			want := decode[any](t, []byte(mustJSON(t, tc.want)))
			assert.Equal(t, want, got)
		})
	}
	t.Run("every listed role is accepted on create", func(t *testing.T) {
		for _, role := range accepted {
			resp, body := e.do(e.as(e.owner), "POST", base+"/admin/apiKeys", `{"desc":"role `+role+`","roles":["`+role+`"]}`)
			assert.Equal(t, http.StatusOK, resp.StatusCode, "%s", body)
		}
	})
	t.Run("without credentials", func(t *testing.T) {
		resp, _ := e.do(e.anonymous(), "GET", base+"/admin/apiKeys/roles", "")
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
