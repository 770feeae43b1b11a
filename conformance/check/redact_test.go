package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRedactor(t *testing.T) {
	var r Redactor
	r.Add("s3cr3t-token-value", "abc", "4a1f0e2e-1111-2222-3333-444455556666")
	cases := []struct{ name, in, want string }{
		{"registered secret", "Authorization uses s3cr3t-token-value here", "Authorization uses [REDACTED] here"},
		{"short values are not secrets", "abc stays", "abc stays"},
		{"private key field", `{"privateKey":"4a1f0e2e-1111-2222-3333-444455556666"}`, `{"privateKey":"[REDACTED]"}`},
		{"password fields", `{"PASSWORD":"fqxdB7ded@4","NEWPASSWORD" : "x\"y"}`, `{"PASSWORD":"[REDACTED]","NEWPASSWORD" : "[REDACTED]"}`},
		{"agent install key", `{"AgentInstallKey":"20570b9e0ceaa936"}`, `{"AgentInstallKey":"[REDACTED]"}`},
		{"query parameters", "GET /x?AUTHTOKEN=tok&apiKey=key&pageNum=2", "GET /x?AUTHTOKEN=[REDACTED]&apiKey=[REDACTED]&pageNum=2"},
		{"key blocks", "x\n-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\ny", "x\n[REDACTED PRIVATE KEY]\ny"},
		{"cut-off key block", "-----BEGIN PRIVATE KEY-----\nAAAA… <9000 bytes in all>", "[REDACTED PRIVATE KEY]"},
		{"§37 passphrase", `"message":"Private key passphrase of certificate mycert is 123456789"`, `"message":"Private key passphrase of certificate mycert is [REDACTED]"`},
		{"a key the product masked stays", `{"privateKey":"********-****-****-54d9792d337d"}`, `{"privateKey":"********-****-****-54d9792d337d"}`},
		{"form and query values in any case", "a=1&NewPassword=p%40ss&x=2", "a=1&NewPassword=[REDACTED]&x=2"},
		{"digest response", `Digest username="abc", response="0123456789abcdef"`, `Digest username="abc", response=[REDACTED]`},
		{"ordinary text", `{"desc":"a key","totalCount":3}`, `{"desc":"a key","totalCount":3}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { assert.Equal(t, c.want, r.String(c.in)) })
	}
}
