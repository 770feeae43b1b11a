package spec

import "github.com/getkin/kin-openapi/openapi3"

// The string formats the specs use that kin-openapi checks only on request
// (PMP §41's ipv4 addresses, §73's group_mail). Defined at init, before
// any spec is loaded, so examples and requests are held to them alike.
func init() {
	openapi3.DefineIPv4Format()
	openapi3.DefineStringFormatValidator("email", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail))
}
