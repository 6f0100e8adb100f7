#!/usr/bin/env bash
# Runs the end-to-end tests in Chromium against the release build: `end2end/parallel.mjs` starts
# one server with its own fresh SQLite database (the demo data) per worker, hands the test files
# out to them and stops every server whatever happens.
#
#   E2E_WORKERS=2          servers and test processes at once (default 2)
#   E2E_TESTS=tests/x.test.mjs   only these files, while working
#   E2E_RUST_LOG, E2E_LOG_LINES  the servers' log level, and how much of a failing one to print
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x target/release/server ] || { echo "end2end: build first (make build-release)" >&2; exit 1; }
cd end2end
# shellcheck disable=SC2086
exec node parallel.mjs ${E2E_TESTS:-}
