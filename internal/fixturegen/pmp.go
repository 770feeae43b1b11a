package fixturegen

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/opsmock/opsmock/mock"
)

// PMP's credentials, by the name cases use: the seeded users (PMP-DOC §1),
// and tokens that fail in each way the product tells apart (fact C1).
const (
	asPMPAdmin   = "admin"     // Administrator
	asPwdAdmin   = "pwdadmin"  // Password Administrator
	asPrivAdmin  = "privadmin" // Privileged Administrator
	asAuditor    = "auditor"   // Password Auditor
	asGuest      = "guest"     // Password User
	asFarHost    = "farhost"   // an API user bound to another host
	asLocked     = "locked"    // a locked user
	asTokenQuery = "query"     // the admin token as an AUTHTOKEN query parameter
	asNoToken    = "none"
	asBadToken   = "unknown" // a token no user has
	badToken     = "00000000-0000-4000-8000-000000000000"
	restAPI      = "/restapi/json/v1"
	pkiAPI       = "/api/pki/restapi/"
)

// roleUsers are the seeded users tried, in order, for an operation's
// role refusal: the first whose role the operation's x-roles leaves out.
var roleUsers = []struct{ as, role string }{
	{asGuest, "Password User"}, {asAuditor, "Password Auditor"},
	{asPwdAdmin, "Password Administrator"}, {asPrivAdmin, "Privileged Administrator"},
}

func pmpClients(srv *mock.Server, rec *recorder) (map[string]*http.Client, error) {
	client := func(token string, inQuery bool) *http.Client {
		return &http.Client{Transport: keyTransport{name: "AUTHTOKEN", key: token, inQuery: inQuery, next: rec}}
	}
	out := map[string]*http.Client{asNoToken: {Transport: rec}, asBadToken: client(badToken, false)}
	for _, name := range []string{asPMPAdmin, asPwdAdmin, asPrivAdmin, asAuditor, asGuest, asFarHost, asLocked} {
		c, err := srv.Credentials().PMP.ByUser(name)
		if err != nil {
			return nil, err
		}
		out[name] = client(c.AuthToken, false)
	}
	admin, _ := srv.Credentials().PMP.ByUser(asPMPAdmin)
	out[asTokenQuery] = client(admin.AuthToken, true)
	return out, nil
}

type details = map[string]any

func rest(op, method, path string, input any, as string) Case {
	if as == "" {
		as = asPMPAdmin
	}
	return Case{Op: op, Name: "success", Method: method, Path: restAPI + path, Input: input, As: as, Status: 200}
}

func pki(op, method, path string, input any) Case {
	return Case{Op: op, Name: "success", Method: method, Path: pkiAPI + path, Input: input, As: asPMPAdmin, Status: 200}
}

func (c Case) with(q url.Values) Case { c.Query = q; return c }

// in makes the case a step of a sequence.
func (c Case) in(seq string) Case { c.Seq = seq; return c }

