#!/usr/bin/env bash
# `npm run setup`: the dependencies (npm ci, skipped when node_modules already matches
# package-lock.json, so `npm ci && npm start` then `npm run setup` installs once), the runtimes
# of the runtime matrix, then the system programs the tests use (scripts/install-system-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
# npm ci writes node_modules/.package-lock.json last: newer than the lock means installed from it.
if [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "node_modules: up to date with package-lock.json (npm ci skipped)"
else
  npm ci
fi
# The runtimes of `npm run test:runtimes` (runtimes/package.json, its own lockfile), the same way.
if [ runtimes/node_modules/.package-lock.json -nt runtimes/package-lock.json ]; then
  echo "runtimes/node_modules: up to date with runtimes/package-lock.json (npm ci skipped)"
else
  npm ci --prefix runtimes
fi
bash scripts/install-system-deps.sh
