package pmp

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/binary"
	"math/big"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v7"

	"github.com/opsmock/opsmock/mock/internal/seedgen"
	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

// The PKI seed: the document's examples (§27's testkey, §31's pair,
// §33's certificates 1 and 302 with their dates and serial, §37's mycert,
// §36/§39's apitest, §43's CSR 1, §44's CA, §64's testcert and testmachine,
// §40/§41's hosts), then size/5 generated certificates on generated hosts.
// Every signer is an RSA key of the pool, so the bytes are the same for a
// seed on every start.

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func must[T any](v T, err error) T {
	if err != nil {
		panic("pmp: seeding PKI state: " + err.Error()) // only the embedded key pool can fail here
	}
	return v
}

// issuer is a seeded signing certificate with its key.
type issuer struct {
	cert *x509.Certificate
	key  crypto.Signer
}

func seedCA(name pki.Name, poolIndex int, serial int64, from, to time.Time) issuer {
	key := must(pki.SeedRSA(2048, poolIndex))
	cert := must(pki.Issue(pki.Template{Subject: name, Serial: big.NewInt(serial), NotBefore: from, NotAfter: to, Hash: "SHA256", CA: true},
		key.Public(), nil, key))
	return issuer{cert, key}
}

// seedIntermediate is a P-256 signing certificate under parent, with a
// fixed key (seed byte b), valid as long as its parent.
func seedIntermediate(name pki.Name, b byte, serial int64, parent issuer) issuer {
	key := must(pki.SeedECDSA(256, bytes.Repeat([]byte{b}, 32)))
	cert := must(pki.Issue(pki.Template{Subject: name, Serial: big.NewInt(serial), NotBefore: parent.cert.NotBefore,
		NotAfter: parent.cert.NotAfter, Hash: "SHA256", CA: true}, key.Public(), parent.cert, parent.key))
	return issuer{cert, key}
}

// issue signs a leaf: by is nil for self-signed (key must then be RSA).
func issue(t pki.Template, key crypto.Signer, by *issuer) *x509.Certificate {
	if by == nil {
		return must(pki.Issue(t, key.Public(), nil, key))
	}
	return must(pki.Issue(t, key.Public(), by.cert, by.key))
}

// derivedEC is a P-256 key drawn from the faker.
func derivedEC(f *gofakeit.Faker) crypto.Signer {
	return must(pki.SeedECDSA(256, seedBytes(f, 32)))
}

func seedBytes(f *gofakeit.Faker, n int) []byte {
	b := make([]byte, 0, n+8)
	for len(b) < n {
		b = binary.BigEndian.AppendUint64(b, f.Uint64())
	}
	return b[:n]
}

// fixedPKI is the part of the PKI seed no seed changes: the CAs and the
// seed document's certificates. Its RSA signatures cost milliseconds each,
// so it is made once per process and shared; nothing mutates it.
type fixedPKI struct {
	sectigo, geotrust, msca, issuing issuer
	// mscaECC and issuingECC, P-256 intermediates under msca and issuing,
	// sign the generated certificates: an RSA-2048 signature costs about
	// 2.6 ms, so the 20,000 of --seed-size 100000 made the first PKI call
	// wait a minute; a P-256 one costs a few hundredths of that.
	mscaECC, issuingECC issuer
	paytm, zoho, legacy *x509.Certificate
	mycert, apitest     issuer // self-signed, with their keys
}

