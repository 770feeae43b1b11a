package pmp

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/opsmock/opsmock/conformance/check"
)

// newCertificate creates a self-signed certificate and registers its
// deletion; it returns the common name and the CertID the list shows.
func newCertificate(t *check.T) (cn, certID string) {
	cn = uniqueName("cert") + ".invalid"
	must(t, check.Primary, http.MethodPost, pki+"/createCertificate", map[string]any{
		"CNAME": cn, "ALG": "EC", "LEN": "256", "SIGALG": "SHA256", "VALIDITY": "1", "VALIDITY_TYPE": "days"})
	t.Cleanup(func() {
		send(t, check.Primary, http.MethodDelete, pki+"/deleteCertificate", map[string]any{"common_name": cn})
	})
	for _, c := range pkiList(t, "getAllSSLCertificates") {
		if c["Common Name"] == cn {
			return cn, fmt.Sprint(c["CertID"])
		}
	}
	t.Fatalf("the created certificate %s is not listed", cn)
	return "", ""
}

// lowSeesCertificate says whether the low user lists the certificate.
func lowSeesCertificate(t *check.T, cn string) bool {
	_, e := send(t, check.Low, http.MethodGet, pki+"/getAllSSLCertificates", nil)
	var list []map[string]any
	_ = json.Unmarshal(e.details(), &list)
	for _, c := range list {
		if c["Common Name"] == cn {
			return true
		}
	}
	return false
}

// lowUserID is the id of the low credential's user (--user-low).
func lowUserID(t *check.T) string {
	user := t.Target().LowUser
	if user == "" {
		t.Skipf("needs the low credential's user name: --user-low")
	}
	var id struct{ USERID string }
	_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, rest+"/user/getUserId", nil, "USERNAME", user).details(), &id)
	return id.USERID
}

var certificateSharing = check.Check{
	ID:       "pmp.lifecycle.certificate-sharing",
	Category: check.Lifecycle,
	Write:    true,
	NeedsLow: true,
	Rule: `A certificate the run creates, shared with the low user directly (§65) or through a certificate group the run ` +
		`creates and edits (§73, §75, §67), and with a user group the run puts the low user in (§66, §68), is listed for ` +
		`that user, and no longer once revoked (§69, §71, §70, §72); the groups are then deleted (§74). Needs --user-low.`,
	Run: func(t *check.T) {
		userID := lowUserID(t)
		cn, certID := newCertificate(t)
		if lowSeesCertificate(t, cn) {
			t.Skipf("the low user sees a certificate the run just created: sharing cannot be told apart")
		}
		group := uniqueName("certgroup")
		must(t, check.Primary, http.MethodPost, pki+"/createCertificateGroup", map[string]any{"group_name": group, "ssl_details": certID})
		t.Cleanup(func() {
			send(t, check.Primary, http.MethodDelete, pki+"/deleteCertificateGroup", map[string]any{"group_name": group})
		})
		must(t, check.Primary, http.MethodPost, pki+"/editCertificateGroup", map[string]any{"group_name": group,
			"group_description": "edited by opsmock check", "ssl_details": certID})
		type way struct {
			name, share, revoke string
			input               map[string]any
		}
		ways := []way{
			{"directly", "shareCertificateToUser", "revokeCertificateFromUser", map[string]any{"common_name": cn, "userId": userID}},
			{"through its group", "shareCertificateGroupToUser", "revokeCertificateGroupFromUser",
				map[string]any{"certificate_group_name": group, "userId": userID}},
		}
		if gid := lowUserGroup(t, userID); gid != "" {
			ways = append(ways,
				way{"to a user group of the low user", "shareCertificateToUserGroup", "revokeCertificateFromUserGroup",
					map[string]any{"common_name": cn, "userGroupId": gid}},
				way{"through its group to a user group", "shareCertificateGroupToUserGroup", "revokeCertificateGroupFromUserGroup",
					map[string]any{"certificate_group_name": group, "userGroupId": gid}})
		}
		for _, w := range ways {
			t.Cleanup(func() { send(t, check.Primary, http.MethodPost, pki+"/"+w.revoke, w.input) })
			must(t, check.Primary, http.MethodPost, pki+"/"+w.share, w.input)
			if !lowSeesCertificate(t, cn) {
				t.Errorf("shared %s, certificate %s is not listed for the low user", w.name, cn)
			}
			must(t, check.Primary, http.MethodPost, pki+"/"+w.revoke, w.input)
			if lowSeesCertificate(t, cn) {
				t.Errorf("revoked %s, certificate %s is still listed for the low user", w.name, cn)
			}
		}
		must(t, check.Primary, http.MethodDelete, pki+"/deleteCertificateGroup", map[string]any{"group_name": group})
		t.Exercised("certificate %s shared and revoked %d ways", cn, len(ways))
	},
}

