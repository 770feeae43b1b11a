package pmp_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
)

// TestPKITokenPlaces: the PKI API takes the token from the AUTHTOKEN
// header or query parameter only, and refuses in its own shape.
func TestPKITokenPlaces(t *testing.T) {
	e := newEnv(t)
	list := func(r req) req { r.method, r.path = http.MethodGet, pkiAPI+"getAllSSHKeys"; return r }
	for _, in := range []struct {
		name string
		in   tokenIn
	}{{"header", tokenHeader}, {"query", tokenQuery}} {
		t.Run(in.name, func(t *testing.T) { e.pok(list(req{tokenIn: in.in})) })
	}
	cases := []struct {
		name    string
		r       req
		message string
	}{
		{"APP_AUTHTOKEN is REST only", req{tokenIn: tokenApp}, noTokenMessage},
		{"no token", req{tokenIn: tokenNone}, noTokenMessage},
		{"wrong token", req{token: "00000000-0000-0000-0000-000000000000"}, noTokenMessage},
		{"locked user", req{as: "locked"}, "User account is locked. Contact your administrator."},
		{"API user bound to another host", req{as: "farhost"}, wrongHostMessage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do(list(c.r))
			assert.NotContains(t, string(r.body), `"operation"`, "the PKI shape has no operation wrapper")
			v := e.pkiEnv(r)
			assert.Equal(t, "Authentication", v.Name)
			require.NotNil(t, v.Result)
			assert.Equal(t, "Failed", v.Result.Status)
			assert.Equal(t, c.message, v.Result.Message)
		})
	}
	// fact C1's empty answer is outside the spec: the plain client sends it.
	r := e.send(list(req{as: "nohost"}), e.srv.Client())
	assert.Equal(t, http.StatusOK, r.status)
	assert.Empty(t, r.body, "an unresolvable bound host gets nothing (fact C1)")
}

func TestPKIRoles(t *testing.T) {
	e := newEnv(t)
	admins := "It needs one of the roles: Administrator, Password Administrator, Privileged Administrator."
	cases := []struct {
		as   string
		r    req
		want string // "" for success
	}{
		{"guest", pkiReq(http.MethodPost, "createsshkey", obj{"keyName": "g", "keyType": "ed25519"}), admins},
		{"guest", pkiReq(http.MethodGet, "getAllSSHKeys", nil), admins},
		{"auditor", pkiReq(http.MethodDelete, "deleteCertificate", obj{"common_name": "mycert"}), admins},
		{"guest", pkiReq(http.MethodGet, "getAllSSLCertificates", nil), ""},
		{"auditor", pkiReq(http.MethodGet, "getAllSSLCertsExpiryDate", nil), ""},
		{"auditor", pkiReq(http.MethodGet, "getCertificate", obj{"common_name": "mycert"}), "Certificate mycert not found."},
		{"pwdadmin", pkiReq(http.MethodGet, "getAllSSHKeys", nil), ""},
		{"privadmin", pkiReq(http.MethodPost, "createCertificateGroup", obj{"group_name": "p"}), ""},
		{"privadmin", pkiReq(http.MethodPost, "generateInstallKey", nil), "It needs one of the roles: Administrator."},
	}
	for _, c := range cases {
		t.Run(c.as+" "+strings.TrimPrefix(c.r.path, pkiAPI), func(t *testing.T) {
			c.r.as = c.as
			if c.want == "" {
				e.pok(c.r)
				return
			}
			assert.Contains(t, e.pfails(c.r), c.want)
		})
	}
}

// TestPKIBadInput: bad input on every kind of PKI operation gets a Failed
// PKI envelope with HTTP 200 and the operation's name; none is a 500.
func TestPKIBadInput(t *testing.T) {
	e := newEnv(t)
	form := "INPUT_DATA must have the form {\"operation\":{\"Details\":{...}}}."
	cases := []struct {
		name, op string
		r        req
		want     string
	}{
		{"not JSON (GET)", "GetSSHKey", pkiReq(http.MethodGet, "getSSHKey", `{"operation":{"Details":`), "INPUT_DATA is not valid JSON."},
		{"not JSON (POST)", "associateKey", pkiReq(http.MethodPost, "associateKey", `not json`), "INPUT_DATA is not valid JSON."},
		{"not JSON (DELETE)", "DeleteCertificate", pkiReq(http.MethodDelete, "deleteCertificate", `{`), "INPUT_DATA is not valid JSON."},
		{"an array", "GetCertificateDetails", pkiReq(http.MethodGet, "getCertificateDetails", `[1]`), form},
		{"Details null", "CreateCSR", pkiReq(http.MethodPost, "createCSR", `{"operation":{"Details":null}}`), form},
		{"missing", "GetSSHKey", pkiReq(http.MethodGet, "getSSHKey", nil), "INPUT_DATA is mandatory for this operation."},
		{"a number for a name", "GetSSHKey", pkiReq(http.MethodGet, "getSSHKey", obj{"keyName": 12}), "keyName in INPUT_DATA has the wrong type."},
		{"empty name", "GetSSHKey", pkiReq(http.MethodGet, "getSSHKey", obj{"keyName": ""}), "keyName in INPUT_DATA must not be empty."},
		{"optional INPUT_DATA, broken", "GetAllSSLCertificates", pkiReq(http.MethodGet, "getAllSSLCertificates", `{"operation"`), "INPUT_DATA is not valid JSON."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := e.pkiEnv(e.do(c.r))
			assert.Equal(t, c.op, v.Name)
			require.NotNil(t, v.Result)
			assert.Equal(t, "Failed", v.Result.Status)
			assert.Equal(t, c.want, v.Result.Message)
		})
	}

	r := e.do(req{method: http.MethodGet, path: pkiAPI + "nothingHere"})
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.JSONEq(t, `{"name":"INVALID URL","result":{"status":"Failed","message":"Invalid API URL."}}`, string(r.body))
	r = e.do(req{method: http.MethodGet, path: pkiAPI + "createsshkey"})
	assert.Equal(t, http.StatusMethodNotAllowed, r.status)
	assert.JSONEq(t, `{"name":"INVALID METHOD","result":{"status":"Failed","message":"HTTP method not supported for this API."}}`, string(r.body))
	r = e.do(req{method: http.MethodGet, path: pkiAPI + "nothingHere", tokenIn: tokenNone})
	assert.Contains(t, string(r.body), noTokenMessage, "the token is checked first")
}

func TestPKIHugeBody(t *testing.T) {
	e := newEnv(t, mock.WithMaxBodyBytes(1024))
	big := make([]byte, 4096)
	v := e.pkiEnv(e.do(req{method: http.MethodPost, path: pkiAPI + "addCertificate", input: obj{"fileType": "CERTFILE"},
		file: big, fileName: "big.pem", fileField: "File"}))
	assert.Equal(t, "AddCertificate", v.Name)
	assert.Equal(t, "The request is larger than the allowed size.", v.Result.Message)
	e.pok(pkiReq(http.MethodGet, "getAllSSHKeys", nil)) // and the server goes on
}
