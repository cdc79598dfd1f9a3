#!/usr/bin/env bash
# Measures $validate on a running server: the first call (builds the validation chain and loads the profiles)
# and the steady state (median of the next N calls), for one guide example.
# Usage: scripts/measure-validation.sh [base-url] [example] [N]
#   defaults: http://localhost:8080  implementation-guide/examples/Flag-cpp-active.json  50
# Start a fresh server first (e.g. the README's run command) so the first call is really the first, and set
# TOKEN to a bearer token (README: TOKEN=$(java -jar target/cpis-fhir-server.jar token --role admin --org X26)).
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-http://localhost:8080}"
example="${2:-implementation-guide/examples/Flag-cpp-active.json}"
n="${3:-50}"
type=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["resourceType"])' "$example")

call() {
    curl -s -o /dev/null -w '%{time_total}\n' -X POST -H 'Content-Type: application/fhir+json' \
        -H "Authorization: Bearer ${TOKEN:?set TOKEN to a bearer token, see the README}" \
        --data-binary @"$example" "$base/fhir/$type/\$validate"
}

first=$(call)
steady=$(for _ in $(seq 1 "$n"); do call; done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf '$validate %s: first %.0f ms, steady-state median of %d: %.0f ms\n' \
    "$(basename "$example")" "$(echo "$first * 1000" | bc)" "$n" "$(echo "$steady * 1000" | bc)"
