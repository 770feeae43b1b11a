package conformance_test

import (
	"context"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/conformance"
	"github.com/opsmock/opsmock/conformance/check"
	"github.com/opsmock/opsmock/conformance/opsmanager"
	"github.com/opsmock/opsmock/mock"
)

// opsManagerOptions runs as the mock's seeded Global Owner, with its
// Global Read Only key as the low credential.
func opsManagerOptions(t testing.TB, srv *mock.Server) conformance.Options {
	t.Helper()
	var owner, reader check.Credential
	for _, k := range srv.Credentials().OpsManager {
		switch k.Roles[0] {
		case "GLOBAL_OWNER":
			owner = check.Credential{PublicKey: k.PublicKey, PrivateKey: k.PrivateKey}
		case "GLOBAL_READ_ONLY":
			reader = check.Credential{PublicKey: k.PublicKey, PrivateKey: k.PrivateKey}
		}
	}
	require.False(t, owner.Empty())
	require.False(t, reader.Empty())
	// An access list that admits every caller, as a deployment that uses
	// one does: the access-list lifecycle runs only on a non-empty list.
	if len(srv.OpsManager().AccessList()) == 0 {
		for _, cidr := range []string{"0.0.0.0/0", "::/0"} {
			if _, err := srv.OpsManager().AddAccessListEntry(cidr, "every caller"); err != nil {
				t.Fatalf("access list: %v", err)
			}
		}
	}
	return conformance.Options{Product: "opsmanager", Primary: owner, Low: reader, Write: true, Transport: srv.Transport()}
}

func conformanceDigest(c check.Credential, next http.RoundTripper) http.RoundTripper {
	return opsmanager.Suite().Authenticate(c, next)
}

// pmpOptions runs as the mock's seeded Administrator, with guest (a
// Password User) as the low credential.
func pmpOptions(t testing.TB, srv *mock.Server) conformance.Options {
	t.Helper()
	tokens := map[string]string{}
	for _, c := range srv.Credentials().PMP {
		tokens[c.User] = c.AuthToken
	}
	require.NotEmpty(t, tokens["admin"])
	require.NotEmpty(t, tokens["guest"])
	return conformance.Options{Product: "pmp", Primary: check.Credential{Token: tokens["admin"]},
		Low: check.Credential{Token: tokens["guest"]}, LowUser: "guest", Write: true, Transport: srv.Transport()}
}

// opManagerOptions runs as the mock's All-access admin key, with the
// admin's Alarms read-only key as the low credential.
func opManagerOptions(t testing.TB, srv *mock.Server) conformance.Options {
	t.Helper()
	keys := map[string]string{}
	for _, k := range srv.Credentials().OpManager {
		keys[k.Name] = k.APIKey
	}
	require.NotEmpty(t, keys["All access"])
	require.NotEmpty(t, keys["Alarms read-only"])
	return conformance.Options{Product: "opmanager", Primary: check.Credential{APIKey: keys["All access"]},
		Low: check.Credential{APIKey: keys["Alarms read-only"]}, Write: true, Transport: srv.Transport()}
}

// TestSuitesPassAgainstTheMock runs every product's whole suite, with
// Write and the low credential, against the mock: every check passes.
func TestSuitesPassAgainstTheMock(t *testing.T) {
	for _, product := range conformance.Products() {
		t.Run(product, func(t *testing.T) {
			srv, err := mock.New(mock.WithProducts(product))
			require.NoError(t, err)
			report, err := conformance.Run(context.Background(), "http://opsmock", optionsFor(t, product, srv))
			require.NoError(t, err)
			if report.Failed() {
				require.NoError(t, report.Render(os.Stdout, "text"))
			}
			for _, r := range report.Results {
				assert.Equal(t, check.Pass, r.Status, "%s: %s", r.ID, r.Reason)
			}
		})
	}
}
