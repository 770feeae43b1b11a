package mock_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/opmanager"
	"github.com/opsmock/opsmock/mock/pmp"
)

// A PMP client reads a password: the test puts the resource in, the
// client reads it through the API, the journal says what the client did.
func Example_pmpReadPassword() {
	srv, _ := mock.New(mock.WithProducts("pmp"))
	defer srv.Close()
	r, _ := srv.PMP().AddResource(pmp.NewResource{Name: "db-prod", Type: "Linux",
		Accounts: []pmp.Account{{Name: "root", Password: "R00t!Passw0rd#"}}})

	client, _ := srv.PMPClient("Administrator") // sends AUTHTOKEN
	res, err := client.Get(fmt.Sprintf("http://pmp.test/restapi/json/v1/resources/%d/accounts/%d/password", r.ID, r.Accounts[0].ID))
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	var doc struct {
		Operation struct{ Details struct{ PASSWORD string } }
	}
	_ = json.NewDecoder(res.Body).Decode(&doc)
	fmt.Println(doc.Operation.Details.PASSWORD)

	calls, _ := srv.Journal(mock.JournalFilter{OperationID: "getAccountPassword"})
	fmt.Println(len(calls), calls[0].Outcome)
	// Output:
	// R00t!Passw0rd#
	// 1 success
}

// An OpManager client lists the alarms of a device the test raised one on.
func Example_opManagerListAlarms() {
	srv, _ := mock.New(mock.WithProducts("opmanager"))
	defer srv.Close()
	_, _ = srv.OpManager().AddDevice(opmanager.Device{Name: "10.99.0.1", Category: "Router"})
	_, _ = srv.OpManager().AddAlarm(opmanager.NewAlarm{Device: "10.99.0.1", Severity: 1, Message: "CPU at 99%"})

	client, _ := srv.OpManagerClient("all") // sends the apiKey header
	res, err := client.Get("http://opmanager.test/api/json/alarm/listAlarms?deviceName=10.99.0.1")
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	var alarms []struct{ SeverityString, Message string }
	_ = json.NewDecoder(res.Body).Decode(&alarms)
	fmt.Println(len(alarms), alarms[0].SeverityString, alarms[0].Message)
	// Output: 1 Critical CPU at 99%
}

// An Ops Manager client creates a global API key: the answer holds the
// private key this once; the journal shows what the client sent.
func Example_opsManagerCreateKey() {
	srv, _ := mock.New(mock.WithProducts("opsmanager"))
	defer srv.Close()

	client, _ := srv.OpsManagerClient("GLOBAL_OWNER") // HTTP Digest
	res, err := client.Post("http://opsmanager.test/api/public/v1.0/admin/apiKeys", "application/json",
		strings.NewReader(`{"desc":"ci key","roles":["GLOBAL_READ_ONLY"]}`))
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	var key struct{ PublicKey, PrivateKey string }
	_ = json.NewDecoder(res.Body).Decode(&key)
	stored, _ := srv.OpsManager().Key(key.PublicKey)
	fmt.Println(res.StatusCode, key.PrivateKey == stored.PrivateKey)

	calls, _ := srv.Journal(mock.JournalFilter{OperationID: "createGlobalApiKey"})
	last := calls[len(calls)-1] // the first leg of the digest handshake was refused
	fmt.Println(len(calls), last.Outcome, last.Body)
	// Output:
	// 200 true
	// 2 success map[desc:ci key roles:[GLOBAL_READ_ONLY]]
}
