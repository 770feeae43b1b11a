package pmp

import "strings"

// auditClient is how records of API calls name their client (§55 shows
// "Web Client" for the UI).
const auditClient = "REST API"

// auditTimeLayout is §55's LASTACCESSEDTIME format.
const auditTimeLayout = "2006-01-02 15:04:05.000"

// record appends an audit record of a resource or user operation. Callers
// hold the write lock.
func (st *state) record(c *call, typ, op, resourceName, accountName, reason string) {
	na := func(s string) string {
		if s == "" {
			return "N/A"
		}
		return s
	}
	st.audit = append(st.audit, &auditRecord{
		ID: st.newID("audit"), Type: typ, OperationType: op, ResourceName: na(resourceName), AccountName: na(accountName),
		OperatedBy: c.user.Name, IPAddress: c.ip, UserName: na(""), Reason: na(reason), Name: na(""),
		Client: auditClient, At: c.now,
	})
}

// recordUser appends a user-operation record naming the affected user.
func (st *state) recordUser(c *call, op, userName, reason string) {
	st.record(c, auditUser, op, "", "", reason)
	st.audit[len(st.audit)-1].UserName = userName
}

func equalFold(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}
