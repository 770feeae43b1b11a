// Package opsmanager holds the conformance checks of MongoDB Ops Manager's
// Global API Keys API (docs/sources.md, facts A, OM-CREATE and OM-LIST).
package opsmanager

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

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
			privateKeyRedacted, itemSelfLinks, keyRoles, accessListShape,
			unknownKey, errorDocument, unknownPath, unknownAccessEntry,
			apiKeyLifecycle, accessListLifecycle,
		},
		Authenticate: check.DigestAuth,
		ProbePath:    base + "/admin/apiKeys",
		Accepts:      accepts,
	}
}

// accepts reads one key as who (Global Read Only suffices, OM-LIST): a
// 401 or 403 means the key pair, or the caller's address, is refused.
func accepts(t *check.T, who check.Who) error {
	res, err := t.Client(who).Get(t.Target().URL + base + "/admin/apiKeys?itemsPerPage=1")
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized && res.StatusCode != http.StatusForbidden {
		return nil
	}
	if res.StatusCode == http.StatusUnauthorized && !strings.Contains(strings.ToLower(res.Header.Get("WWW-Authenticate")), "digest") {
		// The key pair was never sent: that is the target breaking the
		// auth contract (fact A4), for the auth checks to report, not a
		// credential to correct.
		return nil
	}
	var doc struct{ Detail, ErrorCode string }
	_ = json.NewDecoder(res.Body).Decode(&doc)
	msg := fmt.Sprintf("GET %s/admin/apiKeys answered HTTP %d", base, res.StatusCode)
	if doc.ErrorCode != "" {
		msg += " " + doc.ErrorCode
	}
	if doc.Detail != "" {
		msg += fmt.Sprintf(" (%q)", doc.Detail)
	}
	return errors.New(msg)
}
