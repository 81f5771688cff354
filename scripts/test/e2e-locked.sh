#!/usr/bin/env bash
# Development helper: build and run some end-to-end specs while holding a lock,
# so that two people (or agents) sharing one checkout never run `next build`
# or the e2e server at the same time.  Usage: scripts/test/e2e-locked.sh e2e/admin-payments.spec.ts
set -euo pipefail
cd "$(dirname "$0")/../.."
export NEXT_TELEMETRY_DISABLED=1
exec flock /tmp/zenbali-e2e.lock bash -c \
  'npm run build >/tmp/zenbali-e2e-build.log 2>&1 || { tail -40 /tmp/zenbali-e2e-build.log; exit 1; }; npx playwright test --reporter=list "$@"' _ "$@"
