package config

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/opmanager"
	"github.com/opsmock/opsmock/mock/pmp"
)

// Flags are the values the file gives serve's flags, by flag name: serve
// uses them as defaults, so a flag on the command line (or its variable)
// wins over the file.
func (c *Config) Flags() map[string]string {
	out := map[string]string{}
	set := func(name, v string) {
		if v != "" {
			out[name] = v
		}
	}
	set("addr", c.Addr)
	if c.Seed != nil {
		set("seed", strconv.FormatUint(*c.Seed, 10))
	}
	if c.SeedSize != nil {
		set("seed-size", strconv.Itoa(*c.SeedSize))
	}
	set("product", strings.Join(c.Products, ","))
	set("log-level", c.LogLevel)
	if c.OpManagerAuthStatus != 0 {
		set("opmanager-auth-status", strconv.Itoa(c.OpManagerAuthStatus))
	}
	if c.TLS != nil {
		if c.TLS.Enabled {
			set("tls", "true")
		}
		set("tls-host", strings.Join(c.TLS.Hosts, ","))
		set("tls-ca-out", c.TLS.CAOut)
		set("tls-cert", c.TLS.Cert)
		set("tls-key", c.TLS.Key)
	}
	set("state-file", c.StateFile)
	if c.StateSaveInterval != 0 {
		set("state-save-interval", time.Duration(c.StateSaveInterval).String())
	}
	set("control-token", c.ControlToken)
	set("drift", strings.Join(c.Drifts, ","))
	return out
}

// FlagPath is where in the file a flag's value comes from, for errors.
var FlagPath = map[string]string{
	"addr": "addr", "seed": "seed", "seed-size": "seedSize", "product": "products", "log-level": "logLevel",
	"opmanager-auth-status": "opmanagerAuthStatus", "tls": "tls.enabled", "tls-host": "tls.hosts", "tls-ca-out": "tls.caOut",
	"tls-cert": "tls.cert", "tls-key": "tls.key", "state-file": "stateFile", "state-save-interval": "stateSaveInterval",
	"control-token": "controlToken", "drift": "drifts",
}

// Options are every mock option the file declares, for a Go test or
// program that reads a configuration file (serve reads Flags and
// ExtraOptions, so that its flags can win).
func (c *Config) Options() ([]mock.Option, error) {
	opts, err := c.ExtraOptions()
	if err != nil {
		return nil, err
	}
	if c.Addr != "" {
		opts = append(opts, mock.WithAddr(c.Addr))
	}
	if c.Seed != nil {
		opts = append(opts, mock.WithSeed(*c.Seed))
	}
	if c.SeedSize != nil {
		opts = append(opts, mock.WithSeedSize(*c.SeedSize))
	}
	if len(c.Products) > 0 {
		opts = append(opts, mock.WithProducts(c.Products...))
	}
	if c.OpManagerAuthStatus != 0 {
		opts = append(opts, mock.WithOpManagerAuthFailureStatus(c.OpManagerAuthStatus))
	}
	if len(c.Drifts) > 0 {
		opts = append(opts, mock.WithDrifts(c.Drifts...))
	}
	if c.ControlToken != "" {
		opts = append(opts, mock.WithControlToken(c.ControlToken))
	}
	if c.StateFile != "" {
		opts = append(opts, mock.WithStateFile(c.StateFile, time.Duration(c.StateSaveInterval)))
	}
	if t := c.TLS; t != nil && (t.Enabled || t.Cert != "") {
		opts = append(opts, mock.WithTLS(mock.TLS{Hosts: t.Hosts, CertFile: t.Cert, KeyFile: t.Key}))
	}
	return opts, nil
}

// ExtraOptions are the options the file declares beyond serve's flags:
// credentials, faults, the journal's size, and its objects (added to every
// freshly seeded state).
func (c *Config) ExtraOptions() ([]mock.Option, error) {
	faults, err := c.faults()
	if err != nil {
		return nil, err
	}
	opts := []mock.Option{mock.WithCredentials(c.credentials()), mock.WithSetup(c.setup)}
	if len(faults) > 0 {
		opts = append(opts, mock.WithFaults(faults...))
	}
	if c.JournalSize != 0 {
		if c.JournalSize < 0 {
			return nil, c.At("journalSize", "want a positive size")
		}
		opts = append(opts, mock.WithJournalSize(c.JournalSize))
	}
	return opts, nil
}