var sshKeyAssociation = check.Check{
	ID:       "pmp.lifecycle.ssh-key-association",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `An SSH key the run imports (§51, an ed25519 key it generates) is listed with its own fingerprint (§28); ` +
		`associated with an account of the run's resource it is among that account's keys (§52, §30), and no longer once ` +
		`dissociated (§53); then it is deleted.`,
	Run: func(t *check.T) {
		keyFile, sshPub := t.NewSSHKey()
		name := uniqueName("imported-key")
		r := t.Expect(check.Primary).POST(pki+"/addSSHKey").WithMultipart().
			WithFile("File", name+".key", strings.NewReader(keyFile)).
			WithFormField("INPUT_DATA", `{"operation":{"Details":{"keyName":"`+name+`"}}}`).Expect()
		r.Status(http.StatusOK)
		var e envelope
		_ = json.Unmarshal([]byte(r.Body().Raw()), &e)
		if !e.ok() {
			t.Failf(r.Raw(), "importing a generated ed25519 key did not succeed: %s", e.message())
			t.Fatalf("cannot go on")
		}
		t.Cleanup(func() {
			send(t, check.Primary, http.MethodDelete, pki+"/deleteSSHKey", map[string]any{"key_name": name})
		})
		keys := rows(t, must(t, check.Primary, http.MethodGet, pki+"/getSSHKey", map[string]any{"keyName": name}))
		if len(keys) != 1 || keys[0]["FingerPrint"] != ssh.FingerprintSHA256(sshPub) {
			t.Errorf("the imported key is not listed with its fingerprint %s", ssh.FingerprintSHA256(sshPub))
		}
		resource, _, _, _ := newResource(t)
		assoc := map[string]any{"keyName": name, "resourceName": resource, "userName": "conformance"}
		keysOf := func() string {
			_, e := send(t, check.Primary, http.MethodGet, pki+"/getSSHkeysforuser", map[string]any{"userName": "conformance", "resourceName": resource})
			var s string
			_ = json.Unmarshal(e.details(), &s)
			return s
		}
		t.Cleanup(func() { send(t, check.Primary, http.MethodPost, pki+"/dissociateKey", assoc) })
		must(t, check.Primary, http.MethodPost, pki+"/associateKey", assoc)
		if !strings.Contains(","+keysOf()+",", ","+name+",") {
			t.Errorf("after associateKey, the account's keys (%s) do not include %s", keysOf(), name)
		}
		must(t, check.Primary, http.MethodPost, pki+"/dissociateKey", assoc)
		if strings.Contains(","+keysOf()+",", ","+name+",") {
			t.Errorf("after dissociateKey, the account's keys still include %s", name)
		}
	},
}

var pkiRefusals = check.Check{
	ID:       "pmp.errors.pki-refusals",
	Category: check.Errors,
	Write:    true,
	Rule: `The PKI operations that act on real infrastructure answer a Failed envelope when given nothing real to act on: ` +
		`deploying a certificate that does not exist (§64), discovering a host without a name (§40) or a range that ends ` +
		`before it starts (§41), signing a CSR that does not exist (§44). Partly exercised: the run never deploys to, ` +
		`discovers or signs with a target's real servers.`,
	Run: func(t *check.T) {
		for _, p := range []struct {
			op    string
			input map[string]any
		}{
			{"deployCertificate", map[string]any{"common_name": Prefix + "-no-such-cert.invalid", "serverName": Prefix}},
			{"sslCertSingleDiscovery", map[string]any{"HOST": ""}},
			{"sslCertRangeDiscovery", map[string]any{"StartIpAddress": "198.18.0.20", "EndIpAddress": "198.18.0.10"}},
			{"signCSR", map[string]any{"serverName": Prefix, "caName": Prefix, "templateName": Prefix, "CSR_ID": "0"}},
		} {
			r, e := send(t, check.Primary, http.MethodPost, pki+"/"+p.op, p.input)
			if e.ok() {
				t.Failf(r.Raw(), "%s succeeded with nothing real to act on", p.op)
			}
		}
		t.Exercised("four refusals")
	},
}

