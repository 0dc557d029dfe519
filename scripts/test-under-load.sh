#!/usr/bin/env bash
# The suite under load (issue 15 point 9): `npm test` while stress-ng keeps every core busy.
#   bash scripts/test-under-load.sh [runs=1]
# Installs stress-ng from Debian when it is missing; prints each run's result and time.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-1}"
command -v stress-ng >/dev/null || { apt-get update -qq && apt-get install -y -qq stress-ng >/dev/null; } || {
  echo "stress-ng is missing and could not be installed" >&2
  exit 1
}
stress-ng --cpu "$(nproc)" --timeout 12h >/dev/null 2>&1 &
stress=$!
trap 'kill "$stress" 2>/dev/null' EXIT
failed=0
for i in $(seq "$runs"); do
  start=$SECONDS
  npm test
  rc=$?
  ((rc == 0)) || failed=1
  echo "━━━ run $i of $runs under stress-ng --cpu $(nproc): $([[ $rc == 0 ]] && echo passed || echo "FAILED ($rc)") in $((SECONDS - start)) s ━━━"
done
exit "$failed"
