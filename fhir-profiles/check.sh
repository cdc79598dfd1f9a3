#!/usr/bin/env bash
# Fail (exit 1, with a diff) if the committed package/ differs from a fresh compile of the
# sources. Compiles a temporary copy, so the working tree is left untouched.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -R "$HERE/sushi-config.yaml" "$HERE/input" "$HERE/scripts" "$HERE/build.sh" "$tmp/"
CPIS_TOOLS_DIR="${CPIS_TOOLS_DIR:-$HERE/.tools}" CPIS_EXAMPLES_DIR="$HERE/../implementation-guide/examples" "$tmp/build.sh"
if ! diff -ru "$HERE/package" "$tmp/package"; then
  echo "[check.sh] fhir-profiles/package/ is out of date: run fhir-profiles/build.sh and commit the result" >&2
  exit 1
fi
echo "[check.sh] fhir-profiles/package/ matches a fresh compile" >&2
