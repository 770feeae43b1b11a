package pmp_test

import (
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type deployRow struct{ Server, Message, Status string }

func TestDeployCertificate(t *testing.T) {
	e := newEnv(t)
	deploy := func(in obj) (pkiEnvelope, []deployRow) {
		v := e.pkiEnv(e.do(pkiReq(http.MethodPost, "deployCertificate", in)))
		require.NotNil(t, v.Result)
		var rows []deployRow
		requireJSON(t, v.DeployStatus, &rows)
		require.Equal(t, len(rows), *v.TotalRows)
		return v, rows
	}
	// §64's sample.
	v, rows := deploy(obj{"common_name": "testcert", "serial_number": "1004", "serverName": "testmachine"})
	assert.Equal(t, "DeployCertificate", v.Name)
	assert.Equal(t, "Success", v.Result.Status)
	assert.Equal(t, "Certificate deployment is successful.", v.Result.Message)
	assert.Equal(t, []deployRow{{"testmachine", "Certificate testcert of format CER and PFX deployed in testmachine successfully.", "Success"}}, rows)
	assert.False(t, e.details("testcert")[0].IsCertInstalledMulipleServers)

	// Every saved server, one of them down; PMP lacks zoho's key: CER only.
	v, rows = deploy(obj{"common_name": "*.zoho.com"})
	assert.Equal(t, "Success", v.Result.Status)
	assert.Equal(t, "Certificate deployment failed for some servers.", v.Result.Message)
	assert.Equal(t, []deployRow{
		{"testmachine", "Certificate *.zoho.com of format CER deployed in testmachine successfully.", "Success"},
		{"web-01.opsmock.test", "Certificate *.zoho.com of format CER deployed in web-01.opsmock.test successfully.", "Success"},
		{"legacy-iis-01", "Unable to connect to legacy-iis-01.", "Failed"},
	}, rows)
	assert.True(t, e.details("*.zoho.com")[0].IsCertInstalledMulipleServers)

	v, rows = deploy(obj{"common_name": "mycert", "serverName": "legacy-iis-01"})
	assert.Equal(t, "Failed", v.Result.Status, "every server failed")
	assert.Equal(t, "Certificate deployment failed.", v.Result.Message)
	assert.Len(t, rows, 1)

	net := e.network()
	deployed := map[string][]string{}
	for _, s := range net.Servers {
		for _, d := range s.Deployed {
			deployed[s.Name] = append(deployed[s.Name], d.CommonName+" "+d.Formats)
		}
	}
	assert.Equal(t, map[string][]string{
		"testmachine":         {"testcert CER and PFX", "*.zoho.com CER"},
		"web-01.opsmock.test": {"*.zoho.com CER"},
	}, deployed, "the simulated servers hold what was deployed")

	assert.Equal(t, "Server nope is not a saved deployment server.",
		e.pfails(pkiReq(http.MethodPost, "deployCertificate", obj{"common_name": "testcert", "serverName": "nope"})))
	assert.Equal(t, "Certificate nope not found.", e.pfails(pkiReq(http.MethodPost, "deployCertificate", obj{"common_name": "nope"})))
}

func TestInstallKey(t *testing.T) {
	e := newEnv(t)
	key := func() string {
		v := e.pok(pkiReq(http.MethodPost, "generateInstallKey", nil))
		assert.Equal(t, "GetAgentInstallKey", v.Name)
		assert.Equal(t, "Agent install key fetched successfully", v.Result.Message)
		assert.Equal(t, 1, *v.TotalRows)
		assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{16}$`), v.AgentInstallKey)
		return v.AgentInstallKey
	}
	first := key()
	e.clock.Advance(23 * time.Hour)
	assert.Equal(t, first, key(), "the same key while it is valid")
	e.clock.Advance(time.Hour)
	second := key()
	assert.NotEqual(t, first, second, "a new one after 24 hours")
	assert.Equal(t, second, key())
	assert.Contains(t, e.pfails(e.pkiAs("pwdadmin", pkiReq(http.MethodPost, "generateInstallKey", nil))), "It needs one of the roles: Administrator.")
}
