package opmanager

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// importResult is what an upload did (spec ImportResult, x-inferred).
type importResult struct {
	Result importBody `json:"result"`
}

type importBody struct {
	Message  string         `json:"message"`
	Imported *int           `json:"imported,omitempty"`
	Skipped  *int           `json:"skipped,omitempty"`
	FileID   *int           `json:"fileId,omitempty"`
	Preview  []configletDoc `json:"preview,omitempty"`
}

type configletDoc struct {
	Name     string   `json:"name"`
	Commands []string `json:"commands"`
}

func counted(imported, skipped int, what string) importResult {
	return importResult{Result: importBody{
		Message:  fmt.Sprintf("%d %s imported, %d skipped.", imported, what, skipped),
		Imported: &imported, Skipped: &skipped,
	}}
}

// textFile returns the uploaded file, refusing anything that is not text:
// every import here reads CSV or commands.
func textFile(c *call) ([]byte, *apiError) {
	data := c.files[filePart]
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errInvalidFile("The uploaded file is empty.")
	}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, errInvalidFile("The uploaded file is not a text file.")
	}
	return data, nil
}

// csvRows parses an uploaded CSV whose header names its columns (any case).
// It returns one map a row, keyed by lower-case column name.
func csvRows(c *call, required ...string) ([]map[string]string, *apiError) {
	data, ae := textFile(c)
	if ae != nil {
		return nil, ae
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	records, err := r.ReadAll()
	if err != nil || len(records) < 2 {
		return nil, errInvalidFile("The uploaded file is not a CSV file with a header row and at least one row.")
	}
	header := make([]string, len(records[0]))
	for i, h := range records[0] {
		header[i] = strings.ToLower(strings.TrimSpace(h))
	}
	for _, col := range required {
		if !slices.Contains(header, col) {
			return nil, errInvalidFile("The uploaded CSV file has no '%s' column.", col)
		}
	}
	rows := make([]map[string]string, 0, len(records)-1)
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, v := range rec {
			if i < len(header) {
				row[header[i]] = strings.TrimSpace(v)
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func validIP(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4()
}

func importSSHKey(c *call) (any, error) {
	data := c.files[filePart]
	text := string(data)
	if !strings.Contains(text, "-----BEGIN") || !strings.Contains(text, "PRIVATE KEY-----") {
		return nil, errInvalidFile("The uploaded file is not a PEM or OpenSSH private key.")
	}
	name := c.str("keyName")
	var ae *apiError
	c.store.write(func(st *state) {
		if _, dup := st.sshKeys[name]; dup {
			ae = errExists("SSH key", name)
			return
		}
		st.sshKeys[name] = bytes.Clone(data)
	})
	if ae != nil {
		return nil, ae
	}
	return importResult{Result: importBody{Message: "SSH key imported successfully."}}, nil
}

func importDevices(c *call) (any, error) {
	rows, ae := csvRows(c, "ipaddress")
	if ae != nil {
		return nil, ae
	}
	imported, skipped := 0, 0
	c.store.write(func(st *state) {
		for _, row := range rows {
			ip := row["ipaddress"]
			if _, dup := st.ncmDevice(ip); !validIP(ip) || dup {
				skipped++
				continue
			}
			host := row["hostname"]
			if host == "" {
				host = ip
			}
			st.ncmDevices = append(st.ncmDevices, &ncmDevice{IPAddress: ip, HostName: host, Vendor: row["vendor"], CustomColumns: map[string]string{}})
			imported++
		}
	})
	return counted(imported, skipped, "device(s)"), nil
}

func uploadConfigletFile(c *call) (any, error) {
	data, ae := textFile(c)
	if ae != nil {
		return nil, ae
	}
	var id int
	c.store.write(func(st *state) {
		id = st.newID()
		st.files = append(st.files, &uploadedFile{ID: id, Name: c.str("fileName"), Contents: bytes.Clone(data)})
	})
	return importResult{Result: importBody{Message: "File uploaded successfully.", FileID: &id}}, nil
}

// configletsOf reads a `name,commands` CSV; commands are `;`-separated.
func configletsOf(c *call) ([]configletDoc, *apiError) {
	rows, ae := csvRows(c, "name", "commands")
	if ae != nil {
		return nil, ae
	}
	var out []configletDoc
	for _, row := range rows {
		var cmds []string
		for _, cmd := range strings.Split(row["commands"], ";") {
			if cmd = strings.TrimSpace(cmd); cmd != "" {
				cmds = append(cmds, cmd)
			}
		}
		if row["name"] != "" && len(cmds) > 0 {
			out = append(out, configletDoc{Name: row["name"], Commands: cmds})
		}
	}
	if len(out) == 0 {
		return nil, errInvalidFile("The uploaded file holds no configlet with a name and commands.")
	}
	return out, nil
}

func uploadConfigletPreView(c *call) (any, error) {
	docs, ae := configletsOf(c)
	if ae != nil {
		return nil, ae
	}
	return importResult{Result: importBody{Message: fmt.Sprintf("%d configlet(s) found.", len(docs)), Preview: docs}}, nil
}

func importConfiglets(c *call) (any, error) {
	docs, ae := configletsOf(c)
	if ae != nil {
		return nil, ae
	}
	imported, skipped := 0, 0
	c.store.write(func(st *state) {
		for _, d := range docs {
			if slices.ContainsFunc(st.configlets, func(x *configlet) bool { return x.Name == d.Name }) {
				skipped++
				continue
			}
			st.configlets = append(st.configlets, &configlet{Name: d.Name, Commands: d.Commands})
			imported++
		}
	})
	return counted(imported, skipped, "configlet(s)"), nil
}

// updateNCM applies change to the NCM device each row names; rows naming no
// imported device, or that change rejects, are skipped.
func updateNCM(c *call, required []string, change func(st *state, d *ncmDevice, row map[string]string) bool) (any, error) {
	rows, ae := csvRows(c, required...)
	if ae != nil {
		return nil, ae
	}
	updated, skipped := 0, 0
	c.store.write(func(st *state) {
		for _, row := range rows {
			d, ok := st.ncmDevice(row["ipaddress"])
			if !ok || !change(st, d, row) {
				skipped++
				continue
			}
			updated++
		}
	})
	return counted(updated, skipped, "row(s)"), nil
}

func updateHostNames(c *call) (any, error) {
	return updateNCM(c, []string{"ipaddress", "hostname"}, func(_ *state, d *ncmDevice, row map[string]string) bool {
		if row["hostname"] == "" {
			return false
		}
		d.HostName = row["hostname"]
		return true
	})
}

func editCustomColumns(c *call) (any, error) {
	return updateNCM(c, []string{"ipaddress", "column", "value"}, func(_ *state, d *ncmDevice, row map[string]string) bool {
		if row["column"] == "" {
			return false
		}
		d.CustomColumns[row["column"]] = row["value"]
		return true
	})
}

func importDeviceGroups(c *call) (any, error) {
	return updateNCM(c, []string{"groupname", "ipaddress"}, func(st *state, d *ncmDevice, row map[string]string) bool {
		g := row["groupname"]
		if g == "" || slices.Contains(st.dgroups[g], d.IPAddress) {
			return false
		}
		st.dgroups[g] = append(st.dgroups[g], d.IPAddress)
		return true
	})
}

type blockedHostsDoc struct {
	BlockedHosts []blockedHostDoc `json:"blockedHosts"`
}

type blockedHostDoc struct {
	HostName     string `json:"hostName"`
	IPAddress    string `json:"ipAddress"`
	BlockedSince string `json:"blockedSince"`
}

func getSysLogBlockedHosts(c *call) (any, error) {
	out := blockedHostsDoc{BlockedHosts: []blockedHostDoc{}}
	c.store.read(func(st *state) {
		for _, b := range st.blocked {
			out.BlockedHosts = append(out.BlockedHosts, blockedHostDoc{HostName: b.HostName, IPAddress: b.IPAddress,
				BlockedSince: b.Since.UTC().Format(time.RFC3339)})
		}
	})
	return out, nil
}
