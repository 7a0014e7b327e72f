#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs, checks types, lint, that the committed
# bundles in dist/ are fresh, then runs every test (unit, golden and integration against real tools).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
echo "==> typecheck"; npm run -s typecheck
echo "==> lint"; npm run -s lint
echo "==> dist/ is fresh"; node scripts/check-dist.js
echo "==> jest"; npx jest --ci "$@"
