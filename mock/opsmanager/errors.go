package opsmanager

import (
	"fmt"
	"net/http"
)

// Error codes the mock answers with (fact A2). The detail texts follow
// the gist of the vendor's error table; they are ours where no real text was
// captured.
const (
	codeMissingAttribute         = "MISSING_ATTRIBUTE"
	codeInvalidAttribute         = "INVALID_ATTRIBUTE"
	codeInvalidJSON              = "INVALID_JSON"
	codeInvalidJSONAttribute     = "INVALID_JSON_ATTRIBUTE"
	codeInvalidEnumValue         = "INVALID_ENUM_VALUE"
	codeInvalidQueryParameter    = "INVALID_QUERY_PARAMETER"
	codeMissingOneOfAttributes   = "MISSING_ONE_OF_ATTRIBUTES"
	codeAttributeReadOnly        = "ATTRIBUTE_READ_ONLY"
	codeAPIKeyNotFound           = "API_KEY_NOT_FOUND"
	codeAccessListNotFound       = "ACCESS_LIST_NOT_FOUND"
	codeAddressAlreadyInList     = "ADDRESS_ALREADY_IN_ACCESS_LIST"
	codeCannotRemoveCaller       = "CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST"
	codeIPNotOnAccessList        = "IP_ADDRESS_NOT_ON_ACCESS_LIST"
	codeUserUnauthorized         = "USER_UNAUTHORIZED"
	codeBillingUnsupported       = "BILLING_UNSUPPORTED"
	codeRoleNeedsGroupID         = "ROLE_NEEDS_GROUP_ID"
	codeRoleNeedsOrgID           = "ROLE_NEEDS_ORG_ID"
	codeResourceNotFound         = "RESOURCE_NOT_FOUND"
	codeUnexpectedError          = "UNEXPECTED_ERROR"
	codeMethodNotAllowed         = "METHOD_NOT_ALLOWED"     // ours: fact A3 gives only the status
	codeUnsupportedMediaType     = "UNSUPPORTED_MEDIA_TYPE" // ours: see the spec's 415 response
	statusRoleDenied             = http.StatusUnauthorized  // fact A3 [I]: authenticated, role too low
	statusBillingRoleUnsupported = http.StatusUnauthorized  // fact A2: BILLING_UNSUPPORTED is a 401
)

// apiError is an Ops Manager error document (fact A1): rendered as
// {detail, error, errorCode, parameters, reason}.
type apiError struct {
	Status int
	Code   string
	Detail string
	Params []any
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Detail)
}

// errorDoc is the wire form of apiError; fields in alphabetical order, as the
// vendor emits them (fact A1).
type errorDoc struct {
	Detail     string `json:"detail"`
	Error      int    `json:"error"`
	ErrorCode  string `json:"errorCode"`
	Parameters []any  `json:"parameters"`
	Reason     string `json:"reason"`
}

func (e *apiError) doc() errorDoc {
	params := e.Params
	if params == nil {
		params = []any{}
	}
	return errorDoc{Detail: e.Detail, Error: e.Status, ErrorCode: e.Code, Parameters: params, Reason: http.StatusText(e.Status)}
}

func badRequest(code, detail string, params ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: code, Detail: detail, Params: params}
}

func errMissingAttribute(name string) *apiError {
	return badRequest(codeMissingAttribute, fmt.Sprintf("The required attribute %s was not specified.", name), name)
}

func errInvalidAttribute(name string) *apiError {
	return badRequest(codeInvalidAttribute, fmt.Sprintf("Invalid attribute %s specified.", name), name)
}

func errInvalidJSON() *apiError {
	return badRequest(codeInvalidJSON, "Received JSON does not match expected format.")
}

func errBodyTooLarge(limit int64) *apiError {
	return badRequest(codeInvalidJSON, fmt.Sprintf("Received JSON exceeds the maximum request size of %d bytes.", limit))
}

