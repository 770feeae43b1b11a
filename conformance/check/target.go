package check

import (
	"net/http"
	"strings"
	"sync"

	"github.com/opsmock/opsmock/spec"
	"github.com/opsmock/opsmock/spec/contract"
)

// Target is the implementation under test, as every check sees it.
type Target struct {
	// URL is the base URL, without a trailing slash.
	URL string
	// Primary is the credential checks act with; Low, if set, a
	// lower-privileged one for the authorization checks.
	Primary, Low Credential
	// Write allows checks that change state.
	Write bool
	// ReadSecrets allows checks that read secrets (spec x-reveals-secret).
	ReadSecrets bool
	// LowUser names the low credential's user, when the operator gave it.
	LowUser string

	suite    *Suite
	contract *contract.Contract
	base     http.RoundTripper
	redactor *Redactor

	sharedMu sync.Mutex // guards shared; held while a value is made
	shared   map[string]sharedValue
}

type sharedValue struct {
	value string
	err   error
}

// NewTarget describes a target for a suite. base carries the requests
// (timeouts, TLS, rate limit, or the mock's in-process transport); the
// credentials' secrets are registered with the redactor.
func NewTarget(url string, s *Suite, primary, low Credential, write bool, base http.RoundTripper, r *Redactor) (*Target, error) {
	c, err := contract.New(s.Product)
	if err != nil {
		return nil, err
	}
	r.Add(primary.secrets()...)
	r.Add(low.secrets()...)
	return &Target{URL: strings.TrimRight(url, "/"), Primary: primary, Low: low, Write: write,
		suite: s, contract: c, base: base, redactor: r}, nil
}

// Product names the suite's product.
func (tg *Target) Product() string { return tg.suite.Product }

// Who picks the credential a client authenticates with.
type Who int

// The credentials a check may act with.
const (
	Primary Who = iota
	Low
	Anonymous
)

func (tg *Target) credential(w Who) (Credential, bool) {
	switch w {
	case Primary:
		return tg.Primary, true
	case Low:
		return tg.Low, !tg.Low.Empty()
	}
	return Credential{}, false
}

// Suite is the product's suite.
func (tg *Target) Suite() *Suite { return tg.suite }

// Operations lists the operations of the product's spec.
func (tg *Target) Operations() []spec.Operation { return tg.contract.Operations() }