var seedFixed = sync.OnceValue(func() *fixedPKI {
	fx := &fixedPKI{
		sectigo: seedCA(pki.Name{CommonName: "Sectigo RSA Domain Validation Secure Server CA", Org: "Sectigo Limited", Locality: "Salford",
			State: "Greater Manchester", Country: "GB"}, 1, 0x7d, date(2018, 11, 2), date(2030, 12, 31)),
		geotrust: seedCA(pki.Name{CommonName: "GeoTrust SSL CA - G3", Org: "GeoTrust Inc.", Country: "US"}, 2, 0x23a1, date(2013, 11, 5), date(2027, 5, 20)),
		msca:     seedCA(pki.Name{CommonName: "pmp-w12r2-1-ca"}, 3, 1, date(2020, 1, 1), date(2035, 1, 1)),
		issuing:  seedCA(pki.Name{CommonName: "opsmock-issuing-ca", Org: "opsmock"}, 4, 2, date(2022, 1, 1), date(2037, 1, 1)),
	}
	fx.mscaECC = seedIntermediate(pki.Name{CommonName: "pmp-w12r2-1-ca-ecc"}, 1, 0x11, fx.msca)
	fx.issuingECC = seedIntermediate(pki.Name{CommonName: "opsmock-issuing-ca-ecc", Org: "opsmock"}, 2, 0x12, fx.issuing)
	// §33's two, with its dates; 302's serial is §33's.
	fx.paytm = issue(pki.Template{Subject: pki.Name{CommonName: "*.paytm.com", Org: "One97 Communications Limited", Country: "IN"},
		SANs: []string{"*.paytm.com", "paytm.com"}, Serial: big.NewInt(0x5a1b7c0e9d), NotBefore: date(2015, 10, 13), NotAfter: date(2017, 8, 27),
		Hash: "SHA256"}, must(pki.SeedRSA(2048, 5)), &fx.geotrust)
	zohoSerial, _ := new(big.Int).SetString("48f4ca7636b856af0300000000cc5801", 16)
	fx.zoho = issue(pki.Template{Subject: pki.Name{CommonName: "*.zoho.com", OrgUnit: "Domain Control Validated"},
		SANs: []string{"*.zoho.com", "zoho.com"}, Serial: zohoSerial, NotBefore: date(2020, 7, 2), NotAfter: date(2022, 9, 30), Hash: "SHA256"},
		must(pki.SeedRSA(2048, 0)), &fx.sectigo)
	// §37's mycert, §36/§39's apitest, an expired SHA-1 one.
	mycertKey := must(pki.SeedRSA(4096, 0))
	fx.mycert = issuer{issue(pki.Template{Subject: pki.Name{CommonName: "mycert", Org: "opsmock"}, Serial: big.NewInt(0x1001),
		NotBefore: seedEpoch, NotAfter: seedEpoch.AddDate(3, 0, 0), Hash: "SHA256"}, mycertKey, nil), mycertKey}
	apiKey := must(pki.SeedRSA(1024, 1))
	fx.apitest = issuer{issue(pki.Template{Subject: pki.Name{CommonName: "apitest", Org: "opsmock"}, SANs: []string{"apitest.opsmock.test"},
		Serial: big.NewInt(0x1002), NotBefore: seedEpoch, NotAfter: seedEpoch.AddDate(2, 6, 0), Hash: "SHA256"}, apiKey, nil), apiKey}
	fx.legacy = issue(pki.Template{Subject: pki.Name{CommonName: "legacy-sha1.opsmock.test"}, Serial: big.NewInt(0x1003),
		NotBefore: date(2014, 1, 1), NotAfter: date(2016, 1, 1), Hash: "SHA1"}, must(pki.SeedRSA(1024, 0)), nil)
	return fx
})

// pkiSeedSalt gives the PKI seed its own faker stream, so what it draws
// does not depend on REST calls made before the first PKI one.
const pkiSeedSalt = 0x706b69 // "pki"