func errInvalidJSONAttribute(name string) *apiError {
	return badRequest(codeInvalidJSONAttribute, fmt.Sprintf("Received JSON for the %s attribute does not match expected format.", name), name)
}

func errInvalidEnumValue(value any) *apiError {
	return badRequest(codeInvalidEnumValue, fmt.Sprintf("An invalid enumeration value %v was specified.", value), value)
}

func errInvalidQueryParameter(name string) *apiError {
	return badRequest(codeInvalidQueryParameter, fmt.Sprintf("Invalid query parameter %s specified.", name), name)
}

func errMissingOneOf(names ...string) *apiError {
	params := make([]any, len(names))
	for i, n := range names {
		params[i] = n
	}
	return badRequest(codeMissingOneOfAttributes, fmt.Sprintf("At least one of the attributes %v must be specified.", names), params...)
}

func errAttributeReadOnly(name string) *apiError {
	return badRequest(codeAttributeReadOnly, fmt.Sprintf("Attribute %s is read-only and cannot be changed by the user.", name), name)
}

// errAPIKeyNotFound is a 400, not a 404 (fact A2).
func errAPIKeyNotFound(id string) *apiError {
	return badRequest(codeAPIKeyNotFound, fmt.Sprintf("No API key with ID %s exists.", id), id)
}

func errAccessListNotFound(id string) *apiError {
	return &apiError{Status: http.StatusNotFound, Code: codeAccessListNotFound,
		Detail: fmt.Sprintf("No access list entry with ID %s exists.", id), Params: []any{id}}
}

func errAddressAlreadyInList(cidr string) *apiError {
	return &apiError{Status: http.StatusConflict, Code: codeAddressAlreadyInList,
		Detail: fmt.Sprintf("Address %s is already in the access list.", cidr), Params: []any{cidr}}
}

func errCannotRemoveCaller(ip string) *apiError {
	return badRequest(codeCannotRemoveCaller, fmt.Sprintf("Cannot remove caller's IP address %s from access list.", ip), ip)
}

func errIPNotOnAccessList(ip string) *apiError {
	return &apiError{Status: http.StatusForbidden, Code: codeIPNotOnAccessList,
		Detail: fmt.Sprintf("IP address %s is not allowed to access this resource.", ip), Params: []any{ip}}
}

func errUserUnauthorized() *apiError {
	return &apiError{Status: statusRoleDenied, Code: codeUserUnauthorized,
		Detail: "Current user is not authorized to perform this action."}
}

func errBillingUnsupported() *apiError {
	return &apiError{Status: statusBillingRoleUnsupported, Code: codeBillingUnsupported,
		Detail: "Billing admin roles are not supported in Ops Manager."}
}

func errRoleNeeds(code, role, what string) *apiError {
	return badRequest(code, fmt.Sprintf("Role %s requires a %s.", role, what), role)
}

// errResourceNotFound copies the docs' 404 example (fact A1).
func errResourceNotFound(path string) *apiError {
	return &apiError{Status: http.StatusNotFound, Code: codeResourceNotFound,
		Detail: fmt.Sprintf("Cannot find resource %s.", path), Params: []any{path}}
}

func errMethodNotAllowed(method, path string) *apiError {
	return &apiError{Status: http.StatusMethodNotAllowed, Code: codeMethodNotAllowed,
		Detail: fmt.Sprintf("HTTP method %s is not allowed on %s.", method, path), Params: []any{method}}
}

func errUnsupportedMediaType(ct string) *apiError {
	return &apiError{Status: http.StatusUnsupportedMediaType, Code: codeUnsupportedMediaType,
		Detail: fmt.Sprintf("Content type %q is not supported; send application/json.", ct), Params: []any{ct}}
}

func errUnexpected() *apiError {
	return &apiError{Status: http.StatusInternalServerError, Code: codeUnexpectedError, Detail: "Unexpected error."}
}
