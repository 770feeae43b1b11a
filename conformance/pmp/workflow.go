package pmp

import (
	"encoding/json"
	"net/http"

	"github.com/opsmock/opsmock/conformance/check"
)

// Bounds on looking for an account to run the workflow on.
const (
	maxResources = 10
	maxAccounts  = 20
)

var approvalWorkflow = check.Check{
	ID:       "pmp.lifecycle.approval-workflow",
	Category: check.Lifecycle,
	Write:    true,
	NeedsLow: true,
	Rule: `The low user requests a password under access control, the administrator sees and approves it, the low user ` +
		`checks it out, reads it, and checks it in (PMP §10, §11, §13, §14, §15). Skipped where no such account is visible.`,
	Run: func(t *check.T) {
		resourceID, accountID := findControlledAccount(t)
		requester := ""
		done := false
		t.Cleanup(func() {
			if !done && requester != "" {
				base := rest + "/accounts/" + accountID + "/requester/" + requester
				send(t, check.Primary, http.MethodPost, base+"/checkin", nil)
				send(t, check.Primary, http.MethodPost, base+"/reject", nil)
			}
		})
		requester = pendingRequester(t, accountID)
		if requester == "" {
			t.Fatalf("the administrator does not see the low user's request on account %s", accountID)
		}
		base := rest + "/accounts/" + accountID
		must(t, check.Primary, http.MethodPost, base+"/requester/"+requester+"/approve", nil)
		must(t, check.Low, http.MethodPost, base+"/checkout", map[string]any{"REASON": "opsmock check"})
		var d map[string]string
		_ = json.Unmarshal(must(t, check.Low, http.MethodGet, rest+"/resources/"+resourceID+"/accounts/"+accountID+"/password", nil).details(), &d)
		t.Secret(d["PASSWORD"])
		if d["PASSWORD"] == "" {
			t.Errorf("the checked-out password is empty")
		}
		must(t, check.Low, http.MethodPost, base+"/requester/"+requester+"/checkin", nil)
		done = true
	},
}

// findControlledAccount raises a password request as the low user on the
// first of its accounts that takes one.
func findControlledAccount(t *check.T) (resourceID, accountID string) {
	tried := 0
	for i, res := range rows(t, must(t, check.Low, http.MethodGet, rest+"/resources", nil)) {
		if i == maxResources {
			break
		}
		rid := str(res["RESOURCE ID"])
		var d map[string]any
		_ = json.Unmarshal(must(t, check.Low, http.MethodGet, rest+"/resources/"+rid+"/accounts", nil).details(), &d)
		list, _ := d["ACCOUNT LIST"].([]any)
		for _, a := range list {
			if tried == maxAccounts {
				t.Skipf("no account among the low user's first %d takes a password request", maxAccounts)
			}
			tried++
			aid := str(a.(map[string]any)["ACCOUNT ID"])
			if _, e := send(t, check.Low, http.MethodPost, rest+"/accounts/"+aid+"/requestpassword",
				map[string]any{"REASON": Prefix + " approval workflow"}); e.ok() {
				return rid, aid
			}
		}
	}
	t.Skipf("no account visible to the low user is under password access control without a pending request")
	return "", ""
}

// pendingRequester finds, as the administrator, who asked for the account.
// §11's Details is one object naming a requester; an item may name its own
// (as the mock's do when several users asked), which then wins.
func pendingRequester(t *check.T, accountID string) string {
	type who struct {
		UserID string `json:"REQUESTER USERID"`
	}
	var pending struct {
		who
		Requests []struct {
			who
			AccountID string `json:"ACCOUNT ID"`
		} `json:"PASSWORDREQUESTLIST"`
	}
	_ = json.Unmarshal(must(t, check.Primary, http.MethodGet, rest+"/accounts/passwordaccessrequests", nil).details(), &pending)
	for _, r := range pending.Requests {
		if r.AccountID != accountID {
			continue
		}
		if r.UserID != "" {
			return r.UserID
		}
		return pending.UserID
	}
	return ""
}

var requestRejected = check.Check{
	ID:       "pmp.lifecycle.request-rejected",
	Category: check.Lifecycle,
	Write:    true,
	NeedsLow: true,
	Rule: `A password request the administrator rejects (§12) is no longer pending (§11), and the low user cannot check ` +
		`the password out (§14). Skipped where no account under access control is visible to the low user.`,
	Run: func(t *check.T) {
		_, accountID := findControlledAccount(t)
		requester := pendingRequester(t, accountID)
		if requester == "" {
			t.Fatalf("the administrator does not see the low user's request on account %s", accountID)
		}
		base := rest + "/accounts/" + accountID
		must(t, check.Primary, http.MethodPost, base+"/requester/"+requester+"/reject", nil)
		if pendingRequester(t, accountID) != "" {
			t.Errorf("the request on account %s is still pending after reject", accountID)
		}
		if r, e := send(t, check.Low, http.MethodPost, base+"/checkout", map[string]any{"REASON": "opsmock check"}); e.ok() {
			t.Failf(r.Raw(), "the low user checked out a password whose request was rejected")
			send(t, check.Low, http.MethodPost, base+"/requester/"+requester+"/checkin", nil)
		}
	},
}
