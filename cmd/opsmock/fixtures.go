package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/opsmock/opsmock/internal/fixturegen"
	"github.com/opsmock/opsmock/mock"
)

const fixturesSynopsis = `Usage: opsmock fixtures [--out DIR] [--product P] [--seed N] [--seed-size N] [--format json|yaml|har] [--force]

Records the mock's answers as fixture files: for every operation, a
successful exchange and one for each failure it documents, as
DIR/<product>/<operationId>/<case>.json with DIR/index.json listing them,
the multi-step sequences as DIR/sequences/<product>/<name>.json, and the
seeded state the run started from as DIR/<product>/state.json (a state
file 'opsmock serve --state-file' loads). --format yaml writes the same
tree as YAML (the state file stays JSON); --format har writes one HTTP
Archive 1.2 file per product, DIR/<product>.har. The in-process mock runs
with a fixed clock, seed and entropy, so the same seed gives the same
bytes. A non-empty DIR needs --force, which replaces the fixtures and
leaves other files alone.`

func fixturesCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("fixtures", flag.ContinueOnError)
	out := fs.String("out", "fixtures", "the directory to write")
	product := fs.String("product", "all", "the product to record: "+strings.Join(fixturegen.Products(), ", ")+" or all")
	seed := fs.Uint64("seed", mock.DefaultSeed, "the seed of the recorded state")
	seedSize := fs.Int("seed-size", 5, "generated objects per product")
	format := fs.String("format", "json", "file format: json, yaml or har")
	force := fs.Bool("force", false, "replace the fixtures a non-empty --out holds")
	if err := parseFlags(fs, args, fixturesSynopsis); err != nil {
		return err
	}
	o := fixturegen.Options{Out: *out, Seed: *seed, SeedSize: *seedSize, Format: *format, Force: *force}
	if *product != "all" {
		o.Products = []string{*product}
	}
	start := time.Now()
	if err := fixturegen.Generate(o); err != nil {
		if errors.Is(err, fixturegen.ErrUsage) {
			return usageError{strings.TrimPrefix(err.Error(), "usage: ")}
		}
		return err
	}
	fmt.Fprintf(stdout, "fixtures: wrote %s in %s\n", *out, time.Since(start).Round(time.Millisecond))
	return nil
}
