package opmanager_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// state reads what the write APIs stored, through the control plane.
func (e *env) state() map[string]json.RawMessage {
	e.t.Helper()
	status, b := e.control(http.MethodGet, "state", "", nil)
	require.Equal(e.t, http.StatusOK, status)
	var st map[string]json.RawMessage
	require.NoError(e.t, json.Unmarshal(b, &st))
	return st
}

func TestCredentialsAndProfiles(t *testing.T) {
	e := newEnv(t)
	const secret = "s3cret-linux-pw"
	r := e.post("admin/addLinuxCredential", url.Values{"credentialName": {"linux-ro"}, "userName": {"monitor"}, "password": {secret}})
	assert.JSONEq(t, `{"result":{"message":"Credential added successfully."}}`, string(r.body))
	assert.Equal(t, "ALREADY_EXISTS", errCode(t, e.post("admin/addLinuxCredential", url.Values{"credentialName": {"linux-ro"}, "userName": {"x"}, "password": {"y"}})))
	assert.JSONEq(t, `[{"name":"linux-ro","description":"","userName":"monitor","protocol":"SSH","port":22,"timeout":10}]`, string(e.state()["linuxCredentials"]))

	// The credential is usable by addDevice now.
	r = e.post("discovery/addDevice", url.Values{"deviceName": {"198.51.100.7"}, "credentialName": {"linux-ro"}})
	assert.Empty(t, errCode(t, r), "%s", r.body)

	cases := []struct {
		name   string
		api    string
		params url.Values
		code   string
	}{
		{"range without end", "discovery/addDiscoveryProfile", url.Values{"profileName": {"p"}, "discoveryType": {"IPRange"}, "startIp": {"10.0.0.1"}}, "LESS_THAN_MIN_OCCURANCE"},
		{"bad cidr", "discovery/addDiscoveryProfile", url.Values{"profileName": {"p"}, "discoveryType": {"CIDR"}, "cidr": {"10.0.0.0/40"}}, "PATTERN_NOT_MATCHED"},
		{"bad list item", "v2/discovery/addDiscoveryProfile", url.Values{"profileName": {"p"}, "discoveryType": {"IPList"}, "ipList": {"10.0.0.1,ten"}}, "PATTERN_NOT_MATCHED"},
		{"unknown credential", "discovery/addDiscoveryProfile", url.Values{"profileName": {"p"}, "discoveryType": {"CIDR"}, "cidr": {"10.0.0.0/24"}, "credentials": {"nope"}}, "NOT_FOUND"},
		{"unknown type", "discovery/addDiscoveryProfile", url.Values{"profileName": {"p"}, "discoveryType": {"Magic"}}, "PATTERN_NOT_MATCHED"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.code, errCode(t, e.post(tc.api, tc.params)))
		})
	}
	assert.JSONEq(t, `[]`, string(e.state()["discoveryProfiles"]), "refused profiles store nothing")

	type profileResult struct {
		Result  struct{ Message string } `json:"result"`
		Profile map[string]any           `json:"profile"`
	}
	r = e.post("discovery/addDiscoveryProfile", url.Values{"profileName": {"lab"}, "discoveryType": {"CIDR"}, "cidr": {"10.0.0.0/24"}, "credentials": {"linux-ro"}})
	added := decode[profileResult](t, r)
	assert.Equal(t, "Discovery profile added successfully.", added.Result.Message)
	id := added.Profile["profileId"].(float64)

	// v2 edits what v1 added: the profiles are one set.
	r = e.post("v2/discovery/editDiscoveryProfile", url.Values{"profileId": {fmt.Sprint(int(id))}, "discoveryType": {"IPRange"}, "startIp": {"10.0.0.1"}, "endIp": {"10.0.0.9"}})
	edited := decode[profileResult](t, r)
	assert.Equal(t, id, edited.Profile["profileId"])
	assert.Equal(t, map[string]any{"profileId": id, "profileName": "lab", "discoveryType": "IPRange", "startIp": "10.0.0.1", "endIp": "10.0.0.9", "credentials": []any{"linux-ro"}}, edited.Profile)
	assert.Equal(t, "ALREADY_EXISTS", errCode(t, e.post("v2/discovery/addDiscoveryProfile", url.Values{"profileName": {"lab"}, "discoveryType": {"CIDR"}, "cidr": {"10.1.0.0/24"}})))
	assert.Equal(t, "NOT_FOUND", errCode(t, e.post("discovery/editDiscoveryProfile", url.Values{"profileId": {"99999"}})))
	assert.Equal(t, "DATATYPE_NOT_MATCHED", errCode(t, e.post("discovery/editDiscoveryProfile", url.Values{"profileId": {"one"}})))

	assert.NotContains(t, string(mustJSON(t, e.state())), secret, "no answer holds a stored password")
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

