package contract

import "github.com/getkin/kin-openapi/openapi3filter"

// binaryMediaTypes are the file answers the specs declare that kin-openapi
// has no decoder for (PMP §32 certificates, §36 keystores). Their schemas
// are `type: string, format: binary`: the body is taken as it is.
var binaryMediaTypes = []string{
	"application/x-pem-file",
	"application/x-pkcs12",
	"application/x-java-keystore",
}

func init() {
	for _, mt := range binaryMediaTypes {
		if openapi3filter.RegisteredBodyDecoder(mt) == nil {
			openapi3filter.RegisterBodyDecoder(mt, openapi3filter.FileBodyDecoder)
		}
	}
}
