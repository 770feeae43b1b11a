package opmanager

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gavv/httpexpect/v2"

	"github.com/opsmock/opsmock/conformance/check"
)

const unacknowledged = "Unacknowledged"

func who(t *check.T, entity string) string {
	for _, a := range alarms(t) {
		if a["entity"] == entity {
			w, _ := a["who"].(string)
			return w
		}
	}
	t.Fatalf("alarm %s is gone from listAlarms", entity)
	return ""
}

// post sends a write with its parameters as a form, as the primary key.
func post(t *check.T, path string, params map[string]string) (*httpexpect.Response, map[string]any) {
	req := t.Expect(check.Primary).POST(base + path)
	for k, v := range params {
		req = req.WithFormField(k, v)
	}
	r := req.Expect()
	r.Status(http.StatusOK)
	var body map[string]any
	_ = json.Unmarshal([]byte(r.Body().Raw()), &body)
	return r, body
}

var alarmAcknowledge = check.Check{
	ID:       "opmanager.lifecycle.alarm-acknowledge",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `Acknowledging an unacknowledged alarm shows in listAlarms' who; unAcknowledgeAlarm restores it (fact B3). ` +
		`The run leaves the alarm as it found it; it never clears one, which cannot be undone.`,
	Run: func(t *check.T) {
		entity := ""
		for _, a := range alarms(t) {
			if a["who"] == unacknowledged && a["numericSeverity"] != float64(5) {
				entity, _ = a["entity"].(string)
				break
			}
		}
		if entity == "" {
			t.Skipf("no unacknowledged alarm to act on")
		}
		restored := false
		t.Cleanup(func() {
			if !restored {
				post(t, "/alarm/unAcknowledgeAlarm", map[string]string{"entity": entity})
			}
		})
		r, body := post(t, "/alarm/acknowledgeAlarm", map[string]string{"entity": entity})
		if _, ok := body["result"]; !ok {
			t.Failf(r.Raw(), "acknowledgeAlarm did not answer a result")
		}
		if w := who(t, entity); w == unacknowledged {
			t.Errorf("alarm %s is still unacknowledged after acknowledgeAlarm", entity)
		}
		post(t, "/alarm/unAcknowledgeAlarm", map[string]string{"entity": entity})
		restored = true
		if w := who(t, entity); w != unacknowledged {
			t.Errorf("alarm %s reads %q after unAcknowledgeAlarm", entity, w)
		}
	},
}

// testNet is a /24 of the benchmarking range (RFC 2544, 198.18.0.0/15),
// which no production network uses, varied per run.
func testNet() string { return fmt.Sprintf("198.18.%d", time.Now().UnixNano()%250+1) }

var discoveryProfile = check.Check{
	ID:       "opmanager.lifecycle.discovery-profile",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `An added discovery profile is answered back; an edit changes it and an empty edit reads it back; adding its name ` +
		`again fails (fact B2 header-only URLs). OpManager has no API to delete it: the run leaves one ` +
		Prefix + `-profile-… profile on a benchmarking address (198.18.0.0/15).`,
	Run: func(t *check.T) {
		name := fmt.Sprintf("%s-profile-%d", Prefix, time.Now().UnixNano())
		net := testNet()
		r, body := post(t, "/discovery/addDiscoveryProfile", map[string]string{"profileName": name, "discoveryType": "IPList", "ipList": net + ".10"})
		profile, _ := body["profile"].(map[string]any)
		id, _ := profile["profileId"].(float64)
		if profile == nil || profile["profileName"] != name || id == 0 {
			t.Failf(r.Raw(), "the added profile is not answered back with its name and ID")
			t.Fatalf("cannot go on")
		}
		pid := fmt.Sprint(int(id))
		t.LeftBehind("discovery profile %s", name)
		r, body = post(t, "/discovery/editDiscoveryProfile", map[string]string{"profileId": pid, "ipList": net + ".20"})
		if ips := profileIPs(body); ips != net+".20" {
			t.Failf(r.Raw(), "the edit answered ipList %q, want %s.20", ips, net)
		}
		r, body = post(t, "/discovery/editDiscoveryProfile", map[string]string{"profileId": pid})
		if ips := profileIPs(body); ips != net+".20" {
			t.Failf(r.Raw(), "reading the profile back gave ipList %q, want %s.20", ips, net)
		}
		r, body = post(t, "/discovery/addDiscoveryProfile", map[string]string{"profileName": name, "discoveryType": "IPList", "ipList": net + ".30"})
		if body["error"] == nil {
			t.Failf(r.Raw(), "a second profile named %s was accepted", name)
		}

		// The v2 URLs take the same contract (spec x-inferred).
		v2 := name + "-v2"
		r, body = post(t, "/v2/discovery/addDiscoveryProfile", map[string]string{"profileName": v2, "discoveryType": "CIDR", "cidr": net + ".0/28"})
		profile, _ = body["profile"].(map[string]any)
		id, _ = profile["profileId"].(float64)
		if profile == nil || id == 0 {
			t.Failf(r.Raw(), "the v2 profile is not answered back with its ID")
			return
		}
		t.LeftBehind("discovery profile %s", v2)
		r, body = post(t, "/v2/discovery/editDiscoveryProfile", map[string]string{"profileId": fmt.Sprint(int(id)), "profileName": v2 + "-edited"})
		if p, _ := body["profile"].(map[string]any); p["profileName"] != v2+"-edited" {
			t.Failf(r.Raw(), "the v2 edit answered the name %s, want %s-edited", t.Show(p["profileName"]), v2)
		}
	},
}

