// Package pmp holds the conformance checks of ManageEngine Password Manager
// Pro's REST and PKI APIs (seed 002, API-FACTS section C).
package pmp

import (
	"errors"

	"github.com/opsmock/opsmock/conformance/check"
)

// The two API roots (seed 002).
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
			valuesAreStrings, idLookups,
			unknownAccount, malformedInput, pkiUnknownCertificate,
			resourceLifecycle, passwordChange, approvalWorkflow, userLifecycle, sshKeyLifecycle, certificateLifecycle,
		},
		// The token goes in the AUTHTOKEN header (seed 002, C3).
		Authenticate: check.HeaderAuth("AUTHTOKEN", func(c check.Credential) string { return c.Token }),
		Probe:        probe,
	}
}

// probe: an unauthenticated resource list answers a JSON operation
// envelope (C1's Authentication failure, or anything in that shape).
func probe(t *check.T) error {
	res, err := t.Client(check.Anonymous).Get(t.Target().URL + rest + "/resources")
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var v map[string]any
	if decodeJSON(res.Body, &v) != nil || v["operation"] == nil {
		return errors.New("GET " + rest + "/resources answered " + res.Status + " without an operation envelope")
	}
	return nil
}
