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

// ResultLine is a result as the text report and progress show it: what a
// pass rests on, why a check skipped or could not run.
func ResultLine(res check.Result) string {
	line := fmt.Sprintf("%-5s %s", strings.ToUpper(string(res.Status)), res.ID)
	switch {
	case res.Reason != "":
		line += ": " + res.Reason
	case res.Status == check.Pass:
		line += fmt.Sprintf(" (%s", plural(res.Requests, "request"))
		if len(res.Exercised) > 0 {
			line += "; " + strings.Join(res.Exercised, "; ")
		}
		line += ")"
	}
	return line
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (r Report) writeText(w io.Writer) error {
	mode := map[bool]string{true: "with --write", false: "read-only"}[r.Write]
	fmt.Fprintf(w, "opsmock check %s at %s (%s)\n\n", r.Product, r.Target, mode)
	for _, res := range r.Results {
		fmt.Fprintln(w, ResultLine(res))
		writeFindings(w, res)
	}
	fmt.Fprintln(w)
	return r.writeSummary(w)
}

// WriteDetails writes what a live progress display left out: the findings
// of the checks that failed, and the summary.
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
	if len(res.Findings) == 0 {
		return
	}
	_, _ = io.WriteString(w, indentLines(FindingsText(res), "      "))
}

// FindingsText is a failed check's rule and numbered findings: one plain
// sentence each, then the request (">") and the answer ("<") it is about;
// an exchange or answer already shown is referred to by its number.
func FindingsText(res check.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "rule: %s\n", res.Rule)
	for i, f := range res.Findings {
		fmt.Fprintf(&b, "%d. [%s] %s", i+1, f.Category, f.Reason)
		switch {
		case f.SameExchangeAs > 0:
			fmt.Fprintf(&b, " (same exchange as %d)", f.SameExchangeAs)
		case f.SameAnswerAs > 0:
			fmt.Fprintf(&b, " (same answer as %d)", f.SameAnswerAs)
		}
		b.WriteString("\n")
		b.WriteString(indentLines(prefixLines(f.Request, "> "), "   "))
		b.WriteString(indentLines(prefixLines(f.Response, "< "), "   "))
	}
	return b.String()
}

// prefixLines marks each line of an exchange part with p.
func prefixLines(s, p string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString(strings.TrimRight(p+l, " ") + "\n")
	}
	return b.String()
}

func indentLines(s, in string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString(in + l + "\n")
	}
	return b.String()
}

// writeSummary is the table of results per category.
func (r Report) writeSummary(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "category\tpass\tfail\tskip\terror\t")
	by := r.ByCategory()
	for _, c := range check.Categories {
		n := by[c]
		if len(n) == 0 {
			continue // no check of this category ran
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", c, n[check.Pass], n[check.Fail], n[check.Skip], n[check.Error])
	}
	all := r.Count()
	fmt.Fprintf(tw, "total\t%d\t%d\t%d\t%d\t\n", all[check.Pass], all[check.Fail], all[check.Skip], all[check.Error])
	if err := tw.Flush(); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "\n%d checks in %s\n", len(r.Results), r.Duration.Round(time.Millisecond)); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "coverage %s\n%s%s", r.Coverage.Line(r.Product), r.categoryLine(), r.leftBehindLines())
	return err
}

// leftBehindLines lists what the run created and could not remove.
func (r Report) leftBehindLines() string {
	var b strings.Builder
	for _, res := range r.Results {
		for _, l := range res.LeftBehind {
			fmt.Fprintf(&b, "  %s (%s)\n", l, res.ID)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return "left on the target (no API removes them):\n" + b.String()
}

// categoryLine counts the operations each category's checks reached.
func (r Report) categoryLine() string {
	var parts []string
	for _, c := range check.Categories {
		if n := r.Coverage.ByCategory[c]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", c, n))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "operations reached per category: " + strings.Join(parts, ", ") + "\n"
}

// JUnit XML, as CI systems read it.
type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string          `xml:"name,attr"`
	Tests    int             `xml:"tests,attr"`
	Failures int             `xml:"failures,attr"`
	Errors   int             `xml:"errors,attr"`
	Skipped  int             `xml:"skipped,attr"`
	Time     string          `xml:"time,attr"`
	Props    []junitProperty `xml:"properties>property"`
	Cases    []junitCase     `xml:"testcase"`
	Out      string          `xml:"system-out,omitempty"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
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
		Skipped: n[check.Skip], Time: seconds(r.Duration), Out: "coverage " + r.Coverage.Line(r.Product),
		Props: []junitProperty{
			{"operations", fmt.Sprint(r.Coverage.Operations)},
			{"operationsExercised", fmt.Sprint(len(r.Coverage.Exercised))},
			{"coveragePercent", fmt.Sprintf("%.1f", r.Coverage.Percent())},
		}}
	for _, res := range r.Results {
		c := junitCase{Class: r.Product + "." + string(res.Category), Name: res.ID, Time: seconds(res.Duration)}
		switch res.Status {
		case check.Fail:
			msg := res.Findings[0].Reason
			if n := len(res.Findings); n > 1 {
				msg += fmt.Sprintf(" (and %d more)", n-1)
			}
			c.Failure = &junitMessage{Message: msg, Body: FindingsText(res)}
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
