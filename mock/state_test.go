package mock

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock/opmanager"
	"github.com/opsmock/opsmock/mock/pmp"
)

// busyServer is a server whose every product has changed since its seed:
// objects created through the API and the helpers, PKI used.
func busyServer(t *testing.T, opts ...Option) *Server {
	t.Helper()
	s := newServer(t, opts...)
	_, err := s.PMP().AddResource(pmp.NewResource{Name: "kept", Type: "Linux", Accounts: []pmp.Account{{Name: "root", Password: "Zx9!qLm#4Tv$w"}}})
	require.NoError(t, err)
	admin := s.Credentials().PMP[0].AuthToken
	req := httptest.NewRequest(http.MethodPost, "/api/pki/restapi/createsshkey",
		strings.NewReader(pmp.InputValues(map[string]any{"keyName": "kept-key", "keyType": "ed25519"}).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("AUTHTOKEN", admin)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	require.Contains(t, rec.Body.String(), "Success")
	_, err = s.OpsManager().AddKey("kept key", "GLOBAL_READ_ONLY")
	require.NoError(t, err)
	_, err = s.OpsManager().AddAccessListEntry("127.0.0.0/8", "kept")
	require.NoError(t, err)
	_, err = s.OpManager().AddDevice(opmanager.Device{Name: "10.77.0.1"})
	require.NoError(t, err)
	return s
}

// TestStateRoundTrip: export, import into a fresh server, export again:
// the same bytes; and the restored server goes on as the first would
// (the next created key has the same id and secret on both).
func TestStateRoundTrip(t *testing.T) {
	a := busyServer(t)
	first, err := a.ExportState()
	require.NoError(t, err)

	b := newServer(t)
	require.NoError(t, b.ImportState(first))
	second, err := b.ExportState()
	require.NoError(t, err)
	assert.True(t, string(first) == string(second), "export, import, export: byte-identical: %s", firstDiff(first, second))

	r, ok := b.PMP().Resource("kept")
	require.True(t, ok)
	assert.Equal(t, "Zx9!qLm#4Tv$w", r.Accounts[0].Password)
	_, ok = b.OpManager().Device("10.77.0.1")
	assert.True(t, ok)
	ka, err := a.OpsManager().AddKey("next", "GLOBAL_READ_ONLY")
	require.NoError(t, err)
	kb, err := b.OpsManager().AddKey("next", "GLOBAL_READ_ONLY")
	require.NoError(t, err)
	assert.Equal(t, ka, kb, "the restored server draws what the saved one would have")
	pkiList := func(s *Server) string {
		return get(s, "/api/pki/restapi/getAllSSHKeys", "AUTHTOKEN", s.Credentials().PMP[0].AuthToken).Body.String()
	}
	assert.Equal(t, pkiList(a), pkiList(b), "keys and fingerprints survive")
	assert.Contains(t, pkiList(b), "kept-key")
}

// TestStateRefused: what is not a whole state of this version for these
// products is refused with the reason, and changes nothing.
func TestStateRefused(t *testing.T) {
	s := busyServer(t)
	good, err := s.ExportState()
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(good, &doc))
	with := func(k string, v any) []byte {
		d := map[string]any{}
		for kk, vv := range doc {
			d[kk] = vv
		}
		d[k] = v
		b, _ := json.Marshal(d)
		return b
	}
	pmpOnly := newServer(t, WithProducts("pmp"))
	cases := []struct {
		name  string
		on    *Server
		state []byte
		want  string
	}{
		{"empty", s, nil, "empty"},
		{"truncated", s, good[:len(good)/2], "cut short"},
		{"another file", s, []byte(`{"hello":"world"}`), "not an opsmock state"},
		{"another format", s, with("format", "other"), `format "other"`},
		{"another version", s, with("version", 2), "format version 2; this opsmock reads version 1"},
		{"other products", pmpOnly, good, "this server serves pmp"},
		{"broken product", s, with("products", map[string]any{"pmp": map[string]any{"random": "AAAA"}, "opsmanager": doc["products"].(map[string]any)["opsmanager"],
			"opmanager": doc["products"].(map[string]any)["opmanager"]}), "pmp"},
	}
	before, _ := s.ExportState()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.on.ImportState(c.state)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	after, _ := s.ExportState()
	assert.True(t, string(before) == string(after), "a refused state changes nothing: %s", firstDiff(before, after))
}

// TestStateFile: a state file survives a restart; a bad one stops New and
// is left as it was; the control plane exports, imports and saves.
func TestStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	a, err := New(WithStateFile(path, 0))
	require.NoError(t, err)
	_, err = a.OpsManager().AddKey("survivor", "GLOBAL_READ_ONLY")
	require.NoError(t, err)
	require.NoError(t, a.Close(), "Close saves")
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	b, err := New(WithStateFile(path, 0))
	require.NoError(t, err)
	defer b.Close()
	found := false
	for _, k := range b.Credentials().OpsManager {
		found = found || k.Desc == "survivor"
	}
	_, err = b.OpsManager().AddKey("second life", "GLOBAL_READ_ONLY")
	require.NoError(t, err)
	keys := func(s *Server) string { b, _ := s.ExportState(); return string(b) }
	assert.Contains(t, keys(b), "survivor", "the key made before the restart is there")
	assert.False(t, found, "a key made at runtime is not a seeded credential")

	rec := controlDo(b, "POST", "/_opsmock/state/save", "")
	assert.Equal(t, http.StatusOK, rec.Code)
	saved, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(saved), "second life")
	rec = controlDo(b, "GET", "/_opsmock/state", "")
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, keys(b), rec.Body.String())
	rec = controlDo(b, "PUT", "/_opsmock/state", `{"format":"opsmock-state","version":9}`)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Contains(t, rec.Body.String(), "version 9")
	fresh := newServer(t)
	assert.Equal(t, http.StatusConflict, controlDo(fresh, "POST", "/_opsmock/state/save", "").Code)
	assert.Equal(t, http.StatusOK, controlDo(fresh, "PUT", "/_opsmock/state", keys(b)).Code)
	assert.Contains(t, keys(fresh), "second life")

	require.NoError(t, os.WriteFile(path, saved[:len(saved)/3], 0o600))
	_, err = New(WithStateFile(path, 0))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "state file "+path)
	after, _ := os.ReadFile(path)
	assert.Equal(t, saved[:len(saved)/3], after, "never replaced")
}

