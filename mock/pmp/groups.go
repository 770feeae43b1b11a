package pmp

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// groupAccess is u's level on a resource group: owner full, else shared.
func (st *state) groupAccess(u user, g *resourceGroup) access {
	if u.SuperAdmin || g.OwnerID == u.ID {
		return fullAccess
	}
	level := g.UserShares[u.ID]
	for _, ug := range st.groupsOf(u.ID) {
		level = max(level, g.GroupShares[ug])
	}
	return level
}

// addToNamedGroup puts a resource in the owner's static group of that name,
// creating the group (§6 RESOURCEGROUPNAME).
func (st *state) addToNamedGroup(name string, ownerID, resourceID int, c *call) {
	g, ok := st.rgroupByName(name, ownerID)
	if !ok || g.Type != "static" {
		g = st.newGroup(name, "", "static", ownerID, c)
	}
	if !slices.Contains(g.ResourceIDs, resourceID) {
		g.ResourceIDs = append(g.ResourceIDs, resourceID)
	}
}

func (st *state) newGroup(name, description, typ string, ownerID int, c *call) *resourceGroup {
	g := &resourceGroup{ID: st.newID("rgroup"), Name: name, Description: description, Type: typ, OwnerID: ownerID,
		UserShares: map[int]access{}, GroupShares: map[int]access{}, CreatedAt: c.now}
	st.rgroups[g.ID] = g
	st.rgroupOrder = append(st.rgroupOrder, g.ID)
	return g
}

