package drift

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

const (
	pmpREST = "/restapi/json/v1"
	pmpPKI  = "/api/pki/restapi"
)

// pmpToken is the request's token, from the header or the query (fact C3).
func pmpToken(r *http.Request) string {
	if t := r.Header.Get("AUTHTOKEN"); t != "" {
		return t
	}
	return r.URL.Query().Get("AUTHTOKEN")
}

// setPMPToken makes the request carry tok in the header only.
func setPMPToken(r *http.Request, tok string) {
	q := r.URL.Query()
	if q.Has("AUTHTOKEN") {
		q.Del("AUTHTOKEN")
		r.URL.RawQuery = q.Encode()
	}
	r.Header.Set("AUTHTOKEN", tok)
}

// restResult is an operation envelope's result, for rewriting.
func restOperation(m map[string]any) map[string]any {
	op, _ := m["operation"].(map[string]any)
	return op
}

func pmpFailed(m map[string]any) bool {
	res, _ := m["result"].(map[string]any)
	return res != nil && res["status"] == "Failed"
}

var (
	accountDetailsPath = regexp.MustCompile(`^` + pmpREST + `/resources/[^/]+/accounts/[^/]+$`)
	resourceByName     = regexp.MustCompile(`^` + pmpREST + `/resources/resourcename/`)
	resourcePath       = regexp.MustCompile(`^` + pmpREST + `/resources/\d+$`)
	userPath           = regexp.MustCompile(`^` + pmpREST + `/user/\d+$`)
	approvePath        = regexp.MustCompile(`^` + pmpREST + `/accounts/\d+/requester/\d+/approve$`)
	passwordPath       = regexp.MustCompile(`^` + pmpREST + `/resources/\d+/accounts/\d+/password$`)
	associatePath      = regexp.MustCompile(`^` + pmpREST + `/resourcegroup/\d+/associateResources$`)
	editAccountPath    = regexp.MustCompile(`^` + pmpREST + `/resources/\d+/accounts/\d+$`)
	shareResourcePath  = regexp.MustCompile(`^` + pmpREST + `/resources/\d+/share$`)
	rejectPath         = regexp.MustCompile(`^` + pmpREST + `/accounts/\d+/requester/\d+/reject$`)
	userByNamePath     = regexp.MustCompile(`^` + pmpREST + `/user$`)
)

