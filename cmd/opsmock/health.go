package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

const healthSynopsis = `Usage: opsmock health [--url URL]

Asks a running opsmock whether it is up (GET /_opsmock/health): exit 0 if
it answers, 1 if not. For a container's health check, which has no curl.
An HTTPS server's certificate is not verified: the question is only
whether it answers.`

func healthCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	url := fs.String("url", "http://127.0.0.1:8080", "the server's base URL")
	timeout := fs.Duration("timeout", 3*time.Second, "how long to wait for the answer")
	if err := parseFlags(fs, args, healthSynopsis); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(*url, "/")+"/_opsmock/health", nil)
	if err != nil {
		return usageError{"--url: " + err.Error()}
	}
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // only whether it answers
	}}
	res, err := client.Do(req)
	if err != nil {
		return exitError{1, "not up: " + err.Error()}
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return exitError{1, fmt.Sprintf("not up: HTTP %d", res.StatusCode)}
	}
	fmt.Fprintln(stdout, "up")
	return nil
}
