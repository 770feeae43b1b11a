package conformance_test

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/conformance"
	"github.com/opsmock/opsmock/conformance/check"
	"github.com/opsmock/opsmock/mock"
)

// killers names, for every check, a mock drift that breaks exactly the
// rule it holds a target to. TestEveryCheckHasAKillingDrift keeps it
// complete both ways; TestDriftsKillTheirChecks proves each entry.
var killers = map[string]string{
	"opsmanager.auth.digest-challenge":            "opsmanager.challenge-without-algorithm",
	"opsmanager.auth.missing-credentials":         "opsmanager.anonymous-read",
	"opsmanager.auth.wrong-credentials":           "opsmanager.accept-wrong-key",
	"opsmanager.auth.read-only-cannot-write":      "opsmanager.skip-role-check",
	"opsmanager.envelope.list-document":           "opsmanager.self-link-without-pagenum",
	"opsmanager.envelope.envelope-list":           "opsmanager.envelope-ignored",
	"opsmanager.envelope.envelope-single":         "opsmanager.envelope-ignored",
	"opsmanager.envelope.pretty":                  "opsmanager.pretty-ignored",
	"opsmanager.pagination.walk-pages":            "opsmanager.total-count-plus-one",
	"opsmanager.pagination.links":                 "opsmanager.no-next-link",
	"opsmanager.pagination.items-per-page-bounds": "opsmanager.items-per-page-unbounded",
	"opsmanager.pagination.include-count":         "opsmanager.include-count-ignored",
	"opsmanager.shape.private-key-redacted":       "opsmanager.private-key-unredacted",
	"opsmanager.shape.item-self-links":            "opsmanager.item-self-link-wrong",
	"opsmanager.shape.key-roles":                  "opsmanager.roles-as-key-id",
	"opsmanager.shape.access-list":                "opsmanager.whitelist-list-empty",
	"opsmanager.errors.unknown-access-entry":      "opsmanager.unknown-access-entry-400",
	"opsmanager.lifecycle.access-list":            "opsmanager.access-delete-noop",
	"opsmanager.errors.unknown-key":               "opsmanager.unknown-key-without-parameters",
	"opsmanager.errors.error-document":            "opsmanager.error-reason-wrong",
	"opsmanager.errors.unknown-path":              "opsmanager.unknown-path-html",
	"opsmanager.lifecycle.api-key":                "opsmanager.delete-noop",

	"pmp.auth.missing-token":             "pmp.anonymous-admin",
	"pmp.auth.wrong-token":               "pmp.unknown-token-admin",
	"pmp.auth.query-token":               "pmp.query-token-ignored",
	"pmp.auth.pki-refusal":               "pmp.pki-auth-wrapped",
	"pmp.auth.low-token-roles":           "pmp.pki-skips-roles",
	"pmp.envelope.operation-envelope":    "pmp.result-trailing-space",
	"pmp.envelope.total-rows":            "pmp.total-rows-plus-one",
	"pmp.envelope.pki-envelope":          "pmp.pki-lists-wrapped",
	"pmp.shape.values-are-strings":       "pmp.numbers-not-strings",
	"pmp.shape.id-lookups":               "pmp.resource-id-lookup-wrong",
	"pmp.shape.lookups":                  "pmp.ssh-key-type-wrong",
	"pmp.shape.secret-reads":             "pmp.certificate-passphrase-wrong",
	"pmp.errors.unknown-account":         "pmp.unknown-account-404",
	"pmp.errors.malformed-input-data":    "pmp.malformed-input-500",
	"pmp.errors.pki-unknown-certificate": "pmp.pki-detail-failure-400",
	"pmp.lifecycle.resource-accounts":    "pmp.delete-resource-noop",
	"pmp.lifecycle.password-change":      "pmp.password-change-noop",
	"pmp.lifecycle.approval-workflow":    "pmp.approve-noop",
	"pmp.lifecycle.user-group":           "pmp.user-delete-noop",
	"pmp.lifecycle.ssh-key":              "pmp.ssh-fingerprint-wrong",
	"pmp.lifecycle.certificate":          "pmp.certificate-serial-wrong",
	"pmp.lifecycle.resource-group":       "pmp.associate-resources-noop",
	"pmp.lifecycle.account-edit":         "pmp.edit-account-noop",
	"pmp.lifecycle.sharing":              "pmp.share-resource-noop",
	"pmp.lifecycle.certificate-sharing":  "pmp.share-certificate-noop",
	"pmp.lifecycle.certificate-import":   "pmp.add-certificate-noop",
	"pmp.lifecycle.ssh-key-association":  "pmp.associate-key-noop",
	"pmp.lifecycle.csr":                  "pmp.csr-list-empty",
	"pmp.errors.pki-refusals":            "pmp.deploy-unknown-certificate-accepted",
	"pmp.lifecycle.request-rejected":     "pmp.reject-noop",
	"pmp.lifecycle.user-by-name":         "pmp.delete-user-by-name-noop",

	"opmanager.auth.header-key":              "opmanager.v1-header-key-ignored",
	"opmanager.auth.query-key":               "opmanager.query-key-ignored",
	"opmanager.auth.header-only-url":         "opmanager.header-only-accepts-query",
	"opmanager.auth.missing-key":             "opmanager.anonymous-admin",
	"opmanager.auth.invalid-key":             "opmanager.unknown-key-admin",
	"opmanager.auth.read-only-key":           "opmanager.skip-access-check",
	"opmanager.auth.module-scope":            "opmanager.events-skip-access-check",
	"opmanager.errors.error-envelope":        "opmanager.error-envelope-flat",
	"opmanager.errors.datatype":              "opmanager.datatype-400",
	"opmanager.shape.list-alarms":            "opmanager.alarm-id-number",
	"opmanager.shape.alarm-severity-filter":  "opmanager.alarm-severity-filter-ignored",
	"opmanager.shape.list-devices":           "opmanager.device-status-number",
	"opmanager.shape.documented-reads":       "opmanager.events-list-bare",
	"opmanager.pagination.list-devices":      "opmanager.device-records-plus-one",
	"opmanager.lifecycle.alarm-acknowledge":  "opmanager.acknowledge-noop",
	"opmanager.lifecycle.discovery-profile":  "opmanager.profile-edit-ignored",
	"opmanager.lifecycle.subnet":             "opmanager.subnet-add-noop",
	"opmanager.lifecycle.linux-credential":   "opmanager.credential-duplicate-accepted",
	"opmanager.lifecycle.ncm-imports":        "opmanager.ncm-import-counts-zero",
	"opmanager.lifecycle.device":             "opmanager.set-managed-noop",
	"opmanager.lifecycle.device-alarm":       "opmanager.add-notes-noop",
	"opmanager.lifecycle.device-monitors":    "opmanager.delete-monitor-noop",
	"opmanager.lifecycle.downtime-schedule":  "opmanager.downtime-delete-noop",
	"opmanager.lifecycle.business-rule":      "opmanager.business-rule-update-ignored",
	"opmanager.errors.notification-refusals": "opmanager.unknown-profile-accepted",
}

