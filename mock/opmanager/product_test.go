package opmanager

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/spec"
	"github.com/opsmock/opsmock/spec/contract"
)

// TestRegistrationTableMatchesSpec: every operationId has a handler and every
// handler an operation (contract.CheckTable is shown to catch drift in its own test).
func TestRegistrationTableMatchesSpec(t *testing.T) {
	p, err := New(Config{})
	require.NoError(t, err)
	assert.NoError(t, contract.CheckTable(p.contract, p.routes()))
}

func TestModulesAndAPIsComeFromTheSpec(t *testing.T) {
	p, err := New(Config{})
	require.NoError(t, err)
	doc, err := spec.Load(spec.OpManager)
	require.NoError(t, err)
	var want []string
	for _, op := range spec.Operations(spec.OpManager, doc) {
		if m, _ := op.Op.Extensions["x-module"].(string); !slices.Contains(want, m) {
			want = append(want, m)
		}
	}
	slices.Sort(want)
	assert.Equal(t, want, p.modules, "one module per x-module, sorted")
	assert.Contains(t, p.modules, "Alarms", "the seeded module key's module")
	assert.True(t, p.apis["v1/ncmsettings/getSysLogBlockedHosts"])
	assert.True(t, p.apis["alarm/listAlarms"])
	assert.Len(t, p.apis, len(p.contract.Operations()), "every operation has a path of its own")
}

func TestContiguousMask(t *testing.T) {
	for mask, want := range map[string]bool{
		"255.255.255.0": true, "255.255.255.255": true, "0.0.0.0": true, "255.255.128.0": true,
		"255.0.255.0": false, "0.255.255.255": false, "255.255.255.1": false, "nonsense": false,
	} {
		assert.Equal(t, want, contiguousMask(mask), mask)
	}
}

func TestPrettyTime(t *testing.T) {
	for age, want := range map[time.Duration]string{
		10 * time.Second: "just now", time.Minute: "1 minute ago", 10 * time.Minute: "10 minutes ago",
		3 * time.Hour: "3 hours ago", 49 * time.Hour: "2 days ago",
	} {
		assert.Equal(t, want, prettyTime(age))
	}
}

func TestKeyStatus(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Second), now.Add(time.Second)
	cases := []struct {
		k    apiKey
		want string
	}{
		{apiKey{Enabled: true}, statusEnabled},
		{apiKey{Enabled: true, ExpiresAt: &future}, statusEnabled},
		{apiKey{Enabled: true, ExpiresAt: &now}, statusExpired}, // expires at that instant
		{apiKey{Enabled: true, ExpiresAt: &past}, statusExpired},
		{apiKey{Enabled: false, ExpiresAt: &past}, statusDisabled},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, tc.k.status(now))
	}
}
