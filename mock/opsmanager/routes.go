package opsmanager

// routes is the registration table: every operationId of
// spec/opsmanager.yaml and the handler that serves it. New refuses to start
// when the two disagree, and a test says which side is missing what.
func (p *Product) routes() map[string]handler {
	return map[string]handler{
		"listGlobalApiKeys":     p.listKeys,
		"createGlobalApiKey":    p.createKey,
		"getGlobalApiKey":       p.getKey,
		"updateGlobalApiKey":    p.updateKey,
		"deleteGlobalApiKey":    p.deleteKey,
		"listGlobalApiKeyRoles": p.listRoles,

		"listGlobalAccessListEntries": p.listAccess,
		"createGlobalAccessListEntry": p.createAccess,
		"getGlobalAccessListEntry":    p.getAccess,
		"updateGlobalAccessListEntry": p.updateAccess,
		"deleteGlobalAccessListEntry": p.deleteAccess,

		// Legacy /admin/whitelist paths (x-alias-of in the spec).
		"listGlobalWhitelistEntries": p.listAccess,
		"createGlobalWhitelistEntry": p.createAccess,
		"getGlobalWhitelistEntry":    p.getAccess,
		"updateGlobalWhitelistEntry": p.updateAccess,
		"deleteGlobalWhitelistEntry": p.deleteAccess,
	}
}
