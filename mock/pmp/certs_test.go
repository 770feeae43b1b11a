package pmp_test

import (
	"bytes"
	"crypto/sha1" //nolint:gosec // the thumbprint PMP shows
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type certRow struct {
	CertID             int
	DNSName            string `json:"DNS Name/FQDN"`
	Port               int
	CommonName         string `json:"Common Name"`
	Issuer             string
	FromDate           string
	ExpiryDate         string
	KeyStrength        string
	SignatureAlgorithm string
	SerialNumber       string `json:"serialNumber"`
}

type dnDoc struct{ Cname, Org, Orgunit string }

type certDetails struct {
	Certtype            string
	CertificateTemplate string
	Endpoint            struct {
		HostName, Port              string
		ExpiryDate                  string `json:"expiry_date"`
		FromDate                    string `json:"from_date"`
		CertSignAlg, Sans           string
		Serial, FingerPrint, Keyalg string
		PublicKeyLength             int
		PrivateKey, IsAWS           bool
	}
	IsCertInstalledMulipleServers bool
	Issuer, Issuedto              dnDoc
	Intermediate                  map[string]string
	Ipaddress                     string
	CertificateID                 string `json:"CertificateId"`
}

func (e *env) certs(as string, filter obj) []certRow {
	e.t.Helper()
	return pkiList[certRow](e, "getAllSSLCertificates", as, filter)
}

func certNames(rows []certRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.CommonName)
	}
	slices.Sort(out)
	return out
}

func (e *env) certPEM(cn, serial string) *x509.Certificate {
	e.t.Helper()
	in := obj{"common_name": cn}
	if serial != "" {
		in["serial_number"] = serial
	}
	r := e.do(pkiReq(http.MethodGet, "getCertificate", in))
	require.Equal(e.t, "application/x-pem-file", r.header.Get("Content-Type"), "%s", r.body)
	b, rest := pem.Decode(r.body)
	require.NotNil(e.t, b, "%s", r.body)
	require.Empty(e.t, bytes.TrimSpace(rest), "one certificate")
	cert, err := x509.ParseCertificate(b.Bytes)
	require.NoError(e.t, err)
	return cert
}

func (e *env) details(cn string) []certDetails {
	e.t.Helper()
	v := e.pok(pkiReq(http.MethodGet, "getCertificateDetails", obj{"common_name": cn}))
	assert.Equal(e.t, "Details of certificate "+cn+" fetched successfully", v.Result.Message)
	return pkiDetails[[]certDetails](e.t, v)
}

// javaSigAlg names Go's algorithm the Java way, the test's own mapping.
func javaSigAlg(a x509.SignatureAlgorithm) string {
	s := a.String() // "SHA256-RSA", "ECDSA-SHA256"
	if h, ok := strings.CutPrefix(s, "ECDSA-"); ok {
		return h + "withECDSA"
	}
	return strings.Replace(s, "-RSA", "withRSA", 1)
}

func dashed(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return s[0]
}

// TestCertificateMatchesDetails: the PEM getCertificate serves parses,
// and getCertificateDetails and the list describe that very certificate.
func TestCertificateMatchesDetails(t *testing.T) {
	e := newEnv(t)
	list := map[string]certRow{}
	for _, r := range e.certs("", nil) {
		list[r.CommonName] = r
	}
	cases := []struct {
		cn, certtype, ip, port string
		privateKey             bool
	}{
		{"*.zoho.com", "Domain", "204.141.32.155", "443", false},
		{"*.paytm.com", "Domain", "paytm.com", "443", false},
		{"mycert", "Self-Signed", "-", "0", true},
		{"testcert", "Domain", "-", "0", true},
		{"legacy-sha1.opsmock.test", "Self-Signed", "-", "0", false},
	}
	for _, c := range cases {
		t.Run(c.cn, func(t *testing.T) {
			cert := e.certPEM(c.cn, "")
			ds := e.details(c.cn)
			require.Len(t, ds, 1)
			d := ds[0]
			thumb := sha1.Sum(cert.Raw) //nolint:gosec // a thumbprint
			assert.Equal(t, c.cn, cert.Subject.CommonName)
			assert.Equal(t, cert.SerialNumber.Text(16), d.Endpoint.Serial)
			assert.Equal(t, hex.EncodeToString(thumb[:]), d.Endpoint.FingerPrint)
			assert.Equal(t, cert.NotAfter.UTC().Format("2006-01-02 15:04:05.0"), d.Endpoint.ExpiryDate)
			assert.Equal(t, cert.NotBefore.UTC().Format("2006-01-02 15:04:05.0"), d.Endpoint.FromDate)
			assert.Equal(t, javaSigAlg(cert.SignatureAlgorithm), d.Endpoint.CertSignAlg)
			assert.Equal(t, strings.Join(append(cert.DNSNames, ipStrings(cert)...), ","), d.Endpoint.Sans)
			assert.Equal(t, dnDoc{cert.Issuer.CommonName, dashed(cert.Issuer.Organization), dashed(cert.Issuer.OrganizationalUnit)}, d.Issuer)
			assert.Equal(t, dnDoc{cert.Subject.CommonName, dashed(cert.Subject.Organization), dashed(cert.Subject.OrganizationalUnit)}, d.Issuedto)
			alg, bits := keyInfo(t, cert)
			assert.Equal(t, alg, d.Endpoint.Keyalg)
			assert.Equal(t, bits, d.Endpoint.PublicKeyLength)
			assert.Equal(t, c.certtype, d.Certtype)
			assert.Equal(t, c.ip, d.Ipaddress)
			assert.Equal(t, c.port, d.Endpoint.Port)
			assert.Equal(t, c.privateKey, d.Endpoint.PrivateKey)
			assert.Empty(t, d.Intermediate, "issued by roots or self-signed")

			row := list[c.cn]
			assert.Equal(t, strconv.Itoa(row.CertID), d.CertificateID)
			assert.Equal(t, d.Endpoint.Serial, row.SerialNumber)
			assert.Equal(t, cert.NotAfter.UTC().Format("Jan 2, 2006"), row.ExpiryDate)
			assert.Equal(t, cert.NotBefore.UTC().Format("Jan 2, 2006"), row.FromDate)
			assert.Equal(t, strconv.Itoa(bits), row.KeyStrength)
			assert.Equal(t, d.Endpoint.CertSignAlg, row.SignatureAlgorithm)
		})
	}
	// §33 and §35's own facts about the seeded zoho certificate.
	z := list["*.zoho.com"]
	assert.Equal(t, certRow{CertID: 302, DNSName: "204.141.32.155", Port: 443, CommonName: "*.zoho.com", Issuer: "Sectigo Limited",
		FromDate: "Jul 2, 2020", ExpiryDate: "Sep 30, 2022", KeyStrength: "2048", SignatureAlgorithm: "SHA256withRSA",
		SerialNumber: "48f4ca7636b856af0300000000cc5801"}, z)
	assert.Equal(t, "Domain Control Validated", e.details("*.zoho.com")[0].Issuedto.Orgunit)
}

