// Package drift holds the mock's named contract drifts: ways of breaking
// the contract on purpose, so users can see how their clients cope and
// the conformance suite can prove each check catches what it claims. A drift rewrites a request before the product sees it, or the
// product's answer, or both; the products themselves never know.
package drift

import (
	"net/http"
	"sort"
	"strings"
)

// Drift is one named way of breaking the contract.
type Drift struct {
	Name    string
	Product string
	// Breaks says which rule it breaks, in a line.
	Breaks string
	// Request may rewrite the request, or answer it instead of the
	// product (a non-nil Response).
	Request func(Env, *http.Request) *Response
	// Response may rewrite the product's answer.
	Response func(*http.Request, *Response)
}

// Response is an answer a drift can rewrite.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Env is what drifts may act with: the server's own credentials and a way
// to ask the product something without drifts.
type Env interface {
	// OpsManagerKey returns the seeded key with that global role.
	OpsManagerKey(role string) (publicKey, privateKey string, ok bool)
	// PMPToken returns the seeded token of a user.
	PMPToken(user string) (string, bool)
	// PMPTokens lists every seeded user's token.
	PMPTokens() []string
	// OpManagerKey returns a user's seeded All-access key.
	OpManagerKey(user string) (string, bool)
	// KnownOpManagerKey says whether a key is one the server seeded.
	KnownOpManagerKey(key string) bool
	// Do answers r without drifts.
	Do(r *http.Request) *Response
}

// All is the catalog, by name.
func All() []Drift {
	var out []Drift
	out = append(out, opsManager()...)
	out = append(out, pmp()...)
	out = append(out, opManager()...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Find looks a drift up by name.
func Find(name string) (Drift, bool) {
	for _, d := range All() {
		if d.Name == name {
			return d, true
		}
	}
	return Drift{}, false
}

// Applies says whether a drift of product p concerns path.
func Applies(d Drift, path string) bool {
	for _, prefix := range prefixes[d.Product] {
		if strings.HasPrefix(path, prefix) {
			return true
		}
	}
	return false
}

var prefixes = map[string][]string{
	"opsmanager": {"/api/public/v1.0/"},
	"pmp":        {"/restapi/json/v1/", "/api/pki/restapi/"},
	"opmanager":  {"/api/json/"},
}