// extraKillers are drifts kept for users that are not any check's first
// killer; each still must make some check fail.
var extraKillers = map[string]string{
	"pmp.resource-group-id-wrong":         "pmp.shape.lookups",
	"pmp.ssh-keys-for-user-failed":        "pmp.shape.lookups",
	"opsmanager.unauthorized-error-code":  "opsmanager.auth.wrong-credentials",
	"opsmanager.create-answers-201":       "opsmanager.lifecycle.api-key",
	"opsmanager.challenge-basic":          "opsmanager.auth.digest-challenge",
	"opsmanager.list-results-renamed":     "opsmanager.envelope.list-document",
	"opsmanager.error-without-parameters": "opsmanager.errors.error-document",
	"opsmanager.unknown-key-404":          "opsmanager.errors.unknown-key",
}

func TestEveryCheckHasAKillingDrift(t *testing.T) {
	checks, err := conformance.List("")
	require.NoError(t, err)
	var ids, table []string
	for _, c := range checks {
		ids = append(ids, c.ID)
	}
	for id := range killers {
		table = append(table, id)
	}
	sort.Strings(table)
	assert.Equal(t, ids, table, "every check needs a killing drift in the table, and only checks do")

	srv, err := mock.New()
	require.NoError(t, err)
	used := map[string]bool{}
	for _, d := range killers {
		used[d] = true
	}
	for d := range extraKillers {
		used[d] = true
	}
	for _, d := range srv.Drifts() {
		assert.True(t, used[d.Name], "drift %s kills no check", d.Name)
	}
}

// TestDriftsKillTheirChecks runs the whole suite against the mock with each
// check's killing drift: that check fails, and any other check that fails
// is in its category or fails only with findings of its category (a shape
// drift shows up as shape findings wherever the answer is read). Each extra
// drift must make its check fail.
func TestDriftsKillTheirChecks(t *testing.T) {
	type tc struct {
		id, drift string
		precise   bool
	}
	var cases []tc
	for id, d := range killers {
		cases = append(cases, tc{id, d, true})
	}
	for d, id := range extraKillers {
		cases = append(cases, tc{id, d, false})
	}
	for _, c := range cases {
		t.Run(c.id+" by "+c.drift, func(t *testing.T) {
			t.Parallel()
			product := strings.SplitN(c.id, ".", 2)[0]
			srv, err := mock.New(mock.WithProducts(product), mock.WithDrifts(c.drift))
			require.NoError(t, err)
			opts := optionsFor(t, product, srv)
			if !c.precise {
				opts.Run = regexp.MustCompile("^" + regexp.QuoteMeta(c.id) + "$")
			}
			report, err := conformance.Run(context.Background(), "http://opsmock", opts)
			require.NoError(t, err)
			res, ok := report.Result(c.id)
			require.True(t, ok)
			require.Equal(t, check.Fail, res.Status, "%s: %s", res.Reason, findingsText(res))
			for _, other := range report.Results {
				if other.ID == c.id || other.Status == check.Pass || other.Status == check.Skip {
					continue
				}
				assert.True(t, confined(other, res.Category), "%s also breaks %s (%s): %s", c.drift, other.ID, other.Status, findingsText(other))
			}
		})
	}
}

// confined: a result is in the category, or all its findings are. The
// validator cannot tell a wrong envelope from a wrong field when an answer
// matches none of an operation's alternatives: it reports the whole
// document ($) as a shape finding, which an envelope drift may cause too.
func confined(r check.Result, cat check.Category) bool {
	if r.Status == check.Error {
		return false
	}
	if r.Category == cat {
		return true
	}
	for _, f := range r.Findings {
		wholeDocument := f.Category == check.Shape && f.JSONPath == "$" && cat == check.Envelope
		if f.Category != cat && !wholeDocument {
			return false
		}
	}
	return true
}

func findingsText(res check.Result) string {
	var b strings.Builder
	for _, f := range res.Findings {
		b.WriteString(f.Reason + "\n")
	}
	return b.String()
}

func optionsFor(t testing.TB, product string, srv *mock.Server) conformance.Options {
	t.Helper()
	switch product {
	case "opsmanager":
		return opsManagerOptions(t, srv)
	case "pmp":
		return pmpOptions(t, srv)
	case "opmanager":
		return opManagerOptions(t, srv)
	}
	t.Fatalf("no options for %s", product)
	return conformance.Options{}
}
