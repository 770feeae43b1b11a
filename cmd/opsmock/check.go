package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"text/tabwriter"

	"github.com/opsmock/opsmock/conformance"
	"github.com/opsmock/opsmock/conformance/check"
)

// exitError ends the command with a status and a message but no usage text
// (a failed check: 1; a target that cannot be judged: 2).
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

// defaultRate is gentle enough for a production deployment.
const defaultRate = 5

const checkSynopsis = `Usage: opsmock check --target URL --product P [credentials] [flags]
       opsmock check --list [--product P]

Checks that a deployment (or a fake) of P honours the contract in spec/.
Credentials per product: pmp --token [--token-low]; opsmanager
--public-key --private-key [--public-key-low --private-key-low];
opmanager --api-key [--api-key-low]. The low credential enables the
authorization checks. Read-only unless --write.

Exit status: 0 every check passed; 1 a check failed (or coverage is
below --min-coverage); 2 usage error, target unreachable or not serving
the product, a credential refused, or a selection matching no check.`

func checkCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	target := fs.String("target", "", "base URL of the implementation to check, e.g. https://pmp.example:7272")
	product := fs.String("product", "", "product: "+strings.Join(conformance.Products(), ", "))
	var primary, low check.Credential
	fs.StringVar(&primary.Token, "token", "", "PMP AUTHTOKEN")
	fs.StringVar(&low.Token, "token-low", "", "a lower-privileged PMP AUTHTOKEN (enables the role checks)")
	fs.StringVar(&primary.PublicKey, "public-key", "", "Ops Manager public key")
	fs.StringVar(&primary.PrivateKey, "private-key", "", "Ops Manager private key")
	fs.StringVar(&low.PublicKey, "public-key-low", "", "a read-only Ops Manager public key (enables the role checks)")
	fs.StringVar(&low.PrivateKey, "private-key-low", "", "its private key")
	fs.StringVar(&primary.APIKey, "api-key", "", "OpManager apiKey")
	fs.StringVar(&low.APIKey, "api-key-low", "", "an OpManager apiKey with Read access to the Alarms module only (enables the access checks)")
	insecure := fs.Bool("insecure", false, "accept any TLS certificate (self-signed deployments)")
	timeout := fs.Duration("timeout", conformance.DefaultTimeout, "bound on each request")
	rate := fs.Float64("rate", defaultRate, "most requests per second; 0 for no cap")
	write := fs.Bool("write", false, "also run the lifecycle checks, which create, change and delete objects of their own")
	lowUser := fs.String("user-low", "", "PMP: the user name of --token-low, for the sharing checks (share, read as that user, revoke)")
	readSecrets := fs.Bool("read-secrets", false, "also run the reads that reveal a secret (passwords, TOTPs, passphrases, key files), which the target audits; --write implies it")
	runPattern := fs.String("run", "", "run only checks whose ID matches this regular expression")
	skipPattern := fs.String("skip", "", "skip checks whose ID matches this regular expression")
	list := fs.Bool("list", false, "print every check with its rule, and exit")
	format := fs.String("format", "text", "report format: "+strings.Join(conformance.Formats, ", "))
	out := fs.String("out", "", "write the report to this file instead of standard output")
	minCoverage := fs.Float64("min-coverage", 0, "fail (exit 1) when the run exercises less than this percentage of the spec's operations")
	if err := parseFlags(fs, args, checkSynopsis); err != nil {
		return err
	}
	if *list {
		return listChecks(stdout, *product)
	}
	opts := conformance.Options{Product: *product, Primary: primary, Low: low, Write: *write, ReadSecrets: *readSecrets, LowUser: *lowUser, Rate: *rate,
		Timeout: *timeout, Insecure: *insecure}
	if err := checkUsage(fs, *target, *format, &opts, *runPattern, *skipPattern); err != nil {
		return err
	}
	w, closeOut, err := reportWriter(*out, stdout)
	if err != nil {
		return err
	}
	defer closeOut()
	live := *format == "text" && *out == "" && isTerminal(stdout)
	if live {
		fmt.Fprintf(stdout, "opsmock check %s at %s\n", *product, *target)
		opts.Progress = func(r check.Result) { fmt.Fprintln(stdout, conformance.ResultLine(r)) }
	}
	report, runErr := conformance.Run(ctx, *target, opts)
	switch {
	case errors.Is(runErr, conformance.ErrUsage):
		return usageError{runErr.Error()}
	case runErr != nil && *format == "text":
		// Nothing was judged: the one line on stderr says why. JSON and
		// JUnit still get a report, every check an error, for CI.
	case live && runErr == nil:
		err = report.WriteDetails(w)
	default:
		err = report.Render(w, *format)
	}
	if err != nil {
		return err
	}
	switch {
	case runErr != nil:
		return exitError{2, runErr.Error()}
	case report.Failed():
		n := report.Count()
		return exitError{1, fmt.Sprintf("%d of %d checks failed", n[check.Fail]+n[check.Error], len(report.Results))}
	case report.Coverage.Percent() < *minCoverage:
		return exitError{1, fmt.Sprintf("the run exercised %.0f%% of the operations, below --min-coverage %g", report.Coverage.Percent(), *minCoverage)}
	}
	return nil
}

