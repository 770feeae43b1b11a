package pmp_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (e *env) discover(op string, in obj) map[string][2]string {
	e.t.Helper()
	v := e.pkiEnv(e.do(pkiReq(http.MethodPost, op, in)))
	require.Nil(e.t, v.Result, "discovery answers carry no result (§40, §41): %+v", v.Result)
	assert.Equal(e.t, "Get SSL Discovery", v.Name)
	out := pkiDetails[map[string][2]string](e.t, v)
	require.Equal(e.t, len(out), *v.TotalRows)
	return out
}

func TestSingleDiscovery(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		host, port string // "" leaves PORT out
		want       [2]string
	}{
		{"zoho.com", "443", [2]string{"SUCCESS", "SSL Certificate already available, *.zoho.com certificate found at port 443"}},
		{"204.141.32.155", "", [2]string{"SUCCESS", "SSL Certificate already available, *.zoho.com certificate found at port 443"}},
		{"de-ubuntu10-1", "", [2]string{"SUCCESS", "de-ubuntu10-1 certificate found at port 443 and added to the certificate repository"}},
		{"DE-UBUNTU10-1", "443", [2]string{"SUCCESS", "SSL Certificate already available, de-ubuntu10-1 certificate found at port 443"}},
		{"de-ubuntu10-1", "8443", [2]string{"FAILURE", "Connection failed,no certificate found at port 8443"}},
		{"unknown.example", "443", [2]string{"FAILURE", "Connection timed out,no certificate found at port 443"}},
	}
	for _, c := range cases {
		t.Run(c.host+":"+c.port, func(t *testing.T) {
			in := obj{"HOST": c.host, "TIMEOUT": "300"}
			if c.port != "" {
				in["PORT"] = c.port
			}
			assert.Equal(t, map[string][2]string{c.host: c.want}, e.discover("sslCertSingleDiscovery", in))
		})
	}
	var found *certRow
	for _, r := range e.certs("", nil) {
		if r.CommonName == "de-ubuntu10-1" {
			found = &r
		}
	}
	require.NotNil(t, found, "the discovered certificate joined the repository")
	assert.Equal(t, "de-ubuntu10-1", found.DNSName)
	assert.Equal(t, 443, found.Port)
	d := e.details("de-ubuntu10-1")[0]
	assert.Equal(t, "de-ubuntu10-1", d.Endpoint.HostName, "the common name (§35)")
	assert.Equal(t, "192.168.216.10", d.Ipaddress, "the address it was found at")
	assert.Equal(t, "443", d.Endpoint.Port)

	assert.Equal(t, "PORT must be between 1 and 65535.", e.pfails(pkiReq(http.MethodPost, "sslCertSingleDiscovery", obj{"HOST": "zoho.com", "PORT": "70000"})))
	assert.Equal(t, "HOST is mandatory in INPUT_DATA.", e.pfails(pkiReq(http.MethodPost, "sslCertSingleDiscovery", obj{"PORT": "443"})))
}

func TestRangeDiscovery(t *testing.T) {
	e := newEnv(t)
	got := e.discover("sslCertRangeDiscovery", obj{"StartIpAddress": "192.168.216.0", "EndIpAddress": "192.168.216.5", "TIMEOUT": "3", "PORT": "443"})
	timedOut := [2]string{"FAILURE", "Connection timed out,no certificate found at port 443"}
	assert.Equal(t, map[string][2]string{
		"192.168.216.0": timedOut,
		"192.168.216.1": {"FAILURE", "Connection failed,no certificate found at port 443"},
		"192.168.216.2": timedOut, "192.168.216.3": timedOut, "192.168.216.4": timedOut,
		"192.168.216.5": {"SUCCESS", "nas-5.opsmock.test certificate found at port 443 and added to the certificate repository"},
	}, got)
	assert.Contains(t, certNames(e.certs("", nil)), "nas-5.opsmock.test")
	assert.Len(t, e.discover("sslCertRangeDiscovery", obj{"StartIpAddress": "10.0.0.0", "EndIpAddress": "10.0.0.255"}), 256, "the limit itself")
	assert.Len(t, e.discover("sslCertRangeDiscovery", obj{"StartIpAddress": "10.0.0.7", "EndIpAddress": "10.0.0.7"}), 1)

	cases := []struct {
		name       string
		start, end string
		want       string
	}{
		{"too many", "10.0.0.0", "10.0.1.0", "The range has 257 addresses; at most 256 can be discovered at once."},
		{"a whole /8", "10.0.0.0", "10.255.255.255", "The range has 16777216 addresses; at most 256 can be discovered at once."},
		{"backwards", "10.0.0.9", "10.0.0.1", "EndIpAddress must not come before StartIpAddress."},
		{"not an address", "ten", "10.0.0.1", "StartIpAddress in INPUT_DATA is not valid."},
		{"IPv6", "10.0.0.1", "::1", "EndIpAddress in INPUT_DATA is not valid."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, e.pfails(pkiReq(http.MethodPost, "sslCertRangeDiscovery", obj{"StartIpAddress": c.start, "EndIpAddress": c.end})))
		})
	}
}

// TestDiscoveryNeverConnects: a real TLS server on loopback is not found,
// and sees no connection: discovery only reads the simulated network.
func TestDiscoveryNeverConnects(t *testing.T) {
	var conns atomic.Int32
	ts := httptest.NewUnstartedServer(http.NotFoundHandler())
	ts.Config.ConnState = func(net.Conn, http.ConnState) { conns.Add(1) }
	ts.StartTLS()
	defer ts.Close()
	host, port, err := net.SplitHostPort(ts.Listener.Addr().String())
	require.NoError(t, err)

	e := newEnv(t)
	got := e.discover("sslCertSingleDiscovery", obj{"HOST": host, "PORT": port})
	assert.Equal(t, "FAILURE", got[host][0])
	got = e.discover("sslCertRangeDiscovery", obj{"StartIpAddress": host, "EndIpAddress": host, "PORT": port})
	assert.Equal(t, "Connection timed out,no certificate found at port "+strconv.Itoa(mustAtoi(t, port)), got[host][1])
	assert.Zero(t, conns.Load(), "nothing connected to the real server")
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}
