#!/usr/bin/env bash
# Smoke test of the real binary with real curl: what the README promises.
# Starts `opsmock serve` on a free port, curls it with and without the
# credentials it printed, then stops it with SIGINT and expects exit 0.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
tmp=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "smoke: FAIL: $*" >&2; echo "--- serve output:" >&2; cat "$tmp/out" >&2; exit 1; }

go build -o "$tmp/opsmock" ./cmd/opsmock
"$tmp/opsmock" serve --addr 127.0.0.1:0 --log-level off >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q 'try: curl' "$tmp/out" && break; sleep 0.05; done
url=$(grep -o 'listening on http://[0-9.:]*' "$tmp/out" | sed 's/listening on //')
creds=$(grep -o "try: curl --digest -u '[^']*'" "$tmp/out" | sed "s/.*-u '//; s/'$//")
[ -n "$url" ] && [ -n "$creds" ] || fail "no URL or credentials printed"

# Without credentials: 401 with the digest challenge.
code=$(curl -s -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' "$url/api/public/v1.0/admin/apiKeys?pretty=true")
[ "$code" = 401 ] || fail "anonymous request answered $code"
grep -qi '^WWW-Authenticate: Digest realm="MMS Public API"' "$tmp/headers" || fail "no digest challenge"

# With the printed credentials: the pretty list.
code=$(curl -s --digest -u "$creds" -o "$tmp/body" -w '%{http_code}' "$url/api/public/v1.0/admin/apiKeys?pretty=true")
[ "$code" = 200 ] || fail "digest request answered $code: $(cat "$tmp/body")"
grep -q '"totalCount" : 30' "$tmp/body" || fail "unexpected list: $(head -c 300 "$tmp/body")"

# OpManager: the printed All-access key works in the header; in the query of
# a header-only URL it counts as no key.
key=$(grep -E '^  admin +All access ' "$tmp/out" | awk '{print $NF}')
[ -n "$key" ] || fail "no OpManager key printed"
code=$(curl -s -o "$tmp/body" -w '%{http_code}' -H "apiKey: $key" "$url/api/json/alarm/listAlarms")
[ "$code" = 200 ] && grep -q '"numericSeverity"' "$tmp/body" || fail "listAlarms with the header answered $code: $(head -c 300 "$tmp/body")"
code=$(curl -s -o "$tmp/body" -w '%{http_code}' "$url/api/json/alarm/listAlarms?apiKey=$key")
[ "$code" = 401 ] && grep -q API_KEY_MISSING "$tmp/body" || fail "listAlarms with ?apiKey answered $code: $(cat "$tmp/body")"

# PMP: the printed Administrator token lists resources; a wrong one gets the
# Authentication envelope (HTTP 200).
tok=$(grep -E '^  admin +Administrator ' "$tmp/out" | awk '{print $NF}')
[ -n "$tok" ] || fail "no PMP token printed"
curl -s -H "AUTHTOKEN: $tok" "$url/restapi/json/v1/resources" | grep -q '"name":"GET RESOURCES"' || fail "PMP resources with the token failed"
curl -s -H "AUTHTOKEN: wrong" "$url/restapi/json/v1/resources" | grep -q '"name":"Authentication"' || fail "PMP with a wrong token did not fail authentication"

# PMP PKI: the same token lists SSH keys in the PKI envelope, and the
# certificate it serves is one openssl reads.
curl -s -H "AUTHTOKEN: $tok" "$url/api/pki/restapi/getAllSSHKeys" | grep -q '"name":"GetAllSSHKeys","result":{"status":"Success"' || fail "PKI getAllSSHKeys failed"
curl -s -G -H "AUTHTOKEN: $tok" "$url/api/pki/restapi/getCertificate" \
  --data-urlencode 'INPUT_DATA={"operation":{"Details":{"common_name":"*.zoho.com"}}}' >"$tmp/cert.pem"
if command -v openssl >/dev/null; then
  openssl x509 -in "$tmp/cert.pem" -noout -serial | grep -q 48F4CA7636B856AF0300000000CC5801 || fail "getCertificate did not serve §33's certificate"
else
  grep -q 'BEGIN CERTIFICATE' "$tmp/cert.pem" || fail "getCertificate served no PEM"
fi
curl -s -H "AUTHTOKEN: wrong" "$url/api/pki/restapi/getAllSSHKeys" | grep -q '^{"name":"Authentication"' || fail "PKI with a wrong token did not fail authentication"
curl -s "$url/_opsmock/pmp/network" | grep -q '"certificateAuthorities"' || fail "no PMP network view"

# opsmock check, read-only, against the served mock with the printed keys:
# every selected check passes (exit 0).
owner=$(grep -E '^  GLOBAL_OWNER ' "$tmp/out")
"$tmp/opsmock" check --target "$url" --product opsmanager --rate 0 --format json --out "$tmp/report.json" \
  --public-key "$(echo "$owner" | awk '{print $2}')" --private-key "$(echo "$owner" | awk '{print $3}')" \
  || fail "opsmock check against the mock failed: $(head -c 2000 "$tmp/report.json")"
grep -q '"status": "pass"' "$tmp/report.json" || fail "the check report has no passing check"

kill -INT "$pid"
wait "$pid" || fail "serve exited with status $?"
pid=""
grep -q 'shutting down' "$tmp/out" || fail "no clean shutdown"

# Every console example of the README, run as printed with real curl.
command -v openssl >/dev/null || { apt-get update -qq && apt-get install -y -qq openssl >/dev/null; }
go run ./scripts/readmecheck README.md "$tmp/opsmock" || fail "a README example does not print what the README says"
echo "smoke: ok ($url)"