// §54: a static group, or a dynamic one with its criteria.
func createResourceGroup(c *call) (reply, error) {
	name := c.in("GROUPNAME")
	typ := strings.ToLower(c.in("GROUPTYPE"))
	var criteria []criterion
	if typ == "dynamic" {
		var f *failure
		if criteria, f = parseCriteria(c); f != nil {
			return reply{}, f
		}
	}
	parent := 0
	if c.has("PARENTGROUPID") {
		parent, _ = strconv.Atoi(c.in("PARENTGROUPID"))
	}
	pol := ""
	if c.has("POLICY") {
		p, ok := findPolicy(c.in("POLICY"))
		if !ok {
			return reply{}, failed(msgUnknownPolicy)
		}
		pol = p.name
	}
	var f *failure
	c.store.write(func(st *state) {
		if _, dup := st.rgroupByName(name, c.user.ID); dup {
			f = failed(fmt.Sprintf("Group %s already exists.", name))
			return
		}
		if p, ok := st.rgroups[parent]; parent != 0 && (!ok || st.groupAccess(c.user, p) == noAccess) {
			f = failed("PARENTGROUPID does not name a resource group you can see.")
			return
		}
		g := st.newGroup(name, c.in("DESCRIPTION"), typ, c.user.ID, c)
		g.ParentID, g.Policy, g.Criteria = parent, pol, criteria
		g.MatchAll = !strings.EqualFold(c.in("andor"), "or")
		st.record(c, auditResource, "Resource Group Created", "", "", name)
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: fmt.Sprintf("Group %s has been added successfully.", name)}, nil
}

// parseCriteria reads NoOfCriteria triples condition_N/operator_N/valuefield_N.
func parseCriteria(c *call) ([]criterion, *failure) {
	n, err := strconv.Atoi(c.in("NoOfCriteria"))
	if err != nil || n < 1 {
		return nil, failed("NoOfCriteria is mandatory in INPUT_DATA for a dynamic group.")
	}
	var out []criterion
	for i := 1; i <= n; i++ {
		k := strconv.Itoa(i)
		cr := criterion{Field: strings.ToUpper(c.in("condition_" + k)), Operator: strings.ToUpper(c.in("operator_" + k)), Value: c.in("valuefield_" + k)}
		switch {
		case !slices.Contains(criteriaFields, cr.Field):
			return nil, failed(fmt.Sprintf("condition_%d in INPUT_DATA must be one of: %s.", i, strings.Join(criteriaFields, ", ")))
		case !slices.Contains(criteriaOperators, cr.Operator):
			return nil, failed(fmt.Sprintf("operator_%d in INPUT_DATA must be one of: %s.", i, strings.Join(criteriaOperators, ", ")))
		case !c.has("valuefield_" + k):
			return nil, failed(fmt.Sprintf("valuefield_%d is mandatory in INPUT_DATA.", i))
		}
		out = append(out, cr)
	}
	return out, nil
}

type groupDoc struct {
	Description string `json:"resourceGroupDescription"`
	Access      string `json:"accessType"`
	Name        string `json:"resourceGroupName"`
	IsOwner     string `json:"isOwner"`
	Type        string `json:"resourceGroupType"`
	ID          string `json:"resourceGroupId"`
	Created     string `json:"timeCreated"`
	SubGroupOf  string `json:"subGroupOf"`
	OwnerID     string `json:"ownerId"`
}

// §85: the groups the caller owns or that are shared to it.
func getResourceGroups(c *call) (reply, error) {
	docs := []groupDoc{}
	c.store.read(func(st *state) {
		for _, id := range st.rgroupOrder {
			g := st.rgroups[id]
			level := st.groupAccess(c.user, g)
			if level == noAccess {
				continue
			}
			parent := ""
			if g.ParentID != 0 {
				parent = strconv.Itoa(g.ParentID)
			}
			docs = append(docs, groupDoc{Description: g.Description, Access: level.String(), Name: g.Name,
				IsOwner: strconv.FormatBool(g.OwnerID == c.user.ID), Type: g.Type, ID: strconv.Itoa(g.ID),
				Created: g.CreatedAt.UTC().Format(auditTimeLayout), SubGroupOf: parent, OwnerID: strconv.Itoa(g.OwnerID)})
		}
	})
	return reply{message: "Resource group list fetched successfully", statusCode: codeOK, totalRows: rows(len(docs)), details: docs}, nil
}

// findGroup is a group the caller can see; full says it must also manage it.
func (st *state) findGroup(u user, id int, full bool) (*resourceGroup, *failure) {
	g, ok := st.rgroups[id]
	switch {
	case !ok || st.groupAccess(u, g) == noAccess:
		return nil, failed(msgUnknownRGroup)
	case full && st.groupAccess(u, g) < fullAccess:
		return nil, failed(msgNeedFull)
	}
	return g, nil
}

// §82: delete a group the caller manages; its resources stay.
func deleteResourceGroup(c *call) (reply, error) {
	id, _ := strconv.Atoi(c.param("RESOURCEGROUPID"))
	var f *failure
	c.store.write(func(st *state) {
		var g *resourceGroup
		if g, f = st.findGroup(c.user, id, true); f != nil {
			return
		}
		delete(st.rgroups, id)
		st.rgroupOrder = without(st.rgroupOrder, id)
		for _, other := range st.rgroups {
			if other.ParentID == id {
				other.ParentID = 0
			}
		}
		st.record(c, auditResource, "Resource Group Deleted", "", "", g.Name)
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: "Resource Group deleted successfully."}, nil
}

// §83: a group's ID by name, optionally of a given owner.
func getResourceGroupId(c *call) (reply, error) {
	owner, _ := strconv.Atoi(c.param("USERID"))
	var id string
	c.store.read(func(st *state) {
		if g, ok := st.rgroupByName(c.param("RESOURCEGROUPNAME"), owner); ok && st.groupAccess(c.user, g) > noAccess {
			id = strconv.Itoa(g.ID)
		}
	})
	if id == "" {
		return reply{}, failed(msgUnknownRGroup)
	}
	return reply{message: "Resource Group Id for the specified Resource Group name have been fetched successfully.", details: map[string]string{"RESOURCEGROUPID": id}}, nil
}

type statusDoc struct {
	Status  string `json:"status"`
	Message string `json:"message,omitempty"`
}

// membership adds (add) or removes resources of a static group the caller
// manages; each ID gets its own status (§79, §80).
func membership(c *call, add bool, message string) (reply, error) {
	ids, ok := c.inIDs("RESOURCEIDS")
	if !ok {
		return reply{}, failed("RESOURCEIDS in INPUT_DATA must list resource IDs.")
	}
	results := map[string]statusDoc{}
	var f *failure
	c.store.write(func(st *state) {
		var g *resourceGroup
		if g, f = st.findGroup(c.user, c.pathID("groupId"), true); f != nil {
			return
		}
		if g.Type != "static" {
			f = failed("Resources can be associated only with static resource groups.")
			return
		}
		for _, id := range ids {
			key := strconv.Itoa(id)
			r, rf := st.findResource(c.user, id)
			member := slices.Contains(g.ResourceIDs, id)
			switch {
			case rf != nil:
				results[key] = statusDoc{statusFailed, rf.message}
			case add && member:
				results[key] = statusDoc{statusFailed, "Resource is already in the group."}
			case !add && !member:
				results[key] = statusDoc{statusFailed, "Resource is not in the group."}
			case add:
				g.ResourceIDs = append(g.ResourceIDs, id)
				results[key] = statusDoc{Status: statusSuccess}
				st.record(c, auditResource, "Resource Added to Group", r.Name, "", g.Name)
			default:
				g.ResourceIDs = without(g.ResourceIDs, id)
				results[key] = statusDoc{Status: statusSuccess}
				st.record(c, auditResource, "Resource Removed from Group", r.Name, "", g.Name)
			}
		}
	})
	if f != nil {
		return reply{}, f
	}
	return reply{message: message, details: results}, nil
}

// §79
func associateResources(c *call) (reply, error) {
	return membership(c, true, "Resource added to group successfully.")
}

// §80
func disassociateResources(c *call) (reply, error) {
	return membership(c, false, "Resource removed from group successfully.")
}
