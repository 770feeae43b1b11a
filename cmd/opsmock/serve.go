package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/opsmock/opsmock/internal/atomicfile"
	"github.com/opsmock/opsmock/mock"
	"github.com/opsmock/opsmock/mock/config"
)

const serveSynopsis = `Usage: opsmock serve [--config FILE] [flags]

Serves the mock of every product (or those of --product) until SIGINT or
SIGTERM, printing the listening URL and the seeded credentials. A
configuration file (opsmock config example) sets what the flags set and
what they cannot: credentials, fixed objects, drifts and faults; a flag
wins over the file.`

// serveFlags are serve's flags.
type serveFlags struct {
	config, addr, product, logLevel, drifts           *string
	tlsHosts, tlsCAOut, tlsCert, tlsKey, controlToken *string
	stateFile                                         *string
	seed                                              *uint64
	seedSize, opmAuthStatus                           *int
	useTLS                                            *bool
	stateEvery                                        *time.Duration
	faults                                            faultFlag
}

func defineServeFlags(fs *flag.FlagSet) *serveFlags {
	f := &serveFlags{}
	f.config = fs.String("config", "", "read this configuration file (YAML; opsmock config example prints one); flags win over it")
	f.addr = fs.String("addr", "127.0.0.1:8080", "listen address; port 0 picks a free one")
	f.seed = fs.Uint64("seed", mock.DefaultSeed, "seed of the generated state and credentials")
	f.seedSize = fs.Int("seed-size", mock.DefaultSeedSize, "generated objects per product beyond the fixed ones")
	f.product = fs.String("product", "all", "product to serve: all, or a comma-separated list of "+strings.Join(mock.Built(), ", "))
	f.logLevel = fs.String("log-level", "info", "access log level on stderr: debug, info, warn, error, off")
	f.opmAuthStatus = fs.Int("opmanager-auth-status", 401, "HTTP status of OpManager's answer to a request without a usable apiKey")
	f.drifts = fs.String("drift", "", "contract drifts to activate, comma-separated (GET /_opsmock/drifts lists them)")
	f.useTLS = fs.Bool("tls", false, "serve HTTPS with a certificate made at start (ECDSA P-256 for localhost, 127.0.0.1, ::1 and --tls-host), signed by a CA made with it")
	f.tlsHosts = fs.String("tls-host", "", "more names the made certificate is valid for, comma-separated")
	f.tlsCAOut = fs.String("tls-ca-out", "", "write the CA of the made certificate to this file (PEM), for curl --cacert and clients' trust stores")
	f.tlsCert = fs.String("tls-cert", "", "serve this certificate (PEM, with its chain) instead of making one; with --tls-key")
	f.tlsKey = fs.String("tls-key", "", "the key of --tls-cert (PEM)")
	f.controlToken = fs.String("control-token", "", "require Authorization: Bearer TOKEN on the control plane (/_opsmock/); on a non-loopback address one is made and printed when this is not given")
	f.stateFile = fs.String("state-file", "", "keep the state in this file: loaded at start (seeded when it does not exist), saved atomically at shutdown and on POST /_opsmock/state/save")
	f.stateEvery = fs.Duration("state-save-interval", 0, "with --state-file, also save every this long (e.g. 30s); 0 for never")
	fs.Var(&f.faults, "fault", "a transport fault, KIND[@PRODUCT[/OPERATION]][,key=value...]: latency@pmp,delay=200ms; "+
		"status@opsmanager,status=503,count=3; reset,p=0.1; empty; truncate; ratelimit@opmanager/listAlarms,limit=25,window=1m "+
		"(repeat the flag, or separate with ; in the variable)")
	return f
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	f := defineServeFlags(fs)
	cfg, err := loadConfig(fs, args)
	if err != nil {
		return err
	}
	if err := parseFlags(fs, args, serveSynopsis); err != nil {
		return err
	}
	opts, err := f.options(fs, cfg, stderr)
	if err != nil {
		return err
	}
	resumeGC := pauseGC(*f.seedSize)
	defer resumeGC()
	srv, err := newServer(cfg, opts)
	if err != nil {
		return err
	}
	if *f.tlsCAOut != "" {
		if err := atomicfile.Write(*f.tlsCAOut, srv.TLSCA(), 0o644); err != nil {
			return exitError{2, "--tls-ca-out: " + err.Error()}
		}
	}
	if err := srv.Start(); err != nil {
		return err
	}
	printBanner(stdout, srv)
	resumeGC()
	if *f.stateFile != "" {
		fmt.Fprintf(stdout, "state file: %s (saved at shutdown and on POST /_opsmock/state/save)\n", *f.stateFile)
	}
	<-ctx.Done()
	fmt.Fprintln(stdout, "opsmock: shutting down")
	return srv.Close()
}

