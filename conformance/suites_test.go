package conformance_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/conformance"
)

func TestChecksAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, product := range conformance.Products() {
		checks, err := conformance.List(product)
		require.NoError(t, err)
		require.NotEmpty(t, checks)
		for _, c := range checks {
			assert.NoError(t, c.Validate())
			assert.True(t, strings.HasPrefix(c.ID, product+"."), "%s is in the %s suite", c.ID, product)
			assert.False(t, seen[c.ID], "%s twice", c.ID)
			seen[c.ID] = true
		}
	}
	_, err := conformance.List("jira")
	assert.Error(t, err)
}
