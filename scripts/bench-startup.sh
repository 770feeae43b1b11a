#!/usr/bin/env bash
# Start-up of `opsmock serve` to its first answered request, against a bare
# net/http server binary, median of N runs each (N=20 by default), at
# SEED_SIZE generated objects per product (the default when unset).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/opsmock" ./cmd/opsmock
go build -o "$tmp/startbench" ./scripts/startbench
"$tmp/startbench" -bin "$tmp/opsmock" -n "${N:-20}" -seed-size "${SEED_SIZE:-0}"
