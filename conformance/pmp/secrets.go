package pmp

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"

	keystore "github.com/pavlo-v-chernykh/keystore-go/v4"
	"software.sslmate.com/src/go-pkcs12"

	"github.com/opsmock/opsmock/conformance/check"
)

// totpCode is what §21's TOTP fields allow: 6 to 8 digits.
var totpCode = regexp.MustCompile(`^\d{6,8}$`)

// maxProbes bounds how many objects a secret read tries before it finds
// one that has the secret.
const maxProbes = 20

var secretReads = check.Check{
	ID:       "pmp.shape.secret-reads",
	Category: check.Shape,
	Secrets:  true,
	Rule: `The reads that reveal a secret answer it in shape: a password (§4), a TOTP of 6 to 8 digits (§21, §91), a ` +
		`certificate's passphrase that opens its keystore (§37, §36), a file store's file (§20). They run only with ` +
		`--read-secrets or --write: a real server audits each.`,
	Run: func(t *check.T) {
		var done []string
		resources := rows(t, must(t, check.Primary, http.MethodGet, rest+"/resources", nil))
		type acct struct{ resource, id, name, typ string }
		var accounts []acct
		for _, res := range resources {
			if len(accounts) >= maxProbes {
				break
			}
			rid := str(res["RESOURCE ID"])
			var d struct {
				List []map[string]any `json:"ACCOUNT LIST"`
			}
			_, e := send(t, check.Primary, http.MethodGet, rest+"/resources/"+rid+"/accounts", nil)
			_ = json.Unmarshal(e.details(), &d)
			for _, a := range d.List {
				accounts = append(accounts, acct{rid, str(a["ACCOUNT ID"]), str(a["ACCOUNT NAME"]), str(res["RESOURCE TYPE"])})
			}
		}
		for _, a := range accounts {
			_, e := send(t, check.Primary, http.MethodGet, rest+"/resources/"+a.resource+"/accounts/"+a.id+"/password",
				map[string]any{"REASON": Prefix + " secret read"})
			var pw struct{ PASSWORD string }
			if e.ok() && json.Unmarshal(e.details(), &pw) == nil {
				t.Secret(pw.PASSWORD)
				if pw.PASSWORD == "" {
					t.Errorf("account %s answered an empty password", a.name)
				}
				done = append(done, "password")
				break
			}
		}
		for _, a := range accounts {
			r, e := send(t, check.Primary, http.MethodGet, rest+"/accounts/"+a.id+"/totp", nil)
			var totp struct{ TOTP string }
			if e.ok() && json.Unmarshal(e.details(), &totp) == nil {
				t.Secret(totp.TOTP)
				if !totpCode.MatchString(totp.TOTP) {
					t.Failf(r.Raw(), "account %s's TOTP is not 6 to 8 digits", a.name)
				}
				done = append(done, "TOTP")
				break
			}
		}
		for _, a := range accounts {
			if !strings.Contains(a.typ, "Store") {
				continue
			}
			r, _ := send(t, check.Primary, http.MethodGet, rest+"/resources/"+a.resource+"/accounts/"+a.id+"/downloadfile", nil)
			if r.Raw().StatusCode == http.StatusOK && !strings.HasPrefix(r.Raw().Header.Get("Content-Type"), "application/json") {
				if len(r.Body().Raw()) == 0 {
					t.Failf(r.Raw(), "the file of %s is empty", a.name)
				}
				done = append(done, "file")
				break
			}
		}
		certs := pkiList(t, "getAllSSLCertificates")
		for i, c := range certs {
			if i == maxProbes {
				break
			}
			ref := map[string]any{"common_name": c["Common Name"], "serial_number": c["serialNumber"]}
			_, e := send(t, check.Primary, http.MethodGet, pki+"/getCertificatePassphrase", ref)
			if !e.ok() {
				continue
			}
			passphrase := passphraseOf(e)
			t.Secret(passphrase)
			r, _ := send(t, check.Primary, http.MethodGet, pki+"/getCertificateKeyStore", ref)
			r.Status(http.StatusOK)
			if !opens([]byte(r.Body().Raw()), passphrase) {
				t.Failf(r.Raw(), "the keystore of %s does not open with the passphrase getCertificatePassphrase answered", c["Common Name"])
			}
			done = append(done, "passphrase and keystore")
			break
		}
		if len(done) == 0 {
			t.Skipf("no account, certificate or file store of the target holds a secret the check could read")
		}
		t.Exercised("%s", strings.Join(done, ", "))
	},
}

// passphraseOf reads the passphrase out of §37's answer, which carries it
// in the message ("... passphrase is <p>") or, in other builds, the details.
func passphraseOf(e envelope) string {
	var d map[string]any
	if json.Unmarshal(e.details(), &d) == nil {
		for _, k := range []string{"passphrase", "Passphrase", "PASSPHRASE"} {
			if p, ok := d[k].(string); ok {
				return p
			}
		}
	}
	m := e.message()
	if i := strings.LastIndex(m, " "); i >= 0 {
		return strings.TrimSuffix(m[i+1:], ".")
	}
	return m
}

// opens says whether data is a PKCS#12 or JKS keystore that opens with
// the passphrase.
func opens(data []byte, passphrase string) bool {
	if _, _, _, err := pkcs12.DecodeChain(data, passphrase); err == nil {
		return true
	}
	ks := keystore.New()
	if err := ks.Load(bytes.NewReader(data), []byte(passphrase)); err != nil {
		return false
	}
	for _, alias := range ks.Aliases() {
		if _, err := ks.GetPrivateKeyEntry(alias, []byte(passphrase)); err == nil {
			return true
		}
	}
	return false
}
