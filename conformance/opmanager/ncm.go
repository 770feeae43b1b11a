package opmanager

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/opsmock/opsmock/conformance/check"
)

// upload sends a file (multipart part "file") with further fields to one
// of the header-only NCM URLs, as the primary key, and requires the
// documented {"result":{...}} answer.
func upload(t *check.T, path, file string, fields map[string]string) map[string]any {
	req := t.Expect(check.Primary).POST(base+path).WithMultipart().WithFile("file", "upload.csv", strings.NewReader(file))
	for k, v := range fields {
		req = req.WithFormField(k, v)
	}
	r := req.Expect()
	r.Status(http.StatusOK)
	var body map[string]any
	_ = json.Unmarshal([]byte(r.Body().Raw()), &body)
	if body["result"] == nil {
		t.Failf(r.Raw(), "%s did not answer a result", path)
	}
	return body
}

var ncmImports = check.Check{
	ID:       "opmanager.lifecycle.ncm-imports",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `The NCM and SPM uploads of OPM-KEYS's header-only list accept the run's own data on a benchmarking address ` +
		`(198.18.0.0/15): a device imported is counted imported, its host name and a custom column set from files, ` +
		`a device group made, configlets previewed and imported, a generated SSH key imported, a switch added. ` +
		`No API removes them: the run leaves them.`,
	Run: func(t *check.T) {
		ip := testNet() + ".9"
		stamp := strings.TrimPrefix(ip, "198.18.")
		body := upload(t, "/ncmsettings/importDevices", "ipaddress\n"+ip+"\n", nil)
		if field(body, "result", "imported") != "1" {
			t.Errorf("importDevices of one new device answered %s", t.Show(body["result"]))
		}
		t.LeftBehind("NCM device %s", ip)
		upload(t, "/ncmdevice/updateHostNamefromFileImp", "ipaddress,hostname\n"+ip+","+Prefix+"-"+stamp+"\n", nil)
		upload(t, "/ncmdevice/editCustomColfromFileImp", "ipaddress,column,value\n"+ip+",Floor,3\n", nil)
		group := Prefix + "-dg-" + stamp
		upload(t, "/ncmdevice/importDG", "groupname,ipaddress\n"+group+","+ip+"\n", nil)
		t.LeftBehind("NCM device group %s", group)
		configlet := "name,commands\n" + Prefix + "-" + stamp + ",show version\n"
		upload(t, "/ncmsettings/uploadConfigletPreView", configlet, nil)
		upload(t, "/ncmsettings/uploadConfigletFile", "show version\n", nil)
		upload(t, "/ncmsettings/importConfiglets", configlet, nil)
		t.LeftBehind("configlet %s-%s", Prefix, stamp)

		keyFile, _ := t.NewSSHKey()
		keyName := fmt.Sprintf("%s-key-%s", Prefix, stamp)
		upload(t, "/ncmsettings/importSSHKey", keyFile, map[string]string{"keyName": keyName})
		t.LeftBehind("NCM SSH key %s", keyName)

		sw := testNet() + ".2"
		_, added := post(t, "/spm/addSwitch", map[string]string{"switchAddress": sw, "credentialName": "public"})
		if added["result"] == nil {
			t.Errorf("addSwitch of %s did not answer a result", sw)
		}
		t.LeftBehind("switch %s", sw)
	},
}
