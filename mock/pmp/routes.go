package pmp

// table is the registration table: every operationId of spec/pmp.yaml, the
// envelope name it answers with (the document's own, section by section) and
// its handler. New refuses to start when it and the spec disagree.
func (p *Product) table() map[string]route {
	return map[string]route{
		// Resources and accounts.
		"getResources":                 {pure: true, name: "GET RESOURCES", handle: getResources},                       // §1
		"getResourceAccounts":          {pure: true, name: "GET RESOURCE ACCOUNTLIST", handle: getResourceAccounts},     // §2
		"getAccountDetails":            {name: "GET RESOURCE ACCOUNT DETAILS", handle: getAccountDetails},               // §3
		"getAccountPassword":           {name: "GET PASSWORD", handle: getAccountPassword},                              // §4
		"changeAccountPassword":        {name: "CHANGE PASSWORD", handle: changeAccountPassword},                        // §5
		"createResource":               {name: "CREATE RESOURCE", handle: createResource},                               // §6
		"getResourceIdAccountId":       {name: "GET_RESOURCEACCOUNTID", handle: getResourceIdAccountId},                 // §7
		"getResourceIdByName":          {name: "GET_RESOURCEID", handle: getResourceIdByName},                           // §8
		"deleteResource":               {name: "DELETE RESOURCE", handle: deleteResource},                               // §9
		"editResource":                 {name: "EDIT RESOURCE", handle: editResource},                                   // §18
		"deleteAccount":                {name: "DELETE ACCOUNT", handle: deleteAccount},                                 // §19
		"downloadFile":                 {name: "DOWNLOAD FILE", handle: downloadFile},                                   // §20 (failures only)
		"createAccounts":               {name: "ADD ACCOUNTS", handle: createAccounts},                                  // §21
		"editAccount":                  {name: "EDIT ACCOUNT", handle: editAccount},                                     // §22
		"configureRemotePasswordReset": {name: "CONFIGURE REMOTE PASSWORD RESET", handle: configureRemotePasswordReset}, // §63
		"getResourceTypes":             {pure: true, name: "GET RESOURCE TYPES", handle: getResourceTypes},              // §78
		"getAssociatedGroups":          {name: "GET ASSOCIATED GROUPS", handle: getAssociatedGroups},                    // §81
		"getAccountTOTP":               {name: "FETCH_CURRENT_TOTP", handle: getAccountTOTP},                            // §91

		// Password access control.
		"requestPassword":        {name: "REQUEST_PASSWORD", handle: requestPassword},             // §10
		"getPasswordRequests":    {name: "GET_PASSWORDREQUEST", handle: getPasswordRequests},      // §11
		"rejectPasswordRequest":  {name: "ADMIN_REQUEST_REJECT", handle: rejectPasswordRequest},   // §12
		"approvePasswordRequest": {name: "ADMIN_REQUEST_APPROVE", handle: approvePasswordRequest}, // §13
		"checkinPassword":        {name: "ADMIN_REQUEST_CHECKIN", handle: checkinPassword},        // §14
		"checkoutPassword":       {name: "REQUEST_CHECKOUT", handle: checkoutPassword},            // §15

		// Passwords.
		"generatePassword":    {name: "GENERATE PASSWORD", handle: generatePassword},                    // §16
		"getPasswordPolicies": {pure: true, name: "GET PASSWORD POLICIES", handle: getPasswordPolicies}, // §77
		"validatePassword":    {name: "VALIDATE_PASSWORD", handle: validatePassword},                    // §86

		// Users and user groups.
		"createUser":              {name: "CREATE_USER", handle: createUser},                              // §17, §24
		"deleteUser":              {name: "DELETE USER", handle: deleteUser},                              // §23
		"getUserId":               {name: "get_USERID", handle: getUserId},                                // §46
		"deleteUserByName":        {name: "DELETE USER", handle: deleteUserByName},                        // §47
		"addUserToUserGroup":      {name: "ADD USER TO USERGROUP", handle: addUserToUserGroup},            // §48
		"lockUser":                {name: "LOCK USER", handle: lockUser},                                  // §49
		"unlockUser":              {name: "UNLOCK USER", handle: unlockUser},                              // §50
		"getUserGroupId":          {name: "GET_USERGROUPID", handle: getUserGroupId},                      // §62
		"resetMFA":                {name: "Reset MFA", handle: resetMFA},                                  // §84
		"deleteUserGroups":        {name: "DELETE_USERGROUP", handle: deleteUserGroups},                   // §87
		"removeUserFromUserGroup": {name: "REMOVE USER FROM USER_GROUP", handle: removeUserFromUserGroup}, // §90

		// Resource groups and sharing.
		"createResourceGroup":   {name: "CREATE RESOURCE GROUP", handle: createResourceGroup},                       // §54
		"shareResource":         {name: "SHARE RESOURCE", handle: shareResource},                                    // §56, §58
		"shareAccount":          {name: "SHARE ACCOUNT", handle: shareAccount},                                      // §57, §59
		"shareResourceGroups":   {name: "SHARE_RESOURCEGROUP(S)", operationName: true, handle: shareResourceGroups}, // §60, §61
		"associateResources":    {name: "ASSOCIATE RESOURCES", handle: associateResources},                          // §79
		"disassociateResources": {name: "DISASSOCIATE RESOURCES", handle: disassociateResources},                    // §80
		"deleteResourceGroup":   {name: "DELETE RESOURCE GROUP", handle: deleteResourceGroup},                       // §82
		"getResourceGroupId":    {name: "GET RESOURCE GROUP ID", handle: getResourceGroupId},                        // §83
		"getResourceGroups":     {pure: true, name: "GET_RESOURCE_GROUPS", handle: getResourceGroups},               // §85

		// Audit and server.
		"getAudit":    {name: "GET_AUDIT", handle: getAudit},                               // §55
		"getAgentKey": {name: "Fetch Agent Key", operationName: true, handle: getAgentKey}, // §88
		"getHAStatus": {name: "Get HA Status", handle: getHAStatus},                        // §89

		// PKI: SSH keys.
		"createSSHKey":          {name: "CreateSSHKey", pki: true, handle: createSSHKey},                   // §25
		"deleteSSHKey":          {name: "DeleteSSHKey", pki: true, handle: deleteSSHKey},                   // §26
		"getAllSSHKeys":         {name: "GetAllSSHKeys", pki: true, handle: getAllSSHKeys},                 // §27
		"getSSHKey":             {name: "GetSSHKey", pki: true, handle: getSSHKey},                         // §28
		"exportSSHKey":          {name: "ExportSSHKey", pki: true, handle: exportSSHKey},                   // §29 (failures only)
		"getSSHKeysForUser":     {name: "GetSSHKeysForUser", pki: true, handle: getSSHKeysForUser},         // §30
		"getAllAssociatedUsers": {name: "GetAllAssociatedUsers", pki: true, handle: getAllAssociatedUsers}, // §31
		"importSSHKey":          {name: "addSSHKey", pki: true, upper: true, handle: importSSHKey},         // §51
		"associateKey":          {name: "associateKey", pki: true, handle: associateKey},                   // §52
		"dissociateKey":         {name: "dissociateKey", pki: true, upper: true, handle: dissociateKey},    // §53

		// PKI: certificates, CSRs, discovery and deployment.
		"getCertificate":           {name: "GetCertificate", pki: true, handle: getCertificate},                            // §32 (failures only)
		"getAllSSLCertificates":    {pure: true, name: "GetAllSSLCertificates", pki: true, handle: getAllSSLCertificates},  // §33
		"getAllSSLCertsExpiryDate": {name: "GetAllSSLCertificatesExpiryDate", pki: true, handle: getAllSSLCertsExpiryDate}, // §34
		"getCertificateDetails":    {name: "GetCertificateDetails", pki: true, handle: getCertificateDetails},              // §35
		"getCertificateKeyStore":   {name: "GetCertificateKeyStore", pki: true, handle: getCertificateKeyStore},            // §36 (failures only)
		"getCertificatePassphrase": {name: "GetCertificatePassphrase", pki: true, handle: getCertificatePassphrase},        // §37
		"addCertificate":           {name: "AddCertificate", pki: true, handle: addCertificate},                            // §38
		"deleteCertificate":        {name: "DeleteCertificate", pki: true, handle: deleteCertificate},                      // §39
		"sslCertSingleDiscovery":   {name: "Get SSL Discovery", pki: true, handle: sslCertSingleDiscovery},                 // §40
		"sslCertRangeDiscovery":    {name: "Get SSL Discovery", pki: true, handle: sslCertRangeDiscovery},                  // §41
		"createCSR":                {name: "CreateCSR", pki: true, handle: createCSR},                                      // §42
		"getCSRList":               {name: "GetCSRList", pki: true, handle: getCSRList},                                    // §43
		"signCSR":                  {name: "SignCSR", pki: true, handle: signCSR},                                          // §44
		"createCertificate":        {name: "CreateCertificate", pki: true, handle: createCertificate},                      // §45
		"deployCertificate":        {name: "DeployCertificate", pki: true, handle: deployCertificate},                      // §64
		"generateInstallKey":       {name: "GetAgentInstallKey", pki: true, handle: generateInstallKey},                    // §76

		// PKI: sharing and certificate groups.
		"shareCertificateToUser":              {name: "ShareCertificate", pki: true, handle: certShare(false, false, true)},   // §65
		"shareCertificateToUserGroup":         {name: "ShareCertificate", pki: true, handle: certShare(false, true, true)},    // §66
		"shareCertificateGroupToUser":         {name: "ShareCertificate", pki: true, handle: certShare(true, false, true)},    // §67
		"shareCertificateGroupToUserGroup":    {name: "ShareCertificate", pki: true, handle: certShare(true, true, true)},     // §68
		"revokeCertificateFromUser":           {name: "RevokeCertificate", pki: true, handle: certShare(false, false, false)}, // §69
		"revokeCertificateFromUserGroup":      {name: "RevokeCertificate", pki: true, handle: certShare(false, true, false)},  // §70
		"revokeCertificateGroupFromUser":      {name: "RevokeCertificate", pki: true, handle: certShare(true, false, false)},  // §71
		"revokeCertificateGroupFromUserGroup": {name: "RevokeCertificate", pki: true, handle: certShare(true, true, false)},   // §72
		"createCertificateGroup":              {name: "createCertificateGroup", pki: true, handle: createCertificateGroup},    // §73
		"deleteCertificateGroup":              {name: "deleteCertificateGroup", pki: true, handle: deleteCertificateGroup},    // §74
		"editCertificateGroup":                {name: "editCertificateGroup", pki: true, handle: editCertificateGroup},        // §75
	}
}