// pmpScenario records a success for every operation, in an order where
// each finds what it needs (ids from PMP-DOC's samples, which the seed
// keeps), then the failures: the ways authentication fails, the role
// refusals x-roles gives, unknown objects and malformed input.
func pmpScenario(s *session, srv *mock.Server) error {
	get, post, put, del := http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	const flow = "request-approve-checkout-checkin"
	cover := details{"RESOURCENAME": "cover", "ACCOUNTNAME": "Administrator", "RESOURCETYPE": "Windows", "PASSWORD": "Test123#@!"}
	success := []Case{
		rest("getResources", get, "/resources", nil, ""),
		rest("getResourceAccounts", get, "/resources/301/accounts", nil, ""),
		rest("getAccountDetails", get, "/resources/303/accounts/307", nil, ""),
		rest("getAccountPassword", get, "/resources/303/accounts/307/password", nil, ""),
		rest("changeAccountPassword", put, "/resources/303/accounts/307/password", details{"NEWPASSWORD": "Test@12345$", "RESETTYPE": "LOCAL"}, ""),
		rest("createResource", post, "/resources", cover, ""),
		rest("getResourceIdAccountId", get, "/resources/getResourceIdAccountId", nil, "").with(q("RESOURCENAME", "cover", "ACCOUNTNAME", "Administrator")),
		rest("getResourceIdByName", get, "/resources/resourcename/cover", nil, ""),
		rest("editResource", put, "/resources/301", details{"RESOURCENAME": "CentOS Machine", "LOCATION": "Rack 4"}, ""),
		rest("createAccounts", post, "/resources/301/accounts", details{"ACCOUNTLIST": []any{details{"ACCOUNTNAME": "ops", "PASSWORD": "Pa$$Word@123"}}}, ""),
		rest("editAccount", put, "/resources/301/accounts/312", details{"ACCOUNTNAME": "centos", "NOTES": "n"}, ""),
		rest("deleteAccount", del, "/resources/301/accounts/311", nil, ""),
		rest("downloadFile", get, "/resources/304/accounts/316/downloadfile", nil, ""),
		rest("configureRemotePasswordReset", post, "/resources/configureremotepasswordreset", details{"RESOURCEIDS": []any{"301"}}, ""),
		rest("getResourceTypes", get, "/resources/resourcetypes", nil, ""),
		rest("getAssociatedGroups", get, "/resources/301/associatedGroups", nil, ""),
		rest("getAccountTOTP", get, "/accounts/313/totp", nil, ""),
		rest("requestPassword", post, "/accounts/308/requestpassword", details{"REASON": "Testing"}, asPwdAdmin).in(flow),
		rest("getPasswordRequests", get, "/accounts/passwordaccessrequests", nil, "").in(flow),
		rest("approvePasswordRequest", post, "/accounts/308/requester/3/approve", nil, "").in(flow),
		rest("checkoutPassword", post, "/accounts/308/checkout", nil, asPwdAdmin).in(flow),
		rest("checkinPassword", post, "/accounts/308/requester/3/checkin", nil, asPwdAdmin).in(flow),
		rest("rejectPasswordRequest", post, "/accounts/308/requester/2/reject", nil, ""),
		rest("generatePassword", get, "/passwords/generate", details{"POLICY": "Strong"}, ""),
		rest("getPasswordPolicies", get, "/passwords/policies", nil, ""),
		rest("validatePassword", post, "/passwords/validate", details{"password": "Test@123", "passwordPolicy": "Strong"}, ""),
		rest("createUser", post, "/user", details{"USERNAME": "cover1", "EMAIL": "c@opsmock.test", "ROLE": "Password User"}, ""),
		{Op: "createUser", Name: "another", Method: post, Path: restAPI + "/user", Input: details{"USERNAME": "cover2", "EMAIL": "c2@opsmock.test",
			"ROLE": "Password Auditor"}, As: asPMPAdmin, Status: 200},
		rest("getUserId", get, "/user/getUserId", nil, "").with(q("USERNAME", "cover1")),
		rest("deleteUser", del, "/user/<cover1>", nil, ""),
		rest("deleteUserByName", del, "/user", nil, "").with(q("USERNAME", "cover2")),
		rest("addUserToUserGroup", post, "/user/addUserToUserGroup", nil, "").with(q("USERNAME", "auditor", "USERGROUPNAME", "TestGroup")),
		rest("lockUser", put, "/user/lock", nil, "").with(q("USERNAME", "guest")),
		rest("unlockUser", put, "/user/unlock", nil, "").with(q("USERNAME", "guest")),
		rest("resetMFA", put, "/user/resetMFA", nil, "").with(q("USERNAME", "guest")),
		rest("getUserGroupId", get, "/user/getUserGroupId", nil, "").with(q("USERGROUPNAME", "TestGroup")),
		rest("removeUserFromUserGroup", post, "/user/removeUserFromUserGroup", details{"USERIDS": []any{5}, "USERGROUPIDS": []any{1}}, ""),
		rest("deleteUserGroups", del, "/userGroup", details{"userGroupIds": []any{2}}, ""),
		rest("createResourceGroup", post, "/resourcegroup", details{"GROUPNAME": "cover", "GROUPTYPE": "STATIC"}, ""),
		rest("associateResources", post, "/resourcegroup/901/associateResources", details{"RESOURCEIDS": []any{301}}, ""),
		rest("disassociateResources", post, "/resourcegroup/901/disassociateResources", details{"RESOURCEIDS": []any{301}}, ""),
		rest("getResourceGroupId", get, "/resourcegroup/getResourceGroupId", nil, "").with(q("RESOURCEGROUPNAME", "Default Group")),
		rest("getResourceGroups", get, "/resourcegroup", nil, ""),
		rest("deleteResourceGroup", del, "/resourcegroup", nil, "").with(q("RESOURCEGROUPID", "901")),
		rest("shareResource", put, "/resources/304/share", details{"ACCESSTYPE": "view", "USERID": "5"}, ""),
		rest("shareAccount", put, "/resources/304/accounts/316/share", details{"ACCESSTYPE": "view", "USERGROUPID": "1"}, ""),
		rest("shareResourceGroups", put, "/resourcegroup/share", details{"resourceGroupIds": []any{"1202"}, "userGroupIds": []any{"1"}, "accessType": "modify"}, ""),
		rest("deleteResource", del, "/resources/302", nil, ""),
		rest("getAudit", get, "/audit", nil, "").with(q("AUDITTYPE", "Resource", "LIMIT", "5")),
		rest("getAgentKey", post, "/agents/agentkey", details{"generateAgentKey": "true"}, ""),
		rest("getHAStatus", get, "/server/getHighAvailabilityStatus", nil, ""),

		pki("createSSHKey", post, "createsshkey", details{"keyName": "cover", "keyType": "ed25519"}),
		pki("getAllSSHKeys", get, "getAllSSHKeys", nil),
		pki("getSSHKey", get, "getSSHKey", details{"keyName": "cover"}),
		pki("exportSSHKey", post, "exportSSHKey", details{"keyName": "cover"}),
		pki("associateKey", post, "associateKey", details{"keyName": "cover", "resourceName": "CentOS Machine", "userName": "centos"}),
		pki("getSSHKeysForUser", get, "getSSHkeysforuser", details{"userName": "centos", "resourceName": "centos-1"}),
		pki("getAllAssociatedUsers", get, "getAllAssociatedUsers", nil),
		pki("dissociateKey", post, "dissociateKey", details{"keyName": "cover", "resourceName": "CentOS Machine", "userName": "centos"}),
	}
	var exported, userID string
	for i, c := range success {
		c.Path = strings.ReplaceAll(c.Path, "<cover1>", userID)
		success[i] = c
		answer, err := s.do(c)
		if err != nil {
			return err
		}
		switch c.Op {
		case "exportSSHKey":
			exported = s.lastBody() // goes back in as another key below
		case "getUserId":
			var v struct {
				Operation struct{ Details struct{ USERID string } }
			}
			b, _ := json.Marshal(answer)
			if json.Unmarshal(b, &v) != nil || v.Operation.Details.USERID == "" {
				return fmt.Errorf("pmp: getUserId answered no USERID: %s", b)
			}
			userID = v.Operation.Details.USERID // deleteUser removes the user the run created
		}
	}
	more := []Case{
		{Op: "importSSHKey", Name: "success", Method: post, Path: pkiAPI + "addSSHKey", Input: details{"keyName": "imported"},
			File: []byte(exported), FileField: "File", FileName: "imported.key", As: asPMPAdmin, Status: 200},
		pki("deleteSSHKey", del, "deleteSSHKey", details{"key_name": "cover"}),
		pki("getCertificate", get, "getCertificate", details{"common_name": "*.zoho.com"}),
		pki("getAllSSLCertificates", get, "getAllSSLCertificates", nil),
		pki("getAllSSLCertsExpiryDate", get, "getAllSSLCertsExpiryDate", nil),
		pki("getCertificateDetails", get, "getCertificateDetails", details{"common_name": "*.zoho.com"}),
		pki("getCertificateKeyStore", get, "getCertificateKeyStore", details{"common_name": "mycert"}),
		pki("getCertificatePassphrase", get, "getCertificatePassphrase", details{"common_name": "mycert", "serial_number": "1001"}),
		pki("createCertificate", post, "createCertificate", details{"CNAME": "self.opsmock.test", "ALG": "EC", "LEN": "256", "PASSWORD": "pw"}),
	}
	for _, c := range more {
		if _, err := s.do(c); err != nil {
			return err
		}
	}
	success = append(success, more...)
	// The created certificate leaves and comes back as a file.
	created := pki("getCertificate", get, "getCertificate", details{"common_name": "self.opsmock.test"})
	created.Name, created.Description = "created", "The certificate createCertificate made, as PEM."
	if _, err := s.do(created); err != nil {
		return err
	}
	pem := s.lastBody()
	more = []Case{
		pki("deleteCertificate", del, "deleteCertificate", details{"common_name": "self.opsmock.test"}),
		{Op: "addCertificate", Name: "success", Method: post, Path: pkiAPI + "addCertificate", Input: details{"fileType": "CERTFILE"},
			File: []byte(pem), FileField: "File", FileName: "self.pem", As: asPMPAdmin, Status: 200},
		pki("sslCertSingleDiscovery", post, "sslCertSingleDiscovery", details{"HOST": "zoho.com", "PORT": "443"}),
		pki("sslCertRangeDiscovery", post, "sslCertRangeDiscovery", details{"StartIpAddress": "192.168.216.0", "EndIpAddress": "192.168.216.3"}),
		pki("createCSR", post, "createCSR", details{"CNAME": "cover.opsmock.test", "ALG": "EC", "LEN": "256"}),
		pki("getCSRList", get, "getCSRList", nil),
		pki("signCSR", post, "signCSR", details{"serverName": "pmp-w12r2-1", "caName": "pmp-w12r2-1-ca", "templateName": "WebServer", "CSR_ID": "602"}),
		pki("deployCertificate", post, "deployCertificate", details{"common_name": "testcert", "serverName": "testmachine"}),
		pki("generateInstallKey", post, "generateInstallKey", nil),
		pki("createCertificateGroup", post, "createCertificateGroup", details{"group_name": "cover", "ssl_details": "302,303"}),
		pki("editCertificateGroup", post, "editCertificateGroup", details{"group_name": "cover", "group_description": "d", "ssl_details": "302"}),
		pki("shareCertificateToUser", post, "shareCertificateToUser", details{"common_name": "mycert", "userId": "2"}),
		pki("shareCertificateToUserGroup", post, "shareCertificateToUserGroup", details{"common_name": "mycert", "userGroupId": "1"}),
		pki("shareCertificateGroupToUser", post, "shareCertificateGroupToUser", details{"certificate_group_name": "cover", "userId": "2"}),
		pki("shareCertificateGroupToUserGroup", post, "shareCertificateGroupToUserGroup", details{"certificate_group_name": "cover", "userGroupId": "1"}),
		pki("revokeCertificateFromUser", post, "revokeCertificateFromUser", details{"common_name": "mycert", "userId": "2"}),
		pki("revokeCertificateFromUserGroup", post, "revokeCertificateFromUserGroup", details{"common_name": "mycert", "userGroupId": "1"}),
		pki("revokeCertificateGroupFromUser", post, "revokeCertificateGroupFromUser", details{"certificate_group_name": "cover", "userId": "2"}),
		pki("revokeCertificateGroupFromUserGroup", post, "revokeCertificateGroupFromUserGroup", details{"certificate_group_name": "cover", "userGroupId": "1"}),
		pki("deleteCertificateGroup", del, "deleteCertificateGroup", details{"group_name": "cover"}),
	}
	for _, c := range more {
		if _, err := s.do(c); err != nil {
			return err
		}
	}
	success = append(success, more...)
	if err := resourceAccountPassword(s); err != nil {
		return err
	}
	return pmpFailures(s, success)
}