// loadConfig reads the --config file (or OPSMOCK_CONFIG), if any, and
// gives its values to the flags as defaults: the environment and the
// command line, parsed next, win over it.
func loadConfig(fs *flag.FlagSet, args []string) (*config.Config, error) {
	path := os.Getenv(envName("config"))
	for i, a := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name != "config" || !strings.HasPrefix(a, "-") {
			continue
		}
		if hasValue {
			path = value
		} else if i+1 < len(args) {
			path = args[i+1]
		}
	}
	if path == "" {
		return nil, nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, exitError{2, err.Error()}
	}
	for name, value := range cfg.Flags() {
		if name == "tls" && value == "true" {
			_ = fs.Set(name, value)
			continue
		}
		if err := fs.Set(name, value); err != nil {
			return nil, exitError{2, cfg.At(config.FlagPath[name], err.Error()).Error()}
		}
	}
	return cfg, nil
}

// options turns the flags (and the file's other settings) into the
// mock's options.
func (f *serveFlags) options(fs *flag.FlagSet, cfg *config.Config, stderr io.Writer) ([]mock.Option, error) {
	// A value the file gave and no flag changed is the file's mistake: say where.
	bad := func(flagName, msg string) error {
		if cfg != nil {
			if v, ok := cfg.Flags()[flagName]; ok && fs.Lookup(flagName).Value.String() == v {
				return exitError{2, cfg.At(config.FlagPath[flagName], msg).Error()}
			}
		}
		return usageError{msg}
	}
	logger, err := newLogger(*f.logLevel, stderr)
	if err != nil {
		return nil, bad("log-level", err.Error())
	}
	if *f.opmAuthStatus < 100 || *f.opmAuthStatus > 599 {
		return nil, bad("opmanager-auth-status", fmt.Sprintf("--opmanager-auth-status %d is not an HTTP status", *f.opmAuthStatus))
	}
	var opts []mock.Option
	if cfg != nil {
		fileOpts, err := cfg.ExtraOptions()
		if err != nil {
			return nil, exitError{2, err.Error()}
		}
		opts = append(opts, fileOpts...)
	}
	opts = append(opts, mock.WithAddr(*f.addr), mock.WithSeed(*f.seed), mock.WithSeedSize(*f.seedSize), mock.WithLogger(logger),
		mock.WithOpManagerAuthFailureStatus(*f.opmAuthStatus), mock.WithControlToken(*f.controlToken))
	if *f.product != "all" {
		opts = append(opts, mock.WithProducts(strings.Split(*f.product, ",")...))
	}
	if *f.drifts != "" {
		opts = append(opts, mock.WithDrifts(strings.Split(*f.drifts, ",")...))
	}
	if len(f.faults) > 0 {
		opts = append(opts, mock.WithFaults(f.faults...)) // after the file's: the flags win
	}
	if *f.stateFile != "" {
		opts = append(opts, mock.WithStateFile(*f.stateFile, *f.stateEvery))
	} else if *f.stateEvery != 0 {
		return nil, bad("state-save-interval", "--state-save-interval needs --state-file")
	}
	tlsOpt, err := f.tlsOption(bad)
	if err != nil {
		return nil, err
	}
	if tlsOpt != nil {
		opts = append(opts, tlsOpt)
	}
	return opts, nil
}

func (f *serveFlags) tlsOption(bad func(string, string) error) (mock.Option, error) {
	switch {
	case (*f.tlsCert != "" || *f.tlsKey != "") && (*f.tlsHosts != "" || *f.tlsCAOut != ""):
		return nil, bad("tls-cert", "--tls-host and --tls-ca-out are for the certificate the mock makes, not for --tls-cert")
	case *f.tlsCert != "" || *f.tlsKey != "":
		return mock.WithTLS(mock.TLS{CertFile: *f.tlsCert, KeyFile: *f.tlsKey}), nil
	case *f.useTLS:
		var hosts []string
		if *f.tlsHosts != "" {
			hosts = strings.Split(*f.tlsHosts, ",")
		}
		return mock.WithTLS(mock.TLS{Hosts: hosts}), nil
	case *f.tlsHosts != "" || *f.tlsCAOut != "":
		return nil, bad("tls-host", "--tls-host and --tls-ca-out need --tls")
	}
	return nil, nil
}

