package mock

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"strings"

	"github.com/opsmock/opsmock/mock/internal/controlapi"
)

// WithControlToken makes the control plane (/_opsmock/) require
// "Authorization: Bearer <token>", whatever the address. Without it, a
// server listening on a loopback address leaves the control plane open,
// and one listening on any other address makes a token at Start
// (Server.ControlToken): the control plane hands out credentials and
// resets state, which is not for the network.
func WithControlToken(token string) Option { return func(s *settings) { s.controlToken = token } }

// ControlToken is the token the control plane requires; "" while it is
// open (a loopback listener, or not started).
func (s *Server) ControlToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.controlToken
}

// guardControl sets the token a listener on addr needs: the configured
// one, or a new one when addr is not loopback. Callers hold s.mu.
func (s *Server) guardControl(addr net.Addr) {
	if s.controlToken != "" {
		return
	}
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		return
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	s.controlToken = hex.EncodeToString(b)
}

// controlAllowed says whether r may use the control plane; when not, it
// answers 401.
func (s *Server) controlAllowed(w http.ResponseWriter, r *http.Request) bool {
	if s.authorizedControl(r) {
		return true
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="opsmock control plane"`)
	controlapi.Error(w, http.StatusUnauthorized, "the control plane needs Authorization: Bearer <token> on this address (serve printed the token; --control-token sets it)")
	return false
}

func (s *Server) authorizedControl(r *http.Request) bool {
	want := s.ControlToken()
	if want == "" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(want)) == 1
}
