package opmanager_test

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every operation's well-formed request, and the failures the key model
// and validation give it, are the fixtures scenario
// (internal/fixturegen/opmanager.go); its tests send them to the mock and
// validate every answer against the spec.

func TestInterfaces(t *testing.T) {
	e := newEnv(t)
	plain := decode[[]map[string]any](t, e.get("device/listDevices", nil))
	with := decode[[]map[string]any](t, e.get("device/listDevices", url.Values{"getInterfaces": {"true"}}))
	require.Len(t, with, len(plain))
	for i := range with {
		assert.NotContains(t, plain[i], "interfaces")
		ifs, _ := with[i]["interfaces"].([]any)
		assert.Len(t, ifs, int(with[i]["interfaceCount"].(float64)), "interfaceCount counts the interfaces")
	}
}
