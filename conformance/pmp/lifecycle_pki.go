package pmp

import (
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"net/http"

	"golang.org/x/crypto/ssh"

	"github.com/opsmock/opsmock/conformance/check"
)

var sshKeyLifecycle = check.Check{
	ID:       "pmp.lifecycle.ssh-key",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `A created SSH key is listed with the SHA256 fingerprint of the key file it exports; once deleted it is not found ` +
		`(PMP §25, §26, §28, §29).`,
	Run: func(t *check.T) {
		name := uniqueName("key")
		must(t, check.Primary, http.MethodPost, pki+"/createsshkey", map[string]any{"keyName": name, "keyType": "ed25519", "comment": "opsmock check"})
		deleted := false
		t.Cleanup(func() {
			if !deleted {
				send(t, check.Primary, http.MethodDelete, pki+"/deleteSSHKey", map[string]any{"key_name": name})
			}
		})
		var keys []map[string]any
		_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, pki+"/getSSHKey", map[string]any{"keyName": name}).details(), &keys)
		if len(keys) != 1 {
			t.Fatalf("getSSHKey gave %d keys", len(keys))
		}
		r := t.Expect(check.Primary).POST(pki+"/exportSSHKey").WithFormField("INPUT_DATA",
			`{"operation":{"Details":{"keyName":"`+name+`"}}}`).Expect()
		r.Status(http.StatusOK)
		priv, err := ssh.ParseRawPrivateKey([]byte(r.Body().Raw()))
		if err != nil {
			t.Failf(r.Raw(), "expected an OpenSSH or PEM private key file, but it does not parse (%s)", err)
		} else if signer, err := ssh.NewSignerFromKey(priv); err == nil {
			if fp := ssh.FingerprintSHA256(signer.PublicKey()); fp != keys[0]["FingerPrint"] {
				t.Errorf("getSSHKey says fingerprint %s, the exported key's is %q", t.Show(keys[0]["FingerPrint"]), fp)
			}
		}
		must(t, check.Primary, http.MethodDelete, pki+"/deleteSSHKey", map[string]any{"key_name": name})
		deleted = true
		if _, e := send(t, check.Primary, http.MethodGet, pki+"/getSSHKey", map[string]any{"keyName": name}); e.ok() {
			t.Errorf("deleted key %s is still found", name)
		}
	},
}

var certificateLifecycle = check.Check{
	ID:       "pmp.lifecycle.certificate",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `A created certificate is served as PEM that parses, with the common name asked for and the serial its details ` +
		`show; once deleted its details are a Failed envelope (PMP §32, §35, §39, §45).`,
	Run: func(t *check.T) {
		cn := uniqueName("cert") + ".invalid"
		must(t, check.Primary, http.MethodPost, pki+"/createCertificate", map[string]any{
			"CNAME": cn, "ALG": "EC", "LEN": "256", "SIGALG": "SHA256", "VALIDITY": "1", "VALIDITY_TYPE": "days"})
		deleted := false
		t.Cleanup(func() {
			if !deleted {
				send(t, check.Primary, http.MethodDelete, pki+"/deleteCertificate", map[string]any{"common_name": cn})
			}
		})
		ref := map[string]any{"common_name": cn}
		b, _ := json.Marshal(map[string]any{"operation": map[string]any{"Details": ref}})
		r := t.Expect(check.Primary).GET(pki+"/getCertificate").WithQuery("INPUT_DATA", string(b)).Expect()
		r.Status(http.StatusOK)
		block, _ := pem.Decode([]byte(r.Body().Raw()))
		if block == nil {
			t.Failf(r.Raw(), "getCertificate did not serve PEM")
			t.Fatalf("cannot go on")
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Fatalf("the served certificate does not parse: %v", err)
		}
		if cert.Subject.CommonName != cn {
			t.Errorf("the served certificate is for %q, not %q", cert.Subject.CommonName, cn)
		}
		var details []struct {
			Endpoint struct {
				Serial string `json:"serial"`
			} `json:"endpoint"`
		}
		_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, pki+"/getCertificateDetails", ref).details(), &details)
		if len(details) != 1 || details[0].Endpoint.Serial != cert.SerialNumber.Text(16) {
			t.Errorf("getCertificateDetails' serial is not the served certificate's %s", cert.SerialNumber.Text(16))
		}
		must(t, check.Primary, http.MethodDelete, pki+"/deleteCertificate", ref)
		deleted = true
		if _, e := send(t, check.Primary, http.MethodGet, pki+"/getCertificate", ref); e.Result == nil || e.Result.Status != "Failed" {
			t.Errorf("deleted certificate %s is still served", cn)
		}
	},
}
