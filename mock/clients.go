package mock

import (
	"net/http"

	"github.com/mongodb-forks/digest"
)

// PMPClient is an in-process client sending the AUTHTOKEN of the first
// usable user with role on every request (see PMPCredentials.ByRole).
// mocktest.PMPClient adds spec validation and a socket option.
func (s *Server) PMPClient(role string) (*http.Client, error) {
	rt, err := s.PMPTransport(role, s.Transport())
	return &http.Client{Transport: rt}, err
}

// PMPTransport authenticates next's requests as the first usable user
// with role.
func (s *Server) PMPTransport(role string, next http.RoundTripper) (http.RoundTripper, error) {
	c, err := s.Credentials().PMP.ByRole(role)
	if err != nil {
		return nil, err
	}
	return headerTransport{name: "AUTHTOKEN", value: c.AuthToken, next: next}, nil
}

// OpManagerClient is an in-process client sending the first usable key of
// an access type (all, module, specific) in the apiKey header.
func (s *Server) OpManagerClient(access string) (*http.Client, error) {
	rt, err := s.OpManagerTransport(access, s.Transport())
	return &http.Client{Transport: rt}, err
}

// OpManagerTransport authenticates next's requests with the first usable
// key of an access type.
func (s *Server) OpManagerTransport(access string, next http.RoundTripper) (http.RoundTripper, error) {
	c, err := s.Credentials().OpManager.ByAccess(access)
	if err != nil {
		return nil, err
	}
	return headerTransport{name: "apiKey", value: c.APIKey, next: next}, nil
}

// OpsManagerClient is an in-process client authenticating with HTTP
// Digest as the first key pair holding a global role.
func (s *Server) OpsManagerClient(role string) (*http.Client, error) {
	rt, err := s.OpsManagerTransport(role, s.Transport())
	return &http.Client{Transport: rt}, err
}

// OpsManagerTransport authenticates next's requests with HTTP Digest as
// the first key pair holding a global role.
func (s *Server) OpsManagerTransport(role string, next http.RoundTripper) (http.RoundTripper, error) {
	c, err := s.Credentials().OpsManager.ByRole(role)
	if err != nil {
		return nil, err
	}
	return digest.NewTransportWithHTTPRoundTripper(c.PublicKey, c.PrivateKey, next), nil
}

type headerTransport struct {
	name, value string
	next        http.RoundTripper
}

func (h headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(h.name, h.value)
	return h.next.RoundTrip(r)
}