func controlDo(s *Server, method, target, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(method, target, strings.NewReader(body)))
	return rec
}

// TestStateFileSurvivesKill kills a process (SIGKILL) again and again
// while it saves its state in a loop; after each kill the file is a whole
// state a new server loads: the old one or the new, never a part.
func TestStateFileSurvivesKill(t *testing.T) {
	if path := os.Getenv("OPSMOCK_TEST_SAVE_LOOP"); path != "" {
		saveForever(path)
		return
	}
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "state.json")
	rng := rand.New(rand.NewPCG(1, 2))
	loads := 0
	saved := func() time.Time {
		if info, err := os.Stat(path); err == nil {
			return info.ModTime()
		}
		return time.Time{}
	}
	for i := range 8 {
		before := saved()
		cmd := exec.Command(os.Args[0], "-test.run=^TestStateFileSurvivesKill$")
		cmd.Env = append(os.Environ(), "OPSMOCK_TEST_SAVE_LOOP="+path)
		require.NoError(t, cmd.Start())
		// Once the child has saved (it starts slowly under -race), kill it
		// at a random moment of its saving loop.
		for deadline := time.Now().Add(60 * time.Second); saved().Equal(before) && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Duration(rng.IntN(200)) * time.Millisecond)
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		_ = cmd.Wait()
		if saved().Equal(before) {
			continue // killed before its first save
		}
		s, err := New(WithStateFile(path, 0))
		require.NoError(t, err, "kill %d left a file that does not load", i+1)
		loads++
		s.saver = nil // do not save on Close: the next child goes on from the file
		_ = s.Close()
	}
	assert.Equal(t, 8, loads, "every child saved before it was killed")
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".state.json.*"))
	t.Logf("%d loads; %d temporary files left by kills", loads, len(matches))
}

// saveForever is the child: it grows its state and saves it, without end.
func saveForever(path string) {
	s, err := New(WithStateFile(path, 0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(3)
	}
	for i := 0; ; i++ {
		if _, err := s.OpsManager().AddKey(fmt.Sprintf("key %d", i), "GLOBAL_READ_ONLY"); err != nil {
			os.Exit(4)
		}
		if err := s.SaveState(); err != nil {
			os.Exit(5)
		}
	}
}

// firstDiff shows where two exports part.
func firstDiff(a, b []byte) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("at byte %d: …%s… vs …%s…", i, a[max(0, i-80):min(len(a), i+80)], b[max(0, i-80):min(len(b), i+80)])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(a), len(b))
}
