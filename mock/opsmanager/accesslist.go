package opsmanager

import (
	"encoding/json"
	"net/http"
	"time"
)

// accessDoc is the wire form of an access list entry (fact A7). Timestamps are
// ISO-8601 UTC strings, as in the official client's fixtures.
type accessDoc struct {
	CidrBlock   string `json:"cidrBlock"`
	Created     string `json:"created"`
	Description string `json:"description"`
	ID          string `json:"id"`
	Type        string `json:"type"`
	Updated     string `json:"updated"`
}

// accessInput is the create/update body, already validated against the spec.
type accessInput struct {
	CidrBlock   *string `json:"cidrBlock"`
	Description *string `json:"description"`
}

func accessDocOf(e accessEntry) accessDoc {
	return accessDoc{
		CidrBlock: e.CIDR, Description: e.Description, ID: e.ID,
		Created: e.Created.Format(time.RFC3339), Updated: e.Updated.Format(time.RFC3339),
		Type: "GLOBAL_ROLE", // global entries are all of this scope (fact A7)
	}
}

func decodeAccessInput(body []byte) (accessInput, error) {
	var in accessInput
	if err := json.Unmarshal(body, &in); err != nil {
		return in, errInvalidJSON()
	}
	return in, nil
}

func (p *Product) listAccess(c *call) (result, error) {
	entries, total := c.store.accessWithin(pagingOf(c.r).cut)
	docs := make([]accessDoc, len(entries))
	for i, e := range entries {
		docs[i] = accessDocOf(e)
	}
	return result{status: http.StatusOK, body: paginate(c.r, total, docs)}, nil
}

func (p *Product) createAccess(c *call) (result, error) {
	in, err := decodeAccessInput(c.body)
	if err != nil {
		return result{}, err
	}
	e, ae := c.store.createAccess(*in.CidrBlock, *in.Description, c.now)
	if ae != nil {
		return result{}, ae
	}
	return result{status: http.StatusOK, body: accessDocOf(e)}, nil
}

func (p *Product) getAccess(c *call) (result, error) {
	id := c.match.PathParams["accessListId"]
	e, ok := c.store.getAccess(id)
	if !ok {
		return result{}, errAccessListNotFound(id)
	}
	return result{status: http.StatusOK, body: accessDocOf(e)}, nil
}

func (p *Product) updateAccess(c *call) (result, error) {
	id := c.match.PathParams["accessListId"]
	in, err := decodeAccessInput(c.body)
	if err != nil {
		return result{}, err
	}
	if in.CidrBlock == nil && in.Description == nil {
		if _, ok := c.store.getAccess(id); !ok {
			return result{}, errAccessListNotFound(id)
		}
		return result{}, errMissingOneOf("cidrBlock", "description")
	}
	e, ae := c.store.updateAccess(id, in.CidrBlock, in.Description, c.ip, c.now)
	if ae != nil {
		return result{}, ae
	}
	return result{status: http.StatusOK, body: accessDocOf(e)}, nil
}

func (p *Product) deleteAccess(c *call) (result, error) {
	if ae := c.store.deleteAccess(c.match.PathParams["accessListId"], c.ip); ae != nil {
		return result{}, ae
	}
	return result{status: http.StatusNoContent}, nil
}
