package pmp_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

func (e *env) pkiAs(as string, r req) req {
	r.as = as
	return r
}

// TestCertificateSharing: what each share and revoke does to what a user
// (guest, ID 2, member of TestGroup, ID 1) sees, at once (§65-§72).
func TestCertificateSharing(t *testing.T) {
	e := newEnv(t)
	post := func(op string, in obj) req { return pkiReq(http.MethodPost, op, in) }
	guestSees := func() []string { return certNames(e.certs("guest", nil)) }
	assert.Empty(t, guestSees())

	steps := []struct {
		name string
		r    req
		msg  string
		want []string
	}{
		{"certificate to user", post("shareCertificateToUser", obj{"common_name": "mycert", "serial_number": "1001", "userId": "2"}),
			"Certificate shared successfully.", []string{"mycert"}},
		{"revoke from user", post("revokeCertificateFromUser", obj{"common_name": "mycert", "userId": 2}),
			"Access to certificate revoked successfully.", nil},
		{"certificate to the guest's group", post("shareCertificateToUserGroup", obj{"common_name": "apitest", "userGroupId": "1"}),
			"Certificate shared successfully.", []string{"apitest"}},
		{"certificate to another group", post("shareCertificateToUserGroup", obj{"common_name": "mycert", "userGroupId": "2"}),
			"Certificate shared successfully.", []string{"apitest"}},
		{"revoke from the group", post("revokeCertificateFromUserGroup", obj{"common_name": "apitest", "userGroupId": "1"}),
			"Access to certificate revoked successfully.", nil},
		{"group to user", post("shareCertificateGroupToUser", obj{"certificate_group_name": "Web Certificates", "userId": "2"}),
			"Certificate shared successfully.", []string{"*.zoho.com", "testcert"}},
		{"revoke the group from user", post("revokeCertificateGroupFromUser", obj{"certificate_group_name": "web certificates", "userId": "2"}),
			"Access to certificate revoked successfully.", nil},
		{"group to the guest's group", post("shareCertificateGroupToUserGroup", obj{"certificate_group_name": "Web Certificates", "userGroupId": "1"}),
			"Certificate shared successfully.", []string{"*.zoho.com", "testcert"}},
		{"revoking what was not shared", post("revokeCertificateFromUser", obj{"common_name": "testcert", "userId": "2"}),
			"Access to certificate revoked successfully.", []string{"*.zoho.com", "testcert"}},
		{"revoke the group from the group", post("revokeCertificateGroupFromUserGroup", obj{"certificate_group_name": "Web Certificates", "userGroupId": "1"}),
			"Access to certificate revoked successfully.", nil},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			v := e.pok(s.r)
			assert.Equal(t, s.msg, v.Result.Message)
			assert.Equal(t, s.want, guestSees())
		})
	}
	assert.Equal(t, []string{"mycert"}, certNames(e.certs("pwdadmin", nil)), "pwdadmin is in the other group")

	// A shared user reads but does not manage.
	e.pok(post("shareCertificateToUser", obj{"common_name": "mycert", "userId": "2"}))
	e.pok(e.pkiAs("guest", pkiReq(http.MethodGet, "getCertificateDetails", obj{"common_name": "mycert"})))
	assert.Equal(t, "123456789", e.passphraseAs("guest", "mycert"))
	cases := []struct {
		name string
		r    req
		want string
	}{
		{"not the owner", e.pkiAs("pwdadmin", post("shareCertificateToUser", obj{"common_name": "mycert", "userId": "5"})),
			"Only the owner or a super administrator can change certificate mycert."},
		{"not the group's owner", e.pkiAs("pwdadmin", post("shareCertificateGroupToUser", obj{"certificate_group_name": "Web Certificates", "userId": "5"})),
			"Only the owner or a super administrator can change certificate group Web Certificates."},
		{"unknown user", post("shareCertificateToUser", obj{"common_name": "mycert", "userId": "999"}), "User with ID 999 not found."},
		{"unknown user group", post("shareCertificateToUserGroup", obj{"common_name": "mycert", "userGroupId": "999"}), "User group with ID 999 not found."},
		{"unknown certificate group", post("shareCertificateGroupToUser", obj{"certificate_group_name": "nope", "userId": "2"}), "Certificate group nope not found."},
		{"unknown certificate", post("revokeCertificateFromUser", obj{"common_name": "nope", "userId": "2"}), "Certificate nope not found."},
		{"a certificate the caller cannot see", e.pkiAs("privadmin", post("shareCertificateToUser", obj{"common_name": "mycert", "userId": "2"})),
			"Certificate mycert not found."},
		{"userId not an ID", post("shareCertificateToUser", obj{"common_name": "mycert", "userId": "guest"}), "userId in INPUT_DATA has the wrong type."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { assert.Equal(t, c.want, e.pfails(c.r)) })
	}
	e.pok(e.pkiAs("superadmin", post("shareCertificateToUser", obj{"common_name": "apitest", "userId": "2"})))
	assert.Equal(t, []string{"apitest", "mycert"}, guestSees(), "a super administrator shares what it does not own")
}

