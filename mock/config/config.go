// Package config reads an opsmock configuration file: what serve's flags
// set (address, seed, products, TLS, state file, log level, …) and what
// they cannot (credentials of every product, fixed objects, drifts and
// faults). Reading is strict: an unknown key, a value of the wrong kind
// or one the mock would refuse is an error at file:line:column with the
// reason.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/opmanager"
	"github.com/opsmock/opsmock/mock/opsmanager"
	"github.com/opsmock/opsmock/mock/pmp"
)

// Config is a configuration file.
type Config struct {
	Addr                string      `yaml:"addr"`
	Seed                *uint64     `yaml:"seed"`
	SeedSize            *int        `yaml:"seedSize"`
	Products            []string    `yaml:"products"`
	LogLevel            string      `yaml:"logLevel"`
	OpManagerAuthStatus int         `yaml:"opmanagerAuthStatus"`
	TLS                 *TLS        `yaml:"tls"`
	StateFile           string      `yaml:"stateFile"`
	StateSaveInterval   Duration    `yaml:"stateSaveInterval"`
	ControlToken        string      `yaml:"controlToken"`
	JournalSize         int         `yaml:"journalSize"`
	Drifts              []string    `yaml:"drifts"`
	Faults              []Fault     `yaml:"faults"`
	Credentials         Credentials `yaml:"credentials"`
	Objects             Objects     `yaml:"objects"`

	file      string
	positions map[string]yaml.Node // by path: where each value stands
}

// TLS is serve's --tls, --tls-host, --tls-ca-out, --tls-cert, --tls-key.
type TLS struct {
	Enabled bool     `yaml:"enabled"`
	Hosts   []string `yaml:"hosts"`
	CAOut   string   `yaml:"caOut"`
	Cert    string   `yaml:"cert"`
	Key     string   `yaml:"key"`
}

// Fault is a transport fault: the --fault form in spec, or its fields.
type Fault struct {
	Spec        string   `yaml:"spec"`
	Kind        string   `yaml:"kind"`
	Product     string   `yaml:"product"`
	OperationID string   `yaml:"operationId"`
	Probability float64  `yaml:"probability"`
	Count       int      `yaml:"count"`
	Delay       Duration `yaml:"delay"`
	DelayMax    Duration `yaml:"delayMax"`
	Status      int      `yaml:"status"`
	Limit       int      `yaml:"limit"`
	Window      Duration `yaml:"window"`
}

// Credentials are credentials of your own, per product.
type Credentials struct {
	PMP []struct {
		User      string `yaml:"user"`
		Role      string `yaml:"role"`
		AuthToken string `yaml:"authToken"`
		Host      string `yaml:"host"`
	} `yaml:"pmp"`
	OpsManager []struct {
		PublicKey  string   `yaml:"publicKey"`
		PrivateKey string   `yaml:"privateKey"`
		Roles      []string `yaml:"roles"`
		Desc       string   `yaml:"desc"`
	} `yaml:"opsmanager"`
	OpManager []struct {
		User       string            `yaml:"user"`
		Name       string            `yaml:"name"`
		APIKey     string            `yaml:"apiKey"`
		AccessType string            `yaml:"accessType"`
		Modules    map[string]string `yaml:"modules"`
		APIs       []string          `yaml:"apis"`
		Status     string            `yaml:"status"`
		ExpiresAt  *time.Time        `yaml:"expiresAt"`
	} `yaml:"opmanager"`
}

