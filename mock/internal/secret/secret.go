// Package secret decides which parameters and fields hold secrets, for
// everything the mock writes about requests (the access log, the journal):
// one rule, so no place masks less than another.
package secret

import (
	"net/url"
	"regexp"
	"strings"
)

// Mask replaces a secret value.
const Mask = "****"

var (
	secretName  = regexp.MustCompile(`(?i)password|passwd|passphrase|privatekey|private_key|apikey|authtoken|secret|totp|agentkey|installkey|^token$|credential_value`)
	describing  = regexp.MustCompile(`(?i)policy|status|available|type|length|expir|count|reset|required|complex|id$`)
	inputParams = map[string]bool{"input_data": true}
)

// Name says whether a parameter or field of that name holds a secret
// (PMP's AUTHTOKEN and PASSWORD, OpManager's apiKey, Ops Manager's
// privateKey, …). Names that only describe one (a policy, a status, an
// id) do not.
func Name(name string) bool { return secretName.MatchString(name) && !describing.MatchString(name) }

// Query returns a raw query with every secret value masked and the rest
// as sent, order kept; PMP's INPUT_DATA, which can hold passwords, is
// masked whole (the journal shows it decoded instead).
func Query(raw string) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	for i, kv := range parts {
		name, _, hasValue := strings.Cut(kv, "=")
		decoded, err := url.QueryUnescape(name)
		if err != nil {
			decoded = name
		}
		if hasValue && (Name(decoded) || inputParams[strings.ToLower(decoded)]) {
			parts[i] = name + "=" + Mask
		}
	}
	return strings.Join(parts, "&")
}

// Value masks the secrets of a decoded JSON value: the string (or any)
// value of every secret-named field, at any depth. It returns a copy.
func Value(v any) any {
	return mask("", v)
}

func mask(name string, v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = mask(k, e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = mask(name, e)
		}
		return out
	case nil, bool:
		return v
	}
	if name != "" && Name(name) {
		return Mask
	}
	return v
}
