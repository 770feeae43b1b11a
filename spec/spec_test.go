package spec

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSpecsValidate loads every embedded spec; Load runs doc.Validate, which
// also validates every example against its schema.
func TestSpecsValidate(t *testing.T) {
	require.NotEmpty(t, Available())
	for _, p := range Available() {
		t.Run(p, func(t *testing.T) {
			doc, err := Load(p)
			require.NoError(t, err)
			require.NoError(t, doc.Validate(context.Background(), openapi3.EnableExamplesValidation()))
		})
	}
}

func TestOperationsHaveUniqueIDsAndSources(t *testing.T) {
	for _, p := range Available() {
		doc, err := Load(p)
		require.NoError(t, err)
		ops := Operations(p, doc)
		require.NotEmpty(t, ops)
		seen := map[string]bool{}
		for _, op := range ops {
			assert.NotEmpty(t, op.OperationID, "%s %s", op.Method, op.Path)
			assert.False(t, seen[op.OperationID], "duplicate operationId %s", op.OperationID)
			seen[op.OperationID] = true
			// Every operation must say where its contract comes from: a
			// source (x-doc) or the numbered seed sections (x-doc-sections).
			src := op.Op.Extensions["x-doc"]
			if src == nil {
				src = op.Op.Extensions["x-doc-sections"]
			}
			assert.NotEmpty(t, src, "%s lacks x-doc or x-doc-sections", op.OperationID)
		}
	}
}

func TestUnknownProduct(t *testing.T) {
	_, err := Load("nosuch")
	assert.ErrorIs(t, err, ErrUnknownProduct)
}

func TestOpsManagerOperations(t *testing.T) {
	doc, err := Load(OpsManager)
	require.NoError(t, err)
	got := map[string]string{}
	for _, op := range Operations(OpsManager, doc) {
		got[op.Method+" "+op.Path] = op.OperationID
	}
	want := map[string]string{
		"GET /api/public/v1.0/admin/apiKeys":                      "listGlobalApiKeys",
		"POST /api/public/v1.0/admin/apiKeys":                     "createGlobalApiKey",
		"GET /api/public/v1.0/admin/apiKeys/roles":                "listGlobalApiKeyRoles",
		"GET /api/public/v1.0/admin/apiKeys/{apiKeyId}":           "getGlobalApiKey",
		"PATCH /api/public/v1.0/admin/apiKeys/{apiKeyId}":         "updateGlobalApiKey",
		"DELETE /api/public/v1.0/admin/apiKeys/{apiKeyId}":        "deleteGlobalApiKey",
		"GET /api/public/v1.0/admin/accessList":                   "listGlobalAccessListEntries",
		"POST /api/public/v1.0/admin/accessList":                  "createGlobalAccessListEntry",
		"GET /api/public/v1.0/admin/accessList/{accessListId}":    "getGlobalAccessListEntry",
		"PATCH /api/public/v1.0/admin/accessList/{accessListId}":  "updateGlobalAccessListEntry",
		"DELETE /api/public/v1.0/admin/accessList/{accessListId}": "deleteGlobalAccessListEntry",
		"GET /api/public/v1.0/admin/whitelist":                    "listGlobalWhitelistEntries",
		"POST /api/public/v1.0/admin/whitelist":                   "createGlobalWhitelistEntry",
		"GET /api/public/v1.0/admin/whitelist/{accessListId}":     "getGlobalWhitelistEntry",
		"PATCH /api/public/v1.0/admin/whitelist/{accessListId}":   "updateGlobalWhitelistEntry",
		"DELETE /api/public/v1.0/admin/whitelist/{accessListId}":  "deleteGlobalWhitelistEntry",
	}
	assert.Equal(t, want, got)
}
