#!/usr/bin/env bash
# npm run test:int — the integration tests twice: on embedded `file:` databases, then on a
# real libSQL server (sqld, started by tests/integration/global-setup.ts). Both modes run
# even when the first fails; the exit status is non-zero when either failed.
# Extra arguments go to vitest, e.g. `bash scripts/test-integration.sh tests/integration/migrations.test.ts`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/ensure-sqld.sh >/dev/null || { echo "could not fetch sqld (bash scripts/ensure-sqld.sh)" >&2; exit 1; }

summary=()
failed=0
for mode in file remote; do
  echo
  echo "━━━ integration tests, TEST_DB_MODE=$mode ━━━"
  start=$SECONDS
  TEST_DB_MODE=$mode LABEL="integration ($mode)" bash scripts/vitest-logged.sh run --project integration "$@"
  rc=$?
  result=$([[ $rc == 0 ]] && echo passed || echo "FAILED (exit $rc)")
  ((rc == 0)) || failed=1
  summary+=("$(printf '  %-8s %-18s %4ss' "$mode" "$result" "$((SECONDS - start))")")
done

echo
echo "━━━ integration summary ━━━"
printf '%s\n' "${summary[@]}"
exit "$failed"
