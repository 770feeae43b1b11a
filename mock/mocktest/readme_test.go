package mocktest_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/mongodb-forks/digest"
	"github.com/stretchr/testify/require"
	"go.mongodb.org/ops-manager/opsmngr"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/mocktest"
)

// TestMyClient is the README's embedding example, verbatim.
func TestMyClient(t *testing.T) {
	srv := mocktest.Start(t, mock.WithSeed(7)) // closed at t.Cleanup
	key := srv.Credentials().OpsManager[0]     // the seeded Global Owner key
	rt := digest.NewTransportWithHTTPRoundTripper(key.PublicKey, key.PrivateKey, mocktest.Validating(t, srv.Client().Transport))
	client, _ := opsmngr.New(&http.Client{Transport: rt}, opsmngr.SetBaseURL(srv.URL()+"/"))
	keys, _, err := client.GlobalAPIKeys.List(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, keys, 30)
}