// newServer builds the server; a file it cannot use (state, TLS) or a
// mistake the configuration file made is one line, exit 2.
func newServer(cfg *config.Config, opts []mock.Option) (*mock.Server, error) {
	srv, err := mock.New(opts...)
	if err == nil {
		return srv, nil
	}
	var fileErr *mock.FileError
	if errors.As(err, &fileErr) {
		return nil, exitError{2, err.Error()}
	}
	if cfg != nil {
		var ce *config.Error
		if explained := cfg.Explain(err); errors.As(explained, &ce) {
			return nil, exitError{2, ce.Error()}
		}
	}
	return nil, usageError{err.Error()}
}

func newLogger(level string, w io.Writer) (*slog.Logger, error) {
	if level == "off" {
		return slog.New(slog.DiscardHandler), nil
	}
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, usageError{fmt.Sprintf("--log-level %q: want debug, info, warn, error or off", level)}
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

// printBanner shows where the mock listens and the seeded credentials, so a
// newcomer can curl at once.
func printBanner(w io.Writer, srv *mock.Server) {
	url := srv.URL()
	fmt.Fprintf(w, "opsmock %s listening on %s (seed %d)\n", mock.Version(), url, srv.Seed())
	if fp := srv.TLSFingerprint(); fp != "" {
		fmt.Fprintf(w, "TLS certificate SHA-256 fingerprint %s\n", fp)
	}
	fmt.Fprintf(w, "control plane: %s/_opsmock/health, /_opsmock/credentials, POST /_opsmock/reset[?seed=N]\n", url)
	if tok := srv.ControlToken(); tok != "" {
		fmt.Fprintf(w, "control plane token (this address is reachable from the network): Authorization: Bearer %s\n", tok)
	}
	if tokens := srv.Credentials().PMP; len(tokens) > 0 {
		fmt.Fprintf(w, "\nPassword Manager Pro %s/restapi/json/v1 and %s/api/pki/restapi (AUTHTOKEN header)\n", url, url)
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		for _, t := range tokens {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", t.User, t.Role, t.AuthToken)
		}
		_ = tw.Flush()
		fmt.Fprintf(w, "  try: curl -H 'AUTHTOKEN: %s' '%s/restapi/json/v1/resources'\n", tokens[0].AuthToken, url)
		fmt.Fprintf(w, "  simulated PKI network: %s/_opsmock/pmp/network\n", url)
	}
	if keys := srv.Credentials().OpsManager; len(keys) > 0 {
		fmt.Fprintf(w, "\nOps Manager %s/api/public/v1.0 (HTTP Digest: public key / private key)\n", url)
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		for _, k := range keys {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", strings.Join(k.Roles, ","), k.PublicKey, k.PrivateKey)
		}
		_ = tw.Flush()
		fmt.Fprintf(w, "  try: curl --digest -u '%s:%s' '%s/api/public/v1.0/admin/apiKeys?pretty=true'\n", keys[0].PublicKey, keys[0].PrivateKey, url)
	}
	if keys := srv.Credentials().OpManager; len(keys) > 0 {
		fmt.Fprintf(w, "\nOpManager %s/api/json (apiKey header; keys managed at /_opsmock/opmanager/apikeys)\n", url)
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		for _, k := range keys {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", k.User, k.Name, k.AccessType, k.Status, k.APIKey)
		}
		_ = tw.Flush()
		fmt.Fprintf(w, "  try: curl -H 'apiKey: %s' '%s/api/json/alarm/listAlarms'\n", keys[0].APIKey, url)
	}
}

// faultFlag collects --fault flags; one value may hold several, separated
// by ";" (as OPSMOCK_FAULT does).
type faultFlag []mock.Fault

func (f *faultFlag) String() string { return "" }

func (f *faultFlag) Set(v string) error {
	for _, spec := range strings.Split(v, ";") {
		if strings.TrimSpace(spec) == "" {
			continue
		}
		fault, err := mock.ParseFault(spec)
		if err != nil {
			return fmt.Errorf("%q: %v", spec, err)
		}
		*f = append(*f, fault)
	}
	return nil
}
