#!/usr/bin/env bash
# Starts the release build on a free loopback port against a fresh SQLite database with the
# demo data, runs the end-to-end tests in Chromium, and stops the server whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x target/release/server ] || { echo "end2end: build first (cargo leptos build --release)" >&2; exit 1; }
work=$(mktemp -d /tmp/doorstep-e2e.XXXXXX)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
export DATABASE_URL="sqlite://$work/doorstep.db"
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
export LEPTOS_SITE_ROOT=target/site
export DOORSTEP_ENV=development
export RUST_LOG="${E2E_RUST_LOG:-warn}"
export OUTBOX_DIR="$work/outbox"
export TEXTS_DIR="$work/texts"
export UPLOADS_DIR="$work/uploads"
# Every browser of the run signs in from 127.0.0.1, well over the 50 attempts in 15 minutes one
# address is allowed in production; the limit itself is tested in the integration tests.
export SIGN_IN_ADDRESS_LIMIT=1000

./target/release/server seed-demo >/dev/null
./target/release/server serve >"$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://$LEPTOS_SITE_ADDR/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done

export DOORSTEP_URL="http://$LEPTOS_SITE_ADDR"
status=0
# E2E_TESTS narrows the run to some files while working, e.g. E2E_TESTS=tests/accounts.test.mjs
(cd end2end && node --test --test-concurrency=1 ${E2E_TESTS:-tests/}) || status=$?
if [ "$status" != 0 ]; then
  echo "--- server log ---" >&2
  tail -n "${E2E_LOG_LINES:-50}" "$work/server.log" >&2
fi
exit "$status"