func TestSubnetsAndSwitches(t *testing.T) {
	e := newEnv(t)
	type subnetReply struct{ Status, Message, Input string }
	r := decode[subnetReply](t, e.post("ipam/addSubnet", url.Values{"subnetAddress": {"10.5.0.0"}}))
	assert.Equal(t, "Success", r.Status)
	assert.JSONEq(t, `{"subnetAddress":"10.5.0.0","subnetMask":"255.255.255.0"}`, r.Input)
	r = decode[subnetReply](t, e.post("ipam/addSubnet", url.Values{"subnetAddress": {"10.5.0.0"}, "subnetMask": {"255.255.255.0"}}))
	assert.Equal(t, subnetReply{"Failure", "Subnet already added : subnet address - 10.5.0.0 and subnet mask - 255.255.255.0", r.Input}, r)
	r = decode[subnetReply](t, e.post("ipam/addSubnet", url.Values{"subnetAddress": {"10.6.0.0"}, "subnetMask": {"255.0.255.0"}}))
	assert.Equal(t, "Failure", r.Status)
	assert.Equal(t, "PATTERN_NOT_MATCHED", errCode(t, e.post("ipam/addSubnet", url.Values{"subnetAddress": {"10.5.0.300"}})))
	assert.JSONEq(t, `[{"subnetAddress":"10.5.0.0","subnetMask":"255.255.255.0"}]`, string(e.state()["subnets"]))

	assert.JSONEq(t, `{"result":{"message":"Switch added successfully."}}`, string(e.post("spm/addSwitch", url.Values{"switchAddress": {"10.5.0.2"}}).body))
	assert.Equal(t, "ALREADY_EXISTS", errCode(t, e.post("spm/addSwitch", url.Values{"switchAddress": {"10.5.0.2"}})))
}

