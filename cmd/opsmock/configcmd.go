package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/opsmock/opsmock/mock/config"
)

const configSynopsis = `Usage:
  opsmock config example       a commented configuration that loads as it is
  opsmock config check FILE    read FILE as serve --config would, without serving`

func configCommand(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"config needs a subcommand: example or check"}
	}
	if wantsHelp(args) || wantsHelp(args[1:]) {
		return helpShown{configSynopsis + "\n"}
	}
	switch args[0] {
	case "example":
		if len(args) != 1 {
			return usageError{"config example takes no argument"}
		}
		_, err := io.WriteString(stdout, config.Example)
		return err
	case "check":
		if len(args) != 2 {
			return usageError{"config check needs one file"}
		}
		return checkConfig(args[1], stdout)
	}
	return usageError{fmt.Sprintf("unknown config subcommand %q", args[0])}
}

// checkConfig builds the server the file describes, as serve would (its
// credentials, objects, drifts, faults, TLS and state files), without
// listening or writing anything.
func checkConfig(path string, stdout io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	f := defineServeFlags(fs)
	args := []string{"--config", path}
	cfg, err := loadConfig(fs, args)
	if err != nil {
		return err
	}
	if err := parseFlags(fs, args, serveSynopsis); err != nil {
		return err
	}
	opts, err := f.options(fs, cfg, io.Discard) // checked as serve would; logged nowhere
	if err != nil {
		return err
	}
	srv, err := newServer(cfg, opts)
	if err != nil {
		return err
	}
	// Not closed: Close would save the state file, and a check writes nothing.
	c := srv.Credentials()
	fmt.Fprintf(stdout, "%s: ok (products %v; credentials: %d PMP, %d Ops Manager, %d OpManager)\n", path, srv.Products(),
		len(c.PMP), len(c.OpsManager), len(c.OpManager))
	return nil
}
