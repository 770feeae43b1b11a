// Command loadbench is the part of scripts/bench-load.sh that wrk cannot
// do: a bare net/http server answering fixed bytes, and a load generator
// that signs every request with HTTP Digest, as Ops Manager requires.
//
//	loadbench bare -addr 127.0.0.1:9001 -body page.json
//	loadbench digest -url http://127.0.0.1:8080/api/public/v1.0/admin/apiKeys -user PUB -pass PRIV -c 32 -d 10s
//
// The generator reuses each connection's nonce with an increasing nc, as
// a client that keeps its challenge would, so every request is one round
// trip; it prints req/s and p50/p99 latency in the form bench-load.sh reads.
package main

import (
	"crypto/md5"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"sync"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: loadbench bare|digest [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "bare":
		err = bare(os.Args[2:])
	case "digest":
		err = digestLoad(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

// bare serves one body to every request: the ceiling a mock writing the
// same bytes could reach on this machine.
func bare(args []string) error {
	fs := flag.NewFlagSet("bare", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:0", "listen address")
	bodyFile := fs.String("body", "", "file holding the bytes to answer")
	_ = fs.Parse(args)
	body, err := os.ReadFile(*bodyFile)
	if err != nil {
		return err
	}
	return http.ListenAndServe(*addr, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
}

var nonceRE = regexp.MustCompile(`nonce="([^"]+)"`)

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func digestLoad(args []string) error {
	fs := flag.NewFlagSet("digest", flag.ExitOnError)
	target := fs.String("url", "", "URL to GET")
	user := fs.String("user", "", "public key")
	pass := fs.String("pass", "", "private key")
	conns := fs.Int("c", 32, "concurrent connections")
	dur := fs.Duration("d", 10*time.Second, "duration")
	_ = fs.Parse(args)
	u, err := url.Parse(*target)
	if err != nil || u.Host == "" {
		return fmt.Errorf("-url %q is not a URL", *target)
	}
	uri := u.RequestURI()
	ha1 := md5hex(*user + ":MMS Public API:" + *pass)
	ha2 := md5hex("GET:" + uri)
	transport := &http.Transport{MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns}
	client := &http.Client{Transport: transport}

	deadline := time.Now().Add(*dur)
	var mu sync.Mutex
	var latencies []time.Duration
	var failures int
	var wg sync.WaitGroup
	for w := range *conns {
		wg.Go(func() {
			var mine []time.Duration
			bad := 0
			nonce, nc := "", 0
			cnonce := fmt.Sprintf("%08x", w)
			for time.Now().Before(deadline) {
				req, _ := http.NewRequest(http.MethodGet, *target, nil)
				if nonce != "" {
					nc++
					ncs := fmt.Sprintf("%08x", nc)
					resp := md5hex(ha1 + ":" + nonce + ":" + ncs + ":" + cnonce + ":auth:" + ha2)
					req.Header.Set("Authorization", fmt.Sprintf(`Digest username=%q, realm="MMS Public API", nonce=%q, uri=%q, response=%q, algorithm=MD5, qop=auth, nc=%s, cnonce=%q`,
						*user, nonce, uri, resp, ncs, cnonce))
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					bad++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				switch {
				case resp.StatusCode == http.StatusOK:
					mine = append(mine, time.Since(t0))
				case resp.StatusCode == http.StatusUnauthorized && nonceRE.MatchString(resp.Header.Get("WWW-Authenticate")):
					// A fresh or stale challenge: take its nonce and go on.
					// Not counted: it is the handshake, not the work.
					nonce, nc = nonceRE.FindStringSubmatch(resp.Header.Get("WWW-Authenticate"))[1], 0
				default:
					bad++
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			failures += bad
			mu.Unlock()
		})
	}
	wg.Wait()
	if len(latencies) == 0 {
		return fmt.Errorf("no request succeeded (%d failed)", failures)
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration { return latencies[int(p*float64(len(latencies)-1))] }
	fmt.Printf("Requests/sec: %.2f\n", float64(len(latencies))/dur.Seconds())
	fmt.Printf("p50: %.3fms\np99: %.3fms\nfailed: %d\n", ms(pct(0.50)), ms(pct(0.99)), failures)
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
