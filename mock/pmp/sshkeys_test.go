package pmp_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/crypto/ssh"
)

type keyRow struct {
	KeyName, KeyType, KeyLength, FingerPrint string
	IsPassphraseAvailable                    bool `json:"isPassphraseAvailable"`
	CreatedBy, CreationTime                  string
}

func (e *env) sshKey(name string) keyRow {
	e.t.Helper()
	v := e.pok(pkiReq(http.MethodGet, "getSSHKey", obj{"keyName": name}))
	assert.Nil(e.t, v.TotalRows, "§28 has no totalRows")
	rows := pkiDetails[[]keyRow](e.t, v)
	require.Len(e.t, rows, 1)
	return rows[0]
}

// exportKey downloads a key file and reads it back with x/crypto/ssh.
func (e *env) exportKey(name, passphrase string) ([]byte, ssh.PublicKey) {
	e.t.Helper()
	r := e.do(pkiReq(http.MethodPost, "exportSSHKey", obj{"keyName": name}))
	require.Equal(e.t, http.StatusOK, r.status)
	require.Equal(e.t, "application/octet-stream", r.header.Get("Content-Type"), "%s", r.body)
	var (
		priv any
		err  error
	)
	if passphrase != "" {
		priv, err = ssh.ParseRawPrivateKeyWithPassphrase(r.body, []byte(passphrase))
	} else {
		priv, err = ssh.ParseRawPrivateKey(r.body)
	}
	require.NoError(e.t, err, "%s", r.body)
	signer, err := ssh.NewSignerFromKey(priv)
	require.NoError(e.t, err)
	return r.body, signer.PublicKey()
}

// keygenFingerprint asks ssh-keygen -lf for a public key's fingerprint
// (x/crypto/ssh's word stands where ssh-keygen is not installed).
func keygenFingerprint(t *testing.T, pub ssh.PublicKey) string {
	t.Helper()
	keygen, err := exec.LookPath("ssh-keygen")
	if err != nil {
		return ssh.FingerprintSHA256(pub)
	}
	path := filepath.Join(t.TempDir(), "id.pub")
	require.NoError(t, os.WriteFile(path, ssh.MarshalAuthorizedKey(pub), 0o600))
	out, err := exec.Command(keygen, "-lf", path).CombinedOutput()
	require.NoError(t, err, "%s", out)
	return strings.Fields(string(out))[1]
}

func TestCreateSSHKey(t *testing.T) {
	cases := []struct {
		typ, length string // "" leaves length out
		pass        string
		wantLength  string
	}{
		{"ssh-rsa", "2048", "", "2048"},
		{"ssh-rsa", "", "", "2048"},
		{"ssh-dss", "1024", "dsspass", "1024"},
		{"ed25519", "", "passPhrase", "256"},
		{"ecdsa", "384", "", "384"},
		{"ecdsa", "521", "", "521"},
	}
	e := newEnv(t)
	for i, c := range cases {
		t.Run(c.typ+"-"+c.length, func(t *testing.T) {
			name := "k" + string(rune('a'+i))
			in := obj{"keyName": name, "keyType": c.typ, "comment": "made by a test"}
			if c.length != "" {
				in["length"] = c.length
			}
			if c.pass != "" {
				in["passPhrase"] = c.pass
			}
			v := e.pok(pkiReq(http.MethodPost, "createsshkey", in))
			assert.Equal(t, "CreateSSHKey", v.Name)
			assert.Equal(t, "New SSH key created successfully", v.Result.Message)

			row := e.sshKey(name)
			assert.Equal(t, keyRow{KeyName: name, KeyType: c.typ, KeyLength: c.wantLength, FingerPrint: row.FingerPrint,
				IsPassphraseAvailable: c.pass != "", CreatedBy: "admin", CreationTime: "Today"}, row)
			file, pub := e.exportKey(name, c.pass)
			assert.Equal(t, row.FingerPrint, ssh.FingerprintSHA256(pub), "the export is the key the list describes")
			assert.Equal(t, row.FingerPrint, keygenFingerprint(t, pub), "ssh-keygen -lf agrees")
			if c.pass != "" {
				_, err := ssh.ParseRawPrivateKey(file)
				var missing *ssh.PassphraseMissingError
				assert.ErrorAs(t, err, &missing, "the export is protected by the passphrase")
			}
		})
	}
	v := e.pok(pkiReq(http.MethodGet, "getAllSSHKeys", nil))
	assert.Equal(t, 4+len(cases), *v.TotalRows, "four seeded keys and the new ones")
	e.clock.Advance(24 * 60 * 60 * 1e9)
	assert.Equal(t, "Yesterday", e.sshKey("ka").CreationTime)
	assert.Equal(t, "May 6, 2024", e.sshKey("testkey").CreationTime, "seeded keys carry their date")
}