func (e *env) passphraseAs(as, cn string) string {
	e.t.Helper()
	r := pkiReq(http.MethodGet, "getCertificatePassphrase", obj{"common_name": cn})
	r.as = as
	msg := e.pok(r).Result.Message
	return msg[len("Private key passphrase of certificate "+cn+" is "):]
}

func TestCertificateGroups(t *testing.T) {
	e := newEnv(t)
	post := func(op string, in obj) req { return pkiReq(http.MethodPost, op, in) }
	// §73's sample names IDs 301 and 202, which the document does not have.
	assert.Equal(t, "Certificate with ID 202 not found.", e.pfails(post("createCertificateGroup",
		obj{"group_name": "NAME", "group_description": "This is the description for the group certificate", "group_mail": "pmp@zohocorporation.com", "ssl_details": "302,202"})))
	v := e.pok(post("createCertificateGroup", obj{"group_name": "NAME", "group_mail": "pmp@zohocorporation.com", "ssl_details": " 1, 302 "}))
	assert.Equal(t, "createCertificateGroup", v.Name)
	assert.Equal(t, "Certificate group added successfully.", v.Result.Message)
	e.pok(post("shareCertificateGroupToUser", obj{"certificate_group_name": "NAME", "userId": "2"}))
	assert.Equal(t, []string{"*.paytm.com", "*.zoho.com"}, certNames(e.certs("guest", nil)))

	v = e.pok(post("editCertificateGroup", obj{"group_name": "NAME", "group_description": "This is new description for the group certificate", "ssl_details": "303"}))
	assert.Equal(t, "The certificate group is updated successfully.", v.Result.Message)
	assert.Equal(t, []string{"mycert"}, certNames(e.certs("guest", nil)), "members changed, the share stayed")
	e.pok(post("editCertificateGroup", obj{"group_name": "NAME", "group_mail": "pmp1@zohocorporation.com"}))
	assert.Equal(t, []string{"mycert"}, certNames(e.certs("guest", nil)), "no ssl_details, no change of members")

	cases := []struct {
		name string
		r    req
		want string
	}{
		{"duplicate", post("createCertificateGroup", obj{"group_name": "name"}), "Certificate group name already exists."},
		{"not IDs", post("createCertificateGroup", obj{"group_name": "x", "ssl_details": "a,b"}), "ssl_details in INPUT_DATA is not valid."},
		{"bad mail", post("createCertificateGroup", obj{"group_name": "x", "group_mail": "not mail"}), "group_mail in INPUT_DATA is not valid."},
		{"a certificate the caller cannot see", e.pkiAs("pwdadmin", post("createCertificateGroup", obj{"group_name": "x", "ssl_details": "302"})),
			"Certificate with ID 302 not found."},
		{"edit unknown", post("editCertificateGroup", obj{"group_name": "nope"}), "Certificate group nope not found."},
		{"edit by another", e.pkiAs("pwdadmin", post("editCertificateGroup", obj{"group_name": "NAME"})),
			"Only the owner or a super administrator can change certificate group NAME."},
		{"delete by another", e.pkiAs("pwdadmin", pkiReq(http.MethodDelete, "deleteCertificateGroup", obj{"group_name": "NAME"})),
			"Only the owner or a super administrator can change certificate group NAME."},
		{"no name", post("createCertificateGroup", obj{"ssl_details": "1"}), "group_name is mandatory in INPUT_DATA."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { assert.Equal(t, c.want, e.pfails(c.r)) })
	}

	v = e.pok(pkiReq(http.MethodDelete, "deleteCertificateGroup", obj{"group_name": "NAME"}))
	assert.Equal(t, "The certificate group is deleted successfully.", v.Result.Message)
	assert.Empty(t, e.certs("guest", nil), "the group's shares went with it")
	assert.Contains(t, certNames(e.certs("", nil)), "mycert", "its certificates stayed")
	assert.Equal(t, "Certificate group NAME not found.", e.pfails(pkiReq(http.MethodDelete, "deleteCertificateGroup", obj{"group_name": "NAME"})))
}