var csrLifecycle = check.Check{
	ID:       "pmp.lifecycle.csr",
	Category: check.Lifecycle,
	Write:    true,
	Rule:     `A CSR the run creates (§42) is listed by getCSRList with its common name (§43). PMP has no API to delete a CSR: the run leaves it.`,
	Run: func(t *check.T) {
		cn := uniqueName("csr") + ".invalid"
		must(t, check.Primary, http.MethodPost, pki+"/createCSR", map[string]any{"CNAME": cn, "ORG": "opsmock", "COUNTRY": "US", "ALG": "EC", "LEN": "256"})
		t.LeftBehind("CSR %s", cn)
		found := false
		for _, c := range pkiList(t, "getCSRList") {
			for _, v := range c {
				found = found || v == cn
			}
		}
		if !found {
			t.Errorf("getCSRList does not list the CSR %s", cn)
		}
	},
}

// lowUserGroup puts the low user in a user group the run creates (PMP has
// no API to create one; adding to a new name does on the servers that
// allow it) and registers its removal; "" when the target will not.
func lowUserGroup(t *check.T, userID string) string {
	group := uniqueName("usergroup")
	if _, e := send(t, check.Primary, http.MethodPost, rest+"/user/addUserToUserGroup", nil, "USERNAME", t.Target().LowUser,
		"USERGROUPNAME", group); !e.ok() {
		return ""
	}
	var d map[string]string
	_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, rest+"/user/getUserGroupId", nil, "USERGROUPNAME", group).details(), &d)
	gid := d["USERGROUPID"]
	t.Cleanup(func() {
		send(t, check.Primary, http.MethodPost, rest+"/user/removeUserFromUserGroup", map[string]any{"USERIDS": []any{userID}, "USERGROUPIDS": []any{gid}})
		send(t, check.Primary, http.MethodDelete, rest+"/userGroup", map[string]any{"userGroupIds": []any{gid}})
	})
	return gid
}

var certificateImport = check.Check{
	ID:       "pmp.lifecycle.certificate-import",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `A certificate file the run makes (self-signed, EC P-256) is added (§38, fileType CERTFILE) and then served ` +
		`back by getCertificate with the same serial (§32); then it is deleted (§39).`,
	Run: func(t *check.T) {
		cn := uniqueName("imported-cert") + ".invalid"
		certPEM, serial := selfSigned(t, cn)
		r := t.Expect(check.Primary).POST(pki+"/addCertificate").WithMultipart().
			WithFile("File", "cert.pem", strings.NewReader(certPEM)).
			WithFormField("INPUT_DATA", `{"operation":{"Details":{"fileType":"CERTFILE"}}}`).Expect()
		r.Status(http.StatusOK)
		var e envelope
		_ = json.Unmarshal([]byte(r.Body().Raw()), &e)
		if !e.ok() {
			t.Failf(r.Raw(), "adding a certificate file did not succeed: %s", e.message())
			t.Fatalf("cannot go on")
		}
		t.Cleanup(func() {
			send(t, check.Primary, http.MethodDelete, pki+"/deleteCertificate", map[string]any{"common_name": cn})
		})
		got, _ := send(t, check.Primary, http.MethodGet, pki+"/getCertificate", map[string]any{"common_name": cn})
		got.Status(http.StatusOK)
		block, _ := pem.Decode([]byte(got.Body().Raw()))
		var parsed *x509.Certificate
		if block != nil {
			parsed, _ = x509.ParseCertificate(block.Bytes)
		}
		if parsed == nil || parsed.SerialNumber.Cmp(serial) != 0 {
			t.Failf(got.Raw(), "getCertificate does not serve the added certificate (serial %x)", serial)
		}
		must(t, check.Primary, http.MethodDelete, pki+"/deleteCertificate", map[string]any{"common_name": cn})
	},
}

// selfSigned makes a one-day self-signed certificate for cn.
func selfSigned(t *check.T, cn string) (string, *big.Int) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatalf("generate a key: %v", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		t.Fatalf("serial: %v", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: cn}, DNSNames: []string{cn},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatalf("create a certificate: %v", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), serial
}
