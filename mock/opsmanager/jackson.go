package opsmanager

import "bytes"

// jacksonIndent re-indents compact JSON the way Ops Manager's Jackson
// DefaultPrettyPrinter does (fact A1): objects one field a line as `"key" : value`,
// two spaces per object level; arrays inline as `[ a, b ]` whose object
// elements open on the same line (`[ {`); empty containers as `{ }` / `[ ]`.
// Only object nesting indents. The input must be compact JSON, which is what
// encoding/json writes, so whitespace never needs skipping.
func jacksonIndent(compact []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(compact) * 3 / 2)
	// stack holds the open containers: '{' or '['.
	var stack []byte
	depth := 0 // open objects
	indent := func(n int) {
		out.WriteByte('\n')
		for i := 0; i < n; i++ {
			out.WriteString("  ")
		}
	}
	inString := false
	for i := 0; i < len(compact); i++ {
		c := compact[i]
		if inString {
			out.WriteByte(c)
			switch c {
			case '\\':
				i++
				out.WriteByte(compact[i])
			case '"':
				inString = false
			}
			continue
		}
		next := byte(0)
		if i+1 < len(compact) {
			next = compact[i+1]
		}
		switch c {
		case '"':
			inString = true
			out.WriteByte(c)
		case '{':
			if next == '}' {
				out.WriteString("{ }")
				i++
				continue
			}
			stack = append(stack, '{')
			depth++
			out.WriteByte('{')
			indent(depth)
		case '[':
			if next == ']' {
				out.WriteString("[ ]")
				i++
				continue
			}
			stack = append(stack, '[')
			out.WriteString("[ ")
		case '}':
			stack = stack[:len(stack)-1]
			depth--
			indent(depth)
			out.WriteByte('}')
		case ']':
			stack = stack[:len(stack)-1]
			out.WriteString(" ]")
		case ':':
			out.WriteString(" : ")
		case ',':
			out.WriteByte(',')
			if stack[len(stack)-1] == '{' {
				indent(depth)
			} else {
				out.WriteByte(' ')
			}
		default:
			out.WriteByte(c)
		}
	}
	return out.Bytes()
}
