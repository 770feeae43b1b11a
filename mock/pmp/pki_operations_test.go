package pmp_test

import (
	"net/http"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryPKIOperationSucceeds sends one well-formed request to every
// /api/pki/restapi operation, in an order where each finds what it needs,
// and expects Success (a file for the downloads; discovery has no result).
// The table must name exactly the spec's PKI operations.
func TestEveryPKIOperationSucceeds(t *testing.T) {
	e := newEnv(t)
	get, post, del := http.MethodGet, http.MethodPost, http.MethodDelete
	table := []struct {
		op    string
		r     req
		media string // a file answer's Content-Type
		bare  bool   // no result (§40, §41)
	}{
		{op: "createSSHKey", r: pkiReq(post, "createsshkey", obj{"keyName": "cover", "keyType": "ed25519", "passPhrase": "pp"})},
		{op: "getAllSSHKeys", r: pkiReq(get, "getAllSSHKeys", nil)},
		{op: "getSSHKey", r: pkiReq(get, "getSSHKey", obj{"keyName": "cover"})},
		{op: "exportSSHKey", r: pkiReq(post, "exportSSHKey", obj{"keyName": "cover"}), media: "application/octet-stream"},
		{op: "associateKey", r: pkiReq(post, "associateKey", obj{"keyName": "cover", "resourceName": "CentOS Machine", "userName": "centos"})},
		{op: "getSSHKeysForUser", r: pkiReq(get, "getSSHkeysforuser", obj{"userName": "centos", "resourceName": "centos-1"})},
		{op: "getAllAssociatedUsers", r: pkiReq(get, "getAllAssociatedUsers", nil)},
		{op: "dissociateKey", r: pkiReq(post, "dissociateKey", obj{"keyName": "cover", "resourceName": "CentOS Machine", "userName": "centos"})},
		{op: "deleteSSHKey", r: pkiReq(del, "deleteSSHKey", obj{"key_name": "cover"})},
		{op: "importSSHKey", r: req{method: post, path: pkiAPI + "addSSHKey", input: obj{"keyName": "imported"},
			file: exportedKey(t), fileName: "imported.key", fileField: "File"}},
		{op: "getCertificate", r: pkiReq(get, "getCertificate", obj{"common_name": "*.zoho.com"}), media: "application/x-pem-file"},
		{op: "getAllSSLCertificates", r: pkiReq(get, "getAllSSLCertificates", nil)},
		{op: "getAllSSLCertsExpiryDate", r: pkiReq(get, "getAllSSLCertsExpiryDate", nil)},
		{op: "getCertificateDetails", r: pkiReq(get, "getCertificateDetails", obj{"common_name": "*.zoho.com"})},
		{op: "getCertificateKeyStore", r: pkiReq(get, "getCertificateKeyStore", obj{"common_name": "mycert"}), media: "application/x-pkcs12"},
		{op: "getCertificatePassphrase", r: pkiReq(get, "getCertificatePassphrase", obj{"common_name": "mycert", "serial_number": "1001"})},
		{op: "addCertificate", r: req{method: post, path: pkiAPI + "addCertificate", input: obj{"fileType": "CERTFILE"},
			file: freshCertPEM(t, "added.opsmock.test"), fileName: "added.pem", fileField: "File"}},
		{op: "deleteCertificate", r: pkiReq(del, "deleteCertificate", obj{"common_name": "added.opsmock.test"})},
		{op: "sslCertSingleDiscovery", r: pkiReq(post, "sslCertSingleDiscovery", obj{"HOST": "zoho.com", "PORT": "443"}), bare: true},
		{op: "sslCertRangeDiscovery", r: pkiReq(post, "sslCertRangeDiscovery", obj{"StartIpAddress": "192.168.216.0", "EndIpAddress": "192.168.216.3"}), bare: true},
		{op: "createCSR", r: pkiReq(post, "createCSR", obj{"CNAME": "cover.opsmock.test", "ALG": "EC", "LEN": "256"})},
		{op: "getCSRList", r: pkiReq(get, "getCSRList", nil)},
		{op: "signCSR", r: pkiReq(post, "signCSR", obj{"serverName": "pmp-w12r2-1", "caName": "pmp-w12r2-1-ca", "templateName": "WebServer", "CSR_ID": "602"})},
		{op: "createCertificate", r: pkiReq(post, "createCertificate", obj{"CNAME": "self.opsmock.test", "ALG": "EC", "LEN": "256", "PASSWORD": "pw"})},
		{op: "deployCertificate", r: pkiReq(post, "deployCertificate", obj{"common_name": "testcert", "serverName": "testmachine"})},
		{op: "generateInstallKey", r: pkiReq(post, "generateInstallKey", nil)},
		{op: "createCertificateGroup", r: pkiReq(post, "createCertificateGroup", obj{"group_name": "cover", "ssl_details": "302,303"})},
		{op: "editCertificateGroup", r: pkiReq(post, "editCertificateGroup", obj{"group_name": "cover", "group_description": "d", "ssl_details": "302"})},
		{op: "shareCertificateToUser", r: pkiReq(post, "shareCertificateToUser", obj{"common_name": "mycert", "userId": "2"})},
		{op: "shareCertificateToUserGroup", r: pkiReq(post, "shareCertificateToUserGroup", obj{"common_name": "mycert", "userGroupId": "1"})},
		{op: "shareCertificateGroupToUser", r: pkiReq(post, "shareCertificateGroupToUser", obj{"certificate_group_name": "cover", "userId": "2"})},
		{op: "shareCertificateGroupToUserGroup", r: pkiReq(post, "shareCertificateGroupToUserGroup", obj{"certificate_group_name": "cover", "userGroupId": "1"})},
		{op: "revokeCertificateFromUser", r: pkiReq(post, "revokeCertificateFromUser", obj{"common_name": "mycert", "userId": "2"})},
		{op: "revokeCertificateFromUserGroup", r: pkiReq(post, "revokeCertificateFromUserGroup", obj{"common_name": "mycert", "userGroupId": "1"})},
		{op: "revokeCertificateGroupFromUser", r: pkiReq(post, "revokeCertificateGroupFromUser", obj{"certificate_group_name": "cover", "userId": "2"})},
		{op: "revokeCertificateGroupFromUserGroup", r: pkiReq(post, "revokeCertificateGroupFromUserGroup", obj{"certificate_group_name": "cover", "userGroupId": "1"})},
		{op: "deleteCertificateGroup", r: pkiReq(del, "deleteCertificateGroup", obj{"group_name": "cover"})},
	}
	want := specOperations(t, "/api/pki/restapi")
	var got []string
	for _, row := range table {
		got = append(got, row.op)
		t.Run(row.op, func(t *testing.T) {
			switch {
			case row.media != "":
				r := e.do(row.r)
				require.Equal(t, http.StatusOK, r.status)
				require.Equal(t, row.media, r.header.Get("Content-Type"), "%s", r.body)
				assert.Contains(t, r.header.Get("Content-Disposition"), "attachment; filename=")
				assert.NotEmpty(t, r.body)
			case row.bare:
				v := e.pkiEnv(e.do(row.r))
				assert.Nil(t, v.Result, "discovery answers carry no result (§40, §41)")
				assert.Equal(t, "Get SSL Discovery", v.Name)
			default:
				e.pok(row.r)
			}
		})
	}
	sort.Strings(got)
	assert.Equal(t, want, got, "the table must cover every PKI operation")
}
