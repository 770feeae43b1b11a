package spec

import (
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// headerOnlyURLs is the list OPM-KEYS gives under "How to send an apiKey?".
var headerOnlyURLs = []string{
	"/api/json/alarm/listAlarms",
	"/api/json/admin/addLinuxCredential",
	"/api/json/discovery/addDiscoveryProfile",
	"/api/json/discovery/editDiscoveryProfile",
	"/api/json/v2/discovery/addDiscoveryProfile",
	"/api/json/v2/discovery/editDiscoveryProfile",
	"/api/json/ncmsettings/importSSHKey",
	"/api/json/ncmsettings/importDevices",
	"/api/json/ncmsettings/uploadConfigletFile",
	"/api/json/ncmsettings/uploadConfigletPreView",
	"/api/json/ncmsettings/importConfiglets",
	"/api/json/ncmdevice/updateHostNamefromFileImp",
	"/api/json/ncmdevice/editCustomColfromFileImp",
	"/api/json/ncmdevice/importDG",
	"/api/json/ipam/addSubnet",
	"/api/json/spm/addSwitch",
}

func TestOpManagerExtensions(t *testing.T) {
	doc, err := Load(OpManager)
	require.NoError(t, err)
	var headerOnly []string
	for _, op := range Operations(OpManager, doc) {
		assert.NotEmpty(t, op.Op.Extensions["x-module"], "%s lacks x-module", op.OperationID)
		if op.Op.Extensions["x-header-only"] == true {
			headerOnly = append(headerOnly, op.Path)
			require.NotNil(t, op.Op.Security, "%s: header-only needs its own security", op.OperationID)
			require.Len(t, *op.Op.Security, 1, op.OperationID)
			assert.Contains(t, (*op.Op.Security)[0], "apiKeyHeader", op.OperationID)
		}
	}
	want := append([]string(nil), headerOnlyURLs...)
	sort.Strings(want)
	sort.Strings(headerOnly)
	assert.Equal(t, want, headerOnly)
}
