package pki

import (
	"crypto"
	"crypto/dsa" //nolint:staticcheck // ssh-dss keys are part of the contract (PMP §25)
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/crypto/ssh"
)

// SSH key types, as §25 names them.
const (
	SSHRSA     = "ssh-rsa"
	SSHDSS     = "ssh-dss"
	SSHEd25519 = "ed25519"
	SSHECDSA   = "ecdsa"
)

// SSHLengths are the lengths §25's note allows per type. ed25519 has no
// length to choose; it reports 256.
var SSHLengths = map[string][]int{
	SSHRSA:     {1024, 2048, 4096},
	SSHDSS:     {1024},
	SSHEd25519: {256},
	SSHECDSA:   {256, 384, 521},
}

// SSHKey is a key pair with what PMP shows of it (§27).
type SSHKey struct {
	Type    string
	Bits    int
	Private crypto.PrivateKey
	Public  ssh.PublicKey
}

// NewSSHKey describes a private key of a supported type.
func NewSSHKey(priv crypto.PrivateKey) (*SSHKey, error) {
	k := &SSHKey{Private: priv}
	var pub crypto.PublicKey
	switch x := priv.(type) {
	case *rsa.PrivateKey:
		k.Type, k.Bits, pub = SSHRSA, x.N.BitLen(), &x.PublicKey
	case *dsa.PrivateKey:
		k.Type, k.Bits, pub = SSHDSS, x.P.BitLen(), &x.PublicKey
	case *ecdsa.PrivateKey:
		k.Type, k.Bits, pub = SSHECDSA, x.Curve.Params().BitSize, &x.PublicKey
	case ed25519.PrivateKey:
		k.Type, k.Bits, pub = SSHEd25519, 256, x.Public()
	case *ed25519.PrivateKey:
		return NewSSHKey(*x)
	default:
		return nil, fmt.Errorf("%w: %T", ErrUnsupported, priv)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	k.Public = sp
	return k, nil
}

// GenerateSSHKey makes a new key pair of a §25 type and length (0 for
// ed25519) from crypto/rand.
func GenerateSSHKey(typ string, bits int) (*SSHKey, error) {
	return (*Entropy)(nil).GenerateSSHKey(typ, bits)
}

// GenerateSSHKey makes a new key pair of a §25 type and length (0 for
// ed25519).
func (e *Entropy) GenerateSSHKey(typ string, bits int) (*SSHKey, error) {
	if typ == SSHEd25519 && bits == 0 {
		bits = 256
	}
	if !slices.Contains(SSHLengths[typ], bits) {
		return nil, fmt.Errorf("%w: %s %d", ErrUnsupported, typ, bits)
	}
	var (
		priv crypto.PrivateKey
		err  error
	)
	switch typ {
	case SSHRSA:
		priv, err = e.rsaKey(bits)
	case SSHDSS:
		priv, err = e.dsaKey()
	case SSHECDSA:
		priv, err = e.ecdsaKey(bits)
	case SSHEd25519:
		priv, err = e.ed25519Key()
	}
	if err != nil {
		return nil, err
	}
	return NewSSHKey(priv)
}

// ParseSSHKey reads a private key file (OpenSSH, PKCS#1, PKCS#8, SEC 1 or
// OpenSSL DSA PEM), encrypted or not. A passphrase given for a key that
// has none is ignored.
func ParseSSHKey(data, passphrase []byte) (*SSHKey, error) {
	priv, err := ssh.ParseRawPrivateKey(data)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		if len(passphrase) == 0 {
			return nil, ErrPassphrase
		}
		priv, err = ssh.ParseRawPrivateKeyWithPassphrase(data, passphrase)
		if errors.Is(err, x509.IncorrectPasswordError) {
			return nil, ErrPassphrase
		}
	}
	if err != nil {
		return nil, ErrNotKey
	}
	return NewSSHKey(priv)
}

// Fingerprint is the key's SHA256 fingerprint as ssh-keygen -lf prints it.
func (k *SSHKey) Fingerprint() string { return ssh.FingerprintSHA256(k.Public) }

// AuthorizedKey is the public key line, with a comment.
func (k *SSHKey) AuthorizedKey(comment string) string {
	line := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(k.Public)))
	if comment != "" {
		line += " " + comment
	}
	return line
}

// Export writes the private key file: OpenSSH format (encrypted with the
// passphrase when there is one), or OpenSSL DSA PEM for ssh-dss.
func (k *SSHKey) Export(comment string, passphrase []byte) ([]byte, error) {
	return k.ExportWith(nil, comment, passphrase)
}

// ExportWith is Export drawing salts, IVs and check numbers from e.
func (k *SSHKey) ExportWith(e *Entropy, comment string, passphrase []byte) ([]byte, error) {
	var (
		b   *pem.Block
		err error
	)
	switch x := k.Private.(type) {
	case *dsa.PrivateKey:
		if len(passphrase) > 0 {
			b, err = marshalDSAEncrypted(e, x, passphrase)
		} else {
			b, err = MarshalDSA(x)
		}
	default:
		if len(passphrase) > 0 {
			b, err = ssh.MarshalPrivateKeyWithPassphrase(x, comment, passphrase)
		} else {
			if b, err = ssh.MarshalPrivateKey(x, comment); err == nil {
				b.Bytes = e.fixCheckInts(b.Bytes)
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(b), nil
}
