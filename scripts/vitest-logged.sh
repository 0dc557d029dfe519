#!/usr/bin/env bash
# Runs vitest with the given arguments, shows its output as usual, and afterwards lists the failed
# files and tests again in a few lines — and appends them to $TEST_FAILURES_FILE when set, so
# `npm test` can repeat them in its final summary (a CI log is often read from its tail only).
#   LABEL=... bash scripts/vitest-logged.sh run --project unit
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
FORCE_COLOR="${FORCE_COLOR:-1}" npx vitest "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

if ((rc != 0)); then
  # Vitest marks failed files with "FAIL" and failed tests with "×" (ANSI colours stripped).
  failed="$(sed -e 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *(FAIL|×) ' | sed -e 's/^ *//' | sort -u | head -40)"
  [[ -n "$failed" ]] || failed="(vitest exited with $rc and named no failed test: read the log above)"
  echo
  echo "━━━ failed in ${LABEL:-vitest} ━━━"
  echo "$failed"
  if [[ -n "${TEST_FAILURES_FILE:-}" ]]; then
    { echo "${LABEL:-vitest}:"; echo "$failed" | sed -e 's/^/  /'; } >>"$TEST_FAILURES_FILE"
  fi
fi
exit "$rc"
