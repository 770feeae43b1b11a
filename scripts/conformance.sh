#!/usr/bin/env bash
# Serves the mock on a free port and runs `opsmock check --write` against
# it for each product the runner has checks for, with the credentials the
# mock printed. Every product is checked even when one fails; the exit
# status is then that of the first failing run.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

go build -o "$tmp/opsmock" ./cmd/opsmock
# An Ops Manager access list that admits every caller, as a deployment that
# uses one has: the access-list lifecycle runs only on a non-empty list.
cat >"$tmp/opsmock.yaml" <<'YAML'
objects:
  opsmanager:
    accessList:
      - cidrBlock: 0.0.0.0/0
        description: every IPv4 caller
      - cidrBlock: ::/0
        description: every IPv6 caller
YAML
"$tmp/opsmock" serve --config "$tmp/opsmock.yaml" --addr 127.0.0.1:0 --log-level off >"$tmp/out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q 'try: curl' "$tmp/out" && break; sleep 0.05; done
url=$(grep -o 'listening on http://[0-9.:]*' "$tmp/out" | sed 's/listening on //')
[ -n "$url" ] || { cat "$tmp/out"; exit 2; }

status=0
checked() { "$@" || { rc=$?; [ "$status" -ne 0 ] || status=$rc; }; }
key() { grep -E "^  $1 " "$tmp/out" | awk "{print \$$2}"; }
# Each product's --write run must exercise at least 90% of its operations.
checked "$tmp/opsmock" check --target "$url" --product opsmanager --write --rate 0 --min-coverage 90 \
  --public-key "$(key GLOBAL_OWNER 2)" --private-key "$(key GLOBAL_OWNER 3)" \
  --public-key-low "$(key GLOBAL_READ_ONLY 2)" --private-key-low "$(key GLOBAL_READ_ONLY 3)"
last() { grep -E "$1" "$tmp/out" | awk '{print $NF}'; }
checked "$tmp/opsmock" check --target "$url" --product pmp --write --rate 0 --min-coverage 90 \
  --token "$(last '^  admin +Administrator ')" --token-low "$(last '^  guest +Password User ')" --user-low guest
checked "$tmp/opsmock" check --target "$url" --product opmanager --write --rate 0 --min-coverage 90 \
  --api-key "$(last '^  admin +All access ')" --api-key-low "$(last '^  admin +Alarms read-only ')"
exit "$status"
