package conformance

import (
	"fmt"
	"strings"

	"github.com/opsmock/opsmock/conformance/check"
)

// credentialFlags are the command-line flags of each product's credential,
// primary and low. Errors name them, so a person knows what to fix.
var credentialFlags = map[string][2][]string{
	"pmp":        {{"--token"}, {"--token-low"}},
	"opsmanager": {{"--public-key", "--private-key"}, {"--public-key-low", "--private-key-low"}},
	"opmanager":  {{"--api-key"}, {"--api-key-low"}},
}

func credentialFlag(product string, low bool) string {
	i := 0
	if low {
		i = 1
	}
	return strings.Join(credentialFlags[product][i], "/")
}

// CredentialFlags lists every credential flag of a product, primary first.
func CredentialFlags(product string) []string {
	f := credentialFlags[product]
	return append(append([]string(nil), f[0]...), f[1]...)
}

// checkCredentials refuses what cannot be a credential of the product:
// none at all, half a key pair, or the fields of another product's.
func checkCredentials(opts Options) error {
	if opts.Primary.Empty() {
		return fmt.Errorf("%w: no credential for %s (give %s)", ErrUsage, opts.Product, credentialFlag(opts.Product, false))
	}
	for _, c := range []struct {
		cred check.Credential
		low  bool
	}{{opts.Primary, false}, {opts.Low, true}} {
		if c.cred.Empty() {
			continue
		}
		flag := credentialFlag(opts.Product, c.low)
		var stray bool
		switch opts.Product {
		case "pmp":
			stray = c.cred.PublicKey != "" || c.cred.PrivateKey != "" || c.cred.APIKey != ""
		case "opsmanager":
			stray = c.cred.Token != "" || c.cred.APIKey != ""
			if !stray && (c.cred.PublicKey == "") != (c.cred.PrivateKey == "") {
				return fmt.Errorf("%w: %s is a key pair: give both", ErrUsage, flag)
			}
		case "opmanager":
			stray = c.cred.Token != "" || c.cred.PublicKey != "" || c.cred.PrivateKey != ""
		}
		if stray {
			return fmt.Errorf("%w: a credential of another product was given; --product %s takes %s", ErrUsage, opts.Product,
				strings.Join(CredentialFlags(opts.Product), ", "))
		}
	}
	return nil
}
