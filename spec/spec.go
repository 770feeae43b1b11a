// Package spec embeds the hand-written OpenAPI 3 documents of every product
// opsmock knows. They are the single source of truth: the mock routes and
// validates with them, the conformance runner checks responses against them.
package spec

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Product names, as used by the CLI, the control plane and the spec files
// (<name>.yaml).
const (
	PMP        = "pmp"
	OpsManager = "opsmanager"
	OpManager  = "opmanager"
)

// Known lists every product opsmock is meant to serve, in display order.
var Known = []string{PMP, OpsManager, OpManager}

//go:embed *.yaml
var files embed.FS

// ErrUnknownProduct is returned for a product without an embedded spec.
var ErrUnknownProduct = errors.New("no spec for product")

// Available returns the products whose spec is embedded, in Known order.
func Available() []string {
	var out []string
	for _, p := range Known {
		if _, err := fs.Stat(files, p+".yaml"); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// Raw returns the YAML source of a product's spec.
func Raw(product string) ([]byte, error) {
	b, err := files.ReadFile(product + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("%w %q", ErrUnknownProduct, product)
	}
	return b, nil
}

// Load parses and validates a product's spec. Each call returns a fresh
// document, because kin-openapi documents are mutable: callers that need it
// often load once and keep it.
func Load(product string) (*openapi3.T, error) {
	raw, err := Raw(product)
	if err != nil {
		return nil, err
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		return nil, fmt.Errorf("parse %s spec: %w", product, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("validate %s spec: %w", product, err)
	}
	return doc, nil
}

// Operation is one method+path of a spec.
type Operation struct {
	Product     string
	Method      string
	Path        string // full path, server base included
	OperationID string
	Op          *openapi3.Operation
}

// Operations lists every operation of a loaded document, sorted by path then
// method. Paths include the base path of the first server.
func Operations(product string, doc *openapi3.T) []Operation {
	base := BasePath(doc)
	var out []Operation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			out = append(out, Operation{
				Product:     product,
				Method:      method,
				Path:        base + path,
				OperationID: op.OperationID,
				Op:          op,
			})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// BasePath returns the path part of the document's first server URL, without
// a trailing slash ("" when there is none).
func BasePath(doc *openapi3.T) string {
	if len(doc.Servers) == 0 {
		return ""
	}
	u, err := url.Parse(doc.Servers[0].URL)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.Path, "/")
}
