package opmanager

import (
	"errors"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// filePart is the multipart part that carries an upload (spec FileUpload).
const filePart = "file"

// requestError words a spec validation failure as OpManager does (fact B1).
func requestError(err error) *apiError {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return errInvalidFile("The request could not be read.")
	}
	var se *openapi3.SchemaError
	if p := re.Parameter; p != nil {
		switch {
		case errors.Is(re.Err, openapi3filter.ErrInvalidRequired):
			return errMandatory(p.Name)
		case errors.As(re.Err, &se):
			return schemaError(p.Name, se)
		}
		return errDataType(p.Name, typeName(p.Schema))
	}
	// The request body: only uploads have one.
	switch {
	case errors.Is(re.Err, openapi3filter.ErrInvalidRequired):
		return errMandatory(filePart)
	case errors.As(re.Err, &se) && se.SchemaField == "required":
		path := se.JSONPointer()
		return errMandatory(path[len(path)-1])
	}
	return errInvalidFile("Send the file as the multipart/form-data part '%s'.", filePart)
}

func schemaError(param string, se *openapi3.SchemaError) *apiError {
	switch se.SchemaField {
	case "maxLength":
		return fail(codeMaxLength, "The parameter '%s' must have a maximum length of %d.", param, *se.Schema.MaxLength)
	case "minLength":
		return fail(codeMinLength, "The parameter '%s' must have a minimum length of %d.", param, se.Schema.MinLength)
	case "type":
		return errDataType(param, se.Schema.Type.Slice()[0])
	}
	return errPattern(param) // pattern and enum
}

func typeName(ref *openapi3.SchemaRef) string {
	if ref != nil && ref.Value != nil && ref.Value.Type != nil && len(ref.Value.Type.Slice()) > 0 {
		return ref.Value.Type.Slice()[0]
	}
	return "string"
}
