package opmanager

import (
	"encoding/json"
	"fmt"
	"net/netip"
)

// defaultSubnetMask is OpUtils' default for ADD_SUBNET (fact B3).
const defaultSubnetMask = "255.255.255.0"

// subnetResult is the legacy OpUtils reply (fact B3).
type subnetResult struct {
	Status  string `json:"status"`
	Message string `json:"message"`
	Input   string `json:"input"`
}

func (s subnetResult) outcome() (bool, string) { return s.Status != "Success", s.Message }

func addSubnet(c *call) (any, error) {
	s := subnet{Address: c.str("subnetAddress"), Mask: c.str("subnetMask")}
	if s.Mask == "" {
		s.Mask = defaultSubnetMask
	}
	input, _ := json.Marshal(map[string]string{"subnetAddress": s.Address, "subnetMask": s.Mask})
	reply := func(status, format string, args ...any) subnetResult {
		return subnetResult{Status: status, Message: fmt.Sprintf(format, args...), Input: string(input)}
	}
	for _, v := range []struct{ name, addr string }{{"subnetAddress", s.Address}, {"subnetMask", s.Mask}} {
		if !validIP(v.addr) {
			return nil, errPattern(v.name) // octets over 255 pass the spec's pattern
		}
	}
	if !contiguousMask(s.Mask) {
		return reply("Failure", "Invalid subnet mask : %s", s.Mask), nil
	}
	var dup bool
	c.store.write(func(st *state) {
		for _, x := range st.subnets {
			if x == s {
				dup = true
				return
			}
		}
		st.subnets = append(st.subnets, s)
	})
	if dup {
		// The documented failure, and how a client reads a subnet back (fact B3).
		return reply("Failure", "Subnet already added : subnet address - %s and subnet mask - %s", s.Address, s.Mask), nil
	}
	return reply("Success", "Subnet added successfully : subnet address - %s and subnet mask - %s", s.Address, s.Mask), nil
}

// contiguousMask says whether mask is ones then zeros.
func contiguousMask(mask string) bool {
	a, err := netip.ParseAddr(mask)
	if err != nil || !a.Is4() {
		return false
	}
	b := a.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	inv := ^v // ones then zeros <=> the complement is zeros then ones
	return inv&(inv+1) == 0
}

func addSwitch(c *call) (any, error) {
	sw := spmSwitch{Address: c.str("switchAddress"), Credential: c.str("credentialName")}
	var ae *apiError
	c.store.write(func(st *state) {
		for _, x := range st.switches {
			if x.Address == sw.Address {
				ae = errExists("switch", sw.Address)
				return
			}
		}
		st.switches = append(st.switches, sw)
	})
	if ae != nil {
		return nil, ae
	}
	return ok("Switch added successfully."), nil
}

type tabList struct {
	Tabs []tab `json:"tabs"`
}

type tab struct {
	TabID       int    `json:"tabId"`
	TabName     string `json:"tabName"`
	DisplayName string `json:"displayName"`
}

// nfaTabs are the NetFlow device view's tabs (spec x-inferred).
var nfaTabs = []tab{
	{1, "traffic", "Traffic"}, {2, "applications", "Applications"}, {3, "source", "Source"},
	{4, "destination", "Destination"}, {5, "qos", "QoS"}, {6, "conversation", "Conversation"},
}

func getNFAV2TabList(*call) (any, error) {
	return tabList{Tabs: append([]tab(nil), nfaTabs...)}, nil
}