func checkUsage(flags *flag.FlagSet, target, format string, opts *conformance.Options, run, skip string) error {
	switch {
	case target == "":
		return usageError{"--target is required"}
	case opts.Product == "":
		return usageError{"--product is required (" + strings.Join(conformance.Products(), ", ") + ")"}
	case !contains(conformance.Formats, format):
		return usageError{fmt.Sprintf("--format %q: want %s", format, strings.Join(conformance.Formats, ", "))}
	case opts.Timeout <= 0:
		return usageError{"--timeout must be positive"}
	case opts.Rate < 0:
		return usageError{"--rate must not be negative"}
	}
	if !contains(conformance.Products(), opts.Product) {
		return usageError{fmt.Sprintf("no checks for product %q (known: %s)", opts.Product, strings.Join(conformance.Products(), ", "))}
	}
	if err := foreignCredentials(flags); err != nil {
		return err
	}
	var err error
	if run != "" {
		if opts.Run, err = regexp.Compile(run); err != nil {
			return usageError{"--run: " + err.Error()}
		}
	}
	if skip != "" {
		if opts.Skip, err = regexp.Compile(skip); err != nil {
			return usageError{"--skip: " + err.Error()}
		}
	}
	return nil
}

func listChecks(w io.Writer, product string) error {
	checks, err := conformance.List(product)
	if err != nil {
		return usageError{err.Error()}
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHECK\tMODE\tRULE")
	for _, c := range checks {
		mode := "read-only"
		if c.Write {
			mode = "write"
		}
		if c.NeedsLow {
			mode += "+low"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", c.ID, mode, c.Rule)
	}
	return tw.Flush()
}

func reportWriter(path string, stdout io.Writer) (io.Writer, func(), error) {
	if path == "" {
		return stdout, func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, exitError{2, "--out: " + err.Error()}
	}
	return f, func() { _ = f.Close() }, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// foreignCredentials refuses a credential flag of another product than
// --product: it would be ignored, and the run would judge the target
// without the credential the user meant to give.
func foreignCredentials(fs *flag.FlagSet) error {
	product := fs.Lookup("product").Value.String()
	own := map[string]bool{}
	for _, f := range conformance.CredentialFlags(product) {
		own[strings.TrimPrefix(f, "--")] = true
	}
	var err error
	fs.Visit(func(f *flag.Flag) {
		for _, p := range conformance.Products() {
			for _, name := range conformance.CredentialFlags(p) {
				if err == nil && p != product && strings.TrimPrefix(name, "--") == f.Name && !own[f.Name] {
					err = usageError{fmt.Sprintf("--%s is a credential of %s, not of %s; --product %s takes %s", f.Name, p, product, product,
						strings.Join(conformance.CredentialFlags(product), ", "))}
				}
			}
		}
	})
	return err
}