// seedPKI builds the PKI state for the state's seed and size.
func seedPKI(st *state) {
	f := newFaker(st.seed ^ pkiSeedSalt)
	fx := seedFixed()
	ps := &pkiState{certs: map[int]*certEntry{}, csrs: map[int]*csrEntry{},
		net: &network{authorized: map[keyTarget][]string{}}}
	st.pki = ps
	ps.net.cas = []*msCA{
		{Server: "pmp-w12r2-1", Name: "pmp-w12r2-1-ca", Templates: []string{"DomainController", "WebServer", "User", "Computer"}, Cert: fx.msca.cert, Key: fx.msca.key},
		{Server: "ca01.opsmock.test", Name: "opsmock-issuing-ca", Templates: []string{"WebServer"}, Cert: fx.issuing.cert, Key: fx.issuing.key},
	}
	chain := func(by issuer) []*x509.Certificate { return []*x509.Certificate{by.cert} }

	st.addCert(&certEntry{ID: 1, Cert: fx.paytm, Chain: chain(fx.geotrust), StoreType: pki.StorePKCS12, Host: "paytm.com", Port: 443, OwnerID: 1, AddedAt: seedEpoch})
	st.addCert(&certEntry{ID: 302, Cert: fx.zoho, Chain: chain(fx.sectigo), StoreType: pki.StorePKCS12, Host: "204.141.32.155", Addr: "204.141.32.155", Port: 443, OwnerID: 1, AddedAt: seedEpoch})
	st.nextID["cert"] = 302
	st.addCert(&certEntry{Cert: fx.mycert.cert, Key: fx.mycert.key, StoreType: pki.StorePKCS12, Passphrase: "123456789", OwnerID: 1, AddedAt: seedEpoch})
	st.addCert(&certEntry{Cert: fx.apitest.cert, Key: fx.apitest.key, StoreType: pki.StoreJKS, Passphrase: "apitest123", OwnerID: 1, AddedAt: seedEpoch})
	st.addCert(&certEntry{Cert: fx.legacy, StoreType: pki.StorePKCS12, OwnerID: 1, AddedAt: seedEpoch})
	// §64's testcert, issued by the second CA with a seed-derived key.
	testKey := derivedEC(f)
	testcert := st.addCert(&certEntry{Cert: issue(pki.Template{Subject: pki.Name{CommonName: "testcert", Org: "opsmock"},
		SANs: []string{"testcert.opsmock.test"}, Serial: big.NewInt(0x1004), NotBefore: seedEpoch, NotAfter: seedEpoch.AddDate(3, 0, 0),
		Hash: "SHA256"}, testKey, &fx.issuing), Chain: chain(fx.issuing), Key: testKey, StoreType: pki.StorePKCS12, Passphrase: "testcert123",
		Template: "WebServer", OwnerID: 1, AddedAt: seedEpoch})
	ps.certGroups = []*certGroup{{ID: 1, Name: "Web Certificates", Desc: "Public web endpoints", Mail: "pki@opsmock.test", OwnerID: 1,
		CertIDs: []int{302, testcert.ID}, UserShares: map[int]bool{}, GroupSh: map[int]bool{}}}
	st.nextID["certgroup"] = 1

	// The network: §40's and §41's hosts, then the generated ones.
	ps.net.hosts = []*netHost{
		{Name: "paytm.com", TLS: map[int]*servedCert{443: {fx.paytm, chain(fx.geotrust)}}},
		{Name: "zoho.com", Addr: "204.141.32.155", TLS: map[int]*servedCert{443: {fx.zoho, chain(fx.sectigo)}}},
		{Name: "de-ubuntu10-1", Addr: "192.168.216.10", TLS: map[int]*servedCert{443: {issue(pki.Template{
			Subject: pki.Name{CommonName: "de-ubuntu10-1"}, SANs: []string{"de-ubuntu10-1", "192.168.216.10"}, Serial: big.NewInt(0x2001),
			NotBefore: seedEpoch, NotAfter: seedEpoch.AddDate(2, 0, 0), Hash: "SHA256"}, derivedEC(f), &fx.msca), chain(fx.msca)}}},
		{Addr: "192.168.216.1", TLS: map[int]*servedCert{}}, // up, nothing on 443: "Connection failed" (§41)
		{Name: "nas-5", Addr: "192.168.216.5", TLS: map[int]*servedCert{443: {issue(pki.Template{
			Subject: pki.Name{CommonName: "nas-5.opsmock.test"}, SANs: []string{"nas-5.opsmock.test"}, Serial: big.NewInt(0x2002),
			NotBefore: seedEpoch, NotAfter: seedEpoch.AddDate(1, 0, 0), Hash: "SHA256"}, derivedEC(f), &fx.issuing), chain(fx.issuing)}}},
	}
	ps.net.servers = []*deployServer{{Name: "testmachine", Reachable: true}, {Name: "web-01.opsmock.test", Reachable: true},
		{Name: "legacy-iis-01", Reachable: false}}
	generated := make([]*certEntry, st.size/5)
	seedgen.Each(len(generated), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			generated[i] = drawCert(st.seed, i, fx)
		}
	})
	for _, c := range generated {
		ps.net.hosts = append(ps.net.hosts, &netHost{Name: c.Cert.Subject.CommonName, Addr: c.Addr,
			TLS: map[int]*servedCert{443: {c.Cert, c.Chain}}})
		st.addCert(c)
	}

	seedSSHKeys(st, f)
	csrKey := must(pki.SeedRSA(2048, 2))
	csr := must(pki.CreateCSR(pki.Name{CommonName: "testcsr", Org: "opsmock"}, []string{"testcsr.opsmock.test"}, csrKey, "SHA256"))
	ps.csrs[1] = &csrEntry{ID: 1, Request: csr, Key: csrKey, StoreType: pki.StoreJKS, Password: "testcsr1", Validity: 30, ValidityUnit: "days",
		Hash: "SHA256", CreatedBy: 1, CreatedAt: time.Date(2020, 5, 15, 19, 51, 0, 0, time.UTC)}
	ps.csrOrder = []int{1}
	st.nextID["csr"] = 601 // the next is §42's 602
}

