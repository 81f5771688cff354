#!/usr/bin/env bash
# `npm test`: format and lint checks, the type check, unit + integration tests
# (Vitest, real PostgreSQL and Redis), then the end-to-end suite (Playwright,
# Debian Chromium, production build).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

npx tsx scripts/test/preflight.ts

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "The end-to-end tests need Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}." >&2
  echo "  Install it with: sudo apt-get install -y chromium   (or set CHROMIUM_PATH)" >&2
  exit 1
fi

echo "== Format (Prettier) and lint (ESLint, no warnings allowed)"
npx prettier --check . --log-level warn
npx eslint --max-warnings=0 .

echo "== Type check"
npx tsc --noEmit -p .

echo "== Unit and integration tests (Vitest), with the server clock in Los Angeles"
# Everything a person sees is Bali time whatever the server's TZ: run once far from Bali…
TZ=America/Los_Angeles npx vitest run
echo "== Unit tests again in UTC"
# …and the unit tests once more in UTC.
TZ=UTC npx vitest run --project unit

echo "== Production build"
npm run build

echo "== End-to-end tests (Playwright)"
npx playwright test
