package check

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gavv/httpexpect/v2"
)

// maxShown bounds a value quoted in a finding's sentence; the exchange
// below it shows the whole answer.
const maxShown = 160

// describe turns an httpexpect failure into one plain sentence and the
// JSON path it is about ("" when it is about the status or a header):
// no assertion chains, no Go value dumps, no library wording.
// Values are redacted before they are clipped, so a cut can never leave
// part of a secret.
func describe(r *Redactor, ctx *httpexpect.AssertionContext, f *httpexpect.AssertionFailure) (sentence, path string) {
	p := plain{r}
	show, keysOf, kindOf := p.show, p.keysOf, p.kindOf
	subject, path, op := subjectOf(ctx.Path)
	var exp, act, ref any
	if f.Expected != nil {
		exp = f.Expected.Value
	}
	if f.Actual != nil {
		act = f.Actual.Value
	}
	if f.Reference != nil {
		ref = f.Reference.Value
	}
	var what string
	switch f.Type {
	case httpexpect.AssertEqual:
		if subject == "the HTTP status" {
			what = fmt.Sprintf("expected %v, got %v", exp, act) // "400 Bad Request", not quoted
			break
		}
		what = fmt.Sprintf("expected %s, got %s", show(exp), show(act))
	case httpexpect.AssertNotEqual:
		what = fmt.Sprintf("expected anything but %s", show(exp))
	case httpexpect.AssertContainsKey:
		what = fmt.Sprintf("expected a field %s; the object has %s", show(exp), keysOf(act))
	case httpexpect.AssertNotContainsKey:
		what = fmt.Sprintf("expected no field %s, but it is there", show(exp))
	case httpexpect.AssertContainsElement:
		switch op {
		case "ContainsOnly":
			what = fmt.Sprintf("expected exactly %s, got %s (missing %s)", show(ref), show(act), show(exp))
		default:
			what = fmt.Sprintf("expected it to include %s, got %s", show(exp), show(act))
		}
	case httpexpect.AssertNotContainsElement:
		if op == "ContainsOnly" {
			what = fmt.Sprintf("expected exactly %s, got %s (%s is not expected)", show(ref), show(act), show(exp))
		} else {
			what = fmt.Sprintf("expected it not to include %s, got %s", show(exp), show(act))
		}
	case httpexpect.AssertContainsSubset:
		what = fmt.Sprintf("expected it to contain %s, got %s", show(exp), show(act))
	case httpexpect.AssertMatchRegexp:
		what = fmt.Sprintf("expected text matching %s, got %s", show(exp), show(act))
	case httpexpect.AssertNotMatchRegexp:
		what = fmt.Sprintf("expected text not matching %s, got %s", show(exp), show(act))
	case httpexpect.AssertEmpty:
		what = fmt.Sprintf("expected it empty, got %s", show(act))
	case httpexpect.AssertNotEmpty:
		what = "expected it not to be empty, but it is"
	case httpexpect.AssertNil:
		what = fmt.Sprintf("expected null, got %s", show(act))
	case httpexpect.AssertNotNil:
		what = "expected a value, got null or nothing"
	case httpexpect.AssertGt, httpexpect.AssertGe, httpexpect.AssertLt, httpexpect.AssertLe:
		what = fmt.Sprintf("expected a value %s %s, got %s", comparison[f.Type], show(exp), show(act))
	case httpexpect.AssertInRange:
		what = fmt.Sprintf("expected a value in %s, got %s", show(exp), show(act))
	case httpexpect.AssertType:
		what = fmt.Sprintf("expected %s, got %s", kindWanted(op), kindOf(act))
	case httpexpect.AssertValid:
		what = p.invalid(subject, f)
	case httpexpect.AssertBelongs:
		what = fmt.Sprintf("expected one of %s, got %s", show(exp), show(act))
	default:
		what = libraryWords(f)
	}
	if subject == "" {
		return capitalize(what), path
	}
	return subject + ": " + what, path
}

var comparison = map[httpexpect.AssertionType]string{
	httpexpect.AssertGt: ">", httpexpect.AssertGe: ">=", httpexpect.AssertLt: "<", httpexpect.AssertLe: "<=",
}