func ipStrings(c *x509.Certificate) []string {
	var out []string
	for _, ip := range c.IPAddresses {
		out = append(out, ip.String())
	}
	return out
}

func TestCertificateFilters(t *testing.T) {
	e := newEnv(t) // the clock reads 2026-06-07
	all := e.certs("", nil)
	require.Len(t, all, 11, "six named and five generated (seed size 25)")
	expiringWithin := func(days int) []string {
		limit := time.Date(2026, 6, 7, 8, 9, 10, 0, time.UTC).AddDate(0, 0, days)
		var out []certRow
		for _, r := range all {
			exp, err := time.Parse("Jan 2, 2006", r.ExpiryDate)
			require.NoError(t, err)
			if exp.Before(limit) {
				out = append(out, r)
			}
		}
		return certNames(out)
	}
	cases := []struct {
		name   string
		filter obj
		want   []string
	}{
		{"key length 1024", obj{"withKeyLength": "1024"}, []string{"apitest", "legacy-sha1.opsmock.test"}},
		{"key length 4096, as a number", obj{"withKeyLength": 4096}, []string{"mycert"}},
		{"SHA1", obj{"withSignatureAlgorithm": "SHA1"}, []string{"legacy-sha1.opsmock.test"}},
		{"sha1 any case", obj{"withSignatureAlgorithm": "sha1withrsa"}, []string{"legacy-sha1.opsmock.test"}},
		{"expired", obj{"withExpiryDaysLessThan": "0"}, expiringWithin(0)},
		{"within 500 days", obj{"withExpiryDaysLessThan": "500"}, expiringWithin(500)},
		{"all three", obj{"withExpiryDaysLessThan": "5000", "withKeyLength": "1024", "withSignatureAlgorithm": "SHA256"}, []string{"apitest"}},
		{"nothing", obj{"withKeyLength": "8192"}, nil},
		{"a hash name, not a prefix of one", obj{"withSignatureAlgorithm": "SHA25"}, nil},
		{"not every SHA", obj{"withSignatureAlgorithm": "SHA"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, certNames(e.certs("", c.filter)))
		})
	}
	assert.Contains(t, expiringWithin(0), "*.paytm.com")
	assert.NotEqual(t, expiringWithin(0), expiringWithin(500), "the windows differ")
	assert.Equal(t, "withKeyLength in INPUT_DATA has the wrong type.",
		e.pfails(pkiReq(http.MethodGet, "getAllSSLCertificates", obj{"withKeyLength": "long"})))

	v := e.pok(pkiReq(http.MethodGet, "getAllSSLCertsExpiryDate", nil))
	assert.Equal(t, "GetAllSSLCertificatesExpiryDate", v.Name)
	expiry := pkiDetails[[]map[string]string](t, v)
	require.Len(t, expiry, len(all))
	for i, r := range all {
		assert.Equal(t, map[string]string{"Common Name": r.CommonName, "serialNumber": r.SerialNumber, "ExpiryDate": r.ExpiryDate}, expiry[i])
	}
}