// resourceAccountPassword records the sequence of a resource made, an
// account added to it, its password changed and read back.
func resourceAccountPassword(s *session) error {
	const seq = "resource-account-password"
	detailsOf := func(answer any) map[string]any {
		m, _ := answer.(map[string]any)
		op, _ := m["operation"].(map[string]any)
		d, _ := op["Details"].(map[string]any)
		return d
	}
	post, get, put := http.MethodPost, http.MethodGet, http.MethodPut
	if _, err := s.do(Case{Op: "createResource", Name: "sequence-host", Description: "A Linux resource with its first account.",
		Method: post, Path: restAPI + "/resources", Input: details{"RESOURCENAME": "sequence-host", "ACCOUNTNAME": "root",
			"RESOURCETYPE": "Linux", "PASSWORD": "Root@12345$"}, As: asPMPAdmin, Status: 200, Seq: seq}); err != nil {
		return err
	}
	ids, err := s.do(Case{Op: "getResourceIdByName", Name: "sequence-host", Description: "The new resource's id.",
		Method: get, Path: restAPI + "/resources/resourcename/sequence-host", As: asPMPAdmin, Status: 200, Seq: seq})
	if err != nil {
		return err
	}
	rid := fmt.Sprint(detailsOf(ids)["RESOURCEID"])
	if _, err := s.do(Case{Op: "createAccounts", Name: "sequence-host", Description: "A second account on it.",
		Method: post, Path: restAPI + "/resources/" + rid + "/accounts", Input: details{"ACCOUNTLIST": []any{
			details{"ACCOUNTNAME": "deploy", "PASSWORD": "First@123$"}}}, As: asPMPAdmin, Status: 200, Seq: seq}); err != nil {
		return err
	}
	both, err := s.do(Case{Op: "getResourceIdAccountId", Name: "sequence-host", Description: "The account's id by the two names.",
		Method: get, Path: restAPI + "/resources/getResourceIdAccountId", Query: q("RESOURCENAME", "sequence-host", "ACCOUNTNAME", "deploy"),
		As: asPMPAdmin, Status: 200, Seq: seq})
	if err != nil {
		return err
	}
	account := restAPI + "/resources/" + rid + "/accounts/" + fmt.Sprint(detailsOf(both)["ACCOUNTID"]) + "/password"
	for _, c := range []Case{
		{Op: "changeAccountPassword", Name: "sequence-host", Description: "The password changed in PMP only.", Method: put, Path: account,
			Input: details{"NEWPASSWORD": "Second@123$", "RESETTYPE": "LOCAL"}},
		{Op: "getAccountPassword", Name: "sequence-host", Description: "The new password read back.", Method: get, Path: account},
	} {
		c.As, c.Status, c.Seq = asPMPAdmin, 200, seq
		if _, err := s.do(c); err != nil {
			return err
		}
	}
	return nil
}