// subjectOf reads an assertion chain: what part of the answer it looked at
// (the status, a header, a JSON path) and the name of its last step.
func subjectOf(chain []string) (subject, path, op string) {
	for _, step := range chain {
		name, arg := splitStep(step)
		op = name
		switch name {
		case "Status", "StatusRange":
			subject = "the HTTP status"
		case "Header":
			subject = fmt.Sprintf("the %s header", arg)
		case "ContentType":
			subject = "the Content-Type header"
		case "Body":
			subject = "the body"
		case "JSON":
			path, subject = "$", "the body"
		case "Value":
			if path == "" {
				continue
			}
			if n, err := strconv.Atoi(arg); err == nil {
				path += fmt.Sprintf("[%d]", n)
			} else if plainKey(arg) {
				path += "." + arg
			} else {
				path += "[" + strconv.Quote(arg) + "]"
			}
			subject = "at " + path
		case "Find":
			path += "[?]"
			subject = "at " + path
		case "Keys":
			subject = "the fields of " + orRoot(path)
		case "Length":
			subject = "the length of " + orRoot(path)
		}
	}
	return subject, path, op
}

func orRoot(path string) string {
	if path == "" {
		return "the body"
	}
	return path
}

// splitStep splits `Value("results")` into Value and results.
func splitStep(step string) (name, arg string) {
	name, rest, ok := strings.Cut(step, "(")
	if !ok {
		return step, ""
	}
	arg = strings.TrimSuffix(rest, ")")
	if s, err := strconv.Unquote(arg); err == nil {
		arg = s
	}
	return name, arg
}

func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// plain renders values for a sentence, through the redactor.
type plain struct{ r *Redactor }

// show renders a value as JSON text, redacted, then clipped.
func (p plain) show(v any) string {
	show := p.show
	clip := func(s string) string { return clip(p.r.String(s)) }
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return clip(strconv.Quote(x))
	case httpexpect.AssertionRange:
		return fmt.Sprintf("[%s, %s]", show(x.Min), show(x.Max))
	case httpexpect.AssertionList:
		items := make([]string, len(x))
		for i, e := range x {
			items[i] = show(e)
		}
		return clip(strings.Join(items, " or "))
	}
	b, err := json.Marshal(v)
	if err != nil {
		return clip(fmt.Sprintf("%v", v))
	}
	return clip(string(b))
}

// keysOf describes an object by its field names, not its values.
func (p plain) keysOf(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return p.kindOf(v)
	}
	if len(m) == 0 {
		return "no fields"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, strconv.Quote(k))
	}
	sort.Strings(keys)
	return clip(p.r.String("fields " + strings.Join(keys, ", ")))
}

func (p plain) kindOf(v any) string {
	show := p.show
	switch x := v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return fmt.Sprintf("an array of %d", len(x))
	case string:
		return "the string " + show(x)
	case float64, int, int64, json.Number:
		return "the number " + show(x)
	case bool:
		return "the boolean " + show(x)
	}
	return show(v)
}

// kindWanted reads the expected JSON type from the step that failed.
func kindWanted(op string) string {
	switch op {
	case "Object":
		return "an object"
	case "Array":
		return "an array"
	case "String":
		return "a string"
	case "Number":
		return "a number"
	case "Boolean":
		return "a boolean"
	}
	return "another type"
}

// invalid explains a body or header httpexpect could not read.
func (p plain) invalid(subject string, f *httpexpect.AssertionFailure) string {
	words := strings.ToLower(libraryWords(f))
	switch {
	case strings.Contains(words, "content-type"):
		got := ""
		if f.Actual != nil {
			got = ", got " + p.show(f.Actual.Value)
		}
		return "expected a JSON Content-Type" + got
	case subject == "the body" || strings.Contains(words, "json"):
		return "expected a JSON document, but the body is not valid JSON"
	}
	return "could not be read: " + words
}

// libraryWords is the library's own explanation, without its "expected:"
// prefix, for the rare failures the cases above do not name.
func libraryWords(f *httpexpect.AssertionFailure) string {
	var parts []string
	for _, err := range f.Errors {
		if err != nil {
			parts = append(parts, strings.TrimPrefix(err.Error(), "expected: "))
		}
	}
	return strings.Join(parts, "; ")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// clip keeps a value short in a sentence: the exchange shows it whole.
// It cuts between characters, never inside one.
func clip(s string) string {
	if len(s) <= maxShown {
		return s
	}
	cut := maxShown
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
