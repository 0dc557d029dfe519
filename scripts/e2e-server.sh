#!/usr/bin/env bash
# The production server the Playwright tests run against (playwright.config.ts `webServer`).
#
#   migrate → seed the demo company → build (unless E2E_SKIP_BUILD=1 and a build exists) → next start
#
# The database is a fresh file in a temp folder, wiped at every start:
#   ${TMPDIR:-/tmp}/guanjia-e2e-$PORT/e2e.db   (override with DATABASE_URL)
# It refuses any DATABASE_URL that is not a local file in a temp folder (outside the repo) or
# in a folder named "e2e", so a test run can never write to a real database.
#
# Environment: PORT (default 3211), DATABASE_URL, NEXTAUTH_SECRET / CRON_SECRET (random
# when unset), NEXTAUTH_URL (default http://127.0.0.1:$PORT), E2E_SKIP_BUILD=1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { echo "[e2e-server] $*" >&2; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

export PORT="${PORT:-3211}"
tmp_root="$(cd "${TMPDIR:-/tmp}" && pwd -P)"

if [[ -z "${DATABASE_URL:-}" ]]; then
  dir="$tmp_root/guanjia-e2e-$PORT"
  mkdir -p "$dir"
  rm -f "$dir"/e2e.db "$dir"/e2e.db-*
  export DATABASE_URL="file:$dir/e2e.db"
fi

# Refuse anything but a local file under a temp or e2e folder.
case "$DATABASE_URL" in
  file:*) ;;
  *) say "refusing DATABASE_URL=${DATABASE_URL%%:*}:… — e2e tests only run against a local file: database"; exit 1 ;;
esac
db_file="${DATABASE_URL#file:}"
db_file="${db_file%%\?*}"
if [[ -z "$db_file" || "$db_file" == ":memory:" ]]; then
  say "refusing DATABASE_URL=$DATABASE_URL — the migrate, seed and server processes need one shared file"
  exit 1
fi
db_dir="$(realpath -m "$(dirname "$db_file")")"
allowed=0
case "$db_dir/" in
  */e2e/*) allowed=1 ;;                                 # any folder named e2e
  "$root"/*) ;;                                         # elsewhere in the repo (e.g. data/): never
  "$tmp_root"/* | /tmp/*) allowed=1 ;;                  # a temp folder outside the repo
esac
if [[ $allowed != 1 ]]; then
  say "refusing DATABASE_URL=$DATABASE_URL — use a file in a temp folder or in a folder named e2e"
  exit 1
fi
mkdir -p "$db_dir"
export DATABASE_URL="file:$db_dir/$(basename "$db_file")"

random_secret() { node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))'; }
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://127.0.0.1:$PORT}"
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-$(random_secret)}"
export CRON_SECRET="${CRON_SECRET:-$(random_secret)}"
export SECRETS_KEY="${SECRETS_KEY:-$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))')}"
export NEXT_TELEMETRY_DISABLED=1

say "database $DATABASE_URL"
t=$(date +%s)
npm run --silent db:seed >/dev/null  # migrates first, then seeds 示范物业
say "migrated and seeded in $(elapsed "$t")"

if [[ "${E2E_SKIP_BUILD:-}" == "1" && -f .next/BUILD_ID ]]; then
  say "E2E_SKIP_BUILD=1: using the existing build in .next"
else
  mkdir -p .cache
  build_log="$root/.cache/e2e-build.log"
  t=$(date +%s)
  say "building (log: $build_log)"
  if ! npm run --silent build >"$build_log" 2>&1; then
    say "next build failed; last lines of $build_log:"
    tail -n 40 "$build_log" >&2
    exit 1
  fi
  say "built in $(elapsed "$t")"
fi

say "starting on $NEXTAUTH_URL"
# The app's own start command (it sets MALLOC_ARENA_MAX, README "Process model"); PORT is set above.
exec npm start --silent -- -H 127.0.0.1
