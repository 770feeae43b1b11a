package check

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"

	"golang.org/x/crypto/ssh"
)

// NewSSHKey generates an ed25519 key for a write check to import: its
// OpenSSH private key file, registered with the redactor, and its public
// key.
func (t *T) NewSSHKey() (keyFile string, public ssh.PublicKey) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatalf("generate an SSH key: %v", err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "opsmock check")
	if err != nil {
		t.Fatalf("encode the SSH key: %v", err)
	}
	public, err = ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatalf("encode the SSH public key: %v", err)
	}
	keyFile = string(pem.EncodeToMemory(block))
	t.Secret(keyFile)
	return keyFile, public
}
