// Package contract turns a product's spec into the three things every part of
// opsmock needs from it: which operation a request is, whether a request is
// valid, and whether a response is valid. It is the only package that talks
// to kin-openapi's router and openapi3filter.
package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/opsmock/opsmock/spec"
)

// Routing errors. Match wraps one of these.
var (
	ErrNotFound         = errors.New("no operation for this path")
	ErrMethodNotAllowed = errors.New("method not allowed on this path")
)

// UnroutedSchemaExt names the document extension holding the component schema
// that answers for requests matching no operation (the product's not-found
// and method-not-allowed bodies).
const UnroutedSchemaExt = "x-unrouted-schema"

// candidateMethods are the methods tried when working out a path's Allow list.
var candidateMethods = []string{
	http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete,
}

// Contract is one product's spec, ready to route and validate. It is safe for
// concurrent use: nothing mutates the document after New.
type Contract struct {
	product string
	doc     *openapi3.T
	router  routers.Router
	base    string
	// byID indexes operations by operationId.
	byID map[string]spec.Operation
}

// loaded holds one Contract per product. A Contract is immutable and safe
// for concurrent use, so every server and client in a process can share it;
// loading (kin-openapi's YAML decoding and validation) is what costs.
var (
	loadedMu sync.Mutex
	loaded   = map[string]func() (*Contract, error){}
)

// New returns the product's embedded spec as a Contract, loaded once per
// process.
func New(product string) (*Contract, error) {
	loadedMu.Lock()
	load, ok := loaded[product]
	if !ok {
		load = sync.OnceValues(func() (*Contract, error) {
			doc, err := spec.Load(product)
			if err != nil {
				return nil, err
			}
			return FromDoc(product, doc)
		})
		loaded[product] = load
	}
	loadedMu.Unlock()
	return load()
}

// FromDoc builds a Contract from an already loaded document.
func FromDoc(product string, doc *openapi3.T) (*Contract, error) {
	r, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("route %s spec: %w", product, err)
	}
	c := &Contract{product: product, doc: doc, router: r, base: spec.BasePath(doc), byID: map[string]spec.Operation{}}
	for _, op := range spec.Operations(product, doc) {
		c.byID[op.OperationID] = op
	}
	return c, nil
}

// Product returns the product name.
func (c *Contract) Product() string { return c.product }

// Doc returns the document. Callers must not modify it.
func (c *Contract) Doc() *openapi3.T { return c.doc }

// BasePath returns the server base path, e.g. "/api/public/v1.0".
func (c *Contract) BasePath() string { return c.base }

// PathPrefixesExt names the document extension listing the path prefixes a
// product owns when its server URL is the host root (PMP's two APIs).
const PathPrefixesExt = "x-path-prefixes"

// Prefixes returns the path prefixes the product owns: the document's
// x-path-prefixes, else the server base path.
func (c *Contract) Prefixes() []string {
	raw, _ := c.doc.Extensions[PathPrefixesExt].([]any)
	var out []string
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, strings.TrimSuffix(s, "/"))
		}
	}
	if len(out) == 0 {
		return []string{c.base}
	}
	return out
}

