package conformance

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/opsmock/opsmock/conformance/check"
)

// Formats a report can be written in.
var Formats = []string{"text", "json", "junit"}

// Render writes the report. Findings are already redacted.
func (r Report) Render(w io.Writer, format string) error {
	switch format {
	case "text":
		return r.writeText(w)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "junit":
		return r.writeJUnit(w)
	}
	return fmt.Errorf("%w: format %q (want %s)", ErrUsage, format, strings.Join(Formats, ", "))
}

// ResultLine is a result as the text report and progress show it.
func ResultLine(res check.Result) string {
	line := fmt.Sprintf("%-5s %s", strings.ToUpper(string(res.Status)), res.ID)
	if res.Reason != "" {
		line += ": " + res.Reason
	}
	return line
}

func (r Report) writeText(w io.Writer) error {
	fmt.Fprintf(w, "opsmock check %s at %s (%s)\n\n", r.Product, r.Target, map[bool]string{true: "with --write", false: "read-only"}[r.Write])
	for _, res := range r.Results {
		fmt.Fprintln(w, ResultLine(res))
		writeFindings(w, res)
	}
	fmt.Fprintln(w)
	return r.writeSummary(w)
}

// WriteDetails writes what a live progress display left out: the findings
// of the checks that failed, and the summary table.
func (r Report) WriteDetails(w io.Writer) error {
	for _, res := range r.Results {
		if len(res.Findings) > 0 {
			fmt.Fprintf(w, "\n%s\n", ResultLine(res))
			writeFindings(w, res)
		}
	}
	fmt.Fprintln(w)
	return r.writeSummary(w)
}

func writeFindings(w io.Writer, res check.Result) {
	for _, f := range res.Findings {
		fmt.Fprintf(w, "      [%s] %s\n", f.Category, f.Reason)
		for _, part := range []string{f.Request, f.Response} {
			for _, l := range strings.Split(strings.TrimRight(part, "\n"), "\n") {
				if l != "" {
					fmt.Fprintf(w, "        | %s\n", l)
				}
			}
		}
	}
}

// writeSummary is the table of results per category.
func (r Report) writeSummary(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "category\tpass\tfail\tskip\terror\t")
	by := r.ByCategory()
	for _, c := range check.Categories {
		n := by[c]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", c, n[check.Pass], n[check.Fail], n[check.Skip], n[check.Error])
	}
	all := r.Count()
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\t\n", all[check.Pass], all[check.Fail], all[check.Skip], all[check.Error])
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d checks in %s\n", len(r.Results), r.Duration.Round(time.Millisecond))
	return err
}

// JUnit XML, as CI systems read it.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Class   string        `xml:"classname,attr"`
	Name    string        `xml:"name,attr"`
	Time    string        `xml:"time,attr"`
	Failure *junitMessage `xml:"failure,omitempty"`
	Error   *junitMessage `xml:"error,omitempty"`
	Skipped *junitMessage `xml:"skipped,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Body    string `xml:",chardata"`
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

func (r Report) writeJUnit(w io.Writer) error {
	n := r.Count()
	s := junitSuite{Name: "opsmock check " + r.Product, Tests: len(r.Results), Failures: n[check.Fail], Errors: n[check.Error],
		Skipped: n[check.Skip], Time: seconds(r.Duration)}
	for _, res := range r.Results {
		c := junitCase{Class: r.Product + "." + string(res.Category), Name: res.ID, Time: seconds(res.Duration)}
		switch res.Status {
		case check.Fail:
			var body strings.Builder
			for _, f := range res.Findings {
				fmt.Fprintf(&body, "[%s] %s\n%s%s\n", f.Category, f.Reason, f.Request, f.Response)
			}
			c.Failure = &junitMessage{Message: res.Rule, Body: body.String()}
		case check.Error:
			c.Error = &junitMessage{Message: res.Reason}
		case check.Skip:
			c.Skipped = &junitMessage{Message: res.Reason}
		}
		s.Cases = append(s.Cases, c)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(junitSuites{Suites: []junitSuite{s}}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
