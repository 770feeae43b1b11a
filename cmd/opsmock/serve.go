package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"

	"github.com/opsmock/opsmock/internal/atomicfile"
	"github.com/opsmock/opsmock/mock"
)

const serveSynopsis = `Usage: opsmock serve [flags]

Serves the mock of every product (or those of --product) until SIGINT or
SIGTERM, printing the listening URL and the seeded credentials.`

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address; port 0 picks a free one")
	seed := fs.Uint64("seed", mock.DefaultSeed, "seed of the generated state and credentials")
	seedSize := fs.Int("seed-size", mock.DefaultSeedSize, "generated objects per product beyond the fixed ones")
	product := fs.String("product", "all", "product to serve: all, or a comma-separated list of "+strings.Join(mock.Built(), ", "))
	logLevel := fs.String("log-level", "info", "access log level on stderr: debug, info, warn, error, off")
	opmAuthStatus := fs.Int("opmanager-auth-status", 401, "HTTP status of OpManager's answer to a request without a usable apiKey")
	drifts := fs.String("drift", "", "contract drifts to activate, comma-separated (GET /_opsmock/drifts lists them)")
	useTLS := fs.Bool("tls", false, "serve HTTPS with a certificate made at start (ECDSA P-256 for localhost, 127.0.0.1, ::1 and --tls-host), signed by a CA made with it")
	tlsHosts := fs.String("tls-host", "", "more names the made certificate is valid for, comma-separated")
	tlsCAOut := fs.String("tls-ca-out", "", "write the CA of the made certificate to this file (PEM), for curl --cacert and clients' trust stores")
	tlsCert := fs.String("tls-cert", "", "serve this certificate (PEM, with its chain) instead of making one; with --tls-key")
	tlsKey := fs.String("tls-key", "", "the key of --tls-cert (PEM)")
	controlToken := fs.String("control-token", "", "require Authorization: Bearer TOKEN on the control plane (/_opsmock/); on a non-loopback address one is made and printed when this is not given")
	stateFile := fs.String("state-file", "", "keep the state in this file: loaded at start (seeded when it does not exist), saved atomically at shutdown and on POST /_opsmock/state/save")
	stateEvery := fs.Duration("state-save-interval", 0, "with --state-file, also save every this long (e.g. 30s); 0 for never")
	var faults faultFlag
	fs.Var(&faults, "fault", "a transport fault, KIND[@PRODUCT[/OPERATION]][,key=value...]: latency@pmp,delay=200ms; "+
		"status@opsmanager,status=503,count=3; reset,p=0.1; empty; truncate; ratelimit@opmanager/listAlarms,limit=25,window=1m "+
		"(repeat the flag, or separate with ; in the variable)")
	if err := parseFlags(fs, args, serveSynopsis); err != nil {
		return err
	}
	logger, err := newLogger(*logLevel, stderr)
	if err != nil {
		return err
	}
	if *opmAuthStatus < 100 || *opmAuthStatus > 599 {
		return usageError{fmt.Sprintf("--opmanager-auth-status %d is not an HTTP status", *opmAuthStatus)}
	}
	opts := []mock.Option{mock.WithAddr(*addr), mock.WithSeed(*seed), mock.WithSeedSize(*seedSize), mock.WithLogger(logger),
		mock.WithOpManagerAuthFailureStatus(*opmAuthStatus), mock.WithControlToken(*controlToken)}
	if *product != "all" {
		opts = append(opts, mock.WithProducts(strings.Split(*product, ",")...))
	}
	if *drifts != "" {
		opts = append(opts, mock.WithDrifts(strings.Split(*drifts, ",")...))
	}
	if len(faults) > 0 {
		opts = append(opts, mock.WithFaults(faults...))
	}
	if *stateFile != "" {
		opts = append(opts, mock.WithStateFile(*stateFile, *stateEvery))
	} else if *stateEvery != 0 {
		return usageError{"--state-save-interval needs --state-file"}
	}
	switch {
	case (*tlsCert != "" || *tlsKey != "") && (*tlsHosts != "" || *tlsCAOut != ""):
		return usageError{"--tls-host and --tls-ca-out are for the certificate the mock makes, not for --tls-cert"}
	case *tlsCert != "" || *tlsKey != "":
		opts = append(opts, mock.WithTLS(mock.TLS{CertFile: *tlsCert, KeyFile: *tlsKey}))
	case *useTLS:
		var hosts []string
		if *tlsHosts != "" {
			hosts = strings.Split(*tlsHosts, ",")
		}
		opts = append(opts, mock.WithTLS(mock.TLS{Hosts: hosts}))
	case *tlsHosts != "" || *tlsCAOut != "":
		return usageError{"--tls-host and --tls-ca-out need --tls"}
	}
	srv, err := mock.New(opts...)
	var fileErr *mock.FileError
	if errors.As(err, &fileErr) {
		return exitError{2, err.Error()} // one line: the file and why
	}
	if err != nil {
		return usageError{err.Error()}
	}
	if *tlsCAOut != "" {
		if err := atomicfile.Write(*tlsCAOut, srv.TLSCA(), 0o644); err != nil {
			return exitError{2, "--tls-ca-out: " + err.Error()}
		}
	}
	if err := srv.Start(); err != nil {
		return err
	}
	printBanner(stdout, srv)
	if *stateFile != "" {
		fmt.Fprintf(stdout, "state file: %s (saved at shutdown and on POST /_opsmock/state/save)\n", *stateFile)
	}
	<-ctx.Done()
	fmt.Fprintln(stdout, "opsmock: shutting down")
	return srv.Close()
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
