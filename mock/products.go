package mock

import (
	"github.com/opsmock/opsmock/mock/opmanager"
	"github.com/opsmock/opsmock/mock/opsmanager"
	"github.com/opsmock/opsmock/mock/pmp"
)

// PMP is the served Password Manager Pro, for its typed helpers
// (AddResource, Resource, AddUser, ShareResource); nil if not served.
func (s *Server) PMP() *pmp.Product {
	for _, p := range s.products {
		if p, ok := p.(*pmp.Product); ok {
			return p
		}
	}
	return nil
}

// OpsManager is the served Ops Manager, for its typed helpers (AddKey,
// Key, AddAccessListEntry); nil if not served.
func (s *Server) OpsManager() *opsmanager.Product {
	for _, p := range s.products {
		if p, ok := p.(*opsmanager.Product); ok {
			return p
		}
	}
	return nil
}

// OpManager is the served OpManager, for its typed helpers (AddDevice,
// Device, AddAlarm, Alarms, AddKey); nil if not served.
func (s *Server) OpManager() *opmanager.Product {
	for _, p := range s.products {
		if p, ok := p.(*opmanager.Product); ok {
			return p
		}
	}
	return nil
}
