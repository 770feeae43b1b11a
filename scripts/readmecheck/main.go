// Command readmecheck runs the README's console examples as printed and
// compares what they print with what the README says they print, so every
// example stays true. It takes the opsmock binary to use; scripts/smoke.sh
// runs it.
//
// Each ```console block is a list of "$ command" lines, each followed by
// the lines it prints; "…" in a printed line stands for any text. A block
// runs in a fresh directory, as one bash script, with the binary on PATH
// and OPSMOCK_ADDR on a free port (127.0.0.1:8080 and localhost:8080 in the
// README stand for that port). A comment on the line before a block says
// what it runs against:
//
//	(none) or <!-- readme-check: default -->  a server with the defaults
//	<!-- readme-check: serve ARGS -->         a server with these flags
//	<!-- readme-check: own -->                the block starts its own
//	<!-- readme-check: skip REASON -->        not run here (REASON says where)
package main

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: readmecheck README.md path/to/opsmock")
		os.Exit(2)
	}
	blocks, err := read(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "readmecheck:", err)
		os.Exit(2)
	}
	bin, err := filepath.Abs(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "readmecheck:", err)
		os.Exit(2)
	}
	failed, ran := 0, 0
	for _, b := range blocks {
		if strings.HasPrefix(b.mode, "skip") {
			continue
		}
		ran++
		if err := b.run(bin); err != nil {
			failed++
			fmt.Fprintf(os.Stderr, "README.md:%d: %v\n", b.line, err)
		}
	}
	fmt.Printf("readmecheck: %d examples run, %d failed\n", ran, failed)
	if failed > 0 {
		os.Exit(1)
	}
}

// step is one command and what the README says it prints.
type step struct {
	command string
	want    []string
}

type block struct {
	line  int    // where the block starts in the README
	mode  string // default, own, serve ARGS, skip REASON
	steps []step
}

var marker = regexp.MustCompile(`^<!-- readme-check: (.*?) -->$`)

// read finds the console blocks and their steps.
func read(path string) ([]block, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(string(raw), "\n")
	var out []block
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```console" {
			continue
		}
		indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " "))]
		b := block{line: i + 1, mode: "default"}
		if i > 0 {
			if m := marker.FindStringSubmatch(strings.TrimSpace(lines[i-1])); m != nil {
				b.mode = m[1]
			}
		}
		var heredoc string
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
			l := strings.TrimPrefix(lines[i], indent)
			switch {
			case heredoc != "":
				cur := &b.steps[len(b.steps)-1]
				cur.command += "\n" + l
				if l == heredoc {
					heredoc = ""
				}
			case strings.HasPrefix(l, "$ "):
				b.steps = append(b.steps, step{command: strings.TrimPrefix(l, "$ ")})
				heredoc = heredocEnd(l)
			case len(b.steps) > 0 && strings.HasSuffix(b.steps[len(b.steps)-1].command, "\\"):
				cur := &b.steps[len(b.steps)-1]
				cur.command += "\n" + l
			case len(b.steps) > 0:
				cur := &b.steps[len(b.steps)-1]
				cur.want = append(cur.want, l)
			}
		}
		if len(b.steps) > 0 {
			out = append(out, b)
		}
	}
	return out, nil
}

var heredocStart = regexp.MustCompile(`<<-?'?"?([A-Za-z_]+)'?"?`)

func heredocEnd(l string) string {
	if m := heredocStart.FindStringSubmatch(l); m != nil {
		return m[1]
	}
	return ""
}

// run runs a block and compares its output.
func (b block) run(bin string) error {
	dir, err := os.MkdirTemp("", "readmecheck")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	port, err := freePort()
	if err != nil {
		return err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	// curl prints no progress meter on a terminal, which the README shows.
	if err := os.WriteFile(filepath.Join(dir, ".curlrc"), []byte("no-progress-meter\n"), 0o600); err != nil {
		return err
	}
	env := append(os.Environ(), "PATH="+filepath.Dir(bin)+":"+os.Getenv("PATH"), "OPSMOCK_ADDR="+addr, "HOME="+dir)
	if b.mode == "default" || strings.HasPrefix(b.mode, "serve") {
		args := append([]string{"serve", "--log-level", "off"}, strings.Fields(strings.TrimPrefix(b.mode, "serve"))...)
		if b.mode == "default" {
			args = args[:3]
		}
		srv := exec.Command(bin, args...)
		srv.Env, srv.Dir = env, dir
		if err := srv.Start(); err != nil {
			return err
		}
		defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()
		if err := waitFor(addr); err != nil {
			return err
		}
	}
	var script strings.Builder
	script.WriteString("cd " + quote(dir) + "\n")
	for i, s := range b.steps {
		fmt.Fprintf(&script, "printf '\\n@@step %d@@\\n'\n{\n%s\n} 2>&1\n", i, local(s.command, addr))
	}
	script.WriteString("kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; printf '\\n@@end@@\\n'\n")
	cmd := exec.Command("bash", "-c", script.String())
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		return errors.New("the example did not finish in 2 minutes")
	}
	got := split(out.String(), len(b.steps))
	for i, s := range b.steps {
		want := make([]string, len(s.want))
		for j, w := range s.want {
			want[j] = local(w, addr)
		}
		if err := compare(want, got[i]); err != nil {
			return fmt.Errorf("$ %s\n%v", firstLine(s.command), err)
		}
	}
	return nil
}

// local points the README's address at the block's.
func local(s, addr string) string {
	s = strings.ReplaceAll(s, "127.0.0.1:8080", addr)
	return strings.ReplaceAll(s, "localhost:8080", "localhost"+addr[strings.LastIndex(addr, ":"):])
}

// split cuts the script's output into each step's lines.
func split(out string, n int) [][]string {
	parts := make([][]string, n)
	cur := -1
	for _, l := range strings.Split(out, "\n") {
		var i int
		if _, err := fmt.Sscanf(l, "@@step %d@@", &i); err == nil && strings.HasPrefix(l, "@@step") {
			cur = i
			continue
		}
		if l == "@@end@@" {
			break
		}
		if cur >= 0 && cur < n {
			parts[cur] = append(parts[cur], l)
		}
	}
	for i := range parts {
		for len(parts[i]) > 0 && parts[i][len(parts[i])-1] == "" {
			parts[i] = parts[i][:len(parts[i])-1]
		}
	}
	return parts
}

// compare matches printed lines with the README's, "…" standing for any
// text.
func compare(want, got []string) error {
	if len(want) != len(got) {
		return fmt.Errorf("the README shows %d lines, the command printed %d:\n%s", len(want), len(got), strings.Join(got, "\n"))
	}
	for i := range want {
		if !matches(want[i], got[i]) {
			return fmt.Errorf("line %d:\n  README:  %s\n  printed: %s", i+1, want[i], got[i])
		}
	}
	return nil
}

func matches(want, got string) bool {
	parts := strings.Split(want, "…")
	if !strings.HasPrefix(got, parts[0]) {
		return false
	}
	rest := got[len(parts[0]):]
	for i, p := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(rest, p) && len(rest) >= len(p)
		}
		j := strings.Index(rest, p)
		if j < 0 {
			return false
		}
		rest = rest[j+len(p):]
	}
	return rest == ""
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func waitFor(addr string) error {
	for range 200 {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(25 * time.Millisecond)
	}
	return fmt.Errorf("no server on %s", addr)
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