// Owns says whether path falls under one of the product's prefixes, at a
// segment boundary.
func (c *Contract) Owns(path string) bool {
	for _, p := range c.Prefixes() {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// Operations lists the operations, sorted by path then method.
func (c *Contract) Operations() []spec.Operation { return spec.Operations(c.product, c.doc) }

// Operation returns the operation with this id.
func (c *Contract) Operation(id string) (spec.Operation, bool) {
	op, ok := c.byID[id]
	return op, ok
}

// Match is a request resolved to an operation.
type Match struct {
	Route      *routers.Route
	PathParams map[string]string
}

// OperationID returns the matched operation's id.
func (m *Match) OperationID() string { return m.Route.Operation.OperationID }

// Extension returns a string extension of the matched operation ("" if absent).
func (m *Match) Extension(name string) string {
	s, _ := m.Route.Operation.Extensions[name].(string)
	return s
}

// Match resolves a request to an operation. The error wraps ErrNotFound or
// ErrMethodNotAllowed.
func (c *Contract) Match(r *http.Request) (*Match, error) {
	route, params, ok := c.find(r, r.Method)
	if ok {
		return &Match{Route: route, PathParams: params}, nil
	}
	if len(c.AllowedMethods(r)) > 0 {
		return nil, fmt.Errorf("%w: %s %s", ErrMethodNotAllowed, r.Method, r.URL.Path)
	}
	return nil, fmt.Errorf("%w: %s", ErrNotFound, r.URL.Path)
}

// AllowedMethods lists the methods the spec declares for the request's path.
func (c *Contract) AllowedMethods(r *http.Request) []string {
	var out []string
	for _, m := range candidateMethods {
		if _, _, ok := c.find(r, m); ok {
			out = append(out, m)
		}
	}
	return out
}

// find routes r as if sent with method. kin-openapi's router matches
// "/admin/apiKeys" against "/admin/apiKeys/{apiKeyId}" with an empty id, so a
// match with an empty path parameter does not count: the path a client sent
// has no such segment.
func (c *Contract) find(r *http.Request, method string) (*routers.Route, map[string]string, bool) {
	probe := routable(r)
	probe.Method = method
	route, params, err := c.router.FindRoute(probe)
	if err != nil {
		return nil, nil, false
	}
	for k, v := range params {
		if v == "" {
			return nil, nil, false
		}
		// The router matches the escaped path, so its values are escaped
		// ("Windows%20Server"); handlers want what the client meant.
		if u, err := url.PathUnescape(v); err == nil {
			params[k] = u
		}
	}
	return route, params, true
}

// routable returns a shallow copy of r whose URL is path-only, which is what
// the router matches relative server URLs against (a client-side request
// carries scheme and host too).
func routable(r *http.Request) *http.Request {
	probe := new(http.Request)
	*probe = *r
	probe.URL = &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
	return probe
}

func requestInput(r *http.Request, m *Match) *openapi3filter.RequestValidationInput {
	return &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: m.PathParams,
		Route:      m.Route,
		Options: &openapi3filter.Options{
			// Authentication is each product's own business, not kin's.
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			// Never rewrite the caller's query: products echo it in links.
			SkipSettingDefaults:     true,
			SchemaValidationOptions: spec.FormatOptions(),
		},
	}
}

// ValidateRequest checks parameters and body against the matched operation.
// The body is read and put back, so handlers can read it again. The error is
// kin-openapi's (*openapi3filter.RequestError, possibly wrapping an
// *openapi3.SchemaError), for products to translate into their own codes.
func (c *Contract) ValidateRequest(ctx context.Context, r *http.Request, m *Match) error {
	return openapi3filter.ValidateRequest(ctx, requestInput(r, m))
}

// ValidateResponse checks a response against the spec: against the matched
// operation's declared responses (an undeclared status is an error), or, for
// requests that match no operation, against the document's unrouted schema.
func (c *Contract) ValidateResponse(ctx context.Context, r *http.Request, status int, header http.Header, body []byte) error {
	m, err := c.Match(r)
	if err != nil {
		return c.validateUnrouted(status, header, body)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: requestInput(r, m),
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{
			IncludeResponseStatus:   true,
			AuthenticationFunc:      openapi3filter.NoopAuthenticationFunc,
			SchemaValidationOptions: spec.FormatOptions(),
		},
	}
	return openapi3filter.ValidateResponse(ctx, in)
}

func (c *Contract) validateUnrouted(status int, header http.Header, body []byte) error {
	name, _ := c.doc.Extensions[UnroutedSchemaExt].(string)
	ref := c.doc.Components.Schemas[name]
	if ref == nil || ref.Value == nil {
		return fmt.Errorf("%s spec: no %s schema for unrouted responses", c.product, UnroutedSchemaExt)
	}
	if allowed := c.unroutedStatuses(); allowed != nil {
		if !slices.Contains(allowed, status) {
			return fmt.Errorf("unrouted request answered %d, want one of %v", status, allowed)
		}
	} else if status < 400 {
		return fmt.Errorf("unrouted request answered %d, want an error status", status)
	}
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fmt.Errorf("unrouted response has Content-Type %q, want application/json", ct)
	}
	v, err := decodeJSON(body)
	if err != nil {
		return fmt.Errorf("unrouted response body: %w", err)
	}
	return ref.Value.VisitJSON(v)
}

// UnroutedStatusesExt names the document extension listing the statuses an
// unrouted request may get, for products that answer some errors with 200.
const UnroutedStatusesExt = "x-unrouted-statuses"

func (c *Contract) unroutedStatuses() []int {
	raw, ok := c.doc.Extensions[UnroutedStatusesExt].([]any)
	if !ok {
		return nil
	}
	var out []int
	for _, v := range raw {
		if f, ok := v.(float64); ok {
			out = append(out, int(f))
		}
	}
	return out
}

// decodeJSON decodes numbers as float64, which kin-openapi's visitor expects.
func decodeJSON(body []byte) (any, error) {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// CheckTable says whether a product's registration table (operationId ->
// handler) and the spec agree: every operation has a handler and every
// handler an operation. Products call it at construction, so drift fails
// loudly at start instead of answering 404s.
func CheckTable[H any](c *Contract, table map[string]H) error {
	var missing, extra []string
	for _, op := range c.Operations() {
		if _, ok := table[op.OperationID]; !ok {
			missing = append(missing, op.OperationID)
		}
	}
	for id := range table {
		if _, ok := c.byID[id]; !ok {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	switch {
	case len(missing) > 0:
		return fmt.Errorf("%s: operation %s has no handler", c.product, strings.Join(missing, ", "))
	case len(extra) > 0:
		return fmt.Errorf("%s: handler %s has no operation in the spec", c.product, strings.Join(extra, ", "))
	}
	return nil
}
