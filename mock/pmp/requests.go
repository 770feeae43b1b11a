package pmp

import (
	"slices"
	"strconv"
)

// requestTimeLayout is how §11 prints REQUESTED TIME.
const requestTimeLayout = "Jan 2, 2006 3:04 PM"

// openRequest finds requester's request on the account still in flight.
func (st *state) openRequest(accountID, requesterID int) *pwRequest {
	for _, rq := range st.requests {
		if rq.AccountID == accountID && rq.RequesterID == requesterID {
			return rq
		}
	}
	return nil
}

// mayApprove says whether u decides requests on a: an administrator-type
// user who may see the account and is not asking for itself.
func (st *state) mayApprove(u user, a *account) bool {
	return slices.Contains(adminRoles, u.Role) && st.accountAccess(u, a) > noAccess
}

// §10: ask for a password under access control.
func requestPassword(c *call) (reply, error) {
	var f *failure
	c.store.write(func(st *state) {
		var a *account
		if a, f = st.findAccount(c.user, 0, c.pathID("accountId")); f != nil {
			return
		}
		switch {
		case !a.AccessControl:
			f = failed(msgNotControlled)
		case st.openRequest(a.ID, c.user.ID) != nil:
			f = failed(msgPending)
		default:
			st.requests = append(st.requests, &pwRequest{ID: st.newID("request"), AccountID: a.ID, RequesterID: c.user.ID,
				Reason: c.in("REASON"), Status: requestWaiting, RequestedAt: c.now})
			st.record(c, auditResource, "Password Requested", st.resources[a.ResourceID].Name, a.Name, c.in("REASON"))
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Request to view password have been raised successfully", details: map[string]string{"STATUS": requestWaiting}}, nil
}

// requestDoc is one PASSWORDREQUESTLIST item: §11's fields, then its
// requester's, so an item says whose it is when several users asked
// (spec getPasswordRequests, x-inferred).
type requestDoc struct {
	AccountID    string `json:"ACCOUNT ID"`
	AccountName  string `json:"ACCOUNT NAME"`
	ResourceID   string `json:"RESOURCE ID"`
	ResourceName string `json:"RESOURCE NAME"`
	PasswdID     string `json:"PASSWD ID"`
	Status       string `json:"STATUS"`
	Time         string `json:"REQUESTED TIME"`
	Reason       string `json:"REASON"`
	requester
}

type requester struct {
	UserID   string `json:"REQUESTER USERID,omitempty"`
	Name     string `json:"REQUESTED BY,omitempty"`
	FullName string `json:"REQUESTED BY FULLNAME,omitempty"`
}

// requestsDoc is §11's Details: one object, the requester of the oldest
// pending request on top, every pending request in the list.
type requestsDoc struct {
	requester
	Requests []requestDoc `json:"PASSWORDREQUESTLIST"`
}

// §11: the pending requests the caller may decide, oldest first.
func getPasswordRequests(c *call) (reply, error) {
	doc := requestsDoc{Requests: []requestDoc{}}
	c.store.read(func(st *state) {
		for _, rq := range st.requests {
			a := st.accounts[rq.AccountID]
			if rq.Status != requestWaiting || rq.RequesterID == c.user.ID || !st.mayApprove(c.user, a) {
				continue
			}
			u, r := st.users[rq.RequesterID], st.resources[a.ResourceID]
			who := requester{UserID: strconv.Itoa(u.ID), Name: u.Name, FullName: u.displayName()}
			if len(doc.Requests) == 0 {
				doc.requester = who
			}
			doc.Requests = append(doc.Requests, requestDoc{AccountID: strconv.Itoa(a.ID), AccountName: a.Name,
				ResourceID: strconv.Itoa(r.ID), ResourceName: r.Name, PasswdID: strconv.Itoa(a.ID), Status: rq.Status,
				Time: rq.RequestedAt.UTC().Format(requestTimeLayout), Reason: rq.Reason, requester: who})
		}
	})
	return reply{message: "Password Request fetched successfully", details: doc}, nil
}

// decide moves requester's request on the account from one status to the
// next, as an approver does.
func decide(c *call, from, to, op, message string) (reply, error) {
	var f *failure
	c.store.write(func(st *state) {
		var a *account
		if a, f = st.findAccount(c.user, 0, c.pathID("accountId")); f != nil {
			return
		}
		rq := st.openRequest(a.ID, c.pathID("requesterId"))
		switch {
		case !st.mayApprove(c.user, a) || c.pathID("requesterId") == c.user.ID:
			f = failed("You cannot decide this password request.")
		case rq == nil || rq.Status != from:
			f = failed(msgNoRequest)
		case to == "":
			st.requests = slices.DeleteFunc(st.requests, func(x *pwRequest) bool { return x == rq })
		default:
			rq.Status = to
		}
		if f == nil {
			st.record(c, auditResource, op, st.resources[a.ResourceID].Name, a.Name, "")
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: message}, nil
}

// §12
func rejectPasswordRequest(c *call) (reply, error) {
	return decide(c, requestWaiting, "", "Password Request Rejected", "Password Rejected successfully")
}

// §13
func approvePasswordRequest(c *call) (reply, error) {
	return decide(c, requestWaiting, requestApproved, "Password Request Approved", "Password Approved successfully")
}

// §15: the requester checks out an approved password; it is then in use.
func checkoutPassword(c *call) (reply, error) {
	var f *failure
	c.store.write(func(st *state) {
		var a *account
		if a, f = st.findAccount(c.user, 0, c.pathID("accountId")); f != nil {
			return
		}
		rq := st.openRequest(a.ID, c.user.ID)
		switch {
		case rq == nil:
			f = failed(msgNoRequest)
		case rq.Status != requestApproved:
			f = failed(msgNotApproved)
		default:
			rq.Status, a.InUse = requestCheckedOut, true
			st.record(c, auditResource, "Password Checked Out", st.resources[a.ResourceID].Name, a.Name, c.in("REASON"))
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Password have been checked out successfully", details: map[string]string{"STATUS": "***** [checkIn]"}}, nil
}

// §14: the requester, or an approver for it, checks the password back in.
func checkinPassword(c *call) (reply, error) {
	var f *failure
	c.store.write(func(st *state) {
		var a *account
		if a, f = st.findAccount(c.user, 0, c.pathID("accountId")); f != nil {
			return
		}
		requester := c.pathID("requesterId")
		rq := st.openRequest(a.ID, requester)
		switch {
		case requester != c.user.ID && !st.mayApprove(c.user, a):
			f = failed("You cannot check in this password.")
		case rq == nil || rq.Status != requestCheckedOut:
			f = failed(msgNoRequest)
		default:
			st.requests = slices.DeleteFunc(st.requests, func(x *pwRequest) bool { return x == rq })
			// Still in use while another requester has it checked out.
			a.InUse = slices.ContainsFunc(st.requests, func(x *pwRequest) bool {
				return x.AccountID == a.ID && x.Status == requestCheckedOut
			})
			st.record(c, auditResource, "Password Checked In", st.resources[a.ResourceID].Name, a.Name, "")
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Password have been checked in successfully"}, nil
}
