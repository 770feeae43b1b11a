package opsmanager

import (
	"encoding/json"
	"net/http"
)

// keyDoc is the wire form of a global API key (OM-CREATE/OM-LIST, fact A6); fields in
// alphabetical order, as the vendor emits them.
type keyDoc struct {
	Desc       string    `json:"desc"`
	ID         string    `json:"id"`
	Links      []link    `json:"links"`
	PrivateKey string    `json:"privateKey"`
	PublicKey  string    `json:"publicKey"`
	Roles      []roleDoc `json:"roles"`
}

type roleDoc struct {
	RoleName string `json:"roleName"`
}

// keyInput is the create/update body, already validated against the spec.
type keyInput struct {
	Desc  *string  `json:"desc"`
	Roles []string `json:"roles"`
}

// redactPrivateKey keeps the last 12 characters (OM-LIST): a UUID's last
// group behind "********-****-****-".
func redactPrivateKey(k string) string {
	if len(k) < 12 {
		return "********-****-****-"
	}
	return "********-****-****-" + k[len(k)-12:]
}

func (p *Product) keyDocOf(r *http.Request, k apiKey, showPrivate bool) keyDoc {
	d := keyDoc{
		Desc: k.Desc, ID: k.ID, PublicKey: k.PublicKey, PrivateKey: redactPrivateKey(k.PrivateKey),
		// Global keys link through the literal "orgs/null" (OM-CREATE, fact A6).
		Links: []link{{Href: origin(r) + p.contract.BasePath() + "/orgs/null/apiKeys/" + k.ID, Rel: "self"}},
		Roles: make([]roleDoc, len(k.Roles)),
	}
	if showPrivate {
		d.PrivateKey = k.PrivateKey
	}
	for i, role := range k.Roles {
		d.Roles[i] = roleDoc{RoleName: role}
	}
	return d
}

func decodeKeyInput(body []byte) (keyInput, error) {
	var in keyInput
	if err := json.Unmarshal(body, &in); err != nil {
		return in, errInvalidJSON()
	}
	return in, nil
}

func (p *Product) listKeys(c *call) (result, error) {
	keys, total := c.store.keysWithin(pagingOf(c.r).cut)
	docs := make([]keyDoc, len(keys))
	for i, k := range keys {
		docs[i] = p.keyDocOf(c.r, k, false)
	}
	return result{status: http.StatusOK, body: paginate(c.r, total, docs)}, nil
}

// createKey answers 200, not 201, with the only unredacted private key (fact A6).
func (p *Product) createKey(c *call) (result, error) {
	in, err := decodeKeyInput(c.body)
	if err != nil {
		return result{}, err
	}
	k := c.store.createKey(*in.Desc, in.Roles, c.now)
	return result{status: http.StatusOK, body: p.keyDocOf(c.r, k, true)}, nil
}

func (p *Product) getKey(c *call) (result, error) {
	id := c.match.PathParams["apiKeyId"]
	k, ok := c.store.getKey(id)
	if !ok {
		return result{}, errAPIKeyNotFound(id)
	}
	return result{status: http.StatusOK, body: p.keyDocOf(c.r, k, false)}, nil
}

func (p *Product) updateKey(c *call) (result, error) {
	id := c.match.PathParams["apiKeyId"]
	in, err := decodeKeyInput(c.body)
	if err != nil {
		return result{}, err
	}
	if in.Desc == nil && in.Roles == nil {
		if _, ok := c.store.getKey(id); !ok {
			return result{}, errAPIKeyNotFound(id)
		}
		return result{}, errMissingOneOf("desc", "roles")
	}
	k, ok := c.store.updateKey(id, in.Desc, in.Roles)
	if !ok {
		return result{}, errAPIKeyNotFound(id)
	}
	return result{status: http.StatusOK, body: p.keyDocOf(c.r, k, false)}, nil
}

func (p *Product) deleteKey(c *call) (result, error) {
	id := c.match.PathParams["apiKeyId"]
	if !c.store.deleteKey(id) {
		return result{}, errAPIKeyNotFound(id)
	}
	return result{status: http.StatusNoContent}, nil
}