var linuxCredential = check.Check{
	ID:       "opmanager.lifecycle.linux-credential",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `addLinuxCredential stores a credential, and adding its name again is refused with ALREADY_EXISTS (fact B2 ` +
		`header-only URLs; the codes are the spec's). No API deletes it: the run leaves one ` + Prefix + `-credential-…, ` +
		`with a random password it never shows.`,
	Run: func(t *check.T) {
		name := fmt.Sprintf("%s-credential-%d", Prefix, time.Now().UnixNano())
		password := fmt.Sprintf("%x", time.Now().UnixNano()*7919)
		t.Secret(password)
		params := map[string]string{"credentialName": name, "userName": "opsmock", "password": password, "protocol": "SSH"}
		r, body := post(t, "/admin/addLinuxCredential", params)
		if body["result"] == nil {
			t.Failf(r.Raw(), "addLinuxCredential did not succeed")
			return
		}
		t.LeftBehind("credential %s", name)
		r, body = post(t, "/admin/addLinuxCredential", params)
		if field(body, "error", "errorcode") != "ALREADY_EXISTS" {
			t.Failf(r.Raw(), "adding credential %s again was not refused with ALREADY_EXISTS", name)
		}
	},
}

func profileIPs(body map[string]any) string {
	p, _ := body["profile"].(map[string]any)
	list, _ := p["ipList"].([]any)
	var out []string
	for _, ip := range list {
		out = append(out, fmt.Sprint(ip))
	}
	return strings.Join(out, ",")
}

var subnet = check.Check{
	ID:       "opmanager.lifecycle.subnet",
	Category: check.Lifecycle,
	Write:    true,
	Rule: `addSubnet answers Success, and adding the same subnet again the documented "Subnet already added" failure, ` +
		`which is how a subnet is read back (fact B3). No API deletes it: the run leaves one /24 of 198.18.0.0/15.`,
	Run: func(t *check.T) {
		for attempt := 0; attempt < 5; attempt++ {
			params := map[string]string{"subnetAddress": testNet() + ".0", "subnetMask": "255.255.255.0"}
			r, body := post(t, "/ipam/addSubnet", params)
			if body["status"] != "Success" {
				if strings.Contains(fmt.Sprint(body["message"]), "already added") {
					continue // a subnet an earlier run left: try another
				}
				t.Failf(r.Raw(), "addSubnet did not succeed")
				return
			}
			t.LeftBehind("subnet %s/24", params["subnetAddress"])
			r, body = post(t, "/ipam/addSubnet", params)
			if body["status"] != "Failure" || !strings.Contains(fmt.Sprint(body["message"]), "Subnet already added") {
				t.Failf(r.Raw(), "adding the subnet again was not the documented failure")
			}
			return
		}
		t.Skipf("every subnet tried was already added")
	},
}
