package pmp

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/opsmock/opsmock/spec/contract"
)

// missingRequired names the first required query parameter of the matched
// operation that the request lacks (kin-openapi reports a missing content
// parameter, INPUT_DATA, with an untyped error, so the check is ours).
func missingRequired(m *contract.Match, values url.Values) *failure {
	params := append(openapi3.Parameters{}, m.Route.PathItem.Parameters...)
	params = append(params, m.Route.Operation.Parameters...)
	for _, ref := range params {
		p := ref.Value
		if p == nil || p.In != openapi3.ParameterInQuery || !p.Required || strings.TrimSpace(values.Get(p.Name)) != "" {
			continue
		}
		if p.Name == inputParam {
			return failed("INPUT_DATA is mandatory for this operation.")
		}
		return failed(fmt.Sprintf("%s is mandatory for this operation.", p.Name))
	}
	return nil
}

// requestError words a spec validation failure as a Failed message naming
// the parameter or INPUT_DATA field (fact C1 [I]: PMP answers bad input with a
// Failed envelope; its texts are not public).
func requestError(err error) *failure {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) || re.Parameter == nil {
		return failed("The request could not be read: " + err.Error())
	}
	name := re.Parameter.Name
	if errors.Is(re.Err, openapi3filter.ErrInvalidRequired) {
		if name == inputParam {
			return failed("INPUT_DATA is mandatory for this operation.")
		}
		return failed(fmt.Sprintf("%s is mandatory for this operation.", name))
	}
	var se *openapi3.SchemaError
	if !errors.As(re.Err, &se) {
		if name == inputParam {
			return failed("INPUT_DATA is not valid JSON.")
		}
		return failed(fmt.Sprintf("%s has an invalid value.", name))
	}
	if name != inputParam {
		return failed(fmt.Sprintf("%s has an invalid value.", name))
	}
	return inputError(se)
}

// inputError names the INPUT_DATA field a schema error is about.
func inputError(se *openapi3.SchemaError) *failure {
	path := se.JSONPointer() // e.g. operation, Details, ACCOUNTLIST, 0, PASSWORD
	field := fieldPath(path)
	if field == "" { // the wrapper itself: {"operation":{"Details":null}}, [...], 42
		return failed("INPUT_DATA must have the form {\"operation\":{\"Details\":{...}}}.")
	}
	switch se.SchemaField {
	case "required":
		if len(path) <= 1 {
			return failed("INPUT_DATA must have the form {\"operation\":{\"Details\":{...}}}.")
		}
		return failed(fmt.Sprintf("%s is mandatory in INPUT_DATA.", field))
	case "minProperties":
		return failed("INPUT_DATA must have the form {\"operation\":{\"Details\":{...}}}.")
	case "enum":
		return failed(fmt.Sprintf("%s in INPUT_DATA must be one of: %s.", field, enumText(se.Schema)))
	case "type", "oneOf":
		if field == "" {
			return failed("INPUT_DATA must have the form {\"operation\":{\"Details\":{...}}}.")
		}
		return failed(fmt.Sprintf("%s in INPUT_DATA has the wrong type.", field))
	case "maxItems":
		return failed(fmt.Sprintf("%s in INPUT_DATA has too many items.", field))
	case "minItems", "minLength":
		return failed(fmt.Sprintf("%s in INPUT_DATA must not be empty.", field))
	}
	return failed(fmt.Sprintf("%s in INPUT_DATA is not valid.", field))
}

// fieldPath drops the operation/Details wrapper: "ACCOUNTLIST[0].PASSWORD".
func fieldPath(path []string) string {
	if len(path) >= 2 && path[0] == "operation" {
		path = path[2:]
	}
	var b strings.Builder
	for _, p := range path {
		if p != "" && p[0] >= '0' && p[0] <= '9' {
			b.WriteString("[" + p + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func enumText(s *openapi3.Schema) string {
	var vals []string
	for _, v := range s.Enum {
		vals = append(vals, fmt.Sprint(v))
	}
	return strings.Join(vals, ", ")
}
