package opsmanager

import (
	"errors"
	"mime"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// requestError translates a spec validation failure into the vendor's error
// (facts A2/A3): the spec says what is wrong, this says how Ops Manager words it.
func requestError(err error) *apiError {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return errInvalidJSON()
	}
	if re.Parameter != nil {
		return errInvalidQueryParameter(re.Parameter.Name)
	}
	var se *openapi3.SchemaError
	if errors.As(re.Err, &se) {
		return schemaError(se)
	}
	// Empty or undecodable body.
	return errInvalidJSON()
}

func schemaError(se *openapi3.SchemaError) *apiError {
	path := se.JSONPointer()
	attr := ""
	if len(path) > 0 {
		attr = path[0]
	}
	switch se.SchemaField {
	case "readOnly":
		return errAttributeReadOnly(attr)
	case "required":
		return errMissingAttribute(path[len(path)-1])
	case "properties": // a property the schema does not declare
		return errInvalidAttribute(undeclaredProperty(se))
	case "enum":
		// kin-openapi checks enum before type: a non-string is a type error.
		if _, isString := se.Value.(string); !isString && attr != "" {
			return errInvalidJSONAttribute(attr)
		}
		return roleError(se.Value)
	case "type":
		if attr == "" {
			return errInvalidJSON()
		}
		return errInvalidJSONAttribute(attr)
	}
	if attr == "" {
		return errInvalidJSON()
	}
	return errInvalidAttribute(attr)
}

// undeclaredProperty finds the first (sorted) key of the offending object
// that its schema does not declare.
func undeclaredProperty(se *openapi3.SchemaError) string {
	obj, _ := se.Value.(map[string]any)
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if se.Schema == nil || se.Schema.Properties[k] == nil {
			return k
		}
	}
	return ""
}

// roleError words a role the spec's enum refused. Roles are the only enum in
// request bodies; GROUP_/ORG_ roles need a group or org (fact A3) and billing
// admin is unsupported on Ops Manager (fact A2).
func roleError(v any) *apiError {
	s, _ := v.(string)
	switch {
	case s == "GLOBAL_BILLING_ADMIN":
		return errBillingUnsupported()
	case strings.HasPrefix(s, "GROUP_"):
		return errRoleNeeds(codeRoleNeedsGroupID, s, "group ID")
	case strings.HasPrefix(s, "ORG_"):
		return errRoleNeeds(codeRoleNeedsOrgID, s, "organization ID")
	}
	return errInvalidEnumValue(v)
}

// checkMediaType refuses a body not sent as JSON. The check is ours rather
// than kin-openapi's so the answer is the product's 415, not a parse error.
func checkMediaType(r *http.Request, body []byte) *apiError {
	if len(body) == 0 {
		return nil
	}
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != contentTypeJSON {
		return errUnsupportedMediaType(ct)
	}
	return nil
}
