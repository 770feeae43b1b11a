package pmp_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"software.sslmate.com/src/go-pkcs12"
)

// now is the test clock's time (newEnv).
var now = time.Date(2026, 6, 7, 8, 9, 10, 0, time.UTC)

type csrRow struct {
	CreatedBy   string `json:"CREATED_BY"`
	KeyAlg      string `json:"KEYALGORITHM"`
	StoreType   string `json:"KEYSTORE_TYPE"`
	IsPassword  bool   `json:"isPassword"`
	ID          int    `json:"CSR_ID"`
	CreatedDate string `json:"CREATED_DATE"`
	LoginID     int    `json:"LOGIN_ID"`
	KeyStrength int    `json:"KEY_STRENGTH"`
	DomainName  string `json:"DOMAIN_NAME"`
	Validity    string `json:"VALIDITY"`
	SigAlg      string `json:"SIGNATURE_ALGORITHM"`
}

func (e *env) csrs(as string, filter obj) []csrRow {
	e.t.Helper()
	return pkiList[csrRow](e, "getCSRList", as, filter)
}

func TestCSRWorkflow(t *testing.T) {
	e := newEnv(t)
	assert.Equal(t, []csrRow{{CreatedBy: "admin", KeyAlg: "RSA", StoreType: "JKS", IsPassword: true, ID: 1, CreatedDate: "May 15, 2020 19:51",
		LoginID: 1, KeyStrength: 2048, DomainName: "testcsr", Validity: "30", SigAlg: "SHA256withRSA"}}, e.csrs("", nil), "§43's CSR")

	// §42's sample, at 2048 bits to keep the test quick.
	v := e.pok(pkiReq(http.MethodPost, "createCSR", obj{"CNAME": "mytestcert", "ALT_NAMES": "test", "ORGUNIT": "zohocorp", "ORG": "manageengine",
		"LOCATION": "chennai", "STATE": "Tamilnadu", "COUNTRY": "IN", "PASSWORD": "zohocorp", "VALIDITY": "888", "VALIDITY_TYPE": "days",
		"ALG": "RSA", "LEN": "2048", "SIGALG": "SHA256", "StoreType": "PKCS12"}))
	assert.Equal(t, "CSR saved successfully", v.Result.Message)
	assert.Equal(t, []map[string]int{{"CSR_ID": 602}}, pkiDetails[[]map[string]int](t, v), "§42's ID")
	assert.Len(t, e.csrs("", nil), 2)
	mine := e.csrs("", obj{"common_name": "mytestcert"})
	require.Len(t, mine, 1)
	assert.Equal(t, csrRow{CreatedBy: "admin", KeyAlg: "RSA", StoreType: "PKCS12", IsPassword: true, ID: 602, CreatedDate: "Jun 7, 2026 08:09",
		LoginID: 1, KeyStrength: 2048, DomainName: "mytestcert", Validity: "888", SigAlg: "SHA256withRSA"}, mine[0])
	assert.Empty(t, e.csrs("pwdadmin", nil), "CSRs are their creator's")

	v = e.pok(pkiReq(http.MethodPost, "signCSR", obj{"serverName": "pmp-w12r2-1", "caName": "pmp-w12r2-1-ca", "templateName": "DomainController", "CSR_ID": "602"}))
	assert.Equal(t, "Successfully mytestcert certificate signed", v.Result.Message)
	d := e.details("mytestcert")[0]
	assert.Equal(t, "DomainController", d.CertificateTemplate)
	assert.Equal(t, "pmp-w12r2-1-ca", d.Issuer.Cname)
	assert.Equal(t, dnDoc{"mytestcert", "manageengine", "zohocorp"}, d.Issuedto)
	assert.Equal(t, "test", d.Endpoint.Sans)
	assert.Equal(t, now.Format("2006-01-02 15:04:05.0"), d.Endpoint.FromDate)
	assert.Equal(t, now.AddDate(0, 0, 888).Format("2006-01-02 15:04:05.0"), d.Endpoint.ExpiryDate, "the CSR's validity")
	assert.True(t, d.Endpoint.PrivateKey, "PMP made the key")
	assert.Equal(t, "Domain", d.Certtype)

	// The keystore holds the chain: the certificate verifies against the CA.
	r := e.do(pkiReq(http.MethodGet, "getCertificateKeyStore", obj{"common_name": "mytestcert"}))
	_, cert, chain, err := pkcs12.DecodeChain(r.body, "zohocorp")
	require.NoError(t, err)
	require.Len(t, chain, 1)
	require.NoError(t, cert.CheckSignatureFrom(chain[0]))
	assert.Equal(t, "pmp-w12r2-1-ca", chain[0].Subject.CommonName)

	sign := func(server, ca, tmpl, id string) req {
		return pkiReq(http.MethodPost, "signCSR", obj{"serverName": server, "caName": ca, "templateName": tmpl, "CSR_ID": id})
	}
	cases := []struct {
		name string
		r    req
		want string
	}{
		{"twice", sign("pmp-w12r2-1", "pmp-w12r2-1-ca", "WebServer", "602"), "CSR 602 has already been signed."},
		{"unknown CSR", sign("pmp-w12r2-1", "pmp-w12r2-1-ca", "WebServer", "999"), "CSR 999 not found."},
		{"someone else's CSR", func() req { r := sign("pmp-w12r2-1", "pmp-w12r2-1-ca", "WebServer", "1"); r.as = "pwdadmin"; return r }(), "CSR 1 not found."},
		{"unknown CA", sign("pmp-w12r2-1", "other-ca", "WebServer", "1"), "Certificate authority other-ca was not found on server pmp-w12r2-1."},
		{"CA on another server", sign("ca01.opsmock.test", "pmp-w12r2-1-ca", "WebServer", "1"), "Certificate authority pmp-w12r2-1-ca was not found on server ca01.opsmock.test."},
		{"template the CA lacks", sign("ca01.opsmock.test", "opsmock-issuing-ca", "DomainController", "1"), "Template DomainController is not available on certificate authority opsmock-issuing-ca."},
		{"missing CSR_ID", pkiReq(http.MethodPost, "signCSR", obj{"serverName": "a", "caName": "b", "templateName": "c"}), "CSR_ID is mandatory in INPUT_DATA."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { assert.Equal(t, c.want, e.pfails(c.r)) })
	}
	e.pok(sign("ca01.opsmock.test", "opsmock-issuing-ca", "webserver", "1")) // template names in any case
	assert.Equal(t, "opsmock-issuing-ca", e.details("testcsr")[0].Issuer.Cname)
}

