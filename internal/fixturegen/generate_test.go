package fixturegen

import (
	"time"

	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"gopkg.in/yaml.v3"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/spec"
	"github.com/opsmock/opsmock/spec/contract"
)

// readTree reads every file under dir, by path relative to it.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = b
		return err
	}))
	return out
}

// TestGenerationRepeats: the same seed gives the same bytes; another seed
// other data.
func TestGenerationRepeats(t *testing.T) {
	gen := func(seed uint64) map[string][]byte {
		dir := t.TempDir()
		require.NoError(t, Generate(Options{Out: dir, Seed: seed, SeedSize: 5}))
		return readTree(t, dir)
	}
	first, second, other := gen(1), gen(1), gen(2)
	require.NotEmpty(t, first)
	assert.Equal(t, first, second)
	differ := 0
	for name, b := range first {
		if !bytes.Equal(b, other[name]) {
			differ++
		}
	}
	assert.Greater(t, differ, len(first)/2, "another seed changes most files")
}

// TestFixturesAreFaithfulAndComplete: every recorded answer validates
// against its spec; every operation has a success case; every status an
// operation declares has a case, but 500 (the mock's answer to its own
// bugs).
func TestFixturesAreFaithfulAndComplete(t *testing.T) {
	for _, product := range Products() {
		t.Run(product, func(t *testing.T) {
			recording, err := Record(product, mock.DefaultSeed, 5)
			require.NoError(t, err)
			c, err := contract.New(product)
			require.NoError(t, err)
			covered := map[string]map[int]bool{}
			success := map[string]bool{}
			for _, ex := range recording.Exchanges {
				name := ex.OperationID + "/" + ex.Case
				req, err := http.NewRequest(ex.Request.Method, "http://opsmock"+ex.Request.URL, strings.NewReader(ex.Request.Body))
				require.NoError(t, err)
				for k, v := range ex.Request.Headers {
					req.Header.Set(k, v)
				}
				m, err := c.Match(req)
				require.NoError(t, err, name)
				assert.Equal(t, ex.OperationID, m.OperationID(), name)
				header := http.Header{}
				for k, v := range ex.Response.Headers {
					header.Set(k, v)
				}
				assert.NoError(t, c.ValidateResponse(context.Background(), req, ex.Response.Status, header, body(t, ex)), name)
				if covered[ex.OperationID] == nil {
					covered[ex.OperationID] = map[int]bool{}
				}
				covered[ex.OperationID][ex.Response.Status] = true
				success[ex.OperationID] = success[ex.OperationID] || ex.Outcome == "success"
			}
			doc, err := spec.Load(product)
			require.NoError(t, err)
			var missing []string
			for _, op := range spec.Operations(product, doc) {
				if !success[op.OperationID] {
					missing = append(missing, op.OperationID+" success")
				}
				for code := range op.Op.Responses.Map() {
					n, err := strconv.Atoi(code)
					if err != nil || n == 500 {
						continue
					}
					if !covered[op.OperationID][n] {
						missing = append(missing, fmt.Sprintf("%s %d", op.OperationID, n))
					}
				}
			}
			sort.Strings(missing)
			assert.Empty(t, missing, "cases the fixtures lack")
		})
	}
}

// body is a recorded answer's bytes again.
func body(t *testing.T, ex Exchange) []byte {
	t.Helper()
	switch {
	case ex.Response.BodyBase64 != "":
		b, err := base64Decode(ex.Response.BodyBase64)
		require.NoError(t, err)
		return b
	case ex.Response.Body == nil:
		return nil
	}
	if s, ok := ex.Response.Body.(string); ok && !strings.Contains(ex.Response.MediaType, "json") {
		return []byte(s)
	}
	b, err := json.Marshal(ex.Response.Body)
	require.NoError(t, err)
	return b
}

