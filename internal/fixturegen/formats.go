package fixturegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// format writes one product's recording under a staging directory and
// says which top-level paths there it made (moved into place together).
type format struct {
	index  string // the index file's name; "" when the format has none
	encode func(any) ([]byte, error)
	write  func(staging, product string, r *Recording) ([]IndexEntry, []string, error)
}

var formats = map[string]format{
	"json": treeFormat("json", encode),
	"yaml": treeFormat("yaml", encodeYAML),
	"har":  {write: writeHAR},
}

// treeFormat writes a file per exchange, one per sequence, and the state
// file (JSON in every format: it is what 'opsmock serve --state-file'
// loads).
func treeFormat(ext string, enc func(any) ([]byte, error)) format {
	f := format{index: "index." + ext, encode: enc}
	f.write = func(staging, product string, r *Recording) ([]IndexEntry, []string, error) {
		var index []IndexEntry
		for _, ex := range r.Exchanges {
			rel := filepath.ToSlash(filepath.Join(ex.Product, ex.OperationID, ex.Case+"."+ext))
			if err := writeFile(staging, rel, ex, enc); err != nil {
				return nil, nil, err
			}
			index = append(index, IndexEntry{Product: ex.Product, OperationID: ex.OperationID, Case: ex.Case,
				Status: ex.Response.Status, Outcome: ex.Outcome, File: rel})
		}
		placed := []string{product}
		for _, seq := range r.Sequences {
			rel := filepath.ToSlash(filepath.Join("sequences", product, seq.Name+"."+ext))
			if err := writeFile(staging, rel, seq, enc); err != nil {
				return nil, nil, err
			}
		}
		if len(r.Sequences) > 0 {
			placed = append(placed, filepath.Join("sequences", product))
		}
		if err := os.WriteFile(filepath.Join(staging, product, "state.json"), append(r.State, '\n'), 0o644); err != nil {
			return nil, nil, err
		}
		return index, placed, nil
	}
	return f
}

func writeFile(root, rel string, v any, enc func(any) ([]byte, error)) error {
	b, err := enc(v)
	if err != nil {
		return err
	}
	path := filepath.Join(root, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// encodeYAML writes what encode writes, as YAML: the value goes through
// JSON first so field names and omitted fields are the JSON files' own,
// and yaml.v3 sorts map keys, so the bytes repeat.
func encodeYAML(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return nil, err
	}
	out, err := yaml.Marshal(numbers(generic))
	if err != nil {
		return nil, fmt.Errorf("yaml: %w", err)
	}
	return out, nil
}

// numbers turns JSON numbers into Go integers where they are whole, so an
// id stays 1000000 in YAML, not 1e+06.
func numbers(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = numbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = numbers(e)
		}
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return f
	}
	return v
}
