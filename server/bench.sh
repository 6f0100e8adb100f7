#!/usr/bin/env bash
# Measures, never asserts: release wasm and JS sizes, and the requests per second and latency of
# a page without the database and a page with it, at 32 connections for 10 s with wrk on
# loopback. Prints the results and writes them to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=target/site/pkg
work=$(mktemp -d /tmp/doorstep-bench.XXXXXX)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"
export DATABASE_URL="sqlite://$work/doorstep.db" LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site RUST_LOG=error

./target/release/server seed-demo >/dev/null
./target/release/server serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done

size() { stat -c %s "$1"; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }
row() {
  local f=$1 raw gz br
  raw=$(size "$f"); gz=$(gzip -9 -c "$f" | wc -c); br=$(brotli -c -q 11 "$f" | wc -c)
  echo "| \`$(basename "$f")\` | $(kb "$raw") | $(kb "$gz") | $(kb "$br") |"
}
wasm_br=$(brotli -c -q 11 "$pkg/doorstep.wasm" | wc -c)
js_br=$(brotli -c -q 11 "$pkg/doorstep.js" | wc -c)

# A signed-in session: "Your home" reads the session, the account, the home and the household.
jar="$work/jar"
curl -s -c "$jar" -b "$jar" -o /dev/null -H 'Accept: text/html' \
  -d 'email=amira.hassan@example.org&password=doorstep-demo' "$base/api/session/sign-in"
cookie=$(awk '$6 ~ /doorstep_session/ { print $6 "=" $7 }' "$jar")

measure() {
  local path=$1; shift
  local out
  out=$(wrk -t2 -c32 -d10s --latency "$@" "$base$path")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  echo "| \`$path\` | $rps | $p50 | $p99 |"
}

# Deadline engine: pure domain code, one core.
cargo build --release --quiet -p app --example deadlines
engine=$(./target/release/examples/deadlines)

home=$(measure /)
yours=$(measure /your-home -H "Cookie: $cookie")
contact=$(measure /contact)
standards=$(measure /what-to-expect)

report=$(cat <<REPORT
# Performance

Written by \`make bench\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(rustc --version | cut -d' ' -f2)).
Measured, never asserted; the numbers below are what the command printed.

## What the browser downloads (release build)

| file | raw | gzip -9 | brotli -q 11 |
|---|---|---|---|
$(row "$pkg/doorstep.wasm")
$(row "$pkg/doorstep.js")
$(row "$pkg/doorstep.css")

JavaScript and wasm on a first load, brotli: **$(kb $((wasm_br + js_br)))** (budget: 60 KB).

## Requests per second (wrk, 2 threads, 32 connections, 10 s, loopback)

| page | requests/s | p50 | p99 |
|---|---|---|---|
$home
$yours
$contact
$standards

\`/what-to-expect\` and \`/\` render from configuration only. \`/your-home\` is signed in: it reads the session, the
account, the home and the household from SQLite. \`/contact\` has no session cookie.
On this machine the same page varies by about 20% between runs; compare runs, not single figures.

## Deadline engine (\`cargo run --release -p app --example deadlines\`)

\`\`\`
$engine
\`\`\`

Target: over a million deadline computations a second on one core, so the staff queue can
compute a live state for every open case on each view.
REPORT
)
echo "$report"
echo "$report" > docs/performance.md
