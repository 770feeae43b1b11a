// Package check is the engine of the conformance runner: what a check is,
// what it runs with (T: authenticated httpexpect clients whose failures
// become findings, every response validated against the spec), and what
// it reports. The checks themselves live in conformance/<product>.
package check

import (
	"fmt"
	"net/http"
	"regexp"
)

// Category groups checks by the kind of rule they hold a target to.
type Category string

// The kinds of rule a check holds a target to.
const (
	Auth       Category = "auth"
	Envelope   Category = "envelope"
	Pagination Category = "pagination"
	Shape      Category = "shape"
	Lifecycle  Category = "lifecycle"
	Errors     Category = "errors"
)

// Categories lists every category, in report order.
var Categories = []Category{Auth, Envelope, Pagination, Shape, Lifecycle, Errors}

// Check is one named rule.
type Check struct {
	// ID is stable: <product>.<category>.<name>, kebab-case.
	ID string
	// Rule is one line stating what is checked and where it comes from
	// (a section of a vendor document, a fact in docs/sources.md).
	Rule     string
	Category Category
	// Write marks checks that send state-changing requests: they run only
	// with --write, and clean up what they create.
	Write bool
	// NeedsLow marks checks that need the lower-privileged credential.
	NeedsLow bool
	// Secrets marks checks that read secrets (a password, a TOTP, a
	// passphrase, a key file): a real server audits those reads, so they
	// run only with --read-secrets or --write.
	Secrets bool
	Run     func(*T)
}

var idPattern = regexp.MustCompile(`^(pmp|opsmanager|opmanager)\.(auth|envelope|pagination|shape|lifecycle|errors)\.[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate reports a malformed check: a bad ID, a category that disagrees
// with it, no rule or no body.
func (c Check) Validate() error {
	m := idPattern.FindStringSubmatch(c.ID)
	switch {
	case m == nil:
		return fmt.Errorf("check %q: ID must be <product>.<category>.<kebab-name>", c.ID)
	case Category(m[2]) != c.Category:
		return fmt.Errorf("check %s: category %q, ID says %q", c.ID, c.Category, m[2])
	case c.Rule == "":
		return fmt.Errorf("check %s: no rule", c.ID)
	case c.Run == nil:
		return fmt.Errorf("check %s: no body", c.ID)
	}
	return nil
}

// Credential is what a product authenticates with; one of its forms is set.
type Credential struct {
	Token                 string // PMP AUTHTOKEN
	PublicKey, PrivateKey string // Ops Manager digest
	APIKey                string // OpManager apiKey
}

// Empty says whether nothing is set.
func (c Credential) Empty() bool { return c == Credential{} }

// secrets are the parts no report may show. A public key is an identity,
// not a secret.
func (c Credential) secrets() []string { return []string{c.Token, c.PrivateKey, c.APIKey} }

// Suite is one product's checks and how to speak to it.
type Suite struct {
	Product string
	Checks  []Check
	// Authenticate wraps a transport so its requests carry the credential.
	Authenticate func(Credential, http.RoundTripper) http.RoundTripper
	// ProbePath is a read every deployment of the product serves; the
	// runner GETs it without credentials to tell whether the target serves
	// the product at all (any answer but a not-found or a web page does,
	// the product's refusal included).
	ProbePath string
	// Accepts tells, with one harmless read, whether the target accepts
	// who's credential: nil, or what the target answered instead.
	Accepts func(t *T, who Who) error
}

// Errors of a run that cannot judge the target at all.
var (
	ErrUnreachable = errorString("target unreachable")
	ErrNotServed   = errorString("target does not serve this product")
	ErrRefused     = errorString("refused")
)

type errorString string

func (e errorString) Error() string { return string(e) }

// HeaderAuth authenticates by one header carrying a credential's value
// (PMP's AUTHTOKEN, OpManager's apiKey).
func HeaderAuth(header string, value func(Credential) string) func(Credential, http.RoundTripper) http.RoundTripper {
	return func(c Credential, next http.RoundTripper) http.RoundTripper {
		return headerTransport{header: header, value: value(c), next: next}
	}
}

type headerTransport struct {
	header, value string
	next          http.RoundTripper
}

func (h headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(h.header, h.value)
	return h.next.RoundTrip(r)
}