// Objects are objects every freshly seeded state gets.
type Objects struct {
	PMP struct {
		Users []struct {
			Name    string `yaml:"name"`
			Role    string `yaml:"role"`
			Email   string `yaml:"email"`
			APIUser bool   `yaml:"apiUser"`
			Host    string `yaml:"host"`
		} `yaml:"users"`
		UserGroups []struct {
			Name    string   `yaml:"name"`
			Members []string `yaml:"members"`
		} `yaml:"userGroups"`
		Resources []struct {
			Name        string `yaml:"name"`
			Type        string `yaml:"type"`
			DNSName     string `yaml:"dnsName"`
			Description string `yaml:"description"`
			Owner       string `yaml:"owner"`
			Accounts    []struct {
				Name     string `yaml:"name"`
				Password string `yaml:"password"`
			} `yaml:"accounts"`
			SharedWith []struct {
				User   string `yaml:"user"`
				Access string `yaml:"access"`
			} `yaml:"sharedWith"`
		} `yaml:"resources"`
	} `yaml:"pmp"`
	OpsManager struct {
		Keys []struct {
			Desc  string   `yaml:"desc"`
			Roles []string `yaml:"roles"`
		} `yaml:"keys"`
		AccessList []struct {
			CIDRBlock   string `yaml:"cidrBlock"`
			Description string `yaml:"description"`
		} `yaml:"accessList"`
	} `yaml:"opsmanager"`
	OpManager struct {
		Devices []struct {
			Name        string `yaml:"name"`
			DisplayName string `yaml:"displayName"`
			IPAddress   string `yaml:"ipAddress"`
			Category    string `yaml:"category"`
			Type        string `yaml:"type"`
			Vendor      string `yaml:"vendor"`
			Status      int    `yaml:"status"`
		} `yaml:"devices"`
		Alarms []struct {
			Device   string `yaml:"device"`
			Severity int    `yaml:"severity"`
			Monitor  string `yaml:"monitor"`
			Message  string `yaml:"message"`
		} `yaml:"alarms"`
	} `yaml:"opmanager"`
}

// Duration is "200ms", "30s", "1m".
type Duration time.Duration

// UnmarshalYAML reads a Go duration.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("%q is not a duration (200ms, 30s, 1m)", n.Value)
	}
	*d = Duration(v)
	return nil
}

// Error is a configuration error at a place in the file.
type Error struct {
	File         string
	Line, Column int
	Path         string // the key's path, credentials.pmp[0].role
	Reason       string
}

func (e *Error) Error() string {
	at := e.File
	if e.Line > 0 {
		at = fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Column)
	}
	if e.Path != "" {
		return fmt.Sprintf("%s: %s: %s", at, e.Path, e.Reason)
	}
	return fmt.Sprintf("%s: %s", at, e.Reason)
}

// Load reads and checks a configuration file.
func Load(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Reason: err.Error()}
	}
	return Parse(path, b)
}

// Parse reads and checks a configuration; name is used in errors.
func Parse(name string, data []byte) (*Config, error) {
	c := &Config{file: name, positions: map[string]yaml.Node{}}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil // an empty file is an empty configuration
		}
		return nil, &Error{File: name, Line: yamlLine(err.Error()), Column: 1, Reason: yamlReason(err.Error())}
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	if err := c.walk(doc.Content[0], reflect.TypeOf(*c), ""); err != nil {
		return nil, err
	}
	if err := doc.Content[0].Decode(c); err != nil {
		return nil, &Error{File: name, Line: yamlLine(err.Error()), Column: 1, Reason: yamlReason(err.Error())}
	}
	return c, nil
}

