package config_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/config"
)

// TestExampleLoadsAsItIs: the example builds a server with its
// credentials and objects, which the API shows, before and after a reset.
func TestExampleLoadsAsItIs(t *testing.T) {
	cfg, err := config.Parse("example.yaml", []byte(config.Example))
	require.NoError(t, err)
	opts, err := cfg.Options()
	require.NoError(t, err)
	srv, err := mock.New(opts...)
	require.NoError(t, err)
	defer srv.Close()
	check := func() {
		r, ok := srv.PMP().Resource("app-db")
		require.True(t, ok)
		assert.Equal(t, "app-owner", r.Owner)
		bot, err := srv.Credentials().PMP.ByUser("ci-bot")
		require.NoError(t, err)
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/restapi/json/v1/resources", nil)
		req.Header.Set("AUTHTOKEN", bot.AuthToken)
		srv.Handler().ServeHTTP(rec, req)
		assert.Contains(t, rec.Body.String(), `"RESOURCE NAME":"app-db"`, "shared to the configured user")
		_, ok = srv.OpManager().Device("10.99.0.1")
		assert.True(t, ok)
		_, err = srv.Credentials().OpsManager.ByRole("GLOBAL_READ_ONLY")
		assert.NoError(t, err)
	}
	check()
	srv.Reset()
	check()
	assert.Equal(t, "127.0.0.1:8080", cfg.Flags()["addr"])
	assert.Len(t, srv.Faults(), 1)
}

// TestErrorsSayWhere: every mistake is reported at file:line:column with
// the key's path and the reason.
func TestErrorsSayWhere(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown key", "addr: x\nseeed: 2\n", "c.yaml:2:1: seeed: unknown key (known: addr, seed,"},
		{"nested unknown key", "tls:\n  enable: true\n", "c.yaml:2:3: tls.enable: unknown key (known: enabled, hosts,"},
		{"a list for a value", "seed: [1]\n", "c.yaml:1:7: seed: want a single value"},
		{"a value for a list", "products: pmp\n", "c.yaml:1:11: products: want a list"},
		{"wrong type", "seedSize: many\n", "c.yaml:1:"},
		{"bad duration", "stateSaveInterval: soon\n", `"soon" is not a duration`},
		{"syntax", "a: [\n", "c.yaml:1:1: did not find expected node content"},
		{"deep unknown key", "objects:\n  pmp:\n    resources:\n      - name: x\n        colour: red\n",
			"c.yaml:5:9: objects.pmp.resources[0].colour: unknown key"},
		{"fault spec", "faults:\n  - spec: latency@pmp,delay=forever\n", "c.yaml:2:11: faults[0].spec: delay="},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := config.Parse("c.yaml", []byte(c.yaml))
			if err == nil {
				_, err = cfg.Options()
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

// TestMockErrorsSayWhere: what mock.New or the objects refuse is placed on
// the file too.
func TestMockErrorsSayWhere(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"pmp role", "credentials:\n  pmp:\n    - user: x\n      role: Boss\n      authToken: TOKEN-TOKEN\n",
			`c.yaml:4:13: credentials.pmp[0].role: "Boss" is not one of`},
		{"opmanager module", "credentials:\n  opmanager:\n    - user: operator\n      name: k\n      apiKey: key-key-key-1\n      accessType: module\n      modules: {Alarms: readwrite}\n",
			"c.yaml:3:7: credentials.opmanager[0]: module Alarms: readwrite exceeds the privileges of user operator"},
		{"fault", "faults:\n  - kind: status\n    status: 200\n", "c.yaml:2:5: faults[0]: status 200"},
		{"drift", "drifts: [opsmanager.no-next-link, nope]\n", "c.yaml:1:35: drifts[1]: unknown drift"},
		{"object", "objects:\n  opmanager:\n    alarms:\n      - device: nowhere\n        severity: 1\n",
			"c.yaml:4:9: objects.opmanager.alarms[0]: opmanager: no device nowhere"},
		{"weak password", "objects:\n  pmp:\n    resources:\n      - name: r\n        type: Linux\n        accounts: [{name: a, password: x}]\n",
			"c.yaml:4:9: objects.pmp.resources[0]: pmp: POST /restapi/json/v1/resources as admin: Password length must be at least"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := config.Parse("c.yaml", []byte(c.yaml))
			require.NoError(t, err)
			opts, err := cfg.Options()
			if err == nil {
				var srv *mock.Server
				if srv, err = mock.New(opts...); err == nil {
					srv.Close()
				}
			}
			require.Error(t, err)
			assert.Contains(t, cfg.Explain(err).Error(), c.want)
			assert.NotContains(t, cfg.Explain(err).Error(), "\n", "one line")
		})
	}
}

func TestEmptyFile(t *testing.T) {
	cfg, err := config.Parse("empty.yaml", []byte("# nothing\n"))
	require.NoError(t, err)
	assert.Empty(t, cfg.Flags())
	_, err = config.Load("does-not-exist.yaml")
	assert.ErrorContains(t, err, "does-not-exist.yaml")
}
