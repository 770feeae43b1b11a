// Package mock is opsmock's stateful mock server: one http.Handler serving
// the vendor APIs whose specs live in spec/, each with its own
// authentication, envelopes, pagination and error formats, plus a control
// plane under /_opsmock/.
//
// It is shaped like net/http/httptest:
//
//	srv, err := mock.New(mock.WithSeed(7))
//	if err != nil { ... }
//	if err := srv.Start(); err != nil { ... }
//	defer srv.Close()
//	resp, err := srv.Client().Get(srv.URL() + "/_opsmock/health")
//
// or without any network at all, through InProcessClient. In Go tests,
// mock/mocktest.Start does the above and registers the cleanup.
package mock
