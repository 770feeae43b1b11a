package pmp

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"regexp"
	"strings"

	"github.com/opsmock/opsmock/conformance/check"
)

var digitsOnly = regexp.MustCompile(`^\d+$`)

// pkiList reads a PKI list's details (§25-§76) as rows.
func pkiList(t *check.T, op string) []map[string]any {
	return rows(t, must(t, check.Primary, http.MethodGet, pki+"/"+op, nil))
}

var lookups = check.Check{
	ID:       "pmp.shape.lookups",
	Category: check.Shape,
	Rule: `The name lookups answer what the lists hold: getResourceGroupId the listed group's id (§83), getSSHKey the ` +
		`listed key, by name and type (§28), getSSHKeysForUser the keys of a listed association (§30), getUserId a numeric id ` +
		`for a key's creator (§46), getCertificate a PEM whose serial is the listed one (§32), and getUserGroupId a Failed ` +
		`envelope for a group that does not exist (§62).`,
	Run: func(t *check.T) {
		var done []string
		groups := rows(t, must(t, check.Primary, http.MethodGet, rest+"/resourcegroup", nil))
		if len(groups) > 0 {
			name, id := str(groups[0]["resourceGroupName"]), str(groups[0]["resourceGroupId"])
			var got struct{ RESOURCEGROUPID string }
			_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, rest+"/resourcegroup/getResourceGroupId", nil,
				"RESOURCEGROUPNAME", name).details(), &got)
			if got.RESOURCEGROUPID != id {
				t.Errorf("getResourceGroupId of %q answered %s, the list says %s", name, t.Show(got.RESOURCEGROUPID), id)
			}
			done = append(done, "resource group")
		}
		keys := pkiList(t, "getAllSSHKeys")
		if len(keys) > 0 {
			name := str(keys[0]["KeyName"])
			got := rows(t, must(t, check.Primary, http.MethodGet, pki+"/getSSHKey", map[string]any{"keyName": name}))
			if len(got) != 1 || got[0]["KeyName"] != name || got[0]["KeyType"] != keys[0]["KeyType"] {
				t.Errorf("getSSHKey of %s does not answer the listed key (name and type)", name)
			}
			if creator := str(keys[0]["CreatedBy"]); creator != "" {
				var id struct{ USERID string }
				_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, rest+"/user/getUserId", nil, "USERNAME", creator).details(), &id)
				if !digitsOnly.MatchString(id.USERID) {
					t.Errorf("getUserId of %s answered USERID %s, not a number", creator, t.Show(id.USERID))
				}
				done = append(done, "user")
			}
			done = append(done, "SSH key")
		}
		if assoc := pkiList(t, "getAllAssociatedUsers"); len(assoc) > 0 {
			must(t, check.Primary, http.MethodGet, pki+"/getSSHkeysforuser",
				map[string]any{"userName": str(assoc[0]["UserName"]), "resourceName": str(assoc[0]["ResourceName"])})
			done = append(done, "keys of a user")
		}
		if cert, ok := uniqueCertificate(pkiList(t, "getAllSSLCertificates")); ok {
			r, _ := send(t, check.Primary, http.MethodGet, pki+"/getCertificate", map[string]any{"common_name": cert["Common Name"]})
			r.Status(http.StatusOK)
			block, _ := pem.Decode([]byte(r.Body().Raw()))
			var parsed *x509.Certificate
			if block != nil {
				parsed, _ = x509.ParseCertificate(block.Bytes)
			}
			want, _ := new(big.Int).SetString(str(cert["serialNumber"]), 16)
			switch {
			case parsed == nil:
				t.Failf(r.Raw(), "getCertificate of %s did not answer a PEM certificate", cert["Common Name"])
			case want != nil && parsed.SerialNumber.Cmp(want) != 0:
				t.Failf(r.Raw(), "getCertificate of %s answered serial %x, the list says %s", cert["Common Name"], parsed.SerialNumber, cert["serialNumber"])
			}
			done = append(done, "certificate")
		}
		r, e := send(t, check.Primary, http.MethodGet, rest+"/user/getUserGroupId", nil, "USERGROUPNAME", Prefix+"-no-such-group")
		r.Status(http.StatusOK)
		if e.ok() {
			t.Failf(r.Raw(), "getUserGroupId found a group that does not exist")
		}
		if len(done) == 0 {
			t.Skipf("the target lists no resource group, SSH key or certificate to look up")
		}
		t.Exercised("%s; a missing user group", strings.Join(done, ", "))
	},
}

// uniqueCertificate is a listed certificate whose common name no other
// certificate shares, so a lookup by name is not ambiguous.
func uniqueCertificate(certs []map[string]any) (map[string]any, bool) {
	seen := map[string]int{}
	for _, c := range certs {
		seen[fmt.Sprint(c["Common Name"])]++
	}
	for _, c := range certs {
		if seen[fmt.Sprint(c["Common Name"])] == 1 {
			return c, true
		}
	}
	return nil, false
}