// pmpFailures records, for every operation, the request of its success
// case sent without a token, with a token no user has and, where x-roles
// leaves a seeded role out, by a user of that role; then the refusals
// PMP tells apart once (another host, a locked user) and unknown objects.
func pmpFailures(s *session, success []Case) error {
	seen := map[string]bool{}
	for _, c := range success {
		if seen[c.Op] {
			continue
		}
		seen[c.Op] = true
		cases := []Case{
			{Name: "no-token", Description: "No AUTHTOKEN: HTTP 200, status Failed.", Doc: "fact C1", As: asNoToken},
			{Name: "unknown-token", Description: "A token no user has: HTTP 200, status Failed.", Doc: "fact C1", As: asBadToken},
		}
		op, ok := s.contract.Operation(c.Op)
		if !ok {
			return fmt.Errorf("pmp: no operation %s in the spec", c.Op)
		}
		roles, _ := op.Op.Extensions["x-roles"].([]any)
		for _, u := range roleUsers {
			if !slices.Contains(roles, any(u.role)) {
				cases = append(cases, Case{Name: "role-refused", Description: fmt.Sprintf("A %s may not call it (x-roles): status Failed.", u.role),
					Doc: s.described(c).Doc, As: u.as})
				break
			}
		}
		for _, k := range cases {
			k.Op, k.Method, k.Path, k.Query, k.Input, k.File, k.FileField, k.FileName, k.Status =
				c.Op, c.Method, c.Path, c.Query, c.Input, c.File, c.FileField, c.FileName, 200
			if _, err := s.do(k); err != nil {
				return err
			}
		}
	}
	get := http.MethodGet
	for _, c := range []Case{
		{Op: "getResources", Name: "token-in-query", Description: "AUTHTOKEN as a query parameter works as the header does.",
			As: asTokenQuery},
		{Op: "getResources", Name: "other-host", Description: "An API user bound to another host: status Failed.", Doc: "fact C1", As: asFarHost},
		{Op: "getResources", Name: "locked-user", Description: "A locked user's token: status Failed.", As: asLocked},
		{Op: "getResourceAccounts", Name: "not-found", Description: "An unknown resource id: status Failed.", Path: restAPI + "/resources/999999/accounts"},
		{Op: "getAccountDetails", Name: "not-found", Description: "An unknown account id: status Failed.", Path: restAPI + "/resources/303/accounts/999999"},
		{Op: "getUserId", Name: "not-found", Description: "An unknown user: status Failed.", Path: restAPI + "/user/getUserId", Query: q("USERNAME", "nosuchuser")},
		{Op: "getSSHKey", Name: "not-found", Description: "An unknown key: status Failed.", Path: pkiAPI + "getSSHKey", Input: details{"keyName": "nosuchkey"}},
		{Op: "getCertificateDetails", Name: "not-found", Description: "An unknown common name: status Failed.", Path: pkiAPI + "getCertificateDetails",
			Input: details{"common_name": "nosuch.opsmock.test"}},
		{Op: "generatePassword", Name: "input-not-json", Description: "INPUT_DATA that is not JSON: status Failed.", Path: restAPI + "/passwords/generate",
			Query: q("INPUT_DATA", "{not json")},
	} {
		if c.Path == "" {
			c.Path = restAPI + "/resources"
		}
		if c.As == "" {
			c.As = asPMPAdmin
		}
		c.Method, c.Status = get, 200
		if _, err := s.do(c); err != nil {
			return err
		}
	}
	post := http.MethodPost
	return each(s, []Case{
		{Op: "createResource", Name: "missing-name", Description: "No RESOURCENAME: status Failed.", Method: post,
			Path: restAPI + "/resources", Input: details{"ACCOUNTNAME": "a", "PASSWORD": "Test123#@!"}, As: asPMPAdmin, Status: 200},
		{Op: "createResource", Name: "default-type", Description: "No RESOURCETYPE: the default type.", Doc: "fact D3", Method: post,
			Path: restAPI + "/resources", Input: details{"RESOURCENAME": "typeless", "ACCOUNTNAME": "a", "PASSWORD": "Test123#@!"}, As: asPMPAdmin, Status: 200},
	})
}

func each(s *session, cases []Case) error {
	for _, c := range cases {
		if _, err := s.do(c); err != nil {
			return err
		}
	}
	return nil
}
