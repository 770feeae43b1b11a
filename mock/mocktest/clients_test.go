package mocktest

import (
	"fmt"
	"net/http"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
)

// fatalTB records Fatalf and ends the goroutine, as testing.T does.
type fatalTB struct {
	testing.TB
	fatal string
}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (f *fatalTB) Helper() {}

func fatalOf(t testing.TB, do func(tb testing.TB)) string {
	tb := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		do(tb)
	}()
	<-done
	return tb.fatal
}

func TestReadyClients(t *testing.T) {
	srv := Start(t)
	cases := []struct {
		name   string
		client *http.Client
		path   string
	}{
		{"pmp in process", PMPClient(t, srv, "Password Auditor"), "/restapi/json/v1/resources"},
		{"pmp over the network", PMPClient(t, srv, "Administrator", OverNetwork()), "/restapi/json/v1/resources"},
		{"opmanager", OpManagerClient(t, srv, "specific"), "/api/json/v1/ncmsettings/getSysLogBlockedHosts"},
		{"opsmanager", OpsManagerClient(t, srv, "GLOBAL_READ_ONLY", OverNetwork()), "/api/public/v1.0/admin/apiKeys"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := c.client.Get(srv.URL() + c.path)
			require.NoError(t, err)
			res.Body.Close()
			assert.Equal(t, http.StatusOK, res.StatusCode)
			calls, _ := srv.Journal(mock.JournalFilter{Path: c.path, Outcome: mock.OutcomeSuccess})
			assert.NotEmpty(t, calls)
		})
	}

	assert.Contains(t, fatalOf(t, func(tb testing.TB) { PMPClient(tb, srv, "Boss") }), `no usable PMP user with role "Boss"`)
	assert.Contains(t, fatalOf(t, func(tb testing.TB) { OpManagerClient(tb, srv, "most") }), "no usable OpManager key")
	assert.Contains(t, fatalOf(t, func(tb testing.TB) { OpsManagerClient(tb, srv, "GLOBAL_BOSS") }), "no Ops Manager key")
	unstarted, err := mock.New()
	require.NoError(t, err)
	assert.Contains(t, fatalOf(t, func(tb testing.TB) { PMPClient(tb, unstarted, "Administrator", OverNetwork()) }), "needs a started server")
}

// TestClientsValidate: a ready client fails the test on an answer outside
// the spec, unless told not to.
func TestClientsValidate(t *testing.T) {
	srv := Start(t, mock.WithDrifts("opmanager.alarm-id-number")) // alarmId as a number: outside the spec
	rec := &recordingTB{TB: t}
	res, err := OpManagerClient(rec, srv, "all").Get(srv.URL() + "/api/json/alarm/listAlarms")
	require.NoError(t, err)
	res.Body.Close()
	assert.NotEmpty(t, rec.errs, "the drifted answer was caught")

	rec = &recordingTB{TB: t}
	res, err = OpManagerClient(rec, srv, "all", WithoutValidation()).Get(srv.URL() + "/api/json/alarm/listAlarms")
	require.NoError(t, err)
	res.Body.Close()
	assert.Empty(t, rec.errs)
}