// TestGenerateRefusesWhatItMayNotReplace: a non-empty --out needs --force,
// and an unknown product is a usage error; neither writes anything.
func TestGenerateRefusesWhatItMayNotReplace(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644))
	err := Generate(Options{Out: dir})
	assert.ErrorIs(t, err, ErrUsage)
	assert.Equal(t, map[string][]byte{"keep.txt": []byte("mine")}, readTree(t, dir))
	err = Generate(Options{Out: t.TempDir(), Products: []string{"nosuch"}})
	assert.ErrorIs(t, err, ErrUsage)
	require.NoError(t, Generate(Options{Out: dir, Force: true, SeedSize: 5}))
	tree := readTree(t, dir)
	assert.Equal(t, []byte("mine"), tree["keep.txt"], "--force replaces fixtures, not other files")
	assert.True(t, slices.ContainsFunc(Products(), func(p string) bool { return tree[p+"/listGlobalApiKeys/success.json"] != nil }))
}

// TestFormatsAgree: the YAML tree holds what the JSON tree holds, file for
// file; the HAR archive has an entry per exchange, in HAR 1.2's shape,
// with the same requests and answers; both repeat for a seed.
func TestFormatsAgree(t *testing.T) {
	gen := func(format string) (string, map[string][]byte) {
		dir := t.TempDir()
		require.NoError(t, Generate(Options{Out: dir, Seed: 3, SeedSize: 5, Format: format}))
		return dir, readTree(t, dir)
	}
	_, js := gen("json")
	_, ym := gen("yaml")
	_, ymAgain := gen("yaml")
	assert.Equal(t, ym, ymAgain, "YAML repeats")
	for name, b := range js {
		if strings.HasSuffix(name, "state.json") {
			assert.Equal(t, b, ym[name], "the state file is JSON in every format")
			continue
		}
		other := strings.TrimSuffix(name, ".json") + ".yaml"
		require.Contains(t, ym, other)
		var fromJSON, fromYAML any
		require.NoError(t, json.Unmarshal(b, &fromJSON))
		require.NoError(t, yaml.Unmarshal(ym[other], &fromYAML), other)
		again, err := json.Marshal(fromYAML)
		require.NoError(t, err)
		var roundTrip any
		require.NoError(t, json.Unmarshal(again, &roundTrip))
		if strings.HasSuffix(name, "index.json") {
			for _, e := range roundTrip.([]any) {
				f := e.(map[string]any)
				f["file"] = strings.TrimSuffix(f["file"].(string), ".yaml") + ".json"
			}
		}
		assert.Equal(t, fromJSON, roundTrip, name)
	}
	_, har := gen("har")
	_, harAgain := gen("har")
	assert.Equal(t, har, harAgain, "HAR repeats")
	for _, product := range Products() {
		var doc harFile
		require.NoError(t, json.Unmarshal(har[product+".har"], &doc), product)
		assert.Equal(t, "1.2", doc.Log.Version)
		recording, err := Record(product, 3, 5)
		require.NoError(t, err)
		require.Len(t, doc.Log.Entries, len(recording.Exchanges), product)
		for i, e := range doc.Log.Entries {
			ex := recording.Exchanges[i]
			assert.Equal(t, HARBase+ex.Request.URL, e.Request.URL)
			assert.Equal(t, ex.Response.Status, e.Response.Status)
			assert.Equal(t, body(t, ex), harBody(t, e), "%s/%s", ex.OperationID, ex.Case)
		}
	}
	assert.ErrorIs(t, Generate(Options{Out: t.TempDir(), Format: "xml"}), ErrUsage)
}

func harBody(t *testing.T, e harEntry) []byte {
	t.Helper()
	if e.Response.Content.Encoding == "base64" {
		b, err := base64Decode(e.Response.Content.Text)
		require.NoError(t, err)
		return b
	}
	if e.Response.Content.Text == "" {
		return nil
	}
	return []byte(e.Response.Content.Text)
}

// TestStateFileLoads: each product's state.json is a state file a server
// of that product loads, and the loaded server answers the scenario's
// first request as the recording says.
func TestStateFileLoads(t *testing.T) {
	for _, product := range Products() {
		recording, err := Record(product, mock.DefaultSeed, 5)
		require.NoError(t, err)
		srv, err := mock.New(mock.WithProducts(product), mock.WithSeed(99), mock.WithSeedSize(1),
			mock.WithClock(func() time.Time { return Clock }))
		require.NoError(t, err)
		require.NoError(t, srv.ImportState(recording.State), product)
		again, err := srv.ExportState()
		require.NoError(t, err)
		assert.JSONEq(t, string(recording.State), string(again), "%s: the loaded state is the recorded one", product)
	}
}
