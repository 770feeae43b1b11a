package pmp

import (
	"fmt"
	"maps"
	"strconv"
	"time"
)

// organization names the single organization of the mock (§77, §78).
const organization = "opsmock"

// defaultAuditLimit caps GET audit when LIMIT is absent.
const defaultAuditLimit = 100

// agentKeyLayout is §88's agentKeyEndTime format.
const agentKeyLayout = "01/02/2006 15:04:05"

// defaultAgentKeyHours is a new agent key's validity without validityPeriod.
const defaultAgentKeyHours = 24

type auditDoc struct {
	ID           string `json:"AUDITID"`
	ResourceName string `json:"RESOURCENAME"`
	AccountName  string `json:"ACCOUNTNAME"`
	Operation    string `json:"OPERATIONTYPE"`
	OperatedBy   string `json:"OPERATEDBY"`
	IPAddress    string `json:"IPADDRESS"`
	UserName     string `json:"USERNAME"`
	Time         string `json:"LASTACCESSEDTIME"`
	Reason       string `json:"REASON"`
	Name         string `json:"NAME"`
	Client       string `json:"CLIENT"`
}

// durationStart is where a DURATION window begins (and ends, for YESTERDAY).
func durationStart(d string, now time.Time) (from, to time.Time) {
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	switch d {
	case "TODAY":
		return day, now
	case "YESTERDAY":
		return day.AddDate(0, 0, -1), day
	case "LAST_7_DAYS":
		return day.AddDate(0, 0, -7), now
	case "LAST_30_DAYS":
		return day.AddDate(0, 0, -30), now
	}
	return time.Time{}, now
}

// §55: audit records of one type, newest first, windowed and paged.
func getAudit(c *call) (reply, error) {
	typ, duration := c.param("AUDITTYPE"), c.param("DURATION")
	start, _ := strconv.Atoi(c.param("STARTINDEX"))
	limit, err := strconv.Atoi(c.param("LIMIT"))
	if err != nil {
		limit = defaultAuditLimit
	}
	from, to := durationStart(duration, c.now.UTC())
	docs := []auditDoc{}
	c.store.read(func(st *state) {
		n := 0
		for i := len(st.audit) - 1; i >= 0; i-- {
			a := st.audit[i]
			at := a.At.UTC()
			if a.Type != typ || (duration != "" && (at.Before(from) || at.After(to))) {
				continue
			}
			n++
			if n < max(start, 1) || len(docs) >= limit {
				continue
			}
			docs = append(docs, auditDoc{ID: strconv.Itoa(a.ID), ResourceName: a.ResourceName, AccountName: a.AccountName,
				Operation: a.OperationType, OperatedBy: a.OperatedBy, IPAddress: a.IPAddress, UserName: a.UserName,
				Time: at.Format(auditTimeLayout), Reason: a.Reason, Name: a.Name, Client: a.Client})
		}
	})
	return reply{message: "Audits fetched successfully.", totalRows: rows(len(docs)), details: docs}, nil
}

// §16: a password the policy accepts.
func generatePassword(c *call) (reply, error) {
	pol, ok := findPolicy(c.in("POLICY"))
	if !ok {
		return reply{}, failed(msgUnknownPolicy)
	}
	var pw string
	c.store.write(func(st *state) { pw = pol.generate(st.faker) })
	return reply{message: "Password generated successfully.", details: map[string]string{"PASSWORD": pw}}, nil
}

// §77: the policies, as documented.
func getPasswordPolicies(*call) (reply, error) {
	docs := make([]map[string]string, len(policyDocs))
	for i, d := range policyDocs {
		docs[i] = maps.Clone(d)
	}
	return reply{message: "Password Policies fetched successfully", details: map[string]any{"ORGANIZATION": organization, "POLICIES": docs}}, nil
}

// §86: a password against a policy named or numbered.
func validatePassword(c *call) (reply, error) {
	ref := c.in("passwordPolicy")
	if ref == "" {
		ref = c.in("passwordPolicyId")
	}
	if ref == "" {
		return reply{}, coded("Either passwordPolicy or passwordPolicyId should be given.")
	}
	pol, ok := findPolicy(ref)
	if !ok {
		return reply{}, coded(msgUnknownPolicy)
	}
	if why := pol.check(c.in("password"), ""); why != "" {
		return reply{}, coded(why)
	}
	return reply{message: "Valid", statusCode: codeOK}, nil
}

// §88: the agent key, or a new one with generateAgentKey.
func getAgentKey(c *call) (reply, error) {
	hours := defaultAgentKeyHours
	if c.has("validityPeriod") {
		n, err := strconv.Atoi(c.in("validityPeriod"))
		if err != nil || n < 1 {
			return reply{}, coded("validityPeriod must be a number of hours.")
		}
		hours = n
	}
	var key string
	var end time.Time
	c.store.write(func(st *state) {
		if c.inBool("generateAgentKey") {
			st.agentKey = fmt.Sprintf("%016x", st.faker.Uint64())
			st.agentKeyEnd = c.now.Add(time.Duration(hours) * time.Hour)
			st.recordUser(c, "Agent Key Generated", "", "")
		}
		key, end = st.agentKey, st.agentKeyEnd
	})
	return reply{message: "Fetched Agent Key successfully.", statusCode: codeOK,
		details: map[string]string{"agentKey": key, "agentKeyEndTime": end.UTC().Format(agentKeyLayout)}}, nil
}

// haStatus is the mock's high-availability pair (§89), always healthy.
var haStatus = map[string]string{
	"haStatus": "active", "isPrimaryServer": "true",
	"primaryServer": "pmp-primary.opsmock.test", "primaryServerStatus": "active",
	"secondaryServer": "pmp-secondary.opsmock.test", "secondaryServerStatus": "active",
}

// §89
func getHAStatus(*call) (reply, error) {
	return reply{message: "HA Status fetched successfully", statusCode: codeOK, details: maps.Clone(haStatus)}, nil
}
