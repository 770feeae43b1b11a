package pki_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

// tool finds an external program the test cross-checks against; CI
// installs them (.ci/run), a laptop without them skips that check only.
func tool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed", name)
	}
	return path
}

// keygenFingerprint is ssh-keygen -lf's fingerprint of a private key file.
func keygenFingerprint(t *testing.T, file []byte, passphrase string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "id")
	require.NoError(t, os.WriteFile(path, file, 0o600))
	if passphrase != "" {
		// -lf reads public keys only from an encrypted file's sidecar, so
		// derive it with the passphrase first.
		out, err := exec.Command(tool(t, "ssh-keygen"), "-y", "-P", passphrase, "-f", path).CombinedOutput()
		require.NoError(t, err, "%s", out)
		require.NoError(t, os.WriteFile(path+".pub", out, 0o600))
		path += ".pub"
	}
	out, err := exec.Command(tool(t, "ssh-keygen"), "-lf", path).CombinedOutput()
	require.NoError(t, err, "%s", out)
	fields := strings.Fields(string(out)) // bits fingerprint comment (type)
	require.GreaterOrEqual(t, len(fields), 2, "%s", out)
	return fields[1]
}

func TestGenerateSSHKey(t *testing.T) {
	// Encryption is tried once per file format (OpenSSH, legacy DSA PEM):
	// the OpenSSH bcrypt KDF is slow under -race and the same for every type.
	cases := []struct {
		typ  string
		bits int
		want int
		pass string
	}{
		{pki.SSHRSA, 1024, 1024, ""}, {pki.SSHRSA, 2048, 2048, ""}, {pki.SSHRSA, 4096, 4096, ""},
		{pki.SSHDSS, 1024, 1024, "passPhrase"},
		{pki.SSHEd25519, 0, 256, ""}, {pki.SSHEd25519, 256, 256, "passPhrase"},
		{pki.SSHECDSA, 256, 256, ""}, {pki.SSHECDSA, 384, 384, ""}, {pki.SSHECDSA, 521, 521, ""},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s-%d", c.typ, c.bits), func(t *testing.T) {
			t.Parallel()
			k, err := pki.GenerateSSHKey(c.typ, c.bits)
			require.NoError(t, err)
			assert.Equal(t, c.typ, k.Type)
			assert.Equal(t, c.want, k.Bits)
			assert.True(t, strings.HasPrefix(k.Fingerprint(), "SHA256:"))

			file, err := k.Export("comment", []byte(c.pass))
			require.NoError(t, err)
			back, err := pki.ParseSSHKey(file, []byte(c.pass))
			require.NoError(t, err)
			assert.Equal(t, k.Fingerprint(), back.Fingerprint())
			assert.Equal(t, k.Type, back.Type)
			if c.pass != "" {
				_, err = pki.ParseSSHKey(file, []byte("wrong"))
				assert.ErrorIs(t, err, pki.ErrPassphrase)
				_, err = pki.ParseSSHKey(file, nil)
				assert.ErrorIs(t, err, pki.ErrPassphrase)
			}
			assert.Equal(t, k.Fingerprint(), keygenFingerprint(t, file, c.pass), "ssh-keygen agrees")
		})
	}
}

func TestGenerateSSHKeyRefuses(t *testing.T) {
	for _, c := range []struct {
		typ  string
		bits int
	}{{pki.SSHRSA, 512}, {pki.SSHRSA, 3072}, {pki.SSHDSS, 2048}, {pki.SSHECDSA, 224}, {"ssh-foo", 2048}, {pki.SSHEd25519, 512}} {
		_, err := pki.GenerateSSHKey(c.typ, c.bits)
		assert.ErrorIs(t, err, pki.ErrUnsupported, "%s %d", c.typ, c.bits)
	}
}

func TestParseSSHKeyGarbage(t *testing.T) {
	for _, in := range [][]byte{nil, []byte("hello"), []byte("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n")} {
		_, err := pki.ParseSSHKey(in, nil)
		assert.ErrorIs(t, err, pki.ErrNotKey, "%q", in)
	}
}

// TestParseSSHKeyFromKeygen imports keys ssh-keygen wrote, as §51 would.
func TestParseSSHKeyFromKeygen(t *testing.T) {
	keygen := tool(t, "ssh-keygen")
	for _, c := range []struct{ typ, bits, want string }{
		{"rsa", "2048", pki.SSHRSA}, {"ecdsa", "384", pki.SSHECDSA}, {"ed25519", "", pki.SSHEd25519},
	} {
		t.Run(c.typ, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "id")
			args := []string{"-q", "-t", c.typ, "-N", "passtrix", "-a", "1", "-C", "test", "-f", path}
			if c.bits != "" {
				args = append(args, "-b", c.bits)
			}
			out, err := exec.Command(keygen, args...).CombinedOutput()
			require.NoError(t, err, "%s", out)
			file, err := os.ReadFile(path)
			require.NoError(t, err)
			k, err := pki.ParseSSHKey(file, []byte("passtrix"))
			require.NoError(t, err)
			assert.Equal(t, c.want, k.Type)
			assert.Equal(t, keygenFingerprint(t, file, "passtrix"), k.Fingerprint())
		})
	}
}
