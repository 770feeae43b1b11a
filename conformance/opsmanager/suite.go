// Package opsmanager holds the conformance checks of MongoDB Ops Manager's
// Global API Keys API (API-FACTS section A, seeds 001 and 003).
package opsmanager

import (
	"errors"
	"net/http"
	"strings"

	"github.com/mongodb-forks/digest"

	"github.com/opsmock/opsmock/conformance/check"
)

// base is the API root every path is under.
const base = "/api/public/v1.0"

// Suite is the product's checks.
func Suite() *check.Suite {
	return &check.Suite{
		Product: "opsmanager",
		Checks: []check.Check{
			digestChallenge, missingCredentials, wrongCredentials, readOnlyCannotWrite,
			listDocument, envelopeList, envelopeSingle, prettyPrinting,
			walkPages, pageLinks, itemsPerPageBounds, includeCount,
			privateKeyRedacted, itemSelfLinks,
			unknownKey, errorDocument, unknownPath,
			apiKeyLifecycle,
		},
		Authenticate: func(c check.Credential, next http.RoundTripper) http.RoundTripper {
			return digest.NewTransportWithHTTPRoundTripper(c.PublicKey, c.PrivateKey, next)
		},
		Probe: probe,
	}
}

// probe: an unauthenticated list answers 401, or a JSON document (a target
// that lets anyone read). Anything else, a web page or another product's
// not-found, means no Ops Manager API here. It judges nothing: the auth
// checks do.
func probe(t *check.T) error {
	res, err := t.Client(check.Anonymous).Get(t.Target().URL + base + "/admin/apiKeys")
	if err != nil {
		return err
	}
	res.Body.Close()
	switch {
	case res.StatusCode == http.StatusUnauthorized:
		return nil
	case res.StatusCode == http.StatusOK && strings.Contains(res.Header.Get("Content-Type"), "json"):
		return nil
	}
	return errors.New("GET " + base + "/admin/apiKeys without credentials answered " + res.Status + ", not 401")
}