// pmpSuccess answers a REST action as done, without doing it.
func pmpSuccess(name, message string) *Response {
	b, _ := json.Marshal(map[string]any{"operation": map[string]any{"name": name, "result": map[string]any{"status": "Success", "message": message}}})
	return &Response{Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json;charset=UTF-8"}}, Body: b}
}

func pmp() []Drift {
	d := func(name, breaks string) Drift { return Drift{Name: "pmp." + name, Product: "pmp", Breaks: breaks} }
	anonymous := d("anonymous-admin", "answers requests without a token as the Administrator (fact C1)")
	anonymous.Request = func(env Env, r *http.Request) *Response {
		if tok, ok := env.PMPToken("admin"); ok && pmpToken(r) == "" && !r.URL.Query().Has("APP_AUTHTOKEN") {
			setPMPToken(r, tok)
		}
		return nil
	}
	unknown := d("unknown-token-admin", "answers an unknown token as the Administrator's (fact C1)")
	unknown.Request = func(env Env, r *http.Request) *Response {
		tok := pmpToken(r)
		if admin, ok := env.PMPToken("admin"); ok && tok != "" && !slices.Contains(env.PMPTokens(), tok) {
			setPMPToken(r, admin)
		}
		return nil
	}
	query := d("query-token-ignored", "ignores the AUTHTOKEN query parameter (fact C3)")
	query.Request = func(_ Env, r *http.Request) *Response {
		q := r.URL.Query()
		if q.Has("AUTHTOKEN") {
			q.Del("AUTHTOKEN")
			r.URL.RawQuery = q.Encode()
		}
		return nil
	}
	pkiAuth := d("pki-auth-wrapped", "wraps the PKI API's Authentication failure in the REST operation envelope (§25-§76)")
	pkiAuth.Response = func(r *http.Request, res *Response) {
		if !strings.HasPrefix(r.URL.Path, pmpPKI+"/") {
			return
		}
		if v, ok := res.jsonBody(); ok {
			if m, _ := v.(map[string]any); m != nil && m["name"] == "Authentication" {
				res.setJSON(map[string]any{"operation": m})
			}
		}
	}
	lowAdmin := d("pki-skips-roles", "lets a Password User call the PKI API's administrator operations (x-roles)")
	lowAdmin.Request = func(env Env, r *http.Request) *Response {
		guest, ok1 := env.PMPToken("guest")
		admin, ok2 := env.PMPToken("admin")
		if ok1 && ok2 && strings.HasPrefix(r.URL.Path, pmpPKI+"/") && pmpToken(r) == guest {
			setPMPToken(r, admin)
		}
		return nil
	}
	resultSpace := d("result-trailing-space", `answers resource types, policies and HA status with the document's "result " typo (§1, fact C2)`)
	resultSpace.Response = func(r *http.Request, res *Response) {
		switch r.URL.Path {
		case pmpREST + "/resources/resourcetypes", pmpREST + "/passwords/policies", pmpREST + "/server/getHighAvailabilityStatus":
		default:
			return
		}
		res.object(r, func(m map[string]any) {
			if op := restOperation(m); op != nil {
				op["result "] = op["result"]
				delete(op, "result")
			}
		})
	}
	totalRows := d("total-rows-plus-one", "reports one row more in a REST list's totalRows than its Details has (fact C2)")
	totalRows.Response = func(r *http.Request, res *Response) {
		if !strings.HasPrefix(r.URL.Path, pmpREST+"/") {
			return
		}
		res.object(r, func(m map[string]any) {
			if op := restOperation(m); op != nil {
				if n, ok := op["totalRows"].(json.Number); ok {
					i, _ := n.Int64()
					op["totalRows"] = i + 1
				}
			}
		})
	}
	pkiWrapper := d("pki-lists-wrapped", "wraps the PKI API's lists in the REST operation envelope (§27, §31, §33)")
	pkiWrapper.Response = func(r *http.Request, res *Response) {
		if !strings.HasPrefix(r.URL.Path, pmpPKI+"/") {
			return
		}
		if v, ok := res.jsonBody(); ok {
			if m, _ := v.(map[string]any); m != nil && m["totalRows"] != nil && m["operation"] == nil {
				res.setJSON(map[string]any{"operation": m})
			}
		}
	}
	numbers := d("numbers-not-strings", "sends NOOFACCOUNTS as a JSON number (fact C2)")
	numbers.Response = func(r *http.Request, res *Response) {
		if r.URL.Path != pmpREST+"/resources" {
			return
		}
		res.object(r, func(m map[string]any) {
			op := restOperation(m)
			rows, _ := op["Details"].([]any)
			for _, row := range rows {
				if rm, ok := row.(map[string]any); ok {
					n, _ := strconv.Atoi(fmtString(rm["NOOFACCOUNTS"]))
					rm["NOOFACCOUNTS"] = n
				}
			}
		})
	}
	lookup := d("resource-id-lookup-wrong", "answers a lookup by resource name with another resource's ID (§8)")
	lookup.Response = func(r *http.Request, res *Response) {
		if !resourceByName.MatchString(r.URL.Path) {
			return
		}
		res.object(r, func(m map[string]any) {
			det, _ := restOperation(m)["Details"].(map[string]any)
			if id, err := strconv.Atoi(fmtString(det["RESOURCEID"])); err == nil {
				det["RESOURCEID"] = strconv.Itoa(id + 1)
			}
		})
	}
	notFound := d("unknown-account-404", "answers an unknown account with HTTP 404 instead of a Failed envelope with 200 (fact C1)")
	notFound.Response = func(r *http.Request, res *Response) {
		if !accountDetailsPath.MatchString(r.URL.Path) {
			return
		}
		if v, ok := res.jsonBody(); ok {
			if m, _ := v.(map[string]any); m != nil && pmpFailed(restOperation(m)) {
				res.Status = http.StatusNotFound
			}
		}
	}
	malformed := d("malformed-input-500", "answers INPUT_DATA that is not JSON with a server error (fact C1)")
	malformed.Request = func(_ Env, r *http.Request) *Response {
		in := r.URL.Query().Get("INPUT_DATA")
		if in != "" && !json.Valid([]byte(in)) {
			return &Response{Status: http.StatusInternalServerError, Header: http.Header{"Content-Type": {"text/plain"}},
				Body: []byte("java.lang.NullPointerException")}
		}
		return nil
	}
	pki400 := d("pki-detail-failure-400", "answers a failed certificate details read with HTTP 400 (fact C1)")
	pki400.Response = func(r *http.Request, res *Response) {
		if r.URL.Path != pmpPKI+"/getCertificateDetails" {
			return
		}
		if v, ok := res.jsonBody(); ok {
			if m, _ := v.(map[string]any); m != nil && pmpFailed(m) {
				res.Status = http.StatusBadRequest
			}
		}
	}
	// noop answers an action as done without doing it.
	noop := func(name, breaks, method string, path *regexp.Regexp, op, message string) Drift {
		dr := d(name, breaks)
		dr.Request = func(_ Env, r *http.Request) *Response {
			if r.Method == method && path.MatchString(r.URL.Path) {
				return pmpSuccess(op, message)
			}
			return nil
		}
		return dr
	}
	deleteResource := noop("delete-resource-noop", "answers DELETE of a resource as done without deleting it (§9)",
		http.MethodDelete, resourcePath, "DELETE RESOURCE", "Resources deleted successfully.")
	passwordNoop := noop("password-change-noop", "answers a password change as done without changing it (§5)",
		http.MethodPut, passwordPath, "CHANGE PASSWORD", "Password changed successfully")
	approveNoop := noop("approve-noop", "answers an approval as done without approving (§13)",
		http.MethodPost, approvePath, "ADMIN_REQUEST_APPROVE", "Password Approved successfully")
	userNoop := noop("user-delete-noop", "answers DELETE of a user as done without deleting it (§23)",
		http.MethodDelete, userPath, "DELETE USER", "User deleted successfully")
	associateNoop := noop("associate-resources-noop", "answers associateResources as done without associating (§79)",
		http.MethodPost, associatePath, "ASSOCIATE RESOURCES", "Resources associated successfully")
	editNoop := noop("edit-account-noop", "answers editAccount as done without changing the account (§22)",
		http.MethodPut, editAccountPath, "EDIT ACCOUNT", "Account modified successfully")
	shareNoop := noop("share-resource-noop", "answers shareResource as done without sharing (§56)",
		http.MethodPut, shareResourcePath, "SHARE RESOURCE", "Resource shared successfully")
	fingerprint := d("ssh-fingerprint-wrong", "lists an SSH key with a fingerprint that is not its key's (§28)")
	fingerprint.Response = sshKeyRows(func(rm map[string]any) {
		if fp := fmtString(rm["FingerPrint"]); len(fp) > 8 {
			rm["FingerPrint"] = fp[:7] + flip(fp[7:8]) + fp[8:]
		}
	})
	serial := d("certificate-serial-wrong", "shows a certificate's details with another serial (§35)")
	serial.Response = func(r *http.Request, res *Response) {
		if r.URL.Path != pmpPKI+"/getCertificateDetails" {
			return
		}
		res.object(r, func(m map[string]any) {
			rows, _ := m["details"].([]any)
			for _, row := range rows {
				if rm, ok := row.(map[string]any); ok {
					if ep, ok := rm["endpoint"].(map[string]any); ok {
						ep["serial"] = fmtString(ep["serial"]) + "0"
					}
				}
			}
		})
	}
	groupID := d("resource-group-id-wrong", "answers getResourceGroupId with another group's id (§73)")
	groupID.Response = func(r *http.Request, res *Response) {
		if r.URL.Path != pmpREST+"/resourcegroup/getResourceGroupId" {
			return
		}
		res.object(r, func(m map[string]any) {
			op, _ := m["operation"].(map[string]any)
			if det, ok := op["Details"].(map[string]any); ok {
				det["RESOURCEGROUPID"] = fmtString(det["RESOURCEGROUPID"]) + "0"
			}
		})
	}
	keysForUser := d("ssh-keys-for-user-failed", "answers getSSHKeysForUser with a Failed envelope for a listed association (§54)")
	keysForUser.Response = func(r *http.Request, res *Response) {
		if r.URL.Path != pmpPKI+"/getSSHkeysforuser" {
			return
		}
		res.object(r, func(m map[string]any) {
			m["result"] = map[string]any{"status": "Failed", "message": "No SSH keys found."}
			delete(m, "details")
		})
	}
	// pkiNoop answers a PKI action as done, in the PKI shape, without doing it.
	pkiNoop := func(name, breaks, op, message string) Drift {
		dr := d(name, breaks)
		dr.Request = func(_ Env, r *http.Request) *Response {
			if r.Method == http.MethodPost && r.URL.Path == pmpPKI+"/"+op && pmpToken(r) != "" {
				b, _ := json.Marshal(map[string]any{"name": op, "result": map[string]any{"status": "Success", "message": message}})
				return &Response{Status: http.StatusOK, Header: http.Header{"Content-Type": {"application/json;charset=UTF-8"}}, Body: b}
			}
			return nil
		}
		return dr
	}
	shareCert := pkiNoop("share-certificate-noop", "answers shareCertificateToUser as done without sharing (§65)",
		"shareCertificateToUser", "Certificate shared successfully")
	associateKey := pkiNoop("associate-key-noop", "answers associateKey as done without associating (§52)",
		"associateKey", "Key associated successfully")
	addCertNoop := pkiNoop("add-certificate-noop", "answers addCertificate as done without adding the certificate (§38)",
		"addCertificate", "Certificate added successfully")
	deployAccepted := pkiNoop("deploy-unknown-certificate-accepted", "answers a deployment of a certificate that does not exist as done (§64)",
		"deployCertificate", "Certificate deployed successfully")
	csrEmpty := d("csr-list-empty", "lists no CSR (§43)")
	csrEmpty.Response = func(r *http.Request, res *Response) {
		if r.URL.Path == pmpPKI+"/getCSRList" {
			res.object(r, func(m map[string]any) {
				if _, ok := m["details"]; ok {
					m["details"], m["totalRows"] = []any{}, 0
				}
			})
		}
	}
	rejectNoop := noop("reject-noop", "answers a rejection as done without rejecting (§12)",
		http.MethodPost, rejectPath, "ADMIN_REQUEST_REJECT", "Password Rejected successfully")
	deleteByNameNoop := noop("delete-user-by-name-noop", "answers DELETE of a user by name as done without deleting it (§47)",
		http.MethodDelete, userByNamePath, "DELETE USER", "User deleted successfully")
	keyType := d("ssh-key-type-wrong", "answers getSSHKey with another key type than the list shows (§28)")
	keyType.Response = sshKeyRows(func(rm map[string]any) {
		rm["KeyType"] = map[bool]string{true: "ecdsa", false: "ssh-rsa"}[rm["KeyType"] == "ssh-rsa"]
	})
	passphrase := d("certificate-passphrase-wrong", "answers a certificate's passphrase with one that does not open its keystore (§35)")
	passphrase.Response = func(r *http.Request, res *Response) {
		if r.URL.Path != pmpPKI+"/getCertificatePassphrase" {
			return
		}
		res.object(r, func(m map[string]any) {
			if result, ok := m["result"].(map[string]any); ok && result["status"] == "Success" {
				result["message"] = fmtString(result["message"]) + "x"
			}
		})
	}
	return []Drift{anonymous, unknown, query, pkiAuth, lowAdmin, resultSpace, totalRows, pkiWrapper, numbers, lookup,
		notFound, malformed, pki400, deleteResource, passwordNoop, approveNoop, userNoop, fingerprint, serial, groupID, passphrase,
		associateNoop, editNoop, shareNoop, keysForUser, shareCert, associateKey, deployAccepted, csrEmpty, keyType, rejectNoop, deleteByNameNoop, addCertNoop}
}

// sshKeyRows rewrites each row getSSHKey answers (§28) with f.
func sshKeyRows(f func(row map[string]any)) func(*http.Request, *Response) {
	return func(r *http.Request, res *Response) {
		if r.URL.Path != pmpPKI+"/getSSHKey" {
			return
		}
		res.object(r, func(m map[string]any) {
			rows, _ := m["details"].([]any)
			for _, row := range rows {
				if rm, ok := row.(map[string]any); ok {
					f(rm)
				}
			}
		})
	}
}

func fmtString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	}
	return ""
}

// flip changes one base64 character into another.
func flip(c string) string {
	if c == "A" {
		return "B"
	}
	return "A"
}