func TestCreateCertificate(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name   string
		in     obj
		alg    string
		bits   int
		sigAlg string
		expiry time.Time
		store  string
	}{
		{"defaults", obj{"CNAME": "plain.opsmock.test"}, "RSA", 2048, "SHA256withRSA", now.AddDate(0, 0, 365), "application/x-pkcs12"},
		{"rsa sha384 days", obj{"CNAME": "days.opsmock.test", "LEN": "1024", "SIGALG": "SHA384", "VALIDITY": "10", "PASSWORD": "pw"}, "RSA", 1024, "SHA384withRSA", now.AddDate(0, 0, 10), "application/x-pkcs12"},
		{"ec hours", obj{"CNAME": "hours.opsmock.test", "ALG": "EC", "LEN": "384", "SIGALG": "SHA512", "VALIDITY": "5", "VALIDITY_TYPE": "hours"}, "EC", 384, "SHA512withECDSA", now.Add(5 * time.Hour), "application/x-pkcs12"},
		{"ec minutes jks", obj{"CNAME": "minutes.opsmock.test", "ALG": "EC", "VALIDITY": 90, "VALIDITY_TYPE": "minutes", "StoreType": "JKS", "PASSWORD": "changeit"}, "EC", 256, "SHA256withECDSA", now.Add(90 * time.Minute), "application/x-java-keystore"},
		{"sha1", obj{"CNAME": "sha1.opsmock.test", "LEN": "1024", "SIGALG": "SHA1"}, "RSA", 1024, "SHA1withRSA", now.AddDate(0, 0, 365), "application/x-pkcs12"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := e.pok(pkiReq(http.MethodPost, "createCertificate", c.in))
			assert.Equal(t, "CreateCertificate", v.Name)
			assert.Equal(t, "Certificate saved successfully", v.Result.Message)
			cn := c.in["CNAME"].(string)
			d := e.details(cn)[0]
			assert.Equal(t, "Self-Signed", d.Certtype)
			assert.Equal(t, c.alg, d.Endpoint.Keyalg)
			assert.Equal(t, c.bits, d.Endpoint.PublicKeyLength)
			assert.Equal(t, c.sigAlg, d.Endpoint.CertSignAlg)
			assert.Equal(t, c.expiry.Format("2006-01-02 15:04:05.0"), d.Endpoint.ExpiryDate)
			r := e.do(pkiReq(http.MethodGet, "getCertificateKeyStore", obj{"common_name": cn}))
			assert.Equal(t, c.store, r.header.Get("Content-Type"), "%s", r.body)
		})
	}
	refused := []struct {
		name string
		in   obj
		want string
	}{
		{"EC length", obj{"CNAME": "x", "ALG": "EC", "LEN": "2048"}, "Key length 2048 is not supported for EC. Use one of: 256, 384, 521."},
		{"RSA length", obj{"CNAME": "x", "LEN": "512"}, "Key length 512 is not supported for RSA. Use one of: 1024, 2048, 4096."},
		{"zero validity", obj{"CNAME": "x", "VALIDITY": "0"}, "VALIDITY must be a positive number."},
		{"algorithm", obj{"CNAME": "x", "ALG": "DSA"}, "ALG in INPUT_DATA must be one of: RSA, EC."},
		{"validity type", obj{"CNAME": "x", "VALIDITY_TYPE": "weeks"}, "VALIDITY_TYPE in INPUT_DATA must be one of: days, hours, minutes."},
		{"country", obj{"CNAME": "x", "COUNTRY": "IND"}, "COUNTRY in INPUT_DATA is not valid."},
		{"no name", obj{"ORG": "x"}, "CNAME is mandatory in INPUT_DATA."},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, e.pfails(pkiReq(http.MethodPost, "createCertificate", c.in)))
			assert.Equal(t, c.want, e.pfails(pkiReq(http.MethodPost, "createCSR", c.in)), "createCSR reads the same input")
		})
	}
}