// TestNCMUploads runs every upload with good, partly bad and garbage files.
func TestNCMUploads(t *testing.T) {
	e := newEnv(t)
	type result struct {
		Result struct {
			Message  string `json:"message"`
			Imported *int   `json:"imported"`
			Skipped  *int   `json:"skipped"`
			FileID   *int   `json:"fileId"`
		} `json:"result"`
	}
	counts := func(r resp) (int, int) {
		t.Helper()
		res := decode[result](t, r)
		require.NotNil(t, res.Result.Imported, "%s", r.body)
		return *res.Result.Imported, *res.Result.Skipped
	}
	imp, skip := counts(e.upload("ncmsettings/importDevices", nil, "IPAddress,HostName,Vendor\n10.9.0.1,edge-1,Cisco\n10.9.0.2,,Juniper\nnot-an-ip,x,y\n10.9.0.1,dup,Cisco\n"))
	assert.Equal(t, [2]int{2, 2}, [2]int{imp, skip})

	imp, skip = counts(e.upload("ncmdevice/updateHostNamefromFileImp", nil, "ipaddress,hostname\n10.9.0.2,edge-2\n10.9.9.9,ghost\n"))
	assert.Equal(t, [2]int{1, 1}, [2]int{imp, skip})
	imp, _ = counts(e.upload("ncmdevice/editCustomColfromFileImp", nil, "ipaddress,column,value\n10.9.0.1,Rack,R12\n"))
	assert.Equal(t, 1, imp)
	imp, skip = counts(e.upload("ncmdevice/importDG", nil, "groupname,ipaddress\ncore,10.9.0.1\ncore,10.9.0.2\ncore,10.9.0.2\n"))
	assert.Equal(t, [2]int{2, 1}, [2]int{imp, skip})
	st := e.state()
	assert.JSONEq(t, `[{"ipaddress":"10.9.0.1","hostname":"edge-1","vendor":"Cisco","customColumns":{"Rack":"R12"}},
		{"ipaddress":"10.9.0.2","hostname":"edge-2","vendor":"Juniper","customColumns":{}}]`, string(st["ncmDevices"]))
	assert.JSONEq(t, `{"core":["10.9.0.1","10.9.0.2"]}`, string(st["deviceGroups"]))

	configlets := "name,commands\nbanner,banner motd ^opsmock^; write mem\nempty,\n"
	r := e.upload("ncmsettings/uploadConfigletPreView", nil, configlets)
	assert.JSONEq(t, `{"result":{"message":"1 configlet(s) found.","preview":[{"name":"banner","commands":["banner motd ^opsmock^","write mem"]}]}}`, string(r.body))
	assert.JSONEq(t, `[]`, string(e.state()["configlets"]), "a preview stores nothing")
	imp, _ = counts(e.upload("ncmsettings/importConfiglets", nil, configlets))
	assert.Equal(t, 1, imp)
	res := decode[result](t, e.upload("ncmsettings/uploadConfigletFile", url.Values{"fileName": {"ios.txt"}}, "show run\n"))
	require.NotNil(t, res.Result.FileID)

	key := "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"
	r = e.upload("ncmsettings/importSSHKey", url.Values{"keyName": {"backup"}}, key)
	assert.JSONEq(t, `{"result":{"message":"SSH key imported successfully."}}`, string(r.body))
	assert.Equal(t, "ALREADY_EXISTS", errCode(t, e.upload("ncmsettings/importSSHKey", url.Values{"keyName": {"backup"}}, key)))
	assert.NotContains(t, string(mustJSON(t, e.state())), "b3BlbnNzaC1rZXktdjEAAAAA", "stored keys are never shown")

	garbage := string([]byte{0x00, 0xff, 0xfe, 0x01, 'P', 'K', 0x03, 0x04})
	bad := []struct {
		name, api, file string
		params          url.Values
		code            string
	}{
		{"binary devices file", "ncmsettings/importDevices", garbage, nil, "INVALID_FILE"},
		{"csv without the column", "ncmsettings/importDevices", "host\nx\n", nil, "INVALID_FILE"},
		{"header only", "ncmdevice/importDG", "groupname,ipaddress\n", nil, "INVALID_FILE"},
		{"empty file", "ncmsettings/uploadConfigletFile", "  \n", nil, "INVALID_FILE"},
		{"broken quotes", "ncmsettings/importConfiglets", "name,commands\n\"unterminated,x\n", nil, "INVALID_FILE"},
		{"no configlet", "ncmsettings/importConfiglets", "name,commands\n,\n", nil, "INVALID_FILE"},
		{"not a key", "ncmsettings/importSSHKey", "hello", url.Values{"keyName": {"k"}}, "INVALID_FILE"},
		{"no keyName", "ncmsettings/importSSHKey", key, nil, "LESS_THAN_MIN_OCCURANCE"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			r := e.upload(tc.api, tc.params, tc.file)
			assert.Equal(t, http.StatusOK, r.status)
			assert.Equal(t, tc.code, errCode(t, r), "%s", r.body)
		})
	}
	// An upload sent without a file part, or not as multipart at all.
	r = e.post("ncmsettings/importDevices", url.Values{"x": {"1"}})
	assert.Equal(t, "INVALID_FILE", errCode(t, r))
	r = e.do(req{method: http.MethodPost, api: "ncmsettings/importDevices", key: e.keys["All access"]})
	assert.Equal(t, "LESS_THAN_MIN_OCCURANCE", errCode(t, r))
	assert.Contains(t, string(r.body), "'file'")
}
