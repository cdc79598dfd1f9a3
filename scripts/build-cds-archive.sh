#!/usr/bin/env bash
# Extracts the packaged server (Spring Boot's jarmode=tools) and builds a class data sharing archive for it, so a
# start maps the classes it needs from one file instead of finding, reading and verifying each in its jar: a
# restart about an eighth shorter in the median of seven measured pairs (README, "Measured"). Run once per build, on the JDK that will run the server; a
# JVM given an archive of another build or JDK refuses it with a warning and starts as without it.
#
# The class list comes from one start of the server on a scratch data directory (an embedded H2 database) that
# Spring stops once its context is refreshed (spring.context.exit=onRefresh). JDK 17's static dump crashes on
# the list's lambda proxy lines (SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary, as the
# dynamic archive -XX:ArchiveClassesAtExit does), so those are left out: lambdas are then made at run time as
# without an archive.
#
# Usage: scripts/build-cds-archive.sh [destination]     (default target/app; builds the jar first if missing)
# Then:  java -XX:SharedArchiveFile=target/app/cpis-fhir-server.jsa -jar target/app/cpis-fhir-server.jar
set -euo pipefail
cd "$(dirname "$0")/.."
destination="${1:-target/app}"
[ -f target/cpis-fhir-server.jar ] || ./mvnw -B -q package -DskipTests
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

rm -rf "$destination"
java -Djarmode=tools -jar target/cpis-fhir-server.jar extract --destination "$destination" > /dev/null
jar="$destination/cpis-fhir-server.jar"

# Port 0: the training start needs no fixed port, and must not clash with a server already running.
java -Xshare:off -XX:DumpLoadedClassList="$scratch/classes.lst" -Dspring.context.exit=onRefresh \
    -jar "$jar" --server.port=0 --cpis.server.data-directory="$scratch/data" > "$scratch/training.log" 2>&1 \
    || { echo "the training start failed; its log:"; tail -30 "$scratch/training.log"; exit 1; }
grep -v '^@lambda-proxy' "$scratch/classes.lst" > "$scratch/classes-without-lambdas.lst"

java -Xshare:dump -XX:SharedClassListFile="$scratch/classes-without-lambdas.lst" \
    -XX:SharedArchiveFile="$destination/cpis-fhir-server.jsa" -cp "$jar" > "$scratch/dump.log" 2>&1 \
    || { echo "the archive dump failed; its log:"; tail -30 "$scratch/dump.log"; exit 1; }
echo "$destination/cpis-fhir-server.jsa ($(du -m "$destination/cpis-fhir-server.jsa" | cut -f1) MiB) for $jar"
echo "run: java -XX:SharedArchiveFile=$destination/cpis-fhir-server.jsa -jar $jar"
