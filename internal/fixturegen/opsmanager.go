package fixturegen

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/opsmock/opsmock/conformance/check"
	"github.com/opsmock/opsmock/mock"
)

// Ops Manager's credentials, by the name cases use.
const (
	asOwner    = "owner"    // Global Owner
	asReader   = "reader"   // Global Read Only
	asNone     = "none"     // no credential
	asWrong    = "wrong"    // a known public key with a wrong private key
	asStranger = "stranger" // a public key no key has
)

// opsManagerClients authenticates with Digest; client nonces count up, so
// with the mock's seeded server nonces every exchange repeats.
func opsManagerClients(srv *mock.Server, rec *recorder) (map[string]*http.Client, error) {
	owner, err := srv.Credentials().OpsManager.ByRole("GLOBAL_OWNER")
	if err != nil {
		return nil, err
	}
	reader, err := srv.Credentials().OpsManager.ByRole("GLOBAL_READ_ONLY")
	if err != nil {
		return nil, err
	}
	n := 0
	cnonce := func() string { n++; return fmt.Sprintf("%016x", n) }
	digest := func(pub, priv string) *http.Client {
		return &http.Client{Transport: check.DigestAuthWith(check.Credential{PublicKey: pub, PrivateKey: priv}, rec, cnonce)}
	}
	return map[string]*http.Client{
		asOwner:    digest(owner.PublicKey, owner.PrivateKey),
		asReader:   digest(reader.PublicKey, reader.PrivateKey),
		asWrong:    digest(owner.PublicKey, "00000000-0000-4000-8000-000000000000"),
		asStranger: digest("nosuchpk", "00000000-0000-4000-8000-000000000000"),
		asNone:     {Transport: rec},
	}, nil
}

