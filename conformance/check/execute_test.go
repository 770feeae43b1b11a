package check_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/conformance/check"
	"github.com/opsmock/opsmock/mock"
)

// target is the mock's Ops Manager with a suite that does not authenticate.
func target(t *testing.T, write bool, low check.Credential, rt http.RoundTripper) *check.Target {
	t.Helper()
	s := &check.Suite{Product: "opsmanager",
		Authenticate: func(_ check.Credential, next http.RoundTripper) http.RoundTripper { return next },
		ProbePath:    "/api/public/v1.0/admin/apiKeys", Accepts: func(*check.T, check.Who) error { return nil }}
	tg, err := check.NewTarget("http://opsmock/", s, check.Credential{Token: "primary-secret"}, low, write, rt, &check.Redactor{})
	require.NoError(t, err)
	return tg
}

func mockTransport(t *testing.T) http.RoundTripper {
	srv, err := mock.New(mock.WithProducts("opsmanager"))
	require.NoError(t, err)
	return srv.Transport()
}

func TestExecute(t *testing.T) {
	rt := mockTransport(t)
	var cleaned []string
	cases := []struct {
		name   string
		c      check.Check
		write  bool
		low    check.Credential
		status check.Status
		reason string
	}{
		{"pass", check.Check{Run: func(t *check.T) {
			t.Expect(check.Anonymous).GET("/api/public/v1.0/admin/apiKeys").Expect().Status(http.StatusUnauthorized)
		}}, false, check.Credential{}, check.Pass, ""},
		{"failed assertion", check.Check{Run: func(t *check.T) {
			t.Expect(check.Anonymous).GET("/api/public/v1.0/admin/apiKeys").Expect().Status(http.StatusOK)
		}}, false, check.Credential{}, check.Fail, ""},
		{"skipped", check.Check{Run: func(t *check.T) {
			t.Cleanup(func() { cleaned = append(cleaned, "skip") })
			t.Skipf("nothing to act on")
			t.Errorf("not reached")
		}}, false, check.Credential{}, check.Skip, "nothing to act on"},
		{"fatal", check.Check{Run: func(t *check.T) {
			t.Cleanup(func() { cleaned = append(cleaned, "fatal") })
			t.Fatalf("stop here")
			t.Errorf("not reached")
		}}, false, check.Credential{}, check.Fail, ""},
		{"panic is the check's fault", check.Check{Run: func(t *check.T) {
			t.Cleanup(func() { cleaned = append(cleaned, "panic") })
			panic("bug")
		}}, false, check.Credential{}, check.Error, "the check panicked: bug"},
		{"write needs --write", check.Check{Write: true, Run: func(t *check.T) { t.Errorf("ran") }}, false, check.Credential{}, check.Skip, "changes state: run with --write"},
		{"write with --write", check.Check{Write: true, Run: anonymousList}, true, check.Credential{}, check.Pass, ""},
		{"low needed", check.Check{NeedsLow: true, Run: func(t *check.T) { t.Errorf("ran") }}, false, check.Credential{}, check.Skip, "needs the lower-privileged credential"},
		{"low given", check.Check{NeedsLow: true, Run: anonymousList}, false, check.Credential{Token: "low"}, check.Pass, ""},
		{"a pass needs an answer", check.Check{Run: func(*check.T) {}}, false, check.Credential{}, check.Error, "the check sent no request, so it exercised nothing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.c.ID, c.c.Category, c.c.Rule = "opsmanager.auth.test", check.Auth, "a rule"
			res := check.Execute(context.Background(), target(t, c.write, c.low, rt), c.c)
			assert.Equal(t, c.status, res.Status, "%+v", res)
			if c.reason != "" {
				assert.Equal(t, c.reason, res.Reason)
			}
		})
	}
	assert.Equal(t, []string{"skip", "fatal", "panic"}, cleaned, "cleanups run however a check ends")
}

func anonymousList(t *check.T) {
	t.Expect(check.Anonymous).GET("/api/public/v1.0/admin/apiKeys").Expect().Status(http.StatusUnauthorized)
}

// TestShapeFindings: an answer the spec does not allow is a shape finding
// with the exchange, whatever the check asserts.
func TestShapeFindings(t *testing.T) {
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusTeapot, Header: http.Header{"Content-Type": {"application/json"}},
			Body: http.NoBody, Request: r}, nil
	})
	res := check.Execute(context.Background(), target(t, false, check.Credential{}, rt), check.Check{
		ID: "opsmanager.shape.test", Category: check.Shape, Rule: "r",
		Run: func(t *check.T) { t.Expect(check.Primary).GET("/api/public/v1.0/admin/apiKeys").Expect() },
	})
	require.Equal(t, check.Fail, res.Status)
	require.Len(t, res.Findings, 1)
	f := res.Findings[0]
	assert.Equal(t, check.Shape, f.Category)
	assert.Contains(t, f.Reason, "breaks spec/opsmanager.yaml")
	assert.Contains(t, f.Request, "GET /api/public/v1.0/admin/apiKeys")
	assert.Contains(t, f.Response, "HTTP 418")
}

// TestLostConnectionIsAnError: a transport failure is not the target's
// rule broken, it is a check that could not run.
func TestLostConnectionIsAnError(t *testing.T) {
	rt := roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, assert.AnError })
	res := check.Execute(context.Background(), target(t, false, check.Credential{}, rt), check.Check{
		ID: "opsmanager.auth.test", Category: check.Auth, Rule: "r",
		Run: func(t *check.T) { t.Expect(check.Primary).GET("/x").Expect().Status(200) },
	})
	assert.Equal(t, check.Error, res.Status)
	assert.Contains(t, res.Reason, assert.AnError.Error())
}

func TestCheckValidate(t *testing.T) {
	run := func(*check.T) {}
	assert.NoError(t, check.Check{ID: "pmp.auth.missing-token", Category: check.Auth, Rule: "r", Run: run}.Validate())
	for _, c := range []check.Check{
		{ID: "pmp.auth.Missing_Token", Category: check.Auth, Rule: "r", Run: run},
		{ID: "jira.auth.x", Category: check.Auth, Rule: "r", Run: run},
		{ID: "pmp.auth.x", Category: check.Shape, Rule: "r", Run: run},
		{ID: "pmp.auth.x", Category: check.Auth, Run: run},
		{ID: "pmp.auth.x", Category: check.Auth, Rule: "r"},
	} {
		assert.Error(t, c.Validate(), c.ID)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
