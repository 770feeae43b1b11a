package pmp

import (
	"crypto/x509"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

// certRow is a certificate as §33 lists it.
type certRow struct {
	CertID     int    `json:"CertID"`
	DNSName    string `json:"DNS Name/FQDN"`
	Port       int    `json:"Port"`
	CommonName string `json:"Common Name"`
	Issuer     string `json:"Issuer"`
	FromDate   string `json:"FromDate"`
	ExpiryDate string `json:"ExpiryDate"`
	KeyLength  string `json:"KeyStrength"`
	SigAlg     string `json:"SignatureAlgorithm"`
	Serial     string `json:"serialNumber"`
}

func (c *certEntry) row() certRow {
	_, bits := pki.KeyInfo(c.Cert.PublicKey)
	return certRow{CertID: c.ID, DNSName: c.where(), Port: c.Port, CommonName: c.Cert.Subject.CommonName,
		Issuer: issuerName(c.Cert), FromDate: c.Cert.NotBefore.UTC().Format(pkiDateLayout),
		ExpiryDate: c.Cert.NotAfter.UTC().Format(pkiDateLayout), KeyLength: strconv.Itoa(bits),
		SigAlg: pki.SigAlgName(c.Cert.SignatureAlgorithm), Serial: pki.SerialHex(c.Cert)}
}

// where is the host it was discovered on, or its common name (x-inferred).
func (c *certEntry) where() string {
	if c.Host != "" {
		return c.Host
	}
	return c.Cert.Subject.CommonName
}

// issuerName is §33's Issuer: the issuer's organization, else its name.
func issuerName(c *x509.Certificate) string {
	if len(c.Issuer.Organization) > 0 {
		return c.Issuer.Organization[0]
	}
	return c.Issuer.CommonName
}

// certFilter is §33's optional INPUT_DATA.
func certFilter(c *call) func(*certEntry) bool {
	var checks []func(*certEntry) bool
	if c.has("withExpiryDaysLessThan") {
		days, _ := strconv.Atoi(c.in("withExpiryDaysLessThan"))
		limit := c.now.Add(time.Duration(days) * 24 * time.Hour)
		checks = append(checks, func(e *certEntry) bool { return e.Cert.NotAfter.Before(limit) })
	}
	if c.has("withKeyLength") {
		want, _ := strconv.Atoi(c.in("withKeyLength"))
		checks = append(checks, func(e *certEntry) bool { _, bits := pki.KeyInfo(e.Cert.PublicKey); return bits == want })
	}
	if c.has("withSignatureAlgorithm") {
		want := strings.ToUpper(c.in("withSignatureAlgorithm"))
		checks = append(checks, func(e *certEntry) bool {
			name := strings.ToUpper(pki.SigAlgName(e.Cert.SignatureAlgorithm))
			return name == want || strings.HasPrefix(name, want+"WITH")
		})
	}
	return func(e *certEntry) bool {
		for _, ok := range checks {
			if !ok(e) {
				return false
			}
		}
		return true
	}
}

// §33
func getAllSSLCertificates(c *call) (reply, error) {
	keep := certFilter(c)
	out := []certRow{}
	c.store.read(func(st *state) {
		for _, e := range st.visibleCerts(c.user) {
			if keep(e) {
				out = append(out, e.row())
			}
		}
	})
	return reply{message: "All SSL Certificates fetched successfully", totalRows: rows(len(out)), details: out}, nil
}

type expiryRow struct {
	CommonName string `json:"Common Name"`
	Serial     string `json:"serialNumber"`
	ExpiryDate string `json:"ExpiryDate"`
}

// §34
func getAllSSLCertsExpiryDate(c *call) (reply, error) {
	out := []expiryRow{}
	c.store.read(func(st *state) {
		for _, e := range st.visibleCerts(c.user) {
			out = append(out, expiryRow{CommonName: e.Cert.Subject.CommonName, Serial: pki.SerialHex(e.Cert),
				ExpiryDate: e.Cert.NotAfter.UTC().Format(pkiDateLayout)})
		}
	})
	return reply{message: "Certificates expiry date fetched successfully", totalRows: rows(len(out)), details: out}, nil
}

// certRef is the certificate a call's common_name and serial_number name.
func (c *call) certRef(st *state) (*certEntry, *failure) {
	return st.oneCert(c.user, c.in("common_name"), c.in("serial_number"))
}

// certFileName makes a file name of a common name ("*.zoho.com" -> "_.zoho.com").
func certFileName(cn, ext string) string {
	safe := strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return r
		}
		return '_'
	}, cn)
	return safe + ext
}