func TestCreateSSHKeyRefuses(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name string
		in   any
		want string
	}{
		{"rsa length", obj{"keyName": "x", "keyType": "ssh-rsa", "length": "3072"}, "Key length 3072 is not supported for ssh-rsa keys. Use one of: 1024, 2048, 4096."},
		{"dss length", obj{"keyName": "x", "keyType": "ssh-dss", "length": "2048"}, "Key length 2048 is not supported for ssh-dss keys. Use one of: 1024."},
		{"ecdsa length", obj{"keyName": "x", "keyType": "ecdsa", "length": 224}, "Key length 224 is not supported for ecdsa keys. Use one of: 256, 384, 521."},
		{"type", obj{"keyName": "x", "keyType": "ssh-foo"}, "keyType in INPUT_DATA must be one of: ssh-rsa, ssh-dss, ed25519, ecdsa."},
		{"no name", obj{"keyType": "ed25519"}, "keyName is mandatory in INPUT_DATA."},
		{"length not a number", obj{"keyName": "x", "keyType": "ssh-rsa", "length": "long"}, "length in INPUT_DATA has the wrong type."},
		{"duplicate", obj{"keyName": "TESTKEY", "keyType": "ed25519"}, "SSH key TESTKEY already exists."},
		{"malformed", `{"operation":{"Details":{"keyName":"x",}}}`, "INPUT_DATA is not valid JSON."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := e.pkiEnv(e.do(pkiReq(http.MethodPost, "createsshkey", c.in)))
			assert.Equal(t, "CreateSSHKey", v.Name, "failures keep the operation's name")
			require.NotNil(t, v.Result)
			assert.Equal(t, "Failed", v.Result.Status)
			assert.Equal(t, c.want, v.Result.Message)
		})
	}
	assert.Equal(t, 4, *e.pok(pkiReq(http.MethodGet, "getAllSSHKeys", nil)).TotalRows, "nothing was created")
}

func TestImportSSHKey(t *testing.T) {
	e := newEnv(t)
	seeded, _ := e.exportKey("testkey1", "passtrix") // ed25519 in OpenSSH format, §51's passphrase
	legacy := legacyEncryptedKey(t, "passtrix")
	upload := func(name, pass string, file []byte) req {
		in := obj{"keyName": name}
		if pass != "" {
			in["passphrase"] = pass
		}
		return req{method: http.MethodPost, path: pkiAPI + "addSSHKey", input: in, file: file, fileName: name + ".key", fileField: "File"}
	}
	cases := []struct {
		name string
		r    req
		want string // "" for success
	}{
		{"encrypted", upload("again", "passtrix", seeded), ""},
		{"plain", upload("plain", "", exportedKey(t)), ""},
		{"legacy PEM", upload("legacy", "passtrix", legacy), ""},
		{"wrong passphrase", upload("w", "nope", legacy), "The passphrase is incorrect."},
		{"missing passphrase", upload("m", "", seeded), "The passphrase is incorrect."},
		{"garbage", upload("g", "", []byte("-----BEGIN OPENSSH PRIVATE KEY-----\ngarbage\n-----END OPENSSH PRIVATE KEY-----\n")), "The file is not a valid SSH private key."},
		{"a certificate", upload("c", "", freshCertPEM(t, "not-a-key")), "The file is not a valid SSH private key."},
		{"no file", req{method: http.MethodPost, path: pkiAPI + "addSSHKey", input: obj{"keyName": "n"}, inputIn: inputMultipart}, "Upload the file as the multipart part File."},
		{"duplicate", upload("testkey", "", exportedKey(t)), "SSH key testkey already exists."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.want != "" {
				assert.Equal(t, c.want, e.pfails(c.r))
				return
			}
			v := e.pok(c.r)
			assert.Equal(t, "addSSHKey", v.Name)
			assert.Equal(t, "SUCCESS", v.Result.Status, "§51 answers in capitals")
			assert.Equal(t, "Key imported successfully", v.Result.Message)
		})
	}
	again := e.sshKey("again")
	assert.Equal(t, e.sshKey("testkey1").FingerPrint, again.FingerPrint, "the imported key is the exported one")
	assert.True(t, again.IsPassphraseAvailable)
	assert.Equal(t, "ed25519", again.KeyType)
	assert.Equal(t, "ecdsa", e.sshKey("legacy").KeyType)
}

func (e *env) keysFor(account, resource string) string {
	e.t.Helper()
	v := e.pok(pkiReq(http.MethodGet, "getSSHkeysforuser", obj{"userName": account, "resourceName": resource}))
	return pkiDetails[string](e.t, v)
}

func (e *env) associatedUsers() []map[string]string {
	e.t.Helper()
	v := e.pok(pkiReq(http.MethodGet, "getAllAssociatedUsers", nil))
	out := pkiDetails[[]map[string]string](e.t, v)
	require.Equal(e.t, len(out), *v.TotalRows)
	return out
}

