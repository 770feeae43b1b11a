// Command startbench measures the time from exec to the first answered
// request, for `opsmock serve` and for a bare net/http server (this binary
// with -bare), and prints both medians and their ratio from one run.
//
//	go build -o /tmp/opsmock ./cmd/opsmock && go run ./scripts/startbench -bin /tmp/opsmock
package main

import (
	"bufio"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

var urlRE = regexp.MustCompile(`listening on (http://[0-9.:]+)`)

func main() {
	bin := flag.String("bin", "", "opsmock binary to measure")
	n := flag.Int("n", 20, "runs per server")
	bare := flag.Bool("bare", false, "serve a bare net/http handler (used by the measurement itself)")
	seedSize := flag.Int("seed-size", 0, "opsmock serve --seed-size (0: its default)")
	flag.Parse()
	if *bare {
		serveBare()
		return
	}
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "startbench: -bin is required")
		os.Exit(2)
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "startbench:", err)
		os.Exit(1)
	}
	args := []string{"serve", "--addr", "127.0.0.1:0", "--log-level", "off"}
	if *seedSize > 0 {
		args = append(args, "--seed-size", strconv.Itoa(*seedSize))
	}
	mockMed := median(*n, *bin, args...)
	bareMed := median(*n, self, "-bare")
	fmt.Printf("start to first answered request, median of %d runs (%s):\n", *n, strings.Join(args, " "))
	fmt.Printf("  opsmock serve    %8.2f ms\n", ms(mockMed))
	fmt.Printf("  bare net/http    %8.2f ms\n", ms(bareMed))
	fmt.Printf("  ratio            %8.2f x\n", float64(mockMed)/float64(bareMed))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(n int, name string, args ...string) time.Duration {
	var ds []time.Duration
	for i := 0; i < n; i++ {
		d, err := once(name, args...)
		if err != nil {
			fmt.Fprintf(os.Stderr, "startbench: %s: %v\n", name, err)
			os.Exit(1)
		}
		ds = append(ds, d)
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// once starts the server, waits for its URL on stdout, and polls its health
// endpoint until it answers 200.
func once(name string, args ...string) (time.Duration, error) {
	start := time.Now()
	cmd := exec.Command(name, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	sc := bufio.NewScanner(out)
	url := ""
	for url == "" && sc.Scan() {
		if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
			url = m[1]
		}
	}
	if url == "" {
		return 0, fmt.Errorf("no URL printed")
	}
	go func() { // keep draining so the child never blocks on stdout
		for sc.Scan() {
		}
	}()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 2 * time.Second}
	for time.Since(start) < 10*time.Second {
		resp, err := client.Get(url + "/_opsmock/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), nil
			}
		}
		time.Sleep(100 * time.Microsecond)
	}
	return 0, fmt.Errorf("no answer within 10s")
}

func serveBare() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("listening on http://%s\n", ln.Addr())
	_ = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"ok"}`))
	}))
}