// §32: the certificate as PEM.
func getCertificate(c *call) (reply, error) {
	var (
		cert *x509.Certificate
		f    *failure
	)
	c.store.read(func(st *state) {
		var e *certEntry
		if e, f = c.certRef(st); f == nil {
			cert = e.Cert
		}
	})
	if f != nil {
		return reply{}, f
	}
	file := &storedFile{Name: certFileName(cert.Subject.CommonName, ".pem"), Contents: pki.CertPEM(cert)}
	return reply{file: file, contentType: "application/x-pem-file"}, nil
}

// keystoreMedia maps a store type to its media type and file extension.
var keystoreMedia = map[string][2]string{
	pki.StorePKCS12: {"application/x-pkcs12", ".pfx"},
	pki.StoreJKS:    {"application/x-java-keystore", ".keystore"},
}

// §36: the key, certificate and chain in the certificate's store type.
func getCertificateKeyStore(c *call) (reply, error) {
	var (
		e *certEntry
		f *failure
	)
	c.store.read(func(st *state) {
		var found *certEntry
		if found, f = c.certRef(st); f == nil {
			copied := *found
			e = &copied
		}
	})
	if f != nil {
		return reply{}, f
	}
	cn := e.Cert.Subject.CommonName
	if e.Key == nil {
		return reply{}, failed(fmt.Sprintf(msgNoPrivateKey, cn))
	}
	ks := pki.Keystore{Type: e.StoreType, Key: e.Key, Cert: e.Cert, Chain: e.Chain}
	data, err := c.p.entropy.EncodeKeystore(ks, e.Passphrase, cn, e.AddedAt)
	if err != nil {
		return reply{}, err
	}
	media := keystoreMedia[e.StoreType]
	return reply{file: &storedFile{Name: certFileName(cn, media[1]), Contents: data}, contentType: media[0]}, nil
}

// §37: the passphrase, inside the message as the document shows.
func getCertificatePassphrase(c *call) (reply, error) {
	var (
		cn, pass string
		f        *failure
	)
	c.store.read(func(st *state) {
		var e *certEntry
		if e, f = c.certRef(st); f == nil {
			cn, pass = e.Cert.Subject.CommonName, e.Passphrase
		}
	})
	switch {
	case f != nil:
		return reply{}, f
	case pass == "":
		return reply{}, failed(fmt.Sprintf(msgNoPassphrase, cn))
	}
	return reply{message: fmt.Sprintf("Private key passphrase of certificate %s is %s", cn, pass)}, nil
}

// §38: a certificate file or a keystore, uploaded.
func addCertificate(c *call) (reply, error) {
	file := c.upload()
	if file == nil {
		return reply{}, failed(msgNoUpload)
	}
	e := &certEntry{OwnerID: c.user.ID, StoreType: pki.StorePKCS12, AddedAt: c.now}
	switch c.in("fileType") {
	case "KEYSTORE":
		if !c.has("PASSWORD") {
			return reply{}, failed(msgKeystoreNeedsPW)
		}
		ks, err := pki.DecodeKeystore(file.Contents, c.in("PASSWORD"))
		switch {
		case errors.Is(err, pki.ErrPassphrase):
			return reply{}, failed(msgKeystorePassword)
		case err != nil:
			return reply{}, failed(msgBadKeystore)
		}
		e.Cert, e.Chain, e.Key, e.StoreType, e.Passphrase = ks.Cert, ks.Chain, ks.Key, ks.Type, c.in("PASSWORD")
	default: // CERTFILE
		certs, err := pki.ParseCertFile(file.Contents)
		if err != nil {
			return reply{}, failed(msgBadCertFile)
		}
		e.Cert, e.Chain = certs[0], certs[1:]
	}
	cn := e.Cert.Subject.CommonName
	var f *failure
	c.store.write(func(st *state) {
		if _, dup := st.certBySerial(e.Cert); dup {
			f = failed(fmt.Sprintf(msgCertExists, cn))
			return
		}
		st.addCert(e)
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf("Certificate %s added successfully", cn)}, nil
}

// §39: only its owner or a super administrator deletes a certificate.
func deleteCertificate(c *call) (reply, error) {
	var (
		cn string
		f  *failure
	)
	c.store.write(func(st *state) {
		e, ff := c.certRef(st)
		if f = ff; f != nil {
			return
		}
		cn = e.Cert.Subject.CommonName
		if !mayManage(c.user, e.OwnerID) {
			f = failed(fmt.Sprintf(msgNotOwner, "certificate "+cn))
			return
		}
		st.deleteCert(e.ID)
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf("Certificate %s deleted successfully.", cn)}, nil
}
