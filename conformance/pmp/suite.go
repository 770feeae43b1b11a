// Package pmp holds the conformance checks of ManageEngine Password Manager
// Pro's REST and PKI APIs (PMP-DOC, docs/sources.md, facts C).
package pmp

import (
	"fmt"
	"net/http"

	"github.com/opsmock/opsmock/conformance/check"
)

// The two API roots (PMP-DOC).
const (
	rest = "/restapi/json/v1"
	pki  = "/api/pki/restapi"
)

// Suite is the product's checks.
func Suite() *check.Suite {
	return &check.Suite{
		Product: "pmp",
		Checks: []check.Check{
			missingToken, wrongToken, queryToken, pkiRefusal, lowTokenRoles,
			operationEnvelope, totalRows, pkiEnvelope,
			valuesAreStrings, idLookups, lookups, secretReads,
			unknownAccount, malformedInput, pkiUnknownCertificate,
			resourceLifecycle, passwordChange, approvalWorkflow, userLifecycle, sshKeyLifecycle, certificateLifecycle,
			resourceGroupLifecycle, accountEdit, sharing, certificateSharing, certificateImport, sshKeyAssociation, csrLifecycle,
			pkiRefusals, requestRejected, userByName,
		},
		// The token goes in the AUTHTOKEN header (PMP-DOC, fact C3).
		Authenticate: check.HeaderAuth("AUTHTOKEN", func(c check.Credential) string { return c.Token }),
		ProbePath:    rest + "/resources",
		Accepts:      accepts,
	}
}

// accepts reads the resource list as who (§1, which every role may call):
// the Authentication failure (fact C1), or any Failed result, means the token
// is refused.
func accepts(t *check.T, who check.Who) error {
	res, err := t.Client(who).Get(t.Target().URL + rest + "/resources")
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var e envelope
	_ = decodeJSON(res.Body, &e)
	switch {
	case res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden:
		return fmt.Errorf("GET %s/resources answered HTTP %d", rest, res.StatusCode)
	case e.Operation != nil && e.Operation.Result != nil && e.Operation.Result.Status == "Failed":
		return fmt.Errorf("GET %s/resources answered %q (%s)", rest, e.Operation.Result.Message, e.Operation.Name)
	}
	return nil
}
