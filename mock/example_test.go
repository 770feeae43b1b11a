package mock_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/mongodb-forks/digest"
	"go.mongodb.org/ops-manager/opsmngr"

	"github.com/opsmock/opsmock/mock"
)

// Example drives the official Ops Manager client against an in-process mock.
func Example() {
	srv, _ := mock.New(mock.WithSeed(7))
	defer srv.Close()
	key := srv.Credentials().OpsManager[0] // the seeded Global Owner key
	httpClient := &http.Client{Transport: digest.NewTransportWithHTTPRoundTripper(key.PublicKey, key.PrivateKey, srv.Transport())}
	client, _ := opsmngr.New(httpClient, opsmngr.SetBaseURL("http://opsmock/"))

	keys, _, err := client.GlobalAPIKeys.List(context.Background(), nil)
	fmt.Println(len(keys), err, key.Roles)
	// Output: 30 <nil> [GLOBAL_OWNER]
}
