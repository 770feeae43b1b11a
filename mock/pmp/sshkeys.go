package pmp

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/opsmock/opsmock/mock/pmp/internal/pki"
)

// defaultSSHLength is a new key's length when §25's length is left out
// (x-inferred).
var defaultSSHLength = map[string]int{pki.SSHRSA: 2048, pki.SSHDSS: 1024, pki.SSHECDSA: 256, pki.SSHEd25519: 256}

// sshKeyRow is a key as §27 and §28 show it.
type sshKeyRow struct {
	KeyName       string `json:"KeyName"`
	KeyType       string `json:"KeyType"`
	KeyLength     string `json:"KeyLength"`
	FingerPrint   string `json:"FingerPrint"`
	HasPassphrase bool   `json:"isPassphraseAvailable"`
	CreatedBy     string `json:"CreatedBy"`
	CreationTime  string `json:"CreationTime"`
}

func (k *sshKeyEntry) row(now time.Time) sshKeyRow {
	return sshKeyRow{KeyName: k.Name, KeyType: k.Key.Type, KeyLength: strconv.Itoa(k.Key.Bits), FingerPrint: k.Key.Fingerprint(),
		HasPassphrase: k.Passphrase != "", CreatedBy: k.CreatedBy, CreationTime: relativeDay(k.CreatedAt, now)}
}