func TestSSHKeyAssociation(t *testing.T) {
	e := newEnv(t)
	deploy := e.sshKey("deploykey").FingerPrint
	assert.Equal(t, []map[string]string{{"UserName": "root", "ResourceName": "CentOS Machine"}}, e.associatedUsers())
	assert.Equal(t, "testkey,testkey1", e.keysFor("root", "centos-1"), "by DNS name, as §30 asks by address")
	assert.Equal(t, "", e.keysFor("centos", "CentOS Machine"))

	assoc := obj{"keyName": "deploykey", "resourceName": "CentOS Machine", "userName": "centos"}
	v := e.pok(pkiReq(http.MethodPost, "associateKey", assoc))
	assert.Equal(t, "associateKey", v.Name)
	assert.Equal(t, "Success", v.Result.Status)
	e.pok(pkiReq(http.MethodPost, "associateKey", assoc)) // again: no change
	assert.Equal(t, "deploykey", e.keysFor("centos", "CentOS Machine"))
	assert.Len(t, e.associatedUsers(), 2)
	assert.Equal(t, []string{deploy}, e.network().authorizedKeys(301, "centos"), "the key is on the machine")

	// The association follows the account through REST edits.
	e.ok(req{method: http.MethodPut, path: "/resources/301/accounts/312", input: obj{"ACCOUNTNAME": "centos7"}})
	assert.Equal(t, "deploykey", e.keysFor("centos7", "CentOS Machine"))

	v = e.pok(pkiReq(http.MethodPost, "dissociateKey", obj{"keyName": "deploykey", "resourceName": "CentOS Machine", "userName": "centos7"}))
	assert.Equal(t, "SUCCESS", v.Result.Status, "§53 answers in capitals")
	assert.Equal(t, "Key dissociated successfully.", v.Result.Message)
	assert.Equal(t, "", e.keysFor("centos7", "CentOS Machine"))
	assert.Empty(t, e.network().authorizedKeys(301, "centos7"), "and off the machine")
	assert.Empty(t, e.network().authorizedKeys(301, "centos"))

	// Deleting the account in PMP ends its associations.
	e.ok(req{method: http.MethodDelete, path: "/resources/301/accounts/311"})
	assert.Empty(t, e.associatedUsers())

	cases := []struct {
		name string
		op   string
		in   obj
		as   string
		want string
	}{
		{"not associated", "dissociateKey", obj{"keyName": "deploykey", "resourceName": "CentOS Machine", "userName": "centos7"}, "",
			"Key deploykey is not associated with user centos7 of resource CentOS Machine."},
		{"unknown key", "associateKey", obj{"keyName": "nokey", "resourceName": "CentOS Machine", "userName": "centos7"}, "", "SSH key nokey not found."},
		{"unknown resource", "associateKey", obj{"keyName": "deploykey", "resourceName": "nowhere", "userName": "x"}, "",
			"Resource nowhere not found or you do not have permission to access it."},
		{"unknown account", "associateKey", obj{"keyName": "deploykey", "resourceName": "CentOS Machine", "userName": "nobody"}, "",
			"Account nobody not found in resource CentOS Machine."},
		{"resource the caller cannot see", "associateKey", obj{"keyName": "deploykey", "resourceName": "Cisco IOS Device", "userName": "admin"}, "pwdadmin",
			"Resource Cisco IOS Device not found or you do not have permission to access it."},
		{"missing userName", "getSSHkeysforuser", obj{"resourceName": "CentOS Machine"}, "", "userName is mandatory in INPUT_DATA."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			method := http.MethodPost
			if c.op == "getSSHkeysforuser" {
				method = http.MethodGet
			}
			r := pkiReq(method, c.op, c.in)
			r.as = c.as
			assert.Equal(t, c.want, e.pfails(r))
		})
	}
}

// TestDeleteSSHKey: withoutDisassociation decides whether the key leaves
// the machines it was put on (§26).
func TestDeleteSSHKey(t *testing.T) {
	for _, c := range []struct {
		flag       any // nil leaves it out
		staysOnBox bool
	}{{nil, false}, {"false", false}, {false, false}, {"true", true}, {true, true}} {
		t.Run(strings.TrimSpace(strings.ReplaceAll(string(mustJSON(t, c.flag)), `"`, "'")), func(t *testing.T) {
			e := newEnv(t)
			fp := e.sshKey("testkey").FingerPrint
			require.Contains(t, e.network().authorizedKeys(301, "root"), fp)
			in := obj{"key_name": "testkey"}
			if c.flag != nil {
				in["withoutDisassociation"] = c.flag
			}
			v := e.pok(pkiReq(http.MethodDelete, "deleteSSHKey", in))
			assert.Equal(t, "SSH keys testkey deleted successfully", v.Result.Message)
			assert.Equal(t, "SSH key testkey not found.", e.pfails(pkiReq(http.MethodGet, "getSSHKey", obj{"keyName": "testkey"})))
			assert.Equal(t, "testkey1", e.keysFor("root", "CentOS Machine"))
			if c.staysOnBox {
				assert.Contains(t, e.network().authorizedKeys(301, "root"), fp)
			} else {
				assert.NotContains(t, e.network().authorizedKeys(301, "root"), fp)
			}
		})
	}
	e := newEnv(t)
	assert.Equal(t, "SSH key nokey not found.", e.pfails(pkiReq(http.MethodDelete, "deleteSSHKey", obj{"key_name": "nokey"})))
	assert.Equal(t, "key_name is mandatory in INPUT_DATA.", e.pfails(pkiReq(http.MethodDelete, "deleteSSHKey", obj{"keyName": "testkey"})),
		"§26 spells it key_name")
}
