package pmp

// Failure messages. The authentication ones are captured from real servers
// (fact C1); the others are ours (spec info.x-inferred-messages), kept
// here so they can change in one place when a real server says otherwise.
const (
	msgNoToken        = "API key received is not associated to any user. Authentication failed." // fact C1
	msgWrongHost      = "User is not allowed to access from this host"                           // fact C1
	msgLocked         = "User account is locked. Contact your administrator."
	msgExpired        = "User account has expired. Contact your administrator."
	msgRole           = "You are not authorized to perform this operation. It needs one of the roles: "
	msgNoResource     = "Resource not found or you do not have permission to access it."
	msgNoAccount      = "Account not found or you do not have permission to access it."
	msgNeedModify     = "You do not have permission to modify this resource."
	msgNeedFull       = "You need full access to perform this operation."
	msgInternal       = "Internal error."
	msgInvalidURL     = "Invalid API URL."
	msgMethod         = "HTTP method not supported for this API."
	msgAccessControl  = "Password access control is enabled for this account. Request the password and check it out first."
	msgNotControlled  = "Password access control is not enabled for this account."
	msgPending        = "A password request for this account is already pending."
	msgNoRequest      = "No matching password request was found."
	msgNotApproved    = "The password request has not been approved."
	msgNoFile         = "No file is associated with this account."
	msgNoTOTP         = "TOTP is not configured for this account."
	msgBadTOTPSecret  = "TOTP_SECRET must be a base32 secret."
	msgUnknownUser    = "User not found."
	msgUnknownGroup   = "User group not found."
	msgUnknownRGroup  = "Resource group not found."
	msgUnknownPolicy  = "Password policy not found."
	msgUnknownType    = "Invalid resource type."
	msgSelf           = "This operation cannot be performed on your own user account."
	msgBadExpiry      = "EXPIRYDATE must be yyyy-mm-dd or NeverExpires."
	msgSuperAdminRole = "Only an Administrator can be a super administrator."
	msgFileType       = "A file can be added only to File Store, License Store or Key Store resources."
	msgTypeChange     = "The resource type cannot be changed from or to Key Store, File Store, License Store, Rackspace or AWS IAM."
)
