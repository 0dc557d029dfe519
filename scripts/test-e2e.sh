#!/usr/bin/env bash
# npm run test:e2e — Playwright against a production build on a fresh, seeded temp database
# (see playwright.config.ts and scripts/e2e-server.sh). Extra arguments go to Playwright:
#   bash scripts/test-e2e.sh tests/e2e/auth --headed
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CHROMIUM_PATH="$(bash scripts/ensure-chromium.sh)"
export CHROMIUM_PATH
exec npx playwright test "$@"
