package pmp

import (
	"crypto"
	"crypto/x509"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

// csrDateLayout is §43's CREATED_DATE form, "May 15, 2020 19:51".
const csrDateLayout = "Jan 2, 2006 15:04"

// defaultCertLength is LEN when left out (x-inferred).
var defaultCertLength = map[string]int{pki.AlgRSA: 2048, pki.AlgEC: 256}

// certRequest is §42/§45's input, defaults filled (x-inferred).
type certRequest struct {
	subject   pki.Name
	sans      []string
	password  string
	validity  int
	unit      string
	alg       string
	bits      int
	hash      string
	storeType string
}

func readCertRequest(c *call) (certRequest, *failure) {
	r := certRequest{
		subject: pki.Name{CommonName: c.in("CNAME"), Org: c.in("ORG"), OrgUnit: c.in("ORGUNIT"), Locality: c.in("LOCATION"),
			State: c.in("STATE"), Country: strings.ToUpper(c.in("COUNTRY"))},
		password: c.in("PASSWORD"), validity: 365, unit: "days", alg: pki.AlgRSA, hash: "SHA256", storeType: pki.StorePKCS12,
	}
	for _, san := range strings.Split(c.in("ALT_NAMES"), ",") {
		if san = strings.TrimSpace(san); san != "" {
			r.sans = append(r.sans, san)
		}
	}
	if c.has("VALIDITY") {
		n, err := strconv.Atoi(c.in("VALIDITY"))
		if err != nil || n < 1 {
			return r, failed(msgBadValidity)
		}
		r.validity = n
	}
	for key, dst := range map[string]*string{"VALIDITY_TYPE": &r.unit, "ALG": &r.alg, "SIGALG": &r.hash, "StoreType": &r.storeType} {
		if c.has(key) {
			*dst = c.in(key)
		}
	}
	r.bits = defaultCertLength[r.alg]
	if c.has("LEN") {
		n, err := strconv.Atoi(c.in("LEN"))
		if err != nil || !slices.Contains(pki.KeyLengths[r.alg], n) {
			return r, failed(fmt.Sprintf(msgCertKeyLength, c.in("LEN"), r.alg, joinInts(pki.KeyLengths[r.alg])))
		}
		r.bits = n
	}
	return r, nil
}

// validFor is a validity in the request's unit (§42 note: days, hours or minutes).
func validFor(n int, unit string, from time.Time) time.Time {
	switch unit {
	case "hours":
		return from.Add(time.Duration(n) * time.Hour)
	case "minutes":
		return from.Add(time.Duration(n) * time.Minute)
	}
	return from.AddDate(0, 0, n)
}

// newRequestKey reads §42/§45's input and makes its key, outside any
// lock: RSA 4096 takes a second.
func newRequestKey(c *call) (certRequest, crypto.Signer, error) {
	req, f := readCertRequest(c)
	if f != nil {
		return req, nil, f
	}
	key, err := c.p.entropy.GenerateKey(req.alg, req.bits)
	return req, key, err
}

// §42: a key and a CSR, kept for §44.
func createCSR(c *call) (reply, error) {
	req, key, err := newRequestKey(c)
	if err != nil {
		return reply{}, err
	}
	csr, err := pki.CreateCSR(req.subject, req.sans, key, req.hash)
	if err != nil {
		return reply{}, failed(err.Error())
	}
	var id int
	c.store.write(func(st *state) {
		id = st.newID("csr")
		st.pki.csrs[id] = &csrEntry{ID: id, Request: csr, Key: key, StoreType: req.storeType, Password: req.password,
			Validity: req.validity, ValidityUnit: req.unit, Hash: req.hash, CreatedBy: c.user.ID, CreatedAt: c.now}
		st.pki.csrOrder = append(st.pki.csrOrder, id)
	})
	return reply{message: "CSR saved successfully", totalRows: rows(1), details: []map[string]int{{"CSR_ID": id}}}, nil
}

type csrRow struct {
	CreatedBy   string `json:"CREATED_BY"`
	KeyAlg      string `json:"KEYALGORITHM"`
	StoreType   string `json:"KEYSTORE_TYPE"`
	HasPassword bool   `json:"isPassword"`
	ID          int    `json:"CSR_ID"`
	CreatedDate string `json:"CREATED_DATE"`
	LoginID     int    `json:"LOGIN_ID"`
	KeyLength   int    `json:"KEY_STRENGTH"`
	DomainName  string `json:"DOMAIN_NAME"`
	Validity    string `json:"VALIDITY"`
	SigAlg      string `json:"SIGNATURE_ALGORITHM"`
}

// csrVisible: a CSR is its creator's (and super administrators').
func csrVisible(u user, e *csrEntry) bool { return u.SuperAdmin || e.CreatedBy == u.ID }

// §43
func getCSRList(c *call) (reply, error) {
	cn := c.in("common_name")
	out := []csrRow{}
	c.store.read(func(st *state) {
		for _, id := range st.pki.csrOrder {
			e := st.pki.csrs[id]
			if !csrVisible(c.user, e) || (cn != "" && !equalFold(e.Request.Subject.CommonName, cn)) {
				continue
			}
			alg, bits := pki.KeyInfo(e.Request.PublicKey)
			by := "-"
			if u, ok := st.users[e.CreatedBy]; ok {
				by = u.Name
			}
			out = append(out, csrRow{CreatedBy: by, KeyAlg: alg, StoreType: e.StoreType, HasPassword: e.Password != "", ID: e.ID,
				CreatedDate: e.CreatedAt.UTC().Format(csrDateLayout), LoginID: e.CreatedBy, KeyLength: bits,
				DomainName: e.Request.Subject.CommonName, Validity: strconv.Itoa(e.Validity), SigAlg: pki.SigAlgName(e.Request.SignatureAlgorithm)})
		}
	})
	return reply{message: "Fetched all CSRs successfully", totalRows: rows(len(out)), details: out}, nil
}

// §44: a seeded Microsoft CA signs a CSR; the certificate joins the
// repository with the CSR's key.
func signCSR(c *call) (reply, error) {
	idText := c.in("CSR_ID")
	id, _ := strconv.Atoi(idText)
	var (
		cn string
		f  *failure
	)
	c.store.write(func(st *state) {
		e, ok := st.pki.csrs[id]
		if !ok || !csrVisible(c.user, e) {
			f = failed(fmt.Sprintf(msgNoCSR, idText))
			return
		}
		if e.Signed {
			f = failed(fmt.Sprintf(msgCSRSigned, idText))
			return
		}
		ca, ok := st.pki.net.ca(c.in("serverName"), c.in("caName"))
		if !ok {
			f = failed(fmt.Sprintf(msgNoCA, c.in("caName"), c.in("serverName")))
			return
		}
		tmplName := c.in("templateName")
		i := slices.IndexFunc(ca.Templates, func(t string) bool { return equalFold(t, tmplName) })
		if i < 0 {
			f = failed(fmt.Sprintf(msgNoTemplate, tmplName, ca.Name))
			return
		}
		cert, err := pki.Issue(pki.Template{Subject: pki.NameOf(e.Request.Subject), SANs: requestSANs(e.Request),
			Serial: c.p.entropy.Serial(), NotBefore: c.now, NotAfter: validFor(e.Validity, e.ValidityUnit, c.now), Hash: e.Hash},
			e.Request.PublicKey, ca.Cert, ca.Key)
		if err != nil {
			f = failed(err.Error())
			return
		}
		e.Signed = true
		cn = cert.Subject.CommonName
		st.addCert(&certEntry{Cert: cert, Chain: []*x509.Certificate{ca.Cert}, Key: crypto.PrivateKey(e.Key), StoreType: e.StoreType,
			Passphrase: e.Password, Template: ca.Templates[i], OwnerID: c.user.ID, AddedAt: c.now})
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf("Successfully %s certificate signed", cn)}, nil
}

func requestSANs(r *x509.CertificateRequest) []string {
	out := append([]string{}, r.DNSNames...)
	for _, ip := range r.IPAddresses {
		out = append(out, ip.String())
	}
	return out
}

// §45: a self-signed certificate and its key.
func createCertificate(c *call) (reply, error) {
	req, key, err := newRequestKey(c)
	if err != nil {
		return reply{}, err
	}
	cert, err := pki.Issue(pki.Template{Subject: req.subject, SANs: req.sans, Serial: c.p.entropy.Serial(), NotBefore: c.now,
		NotAfter: validFor(req.validity, req.unit, c.now), Hash: req.hash}, key.Public(), nil, key)
	if err != nil {
		return reply{}, failed(err.Error())
	}
	c.store.write(func(st *state) {
		st.addCert(&certEntry{Cert: cert, Key: key, StoreType: req.storeType, Passphrase: req.password, OwnerID: c.user.ID, AddedAt: c.now})
	})
	return reply{message: "Certificate saved successfully"}, nil
}
