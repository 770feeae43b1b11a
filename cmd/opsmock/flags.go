package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// envPrefix prefixes the environment variable of every flag.
const envPrefix = "OPSMOCK_"

// envName is the variable for a flag: --seed-size -> OPSMOCK_SEED_SIZE.
func envName(flagName string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// helpShown is a --help or -h: the command's help, printed to standard
// output with exit status 0.
type helpShown struct{ text string }

func (h helpShown) Error() string { return "help requested" }

// parseFlags applies OPSMOCK_* variables first, then the command line, so an
// explicit flag wins. Errors are usage errors; -h and --help give the
// command's help (synopsis, then every flag with its default and variable).
func parseFlags(fs *flag.FlagSet, args []string, synopsis string) error {
	fs.SetOutput(io.Discard)
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		v, ok := os.LookupEnv(envName(f.Name))
		if !ok || envErr != nil {
			return
		}
		if err := fs.Set(f.Name, v); err != nil {
			envErr = usageError{fmt.Sprintf("%s=%q: %v", envName(f.Name), v, err)}
		}
	})
	if envErr != nil {
		return envErr
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return helpShown{flagHelp(fs, synopsis)}
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// flagHelp is a command's synopsis and its flags, each with its default
// and environment variable.
func flagHelp(fs *flag.FlagSet, synopsis string) string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(synopsis, "\n") + "\n\nFlags:\n")
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(&b, "  --%s", f.Name)
		if name != "" {
			fmt.Fprintf(&b, " %s", name)
		}
		fmt.Fprintf(&b, "\n      %s", usage)
		var notes []string
		if f.DefValue != "" && f.DefValue != "false" {
			notes = append(notes, "default "+f.DefValue)
		}
		notes = append(notes, "env "+envName(f.Name))
		fmt.Fprintf(&b, " (%s)\n", strings.Join(notes, "; "))
	})
	return b.String()
}

// wantsHelp says whether args ask for help and nothing else.
func wantsHelp(args []string) bool {
	return len(args) == 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || args[0] == "help")
}
