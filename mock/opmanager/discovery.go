package opmanager

import (
	"net/netip"
	"slices"
)

// profileDoc is a stored discovery profile as answers show it.
type profileDoc struct {
	ProfileID     int      `json:"profileId"`
	ProfileName   string   `json:"profileName"`
	DiscoveryType string   `json:"discoveryType"`
	StartIP       string   `json:"startIp,omitempty"`
	EndIP         string   `json:"endIp,omitempty"`
	CIDR          string   `json:"cidr,omitempty"`
	IPList        []string `json:"ipList,omitempty"`
	Credentials   []string `json:"credentials"`
}

type profileResult struct {
	Result  resultBody `json:"result"`
	Profile profileDoc `json:"profile"`
}

func profileDocOf(p discoveryProfile) profileDoc {
	creds := p.Credentials
	if creds == nil {
		creds = []string{}
	}
	return profileDoc{ProfileID: p.ID, ProfileName: p.Name, DiscoveryType: p.DiscoveryType,
		StartIP: p.StartIP, EndIP: p.EndIP, CIDR: p.CIDR, IPList: p.IPList, Credentials: creds}
}

// applyProfileParams copies the given parameters onto p, then checks the
// profile is complete for its type and names only stored credentials.
func applyProfileParams(c *call, st *state, p *discoveryProfile) *apiError {
	if c.has("profileName") {
		p.Name = c.str("profileName")
	}
	if c.has("discoveryType") {
		p.DiscoveryType = c.str("discoveryType")
	}
	for name, field := range map[string]*string{"startIp": &p.StartIP, "endIp": &p.EndIP, "cidr": &p.CIDR} {
		if c.has(name) {
			*field = c.str(name)
		}
	}
	if c.has("ipList") {
		p.IPList = c.list("ipList")
	}
	if c.has("credentials") {
		p.Credentials = c.list("credentials")
	}
	switch p.DiscoveryType {
	case "IPRange":
		if p.StartIP == "" {
			return errMandatory("startIp")
		}
		if p.EndIP == "" {
			return errMandatory("endIp")
		}
		p.CIDR, p.IPList = "", nil
	case "CIDR":
		if p.CIDR == "" {
			return errMandatory("cidr")
		}
		if _, err := netip.ParsePrefix(p.CIDR); err != nil {
			return errPattern("cidr")
		}
		p.StartIP, p.EndIP, p.IPList = "", "", nil
	case "IPList":
		if len(p.IPList) == 0 {
			return errMandatory("ipList")
		}
		for _, ip := range p.IPList {
			if _, err := netip.ParseAddr(ip); err != nil {
				return errPattern("ipList")
			}
		}
		p.StartIP, p.EndIP, p.CIDR = "", "", ""
	}
	for _, ip := range []struct{ name, v string }{{"startIp", p.StartIP}, {"endIp", p.EndIP}} {
		if _, err := netip.ParseAddr(ip.v); ip.v != "" && err != nil {
			return errPattern(ip.name)
		}
	}
	for _, cred := range p.Credentials {
		if _, ok := st.linuxCred(cred); !ok {
			return errNotFound("credential", cred)
		}
	}
	for _, other := range st.profiles {
		if other.ID != p.ID && other.Name == p.Name {
			return errExists("discovery profile", p.Name)
		}
	}
	return nil
}

func addDiscoveryProfile(c *call) (any, error) {
	var res profileResult
	var ae *apiError
	c.store.write(func(st *state) {
		p := &discoveryProfile{}
		if ae = applyProfileParams(c, st, p); ae != nil {
			return
		}
		p.ID = st.newID()
		st.profiles = append(st.profiles, p)
		res = profileResult{Result: resultBody{Message: "Discovery profile added successfully."}, Profile: profileDocOf(*p)}
	})
	if ae != nil {
		return nil, ae
	}
	return res, nil
}

// editDiscoveryProfile edits a copy and stores it only when valid, so a
// refused edit changes nothing.
func editDiscoveryProfile(c *call) (any, error) {
	id := c.num("profileId", 0)
	var res profileResult
	var ae *apiError
	c.store.write(func(st *state) {
		stored, ok := st.profile(id)
		if !ok {
			ae = fail(codeNotFound, "No discovery profile with id %d exists.", id)
			return
		}
		edited := *stored
		edited.IPList, edited.Credentials = slices.Clone(stored.IPList), slices.Clone(stored.Credentials)
		if ae = applyProfileParams(c, st, &edited); ae != nil {
			return
		}
		*stored = edited
		res = profileResult{Result: resultBody{Message: "Discovery profile updated successfully."}, Profile: profileDocOf(edited)}
	})
	if ae != nil {
		return nil, ae
	}
	return res, nil
}

// addLinuxCredential stores a credential; its password is never sent back.
func addLinuxCredential(c *call) (any, error) {
	cred := &linuxCredential{Name: c.str("credentialName"), Description: c.str("description"),
		UserName: c.str("userName"), Password: c.values.Get("password"), Protocol: c.str("protocol")}
	if cred.Protocol == "" {
		cred.Protocol = "SSH"
	}
	defPort := 22
	if cred.Protocol == "Telnet" {
		defPort = 23
	}
	cred.Port, cred.Timeout = c.num("port", defPort), c.num("timeout", 10)
	var ae *apiError
	c.store.write(func(st *state) {
		if _, dup := st.linuxCred(cred.Name); dup {
			ae = errExists("credential", cred.Name)
			return
		}
		st.linuxCreds = append(st.linuxCreds, cred)
	})
	if ae != nil {
		return nil, ae
	}
	return ok("Credential added successfully."), nil
}
