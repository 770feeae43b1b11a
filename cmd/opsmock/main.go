// Command opsmock serves the opsmock mock server and inspects its specs.
// It only maps flags and environment variables to the mock and spec
// packages, which hold all the behaviour.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/opsmock/opsmock/mock"
)

// usageError marks a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `opsmock: contract-testing mock for PMP, Ops Manager and OpManager admin APIs

Usage:
  opsmock serve [--addr HOST:PORT] [--seed N] [--seed-size N] [--product all|pmp|opsmanager|opmanager] [--log-level LEVEL] [--drift NAME,...]
  opsmock check --target URL --product P [credentials] [--write] [--run RE] [--skip RE] [--format text|json|junit] [--out FILE]
  opsmock check --list [--product P]
  opsmock spec list [--product P]
  opsmock spec show PRODUCT
  opsmock fixtures [--out DIR] [--product P] [--seed N] [--force]
  opsmock config example | check FILE
  opsmock health [--url URL]
  opsmock version

'opsmock COMMAND --help' lists a command's flags. Every flag can also be
set as OPSMOCK_<FLAG> (e.g. OPSMOCK_ADDR, OPSMOCK_SEED_SIZE); a flag on
the command line wins over the environment.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "opsmock:", err)
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(os.Stderr, usageHint(os.Args[1:]))
			os.Exit(2)
		}
		var ee exitError
		if errors.As(err, &ee) {
			os.Exit(ee.code)
		}
		os.Exit(1)
	}
}

// usageHint points at the help of the command the user ran.
func usageHint(args []string) string {
	if len(args) > 0 && (args[0] == "serve" || args[0] == "check" || args[0] == "spec" || args[0] == "config" || args[0] == "fixtures") {
		return fmt.Sprintf("Run 'opsmock %s --help' for its flags.", args[0])
	}
	return "Run 'opsmock --help' for the commands."
}

// run runs a command; a --help prints the command's help on stdout.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	err := dispatch(ctx, args, stdout, stderr)
	var h helpShown
	if errors.As(err, &h) {
		_, err = io.WriteString(stdout, h.text)
	}
	return err
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"no command given"}
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], stdout, stderr)
	case "spec":
		return specCommand(args[1:], stdout)
	case "check":
		return checkCommand(ctx, args[1:], stdout)
	case "config":
		return configCommand(args[1:], stdout)
	case "fixtures":
		return fixturesCommand(args[1:], stdout)
	case "health":
		return healthCommand(ctx, args[1:], stdout)
	case "version":
		if wantsHelp(args[1:]) {
			return helpShown{"Usage: opsmock version\n\nPrints the version of opsmock.\n"}
		}
		fmt.Fprintln(stdout, "opsmock", mock.Version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return usageError{fmt.Sprintf("unknown command %q", args[0])}
}
