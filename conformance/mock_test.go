package conformance_test

import (
	"context"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/conformance"
	"github.com/opsmock/opsmock/conformance/check"
	"github.com/opsmock/opsmock/conformance/opsmanager"
	"github.com/opsmock/opsmock/mock"
)

// opsManagerOptions runs as the mock's seeded Global Owner, with its
// Global Read Only key as the low credential.
func opsManagerOptions(t *testing.T, srv *mock.Server) conformance.Options {
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
	return conformance.Options{Product: "opsmanager", Primary: owner, Low: reader, Write: true, Transport: srv.Transport()}
}

func TestOpsManagerSuiteAgainstTheMock(t *testing.T) {
	srv, err := mock.New(mock.WithProducts("opsmanager"))
	require.NoError(t, err)
	report, err := conformance.Run(context.Background(), "http://opsmock", opsManagerOptions(t, srv))
	require.NoError(t, err)
	require.NoError(t, report.Render(os.Stdout, "text"))
	require.False(t, report.Failed())
}

func conformanceDigest(c check.Credential, next http.RoundTripper) http.RoundTripper {
	return opsmanager.Suite().Authenticate(c, next)
}
