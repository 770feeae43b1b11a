package opsmanager

// routes is the registration table: every operationId of
// spec/opsmanager.yaml and the handler that serves it. New refuses to start
// when the two disagree, and a test says which side is missing what.
// pure(...) marks a read whose answer depends on the state, the key and
// the request alone: see pure.
func (p *Product) routes() map[string]handler {
	return map[string]handler{
		"listGlobalApiKeys":     pure(p.listKeys),
		"createGlobalApiKey":    p.createKey,
		"getGlobalApiKey":       pure(p.getKey),
		"updateGlobalApiKey":    p.updateKey,
		"deleteGlobalApiKey":    p.deleteKey,
		"listGlobalApiKeyRoles": pure(p.listRoles),

		"listGlobalAccessListEntries": pure(p.listAccess),
		"createGlobalAccessListEntry": p.createAccess,
		"getGlobalAccessListEntry":    pure(p.getAccess),
		"updateGlobalAccessListEntry": p.updateAccess,
		"deleteGlobalAccessListEntry": p.deleteAccess,

		// Legacy /admin/whitelist paths (x-alias-of in the spec).
		"listGlobalWhitelistEntries": pure(p.listAccess),
		"createGlobalWhitelistEntry": p.createAccess,
		"getGlobalWhitelistEntry":    pure(p.getAccess),
		"updateGlobalWhitelistEntry": p.updateAccess,
		"deleteGlobalWhitelistEntry": p.deleteAccess,
	}
}
