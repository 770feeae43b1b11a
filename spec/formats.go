package spec

import (
	"slices"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// FormatOptions are the string formats the specs use beyond kin-openapi's
// defaults (PMP §41's ipv4 addresses, §73's group_mail), as per-validation
// options: kin's global format registry would be state shared by every
// user of the library in the process. The validators are built once: the
// email one compiles a regular expression, and building it per request was
// a fifth of a PMP listing's cost.
func FormatOptions() []openapi3.SchemaValidationOption {
	return slices.Clone(formatOptions())
}

var formatOptions = sync.OnceValue(func() []openapi3.SchemaValidationOption {
	return []openapi3.SchemaValidationOption{
		openapi3.WithStringFormatValidator("ipv4", openapi3.NewIPValidator(true)),
		openapi3.WithStringFormatValidator("email", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail)),
	}
})