// walk checks a node against the Go type it decodes into: no key the type
// does not have, no mapping where a list goes, and so on; and records
// where each path stands.
func (c *Config) walk(n *yaml.Node, t reflect.Type, path string) error {
	c.positions[path] = *n
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeOf(Duration(0)) || t == reflect.TypeOf(time.Time{}) {
		return c.want(n, yaml.ScalarNode, path, "a single value")
	}
	switch t.Kind() {
	case reflect.Struct:
		if err := c.want(n, yaml.MappingNode, path, "a mapping (key: value)"); err != nil {
			return err
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := n.Content[i], n.Content[i+1]
			f, ok := fieldByTag(t, key.Value)
			if !ok {
				return c.errAt(key, join(path, key.Value), fmt.Sprintf("unknown key (known: %s)", strings.Join(tags(t), ", ")))
			}
			if err := c.walk(value, f.Type, join(path, key.Value)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if err := c.want(n, yaml.SequenceNode, path, "a list"); err != nil {
			return err
		}
		for i, item := range n.Content {
			if err := c.walk(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		if err := c.want(n, yaml.MappingNode, path, "a mapping (key: value)"); err != nil {
			return err
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := c.walk(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value)); err != nil {
				return err
			}
		}
	default:
		return c.want(n, yaml.ScalarNode, path, "a single value")
	}
	return nil
}

func (c *Config) want(n *yaml.Node, kind yaml.Kind, path, what string) error {
	if n.Kind == kind || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	return c.errAt(n, path, "want "+what)
}

func (c *Config) errAt(n *yaml.Node, path, reason string) *Error {
	return &Error{File: c.file, Line: n.Line, Column: n.Column, Path: path, Reason: reason}
}

// At is an error about the value at path, placed where it stands in the
// file (or, for a path not written there, where its nearest parent is).
func (c *Config) At(path, reason string) *Error {
	for p := path; ; {
		if n, ok := c.positions[p]; ok {
			return &Error{File: c.file, Line: n.Line, Column: n.Column, Path: path, Reason: reason}
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			return &Error{File: c.file, Path: path, Reason: reason}
		}
		p = p[:i]
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func fieldByTag(t reflect.Type, tag string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if name, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); name == tag && f.IsExported() {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func tags(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); name != "" && t.Field(i).IsExported() {
			out = append(out, name)
		}
	}
	return out
}

// yamlReason is a yaml.v3 message without its "yaml: line N:" lead.
func yamlReason(msg string) string {
	return yamlLead.ReplaceAllString(strings.ReplaceAll(msg, "\n", "; "), "")
}

var yamlLead = regexp.MustCompile(`(yaml: )?(unmarshal errors:; +)?(line \d+: )?`)

// yamlLine reads "line N" out of a yaml.v3 message.
func yamlLine(msg string) int {
	var n int
	if i := strings.Index(msg, "line "); i >= 0 {
		_, _ = fmt.Sscanf(msg[i:], "line %d", &n)
	}
	return n
}

// Faults reads the file's faults.
func (c *Config) faults() ([]mock.Fault, error) {
	var out []mock.Fault
	for i, f := range c.Faults {
		path := fmt.Sprintf("faults[%d]", i)
		if f.Spec != "" {
			mf, err := mock.ParseFault(f.Spec)
			if err != nil {
				return nil, c.At(path+".spec", err.Error())
			}
			out = append(out, mf)
			continue
		}
		out = append(out, mock.Fault{Kind: f.Kind, Product: f.Product, OperationID: f.OperationID, Probability: f.Probability,
			Count: f.Count, Delay: mock.FaultDuration(f.Delay), DelayMax: mock.FaultDuration(f.DelayMax), StatusCode: f.Status,
			Limit: f.Limit, Window: mock.FaultDuration(f.Window)})
	}
	return out, nil
}

// credentials turns the file's credentials into the mock's.
func (c *Config) credentials() mock.Credentials {
	var out mock.Credentials
	for _, u := range c.Credentials.PMP {
		out.PMP = append(out.PMP, pmp.TokenCredential{User: u.User, Role: u.Role, AuthToken: u.AuthToken, Host: u.Host})
	}
	for _, k := range c.Credentials.OpsManager {
		out.OpsManager = append(out.OpsManager, opsmanager.KeyCredential{PublicKey: k.PublicKey, PrivateKey: k.PrivateKey, Roles: k.Roles, Desc: k.Desc})
	}
	for _, k := range c.Credentials.OpManager {
		out.OpManager = append(out.OpManager, opmanager.KeyCredential{User: k.User, Name: k.Name, APIKey: k.APIKey, AccessType: k.AccessType,
			Modules: k.Modules, APIs: k.APIs, Status: k.Status, ExpiresAt: k.ExpiresAt})
	}
	return out
}
