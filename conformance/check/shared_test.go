package check_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/opsmock/opsmock/conformance/check"
)

// TestSharedIsMadeOnce: the first check that asks makes the value, with
// its own requests; later checks get it (or its error) without a request.
func TestSharedIsMadeOnce(t *testing.T) {
	tg := target(t, true, check.Credential{}, mockTransport(t))
	made := 0
	share := func(key string, fail bool) check.Check {
		return check.Check{Run: func(t *check.T) {
			v, err := t.Shared(key, func() (string, error) {
				made++
				t.Expect(check.Anonymous).GET("/api/public/v1.0/admin/apiKeys").Expect()
				if fail {
					return "", errors.New("could not make it")
				}
				return "device-1", nil
			})
			if err != nil {
				t.Skipf("%v", err)
			}
			t.Expect(check.Anonymous).GET("/api/public/v1.0/admin/apiKeys").Expect().Status(http.StatusUnauthorized)
			t.Exercised("%s", v)
		}}
	}
	first := check.Execute(context.Background(), tg, share("a", false))
	second := check.Execute(context.Background(), tg, share("a", false))
	assert.Equal(t, 1, made)
	assert.Equal(t, 2, first.Requests, "the maker's requests count to the check that made it")
	assert.Equal(t, 1, second.Requests)
	assert.Equal(t, []string{"device-1"}, second.Exercised)

	failed := check.Execute(context.Background(), tg, share("b", true))
	again := check.Execute(context.Background(), tg, share("b", false))
	assert.Equal(t, 2, made, "a failed make is not retried")
	assert.Equal(t, check.Skip, failed.Status)
	assert.Equal(t, check.Skip, again.Status)
	assert.Equal(t, "could not make it", again.Reason)
}

// TestLeftBehindAndSecrets: what a check leaves is in its result, and a
// check that reads secrets skips unless the target allows it.
func TestLeftBehindAndSecrets(t *testing.T) {
	rt := mockTransport(t)
	leaves := check.Check{Write: true, Run: func(t *check.T) {
		t.Expect(check.Anonymous).GET("/api/public/v1.0/admin/apiKeys").Expect()
		t.LeftBehind("device %s", "198.18.0.10")
	}}
	res := check.Execute(context.Background(), target(t, true, check.Credential{}, rt), leaves)
	assert.Equal(t, []string{"device 198.18.0.10"}, res.LeftBehind)

	reads := check.Check{Secrets: true, Run: func(t *check.T) {
		t.Expect(check.Anonymous).GET("/api/public/v1.0/admin/apiKeys").Expect()
	}}
	tg := target(t, false, check.Credential{}, rt)
	res = check.Execute(context.Background(), tg, reads)
	assert.Equal(t, check.Skip, res.Status)
	assert.Contains(t, res.Reason, "--read-secrets")
	tg.ReadSecrets = true
	res = check.Execute(context.Background(), tg, reads)
	assert.Equal(t, check.Pass, res.Status)
}
