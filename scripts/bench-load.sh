#!/usr/bin/env bash
# Throughput of authenticated reads over loopback, in one run: opsmock
# against a bare net/http server writing the same bytes, and Stoplight
# Prism mocking the same spec. Prints req/s, p50/p99 latency and ratios.
#
#   scripts/bench-load.sh              # 10 s per target, 2 threads, 32 connections
#   DURATION=30s CONNS=64 scripts/bench-load.sh
#   PRISM=0 scripts/bench-load.sh      # skip Prism (it needs the npm registry)
#
# wrk comes from Debian's packages; Ops Manager needs a Digest header per
# request, which wrk cannot compute, so scripts/loadbench drives it.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
PRISM=${PRISM:-1}

if ! command -v wrk >/dev/null; then
	(apt-get install -y wrk || (apt-get update && apt-get install -y wrk)) >/dev/null
fi

tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill -- "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/opsmock" ./cmd/opsmock
go build -o "$tmp/loadbench" ./scripts/loadbench

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "bench-load: $1 did not come up" >&2; return 1; }

mock_port=$(free_port)
"$tmp/opsmock" serve --addr "127.0.0.1:$mock_port" --log-level off >"$tmp/mock.log" 2>&1 &
pids+=($!)
mock="http://127.0.0.1:$mock_port"
wait_up "$mock/_opsmock/health"
curl -s "$mock/_opsmock/credentials" >"$tmp/creds.json"
cred() { python3 -c "import json,sys; d=json.load(open('$tmp/creds.json')); print($1)"; }
pmp_token=$(cred "d['pmp'][0]['authToken']")
opm_key=$(cred "[k for k in d['opmanager'] if k['accessType']=='all' and k['usable']][0]['apiKey']")
om_pub=$(cred "d['opsmanager'][0]['publicKey']")
om_priv=$(cred "d['opsmanager'][0]['privateKey']")

# wrk_run URL HEADER -> "req/s p50 p99"
wrk_run() {
	local out
	out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency ${2:+-H "$2"} "$1")
	if grep -q "Non-2xx" <<<"$out"; then
		echo "bench-load: $1 answered errors under load:" >&2
		echo "$out" >&2
		return 1
	fi
	awk '/Requests\/sec/ {r=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2} END {print r, p50, p99}' <<<"$out"
}
# start_bare BODYFILE PATH: a bare server answering the bytes in BODYFILE;
# sets bare_url to its URL for PATH. Not called in $(...): the server must
# belong to this shell, so cleanup stops it.
start_bare() {
	local port
	port=$(free_port)
	"$tmp/loadbench" bare -addr "127.0.0.1:$port" -body "$1" >/dev/null 2>&1 &
	pids+=($!)
	wait_up "http://127.0.0.1:$port/"
	bare_url="http://127.0.0.1:$port$2"
}

rows=()
row() { rows+=("$(printf '%-34s %-10s %10s %10s %10s' "$@")"); }
ratio() { python3 -c "print(f'{$1/$2:.2f}x')"; }

pmp_path="/restapi/json/v1/resources"
opm_path="/api/json/alarm/listAlarms"
om_path="/api/public/v1.0/admin/apiKeys"

read -r m50 p50 p99 < <(wrk_run "$mock$pmp_path" "AUTHTOKEN: $pmp_token")
curl -s -H "AUTHTOKEN: $pmp_token" "$mock$pmp_path" >"$tmp/body.pmp"
start_bare "$tmp/body.pmp" "$pmp_path"
read -r b50 bp50 bp99 < <(wrk_run "$bare_url" "AUTHTOKEN: $pmp_token")
row "PMP GET resources" opsmock "$m50" "$p50" "$p99"
row "" bare "$b50" "$bp50" "$bp99"
row "" "ratio" "$(ratio "$m50" "$b50")" "" ""
pmp_mock=$m50

read -r m50 p50 p99 < <(wrk_run "$mock$opm_path" "apiKey: $opm_key")
curl -s -H "apiKey: $opm_key" "$mock$opm_path" >"$tmp/body.opm"
start_bare "$tmp/body.opm" "$opm_path"
read -r b50 bp50 bp99 < <(wrk_run "$bare_url" "apiKey: $opm_key")
row "OpManager listAlarms" opsmock "$m50" "$p50" "$p99"
row "" bare "$b50" "$bp50" "$bp99"
row "" "ratio" "$(ratio "$m50" "$b50")" "" ""

digest_run() {
	"$tmp/loadbench" digest -url "$1" -user "$om_pub" -pass "$om_priv" -c "$CONNS" -d "$DURATION" |
		awk '/Requests\/sec/ {r=$2} /^p50/ {p50=$2} /^p99/ {p99=$2} END {print r, p50, p99}'
}
read -r m50 p50 p99 < <(digest_run "$mock$om_path")
curl -s --digest -u "$om_pub:$om_priv" "$mock$om_path" >"$tmp/body.om"
start_bare "$tmp/body.om" "$om_path"
read -r b50 bp50 bp99 < <(digest_run "$bare_url")
row "Ops Manager list keys (Digest)" opsmock "$m50" "$p50" "$p99"
row "" bare "$b50" "$bp50" "$bp99"
row "" "ratio" "$(ratio "$m50" "$b50")" "" ""

if [ "$PRISM" = 1 ]; then
	prism_port=$(free_port)
	# npx runs Prism as a child: its own process group, so cleanup stops both.
	setsid npx --yes @stoplight/prism-cli@5.14.2 mock -p "$prism_port" -h 127.0.0.1 spec/pmp.yaml >"$tmp/prism.log" 2>&1 &
	pids+=("-$!")
	if wait_up "http://127.0.0.1:$prism_port$pmp_path" 2>/dev/null; then
		read -r r p50 p99 < <(wrk_run "http://127.0.0.1:$prism_port$pmp_path" "AUTHTOKEN: $pmp_token" || echo "- - -")
		row "PMP GET resources" prism "$r" "$p50" "$p99"
		[ "$r" != - ] && row "" "opsmock/prism" "$(ratio "$pmp_mock" "$r")" "" ""
	else
		row "PMP GET resources" prism "unavailable" "" ""
	fi
fi

echo "loopback, wrk -t$THREADS -c$CONNS -d$DURATION (Ops Manager: loadbench, same -c and -d), $(nproc) cores"
printf '%-34s %-10s %10s %10s %10s\n' target server "req/s" p50 p99
printf '%s\n' "${rows[@]}"