func q(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// opsManagerScenario records every operation: the success cases and the
// failures each documents (facts A1-A7, OM-LIST, OM-CREATE).
func opsManagerScenario(s *session, srv *mock.Server) error {
	const absent = "5d669ce780eef52a42cf0e1f" // OM-LIST's first id, last digit changed
	cases := []Case{
		{Op: "listGlobalApiKeys", Name: "success", Description: "A page of global API keys, private keys redacted.", Doc: "OM-LIST",
			Method: http.MethodGet, Path: "/admin/apiKeys", Query: q("itemsPerPage", "2"), As: asOwner, Status: 200},
		{Op: "listGlobalApiKeys", Name: "second-page", Description: "Page 2 links back to page 1.", Doc: "fact A5",
			Method: http.MethodGet, Path: "/admin/apiKeys", Query: q("itemsPerPage", "2", "pageNum", "2"), As: asOwner, Status: 200},
		{Op: "listGlobalApiKeys", Name: "envelope", Description: "envelope=true adds status to the list document.", Doc: "fact A5",
			Method: http.MethodGet, Path: "/admin/apiKeys", Query: q("itemsPerPage", "1", "envelope", "true"), As: asOwner, Status: 200},
		{Op: "listGlobalApiKeys", Name: "no-credentials", Description: "Without credentials: 401 with a Digest challenge.", Doc: "facts A1, A4",
			Method: http.MethodGet, Path: "/admin/apiKeys", As: asNone, Status: 401},
		{Op: "listGlobalApiKeys", Name: "wrong-private-key", Description: "A known public key with a wrong private key: 401.", Doc: "fact A1",
			Method: http.MethodGet, Path: "/admin/apiKeys", As: asWrong, Status: 401},
		{Op: "listGlobalApiKeys", Name: "unknown-public-key", Description: "A public key no key has: 401.", Doc: "fact A1",
			Method: http.MethodGet, Path: "/admin/apiKeys", As: asStranger, Status: 401},
		{Op: "listGlobalApiKeys", Name: "items-per-page-too-large", Description: "itemsPerPage above 500: 400 INVALID_QUERY_PARAMETER.", Doc: "fact A3",
			Method: http.MethodGet, Path: "/admin/apiKeys", Query: q("itemsPerPage", "501"), As: asOwner, Status: 400},
		{Op: "listGlobalApiKeyRoles", Name: "success", Description: "The roles a global key may be given.", Doc: "fact D1",
			Method: http.MethodGet, Path: "/admin/apiKeys/roles", As: asReader, Status: 200},
		{Op: "listGlobalApiKeyRoles", Name: "no-credentials", Description: "Without credentials: 401.", Doc: "fact A1",
			Method: http.MethodGet, Path: "/admin/apiKeys/roles", As: asNone, Status: 401},
		{Op: "listGlobalApiKeyRoles", Name: "page-past-the-end", Description: "A page past the end is an empty array.", Doc: "fact D1",
			Method: http.MethodGet, Path: "/admin/apiKeys/roles", Query: q("itemsPerPage", "10", "pageNum", "2"), As: asReader, Status: 200},
		{Op: "listGlobalApiKeyRoles", Name: "page-zero", Description: "pageNum below 1: 400 INVALID_QUERY_PARAMETER.", Doc: "fact A3",
			Method: http.MethodGet, Path: "/admin/apiKeys/roles", Query: q("pageNum", "0"), As: asReader, Status: 400},
	}
	for _, c := range cases {
		if _, err := s.do(c); err != nil {
			return err
		}
	}
	created, err := s.do(Case{Op: "createGlobalApiKey", Name: "success", Description: "The only answer that shows the full private key (200, not 201).",
		Doc: "OM-CREATE; fact A6", Method: http.MethodPost, Path: "/admin/apiKeys",
		JSON: map[string]any{"desc": "fixture key", "roles": []string{"GLOBAL_READ_ONLY"}}, As: asOwner, Status: 200, Seq: "create-then-get-key"})
	if err != nil {
		return err
	}
	id := fmt.Sprint(created.(map[string]any)["id"])
	key := "/admin/apiKeys/" + id
	cases = []Case{
		{Op: "createGlobalApiKey", Name: "read-only-role", Description: "A Global Read Only key may not create: 401 USER_UNAUTHORIZED.", Doc: "facts A2, A3",
			Method: http.MethodPost, Path: "/admin/apiKeys", JSON: map[string]any{"desc": "x", "roles": []string{"GLOBAL_OWNER"}}, As: asReader, Status: 401},
		{Op: "createGlobalApiKey", Name: "missing-desc", Description: "No desc: 400 MISSING_ATTRIBUTE.", Doc: "fact A2",
			Method: http.MethodPost, Path: "/admin/apiKeys", JSON: map[string]any{"roles": []string{"GLOBAL_OWNER"}}, As: asOwner, Status: 400},
		{Op: "createGlobalApiKey", Name: "unknown-role", Description: "A role that does not exist: 400 INVALID_ENUM_VALUE.", Doc: "fact A2",
			Method: http.MethodPost, Path: "/admin/apiKeys", JSON: map[string]any{"desc": "x", "roles": []string{"GLOBAL_NOPE"}}, As: asOwner, Status: 400},
		{Op: "createGlobalApiKey", Name: "wrong-media-type", Description: "A body that is not JSON: 415.", Doc: "spec opsmanager 415",
			Method: http.MethodPost, Path: "/admin/apiKeys", Form: q("desc", "x"), As: asOwner, Status: 415},
		{Op: "updateGlobalApiKey", Name: "wrong-media-type", Description: "A body that is not JSON: 415.", Doc: "spec opsmanager 415",
			Method: http.MethodPatch, Path: key, Form: q("desc", "x"), As: asOwner, Status: 415},
		{Op: "getGlobalApiKey", Name: "success", Description: "The created key, its private key now redacted.", Doc: "fact A6",
			Method: http.MethodGet, Path: key, As: asReader, Status: 200, Seq: "create-then-get-key"},
		{Op: "getGlobalApiKey", Name: "not-found", Description: "An unknown id: 400 (sic) API_KEY_NOT_FOUND.", Doc: "fact A2",
			Method: http.MethodGet, Path: "/admin/apiKeys/" + absent, As: asOwner, Status: 400},
		{Op: "getGlobalApiKey", Name: "no-credentials", Description: "Without credentials: 401.", Doc: "fact A1",
			Method: http.MethodGet, Path: key, As: asNone, Status: 401},
		{Op: "updateGlobalApiKey", Name: "success", Description: "desc changed.", Doc: "fact A6",
			Method: http.MethodPatch, Path: key, JSON: map[string]any{"desc": "fixture key, renamed"}, As: asOwner, Status: 200},
		{Op: "updateGlobalApiKey", Name: "not-found", Description: "An unknown id: 400 API_KEY_NOT_FOUND.", Doc: "fact A2",
			Method: http.MethodPatch, Path: "/admin/apiKeys/" + absent, JSON: map[string]any{"desc": "x"}, As: asOwner, Status: 400},
		{Op: "updateGlobalApiKey", Name: "read-only-role", Description: "A Global Read Only key may not update: 401.", Doc: "facts A2, A3",
			Method: http.MethodPatch, Path: key, JSON: map[string]any{"desc": "x"}, As: asReader, Status: 401},
		{Op: "deleteGlobalApiKey", Name: "success", Description: "204 and no body.", Doc: "fact A6",
			Method: http.MethodDelete, Path: key, As: asOwner, Status: 204},
		{Op: "deleteGlobalApiKey", Name: "not-found", Description: "The same id again: 400 API_KEY_NOT_FOUND.", Doc: "fact A2",
			Method: http.MethodDelete, Path: key, As: asOwner, Status: 400},
		{Op: "deleteGlobalApiKey", Name: "read-only-role", Description: "A Global Read Only key may not delete: 401.", Doc: "facts A2, A3",
			Method: http.MethodDelete, Path: "/admin/apiKeys/" + absent, As: asReader, Status: 401},
	}
	for _, c := range cases {
		if _, err := s.do(c); err != nil {
			return err
		}
	}
	for _, p := range []struct{ path, list, create, get, update, del string }{
		{"/admin/accessList", "listGlobalAccessListEntries", "createGlobalAccessListEntry", "getGlobalAccessListEntry",
			"updateGlobalAccessListEntry", "deleteGlobalAccessListEntry"},
		{"/admin/whitelist", "listGlobalWhitelistEntries", "createGlobalWhitelistEntry", "getGlobalWhitelistEntry",
			"updateGlobalWhitelistEntry", "deleteGlobalWhitelistEntry"},
	} {
		if err := accessListCases(s, p.path, p.list, p.create, p.get, p.update, p.del); err != nil {
			return err
		}
	}
	return offAccessList(s, srv)
}

// offAccessList records every operation refused to a caller the access
// list leaves out: 403 IP_ADDRESS_NOT_ON_ACCESS_LIST (fact A7). The
// entry goes in through the mock's Go helper, which lets an entry shut
// the caller out (the API refuses that: fact A2); it is the last step.
func offAccessList(s *session, srv *mock.Server) error {
	if _, err := srv.OpsManager().AddAccessListEntry("198.51.100.0/24", "a block the caller is not in"); err != nil {
		return err
	}
	ids := strings.NewReplacer("{apiKeyId}", "5d669ce780eef52a42cf0e1f", "{accessListId}", "000000000000000000000000")
	for _, op := range s.contract.Operations() {
		c := Case{Op: op.OperationID, Name: "off-access-list", Description: "A caller outside the access list: 403 IP_ADDRESS_NOT_ON_ACCESS_LIST.",
			Doc: "fact A7", Method: op.Method, Path: ids.Replace(strings.TrimPrefix(op.Path, s.base)), As: asOwner, Status: 403}
		if op.Method == http.MethodPost || op.Method == http.MethodPatch {
			c.JSON = map[string]any{"desc": "x"}
		}
		if _, err := s.do(c); err != nil {
			return err
		}
	}
	return nil
}

// accessListCases records one path of the access list (fact A7). The
// entry admits every IPv4 caller, so the list it starts never shuts the
// generator out.
func accessListCases(s *session, path, list, create, get, update, del string) error {
	entry, err := s.do(Case{Op: create, Name: "success", Description: "An entry appended; cidrBlock and description are required.", Doc: "fact A7",
		Method: http.MethodPost, Path: path, JSON: map[string]any{"cidrBlock": "0.0.0.0/0", "description": "every IPv4 caller"}, As: asOwner, Status: 200})
	if err != nil {
		return err
	}
	id := fmt.Sprint(entry.(map[string]any)["id"])
	// A second entry, for the duplicate update; removed at the end.
	other, err := s.do(Case{Op: create, Name: "ipv6", Description: "An IPv6 block.", Doc: "fact A7",
		Method: http.MethodPost, Path: path, JSON: map[string]any{"cidrBlock": "::/0", "description": "every IPv6 caller"}, As: asOwner, Status: 200})
	if err != nil {
		return err
	}
	otherID := fmt.Sprint(other.(map[string]any)["id"])
	const absent = "000000000000000000000000"
	for _, c := range []Case{
		{Op: create, Name: "duplicate", Description: "The same block again: 409 ADDRESS_ALREADY_IN_ACCESS_LIST.", Doc: "fact A7",
			Method: http.MethodPost, Path: path, JSON: map[string]any{"cidrBlock": "0.0.0.0/0", "description": "again"}, As: asOwner, Status: 409},
		{Op: create, Name: "invalid-cidr", Description: "Not a CIDR block: 400 INVALID_ATTRIBUTE.", Doc: "fact A7",
			Method: http.MethodPost, Path: path, JSON: map[string]any{"cidrBlock": "10.0.0.300/8", "description": "x"}, As: asOwner, Status: 400},
		{Op: create, Name: "read-only-role", Description: "A Global Read Only key may not add: 401 USER_UNAUTHORIZED.", Doc: "fact A7",
			Method: http.MethodPost, Path: path, JSON: map[string]any{"cidrBlock": "10.0.0.0/8", "description": "x"}, As: asReader, Status: 401},
		{Op: list, Name: "success", Description: "The entries, in the order added.", Doc: "fact A7",
			Method: http.MethodGet, Path: path, As: asReader, Status: 200},
		{Op: list, Name: "no-credentials", Description: "Without credentials: 401.", Doc: "fact A1",
			Method: http.MethodGet, Path: path, As: asNone, Status: 401},
		{Op: get, Name: "success", Description: "One entry by id.", Doc: "fact A7",
			Method: http.MethodGet, Path: path + "/" + id, As: asReader, Status: 200},
		{Op: get, Name: "not-found", Description: "An unknown id: 404 ACCESS_LIST_NOT_FOUND.", Doc: "fact A7",
			Method: http.MethodGet, Path: path + "/" + absent, As: asReader, Status: 404},
		{Op: update, Name: "success", Description: "The description changed.", Doc: "fact A7",
			Method: http.MethodPatch, Path: path + "/" + id, JSON: map[string]any{"description": "every IPv4 caller, renamed"}, As: asOwner, Status: 200},
		{Op: update, Name: "not-found", Description: "An unknown id: 404 ACCESS_LIST_NOT_FOUND.", Doc: "fact A7",
			Method: http.MethodPatch, Path: path + "/" + absent, JSON: map[string]any{"description": "x"}, As: asOwner, Status: 404},
		{Op: list, Name: "invalid-flag", Description: "envelope not a boolean: 400 INVALID_QUERY_PARAMETER.", Doc: "fact A3",
			Method: http.MethodGet, Path: path, Query: q("envelope", "maybe"), As: asReader, Status: 400},
		{Op: get, Name: "invalid-flag", Description: "pretty not a boolean: 400 INVALID_QUERY_PARAMETER.", Doc: "fact A3",
			Method: http.MethodGet, Path: path + "/" + id, Query: q("pretty", "maybe"), As: asReader, Status: 400},
		{Op: get, Name: "no-credentials", Description: "Without credentials: 401.", Doc: "fact A1",
			Method: http.MethodGet, Path: path + "/" + id, As: asNone, Status: 401},
		{Op: create, Name: "wrong-media-type", Description: "A body that is not JSON: 415.", Doc: "spec opsmanager 415",
			Method: http.MethodPost, Path: path, Form: q("cidrBlock", "10.0.0.0/8"), As: asOwner, Status: 415},
		{Op: update, Name: "invalid-cidr", Description: "Not a CIDR block: 400 INVALID_ATTRIBUTE.", Doc: "fact A7",
			Method: http.MethodPatch, Path: path + "/" + id, JSON: map[string]any{"cidrBlock": "10.0.0.300/8"}, As: asOwner, Status: 400},
		{Op: update, Name: "read-only-role", Description: "A Global Read Only key may not change an entry: 401.", Doc: "fact A7",
			Method: http.MethodPatch, Path: path + "/" + id, JSON: map[string]any{"description": "x"}, As: asReader, Status: 401},
		{Op: update, Name: "wrong-media-type", Description: "A body that is not JSON: 415.", Doc: "spec opsmanager 415",
			Method: http.MethodPatch, Path: path + "/" + id, Form: q("description", "x"), As: asOwner, Status: 415},
		{Op: update, Name: "duplicate", Description: "Changing the block to another entry's: 409 ADDRESS_ALREADY_IN_ACCESS_LIST.", Doc: "fact A7",
			Method: http.MethodPatch, Path: path + "/" + id, JSON: map[string]any{"cidrBlock": "::/0"}, As: asOwner, Status: 409},
		{Op: del, Name: "invalid-flag", Description: "pretty not a boolean: 400 INVALID_QUERY_PARAMETER.", Doc: "fact A3",
			Method: http.MethodDelete, Path: path + "/" + id, Query: q("pretty", "maybe"), As: asOwner, Status: 400},
		{Op: del, Name: "read-only-role", Description: "A Global Read Only key may not delete an entry: 401.", Doc: "fact A7",
			Method: http.MethodDelete, Path: path + "/" + id, As: asReader, Status: 401},
		{Op: del, Name: "removes-the-caller", Description: "Deleting the only entry that admits the caller: 400 CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST.",
			Doc: "fact A2", Method: http.MethodDelete, Path: path + "/" + id, As: asOwner, Status: 400},
		{Op: del, Name: "ipv6-entry", Description: "The IPv6 entry goes first, so the caller stays admitted.", Doc: "fact A7",
			Method: http.MethodDelete, Path: path + "/" + otherID, As: asOwner, Status: 204},
		{Op: del, Name: "success", Description: "204, the entry gone; the list is empty again, which admits every caller.", Doc: "fact A7",
			Method: http.MethodDelete, Path: path + "/" + id, As: asOwner, Status: 204},
		{Op: del, Name: "not-found", Description: "The same id again: 404 ACCESS_LIST_NOT_FOUND.", Doc: "fact A7",
			Method: http.MethodDelete, Path: path + "/" + id, As: asOwner, Status: 404},
	} {
		if _, err := s.do(c); err != nil {
			return err
		}
	}
	return nil
}