var certStream = seedgen.NewStream("pmp/certificates")

// drawCert is the i-th generated certificate, found on a generated host:
// drawn per index (mock/internal/seedgen), so they are signed on every core.
func drawCert(seed uint64, i int, fx *fixedPKI) *certEntry {
	r := certStream.At(seed, i)
	domain := r.Pick(seedgen.Adjectives) + r.Pick(seedgen.Nouns) + strconv.Itoa(i+1) + "." + r.Pick(seedgen.DomainSuffixes)
	by, parent := &fx.mscaECC, fx.msca
	if r.IntN(2) == 1 {
		by, parent = &fx.issuingECC, fx.issuing
	}
	from := seedEpoch.AddDate(0, 0, -r.IntN(301))
	var keySeed [32]byte
	for j := 0; j < len(keySeed); j += 8 {
		binary.BigEndian.PutUint64(keySeed[j:], r.Uint64())
	}
	cert := issue(pki.Template{Subject: pki.Name{CommonName: domain, Org: r.Pick(seedgen.CompanyNames)}, SANs: []string{domain, "www." + domain},
		Serial: new(big.Int).SetUint64(r.Uint64() | 1<<62), NotBefore: from, NotAfter: from.AddDate(0, 0, r.Between(30, 800)), Hash: "SHA256"},
		must(pki.SeedECDSA(256, keySeed[:])), by)
	addr := "10.20." + strconv.Itoa((i+10)/256) + "." + strconv.Itoa((i+10)%256)
	return &certEntry{Cert: cert, Chain: []*x509.Certificate{by.cert, parent.cert}, StoreType: pki.StorePKCS12, Host: addr, Addr: addr,
		Port: 443, OwnerID: 1, AddedAt: seedEpoch}
}

// seedSSHKeys: §27's testkey and §30's testkey1 on CentOS Machine's root,
// an unassociated ecdsa key and a legacy ssh-dss one.
func seedSSHKeys(st *state, f *gofakeit.Faker) {
	var edSeed [ed25519.SeedSize]byte
	copy(edSeed[:], seedBytes(f, ed25519.SeedSize))
	keys := []struct {
		name, pass string
		priv       crypto.PrivateKey
		targets    []keyTarget
	}{
		{"testkey", "", must(pki.SeedRSA(2048, 0)), []keyTarget{{301, "root"}}},
		{"testkey1", "passtrix", pki.SeedEd25519(edSeed), []keyTarget{{301, "root"}}},
		{"deploykey", "", must(pki.SeedECDSA(256, seedBytes(f, 32))), nil},
		{"legacy-dss", "", must(pki.SeedDSA()), nil},
	}
	for _, k := range keys {
		key := must(pki.NewSSHKey(k.priv))
		st.pki.sshKeys = append(st.pki.sshKeys, &sshKeyEntry{Name: k.name, Key: key, Comment: k.name + "@opsmock",
			Passphrase: k.pass, CreatedBy: "admin", CreatedAt: seedEpoch, Targets: k.targets})
	}
}

// linkSSHKeys ties the seeded keys to the accounts they are associated
// with. It runs when the PKI state is installed, under the write lock: a
// REST call may have removed an account before PKI was first used.
func (st *state) linkSSHKeys() {
	for _, k := range st.pki.sshKeys {
		k.Targets = slices.DeleteFunc(k.Targets, func(t keyTarget) bool {
			r, ok := st.resources[t.ResourceID]
			if !ok {
				return true
			}
			_, ok = st.accountByName(r, t.Account)
			return !ok
		})
		for _, t := range k.Targets {
			st.pki.net.authorize(t, k.Key.Fingerprint())
		}
	}
}