// Explain places an error of mock.New on what the file said: a credential,
// a fault, a drift. Others come back as they were.
func (c *Config) Explain(err error) error {
	var ce *Error
	if err == nil || errors.As(err, &ce) {
		return err
	}
	msg := productPrefix.ReplaceAllString(err.Error(), "")
	if m := credentialError.FindStringSubmatch(msg); m != nil {
		return c.At("credentials."+m[1]+m[2], strings.TrimSpace(m[3]))
	}
	if m := faultError.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return c.At(fmt.Sprintf("faults[%d]", n-1), m[2])
	}
	if m := driftError.FindStringSubmatch(msg); m != nil {
		for i, d := range c.Drifts {
			if d == m[1] {
				return c.At(fmt.Sprintf("drifts[%d]", i), "unknown drift (GET /_opsmock/drifts lists them)")
			}
		}
	}
	if strings.HasPrefix(msg, "opsmanager:") && len(c.Credentials.OpsManager) > 0 {
		return c.At("credentials.opsmanager", strings.TrimSpace(strings.TrimPrefix(msg, "opsmanager:")))
	}
	return err
}

var (
	credentialError = regexp.MustCompile(`^(pmp|opmanager)(\[\d+\](?:\.\w+)?): ?(.*)$`)
	faultError      = regexp.MustCompile(`^fault (\d+): (.*)$`)
	driftError      = regexp.MustCompile(`unknown drift "([^"]+)"`)
	productPrefix   = regexp.MustCompile(`^product \w+: `)
)

// setup adds the file's objects to a freshly seeded state.
func (c *Config) setup(s *mock.Server) error {
	o := c.Objects
	if p := s.PMP(); p != nil {
		if err := c.setupPMP(p); err != nil {
			return err
		}
	} else if len(o.PMP.Users)+len(o.PMP.UserGroups)+len(o.PMP.Resources) > 0 {
		return c.At("objects.pmp", "PMP is not served (products)")
	}
	if om := s.OpsManager(); om != nil {
		for i, k := range o.OpsManager.Keys {
			if _, err := om.AddKey(k.Desc, k.Roles...); err != nil {
				return c.At(fmt.Sprintf("objects.opsmanager.keys[%d]", i), err.Error())
			}
		}
		for i, e := range o.OpsManager.AccessList {
			if _, err := om.AddAccessListEntry(e.CIDRBlock, e.Description); err != nil {
				return c.At(fmt.Sprintf("objects.opsmanager.accessList[%d]", i), err.Error())
			}
		}
	} else if len(o.OpsManager.Keys)+len(o.OpsManager.AccessList) > 0 {
		return c.At("objects.opsmanager", "Ops Manager is not served (products)")
	}
	if opm := s.OpManager(); opm != nil {
		for i, d := range o.OpManager.Devices {
			if _, err := opm.AddDevice(opmanager.Device{Name: d.Name, DisplayName: d.DisplayName, IPAddress: d.IPAddress,
				Category: d.Category, Type: d.Type, Vendor: d.Vendor, Status: d.Status}); err != nil {
				return c.At(fmt.Sprintf("objects.opmanager.devices[%d]", i), err.Error())
			}
		}
		for i, a := range o.OpManager.Alarms {
			if _, err := opm.AddAlarm(opmanager.NewAlarm{Device: a.Device, Severity: a.Severity, Monitor: a.Monitor, Message: a.Message}); err != nil {
				return c.At(fmt.Sprintf("objects.opmanager.alarms[%d]", i), err.Error())
			}
		}
	} else if len(o.OpManager.Devices)+len(o.OpManager.Alarms) > 0 {
		return c.At("objects.opmanager", "OpManager is not served (products)")
	}
	return nil
}

func (c *Config) setupPMP(p *pmp.Product) error {
	o := c.Objects.PMP
	for i, u := range o.Users {
		if _, err := p.AddUser(pmp.NewUser{Name: u.Name, Role: u.Role, Email: u.Email, APIUser: u.APIUser, Host: u.Host}); err != nil {
			return c.At(fmt.Sprintf("objects.pmp.users[%d]", i), err.Error())
		}
	}
	for i, g := range o.UserGroups {
		for j, m := range g.Members {
			if err := p.AddUserToGroup(m, g.Name); err != nil {
				return c.At(fmt.Sprintf("objects.pmp.userGroups[%d].members[%d]", i, j), err.Error())
			}
		}
	}
	for i, r := range o.Resources {
		at := fmt.Sprintf("objects.pmp.resources[%d]", i)
		nr := pmp.NewResource{Name: r.Name, Type: r.Type, DNSName: r.DNSName, Description: r.Description, Owner: r.Owner}
		for _, a := range r.Accounts {
			nr.Accounts = append(nr.Accounts, pmp.Account{Name: a.Name, Password: a.Password})
		}
		if _, err := p.AddResource(nr); err != nil {
			return c.At(at, err.Error())
		}
		for j, sh := range r.SharedWith {
			if err := p.ShareResource(r.Name, sh.User, sh.Access); err != nil {
				return c.At(fmt.Sprintf("%s.sharedWith[%d]", at, j), err.Error())
			}
		}
	}
	return nil
}
