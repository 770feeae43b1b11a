package opsmanager

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJacksonIndentMatchesSeed003 re-indents the compacted OM-LIST example
// and expects the vendor's own bytes back.
func TestJacksonIndentMatchesSeed003(t *testing.T) {
	golden, err := os.ReadFile("testdata/seed003-list.pretty.json")
	require.NoError(t, err)
	var compact bytes.Buffer
	require.NoError(t, json.Compact(&compact, golden))
	assert.Equal(t, string(golden), string(jacksonIndent(compact.Bytes())))
}

func TestJacksonIndent(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty object", `{}`, `{ }`},
		{"empty array", `[]`, `[ ]`},
		{"scalars", `{"a":1,"b":"x"}`, "{\n  \"a\" : 1,\n  \"b\" : \"x\"\n}"},
		{"string array", `{"roles":["A","B"]}`, "{\n  \"roles\" : [ \"A\", \"B\" ]\n}"},
		{"nested empty", `{"p":[],"o":{}}`, "{\n  \"p\" : [ ],\n  \"o\" : { }\n}"},
		{"punctuation inside strings", `{"k":"a,b:{c}[d]\"e\\"}`, "{\n  \"k\" : \"a,b:{c}[d]\\\"e\\\\\"\n}"},
		{"401 body", `{"reason":"Unauthorized","error":401,"detail":"You are not authorized for this resource."}`,
			"{\n  \"reason\" : \"Unauthorized\",\n  \"error\" : 401,\n  \"detail\" : \"You are not authorized for this resource.\"\n}"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(jacksonIndent([]byte(tc.in))))
		})
	}
}
