package mock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/opsmock/opsmock/internal/atomicfile"
)

// State files: what ExportState writes and ImportState and WithStateFile
// read. The version changes whenever a product's state changes shape; a
// file of another version is refused, never half read.
const (
	StateFormat  = "opsmock-state"
	StateVersion = 1
)

// stateDoc is a state file.
type stateDoc struct {
	Format   string                     `json:"format"`
	Version  int                        `json:"version"`
	Seed     uint64                     `json:"seed"`
	Products map[string]json.RawMessage `json:"products"`
}

// ExportState writes every product's whole state (the seed it grew from,
// every object, the ID counters, the generators' positions) as JSON:
// ImportState of it gives a server that answers and goes on exactly as
// this one. The secrets in it are the mock's own fake ones.
func (s *Server) ExportState() ([]byte, error) {
	doc := stateDoc{Format: StateFormat, Version: StateVersion, Seed: s.Seed(), Products: map[string]json.RawMessage{}}
	for _, p := range s.products {
		raw, err := p.ExportState()
		if err != nil {
			return nil, err
		}
		doc.Products[p.Name()] = raw
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// ImportState replaces every product's state with one ExportState wrote,
// all or nothing: a file that is not a state, of another version, for
// other products, or whose objects do not hold together is refused with
// the reason and changes nothing. The file's seed becomes the current one.
func (s *Server) ImportState(b []byte) error {
	doc, err := s.readState(b)
	if err != nil {
		return err
	}
	for _, p := range s.products {
		if err := p.ImportState(doc.Products[p.Name()]); err != nil {
			return err // checked by readState: not reached
		}
	}
	s.seed.Store(doc.Seed)
	return nil
}

func (s *Server) readState(b []byte) (stateDoc, error) {
	var doc stateDoc
	if len(bytes.TrimSpace(b)) == 0 {
		return doc, errors.New("the state is empty")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return doc, fmt.Errorf("not an opsmock state (cut short, or another file?): %w", err)
	}
	switch {
	case doc.Format != StateFormat:
		return doc, fmt.Errorf("not an opsmock state: format %q, want %q", doc.Format, StateFormat)
	case doc.Version != StateVersion:
		return doc, fmt.Errorf("a state of format version %d; this opsmock reads version %d", doc.Version, StateVersion)
	}
	var have []string
	for name := range doc.Products {
		have = append(have, name)
	}
	sort.Strings(have)
	want := append([]string(nil), s.Products()...)
	sort.Strings(want)
	if !slices.Equal(have, want) {
		return doc, fmt.Errorf("a state of products %s; this server serves %s", strings.Join(have, ", "), strings.Join(want, ", "))
	}
	for _, p := range s.products {
		if err := p.CheckState(doc.Products[p.Name()]); err != nil {
			return doc, err
		}
	}
	return doc, nil
}

// WithStateFile keeps the server's state in path: New loads it when it
// exists (and refuses to start on one it cannot read, never replacing
// it), Close saves it, as do POST /_opsmock/state/save and, if every is
// positive, a timer. Saves are atomic (a complete old or new file, never a
// part) and the file is private (0600).
func WithStateFile(path string, every time.Duration) Option {
	return func(s *settings) { s.stateFile, s.stateEvery = path, every }
}

// stateSaver owns the state file.
type stateSaver struct {
	path string
	stop chan struct{}
	done sync.WaitGroup
	mu   sync.Mutex // serializes saves
}

// loadStateFile installs the state file's state, if there is one.
func (s *Server) loadStateFile() (loaded bool, err error) {
	b, err := os.ReadFile(s.cfg.stateFile)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil // a first start: the seeded state, saved on the first save
	}
	if err == nil {
		err = s.ImportState(b)
	}
	if err != nil {
		return false, &FileError{What: "state file", Path: s.cfg.stateFile, Err: err}
	}
	return true, nil
}

// SaveState writes the state to the state file (WithStateFile).
func (s *Server) SaveState() error {
	if s.saver == nil {
		return errors.New("no state file: start with a state file to save to")
	}
	s.saver.mu.Lock()
	defer s.saver.mu.Unlock()
	b, err := s.ExportState()
	if err != nil {
		return err
	}
	return atomicfile.Write(s.saver.path, b, 0o600)
}

// startSaving saves every s.cfg.stateEvery until stopSaving.
func (s *Server) startSaving() {
	if s.saver == nil || s.cfg.stateEvery <= 0 {
		return
	}
	s.saver.done.Add(1)
	go func() {
		defer s.saver.done.Done()
		t := time.NewTicker(s.cfg.stateEvery)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if err := s.SaveState(); err != nil {
					s.cfg.logger.Error("mock: save state", "err", err)
				}
			case <-s.saver.stop:
				return
			}
		}
	}()
}

// stopSaving stops the timer and saves one last time.
func (s *Server) stopSaving() error {
	if s.saver == nil {
		return nil
	}
	close(s.saver.stop)
	s.saver.done.Wait()
	return s.SaveState()
}