// relativeDay is §27's CreationTime: "Today", "Yesterday", or the date.
func relativeDay(at, now time.Time) string {
	day := func(t time.Time) time.Time {
		y, m, d := t.UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	switch day(now).Sub(day(at)) {
	case 0:
		return "Today"
	case 24 * time.Hour:
		return "Yesterday"
	}
	return at.UTC().Format(pkiDateLayout)
}

// pkiDateLayout is §33's date form, "Oct 13, 2015".
const pkiDateLayout = "Jan 2, 2006"

// §25: a new key pair. Generating can take a second (RSA 4096), so it
// happens outside the lock and the name is checked on both sides of it.
func createSSHKey(c *call) (reply, error) {
	name, typ := c.in("keyName"), c.in("keyType")
	bits := defaultSSHLength[typ]
	if c.has("length") {
		n, err := strconv.Atoi(c.in("length"))
		if err != nil || !slices.Contains(pki.SSHLengths[typ], n) {
			return reply{}, failed(fmt.Sprintf(msgKeyLength, c.in("length"), typ, joinInts(pki.SSHLengths[typ])))
		}
		bits = n
	}
	var exists bool
	c.store.read(func(st *state) { _, exists = st.pki.sshKey(name) })
	if exists {
		return reply{}, failed(fmt.Sprintf(msgSSHKeyExists, name))
	}
	key, err := c.p.entropy.GenerateSSHKey(typ, bits)
	if err != nil {
		return reply{}, failed(fmt.Sprintf(msgKeyLength, strconv.Itoa(bits), typ, joinInts(pki.SSHLengths[typ])))
	}
	var f *failure
	c.store.write(func(st *state) {
		if _, dup := st.pki.sshKey(name); dup {
			f = failed(fmt.Sprintf(msgSSHKeyExists, name))
			return
		}
		st.pki.sshKeys = append(st.pki.sshKeys, &sshKeyEntry{Name: name, Key: key, Comment: c.in("comment"),
			Passphrase: c.in("passPhrase"), CreatedBy: c.user.Name, CreatedAt: c.now})
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "New SSH key created successfully"}, nil
}

// §26: delete a key; unless withoutDisassociation, first take it off
// every target account.
func deleteSSHKey(c *call) (reply, error) {
	name := c.in("key_name")
	var f *failure
	c.store.write(func(st *state) {
		k, ok := st.pki.sshKey(name)
		if !ok {
			f = failed(fmt.Sprintf(msgNoSSHKey, name))
			return
		}
		if !c.inBool("withoutDisassociation") {
			for _, t := range k.Targets {
				st.pki.net.unauthorize(t, k.Key.Fingerprint())
			}
		}
		st.pki.sshKeys = slices.DeleteFunc(slices.Clone(st.pki.sshKeys), func(x *sshKeyEntry) bool { return x == k })
		name = k.Name
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf("SSH keys %s deleted successfully", name)}, nil
}

// §27
func getAllSSHKeys(c *call) (reply, error) {
	rowsOut := []sshKeyRow{}
	c.store.read(func(st *state) {
		for _, k := range st.pki.sshKeys {
			rowsOut = append(rowsOut, k.row(c.now))
		}
	})
	return reply{message: "All SSH Keys fetched successfully", totalRows: rows(len(rowsOut)), details: rowsOut}, nil
}

// §28
func getSSHKey(c *call) (reply, error) {
	name := c.in("keyName")
	var row *sshKeyRow
	c.store.read(func(st *state) {
		if k, ok := st.pki.sshKey(name); ok {
			r := k.row(c.now)
			row = &r
		}
	})
	if row == nil {
		return reply{}, failed(fmt.Sprintf(msgNoSSHKey, name))
	}
	return reply{message: fmt.Sprintf("SSH Key %s fetched successfully", row.KeyName), details: []sshKeyRow{*row}}, nil
}

// §29: the private key file, named as §51's sample names an export.
func exportSSHKey(c *call) (reply, error) {
	name := c.in("keyName")
	var (
		key        *pki.SSHKey
		comment    string
		passphrase string
	)
	c.store.read(func(st *state) {
		if k, ok := st.pki.sshKey(name); ok {
			key, comment, passphrase, name = k.Key, k.Comment, k.Passphrase, k.Name
		}
	})
	if key == nil {
		return reply{}, failed(fmt.Sprintf(msgNoSSHKey, name))
	}
	data, err := key.ExportWith(c.p.entropy, comment, []byte(passphrase))
	if err != nil {
		return reply{}, err
	}
	file := &storedFile{Name: name + "_" + c.now.UTC().Format("Jan-02-2006-15_04") + ".key", Contents: data}
	return reply{file: file, contentType: "application/octet-stream"}, nil
}

// targetResource resolves §30/§52's resourceName: the resource's name or
// its DNS name / address, among those the caller sees.
func (st *state) targetResource(u user, name string) (*resource, *failure) {
	for _, id := range st.resourceOrder {
		r := st.resources[id]
		if (equalFold(r.Name, name) || (r.DNSName != "" && equalFold(r.DNSName, name))) && st.visibleResource(u, r) {
			return r, nil
		}
	}
	return nil, failed(fmt.Sprintf(msgNoTarget, name))
}

// target resolves a (resource, account) pair as §30 and §52 name it.
func (st *state) target(u user, resourceName, account string) (keyTarget, *resource, *failure) {
	r, f := st.targetResource(u, resourceName)
	if f != nil {
		return keyTarget{}, nil, f
	}
	a, ok := st.accountByName(r, account)
	if !ok {
		return keyTarget{}, nil, failed(fmt.Sprintf(msgNoTargetAccount, account, r.Name))
	}
	return keyTarget{ResourceID: r.ID, Account: a.Name}, r, nil
}

// §30: the keys of one account, names joined by commas.
func getSSHKeysForUser(c *call) (reply, error) {
	userName, resourceName := c.in("userName"), c.in("resourceName")
	var (
		names []string
		rname string
		f     *failure
	)
	c.store.read(func(st *state) {
		t, r, ff := st.target(c.user, resourceName, userName)
		if f = ff; f != nil {
			return
		}
		rname = r.Name
		for _, k := range st.pki.sshKeys {
			if slices.Contains(k.Targets, t) {
				names = append(names, k.Name)
			}
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf("SSH keys for user %s of resource %s fetched successfully", userName, rname),
		details: strings.Join(names, ",")}, nil
}

type associatedUser struct {
	UserName     string `json:"UserName"`
	ResourceName string `json:"ResourceName"`
}

// §31: each account with at least one key, once.
func getAllAssociatedUsers(c *call) (reply, error) {
	out := []associatedUser{}
	c.store.read(func(st *state) {
		seen := map[keyTarget]bool{}
		for _, k := range st.pki.sshKeys {
			for _, t := range k.Targets {
				r, ok := st.resources[t.ResourceID]
				if !ok || seen[t] {
					continue // the resource went away after the association
				}
				seen[t] = true
				out = append(out, associatedUser{UserName: t.Account, ResourceName: r.Name})
			}
		}
	})
	return reply{message: "All associated users fetched successfully", totalRows: rows(len(out)), details: out}, nil
}

// §51: import an uploaded private key file.
func importSSHKey(c *call) (reply, error) {
	name, passphrase := c.in("keyName"), c.in("passphrase")
	file := c.upload()
	if file == nil {
		return reply{}, failed(msgNoUpload)
	}
	key, err := pki.ParseSSHKey(file.Contents, []byte(passphrase))
	switch {
	case errors.Is(err, pki.ErrPassphrase):
		return reply{}, failed(msgBadPassphrase)
	case errors.Is(err, pki.ErrUnsupported):
		return reply{}, failed(msgUnsupportedKey)
	case err != nil:
		return reply{}, failed(msgBadSSHKey)
	}
	var f *failure
	c.store.write(func(st *state) {
		if _, dup := st.pki.sshKey(name); dup {
			f = failed(fmt.Sprintf(msgSSHKeyExists, name))
			return
		}
		st.pki.sshKeys = append(st.pki.sshKeys, &sshKeyEntry{Name: name, Key: key, Passphrase: passphrase,
			CreatedBy: c.user.Name, CreatedAt: c.now})
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Key imported successfully"}, nil
}

// keyAndTarget resolves §52/§53's keyName, resourceName and userName.
func (c *call) keyAndTarget(st *state) (*sshKeyEntry, keyTarget, *resource, *failure) {
	k, ok := st.pki.sshKey(c.in("keyName"))
	if !ok {
		return nil, keyTarget{}, nil, failed(fmt.Sprintf(msgNoSSHKey, c.in("keyName")))
	}
	t, r, f := st.target(c.user, c.in("resourceName"), c.in("userName"))
	return k, t, r, f
}

// §52: put a key in an account's authorized keys. Again is a no-op.
func associateKey(c *call) (reply, error) {
	var f *failure
	c.store.write(func(st *state) {
		var (
			k *sshKeyEntry
			t keyTarget
		)
		if k, t, _, f = c.keyAndTarget(st); f != nil {
			return
		}
		if !slices.Contains(k.Targets, t) {
			k.Targets = append(k.Targets, t)
		}
		st.pki.net.authorize(t, k.Key.Fingerprint())
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Key associated successfully"}, nil
}

// §53: take a key off an account.
func dissociateKey(c *call) (reply, error) {
	var f *failure
	c.store.write(func(st *state) {
		k, t, r, ff := c.keyAndTarget(st)
		if f = ff; f != nil {
			return
		}
		if !slices.Contains(k.Targets, t) {
			f = failed(fmt.Sprintf(msgKeyNotAssociated, k.Name, t.Account, r.Name))
			return
		}
		k.Targets = slices.DeleteFunc(slices.Clone(k.Targets), func(x keyTarget) bool { return x == t })
		st.pki.net.unauthorize(t, k.Key.Fingerprint())
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Key dissociated successfully."}, nil
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}
