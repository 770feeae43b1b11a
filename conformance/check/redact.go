package check

import (
	"regexp"
	"sort"
	"strings"
	"sync"
)

// redacted replaces every secret in a report.
const redacted = "[REDACTED]"

var (
	privateKeyBlock = regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)`)
	// JSON fields whose names say secret: passwords (PMP §4), private keys
	// (Ops Manager A6), tokens and keys, passphrases (§37), TOTP secrets.
	secretField = regexp.MustCompile(`("[^"]*(?i:password|passphrase|privatekey|apikey|authtoken|agentkey|installkey|secret|totp)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"`)
	// The same as query or form parameters.
	secretParam = regexp.MustCompile(`(?i)((?:^|[?&\s])(?:authtoken|app_authtoken|apikey|password|passphrase)=)[^&\s]*`)
	// §37 puts the passphrase in the message itself.
	passphraseMessage = regexp.MustCompile(`(Private key passphrase of certificate .*? is )[^"\n]*`)
)

// Redactor removes secrets from report text: the credentials in use,
// values a check learned (a created key's private key, a password it
// read), private key blocks, and fields and parameters named as secrets.
type Redactor struct {
	mu      sync.Mutex // guards secrets
	secrets []string
}

// Add registers values to redact wherever they appear. Values shorter
// than four characters are ignored: they would blank out ordinary text.
func (r *Redactor) Add(values ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range values {
		if len(v) >= 4 {
			r.secrets = append(r.secrets, v)
		}
	}
	// Longest first, so a secret containing another is replaced whole.
	sort.Slice(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
}

// String returns s with every secret replaced.
func (r *Redactor) String(s string) string {
	s = privateKeyBlock.ReplaceAllString(s, "[REDACTED PRIVATE KEY]")
	r.mu.Lock()
	for _, v := range r.secrets {
		s = strings.ReplaceAll(s, v, redacted)
	}
	r.mu.Unlock()
	s = secretField.ReplaceAllString(s, `$1"`+redacted+`"`)
	s = secretParam.ReplaceAllString(s, "${1}"+redacted)
	return passphraseMessage.ReplaceAllString(s, "${1}"+redacted)
}
