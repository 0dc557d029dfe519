#!/usr/bin/env bash
# npm test — every test suite, one after another:
#   migrations (npm run db:check) → unit → integration → e2e
# Each part runs even when an earlier one failed; a summary with results and durations
# comes last, and the exit status is non-zero when any part failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

names=()
results=()
durations=()

run_part() {
  local name="$1"
  shift
  echo
  echo "━━━ $name: $* ━━━"
  local start=$SECONDS
  "$@"
  local rc=$?
  names+=("$name")
  durations+=("$((SECONDS - start))")
  if ((rc == 0)); then results+=("passed"); else results+=("FAILED (exit $rc)"); fi
}

total_start=$SECONDS
# Each part appends the names of its failed tests here; the summary repeats them at the end.
TEST_FAILURES_FILE="$(mktemp)"
export TEST_FAILURES_FILE
trap 'rm -f "$TEST_FAILURES_FILE"' EXIT
run_part "migrations" npm run --silent db:check
run_part "unit" env LABEL=unit bash scripts/vitest-logged.sh run --project unit
run_part "integration" bash scripts/test-integration.sh
run_part "e2e" bash scripts/test-e2e.sh

echo
echo "━━━ summary ━━━"
failed=0
for i in "${!names[@]}"; do
  printf '  %-12s %-18s %5ss\n' "${names[$i]}" "${results[$i]}" "${durations[$i]}"
  [[ "${results[$i]}" == passed ]] || failed=1
done
printf '  %-12s %-18s %5ss\n' "total" "$([[ $failed == 0 ]] && echo passed || echo FAILED)" "$((SECONDS - total_start))"
if [[ -s "$TEST_FAILURES_FILE" ]]; then
  echo
  echo "━━━ failed tests ━━━"
  cat "$TEST_FAILURES_FILE"
fi
exit "$failed"
