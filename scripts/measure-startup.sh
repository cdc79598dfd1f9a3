#!/usr/bin/env bash
# Measures the packaged server's startup: seconds until GET /fhir/metadata answers, and resident memory then.
# Runs four times on one fresh data directory: a first start (creates the schema) and a restart (schema present)
# of the jar as built, then a restart of the same jar extracted by Spring Boot's jarmode=tools (the production
# layout: classes load from plain jars on the class path instead of jars nested in one), then that again with the
# class data sharing archive scripts/build-cds-archive.sh builds for it (the script extracts the jar too).
# Usage: scripts/measure-startup.sh [port]     (builds target/cpis-fhir-server.jar first if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-18080}"
[ -f target/cpis-fhir-server.jar ] || ./mvnw -B -q package -DskipTests
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

measure() {
    local label="$1" jar="$2" jvm_options="${3:-}" start pid
    start=$(date +%s.%N)
    # shellcheck disable=SC2086 # the options are words
    java $jvm_options -jar "$jar" --server.port="$port" --cpis.server.data-directory="$data" \
        > "$data/$label.log" 2>&1 &
    pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/fhir/metadata"; do
        kill -0 "$pid" 2>/dev/null || { echo "server exited; see log:"; tail -20 "$data/$label.log"; exit 1; }
        sleep 0.5
    done
    local secs rss
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    rss=$(ps -o rss= -p "$pid")
    printf '%-12s ready in %5.1f s, resident memory %4d MiB\n' "$label" "$secs" $((rss / 1024))
    kill "$pid"; wait "$pid" 2>/dev/null || true
}

measure first-start target/cpis-fhir-server.jar
measure restart target/cpis-fhir-server.jar
scripts/build-cds-archive.sh "$data/app" > /dev/null
measure extracted "$data/app/cpis-fhir-server.jar"
measure extracted+cds "$data/app/cpis-fhir-server.jar" "-XX:SharedArchiveFile=$data/app/cpis-fhir-server.jsa -Xshare:on"
