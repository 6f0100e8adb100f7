#!/usr/bin/env bash
# Measures, never asserts: every signed-in resident page beside a static file of about the same
# size, in one run, at 32 connections for 10 s with wrk on loopback, and each page's requests/s
# as a share of the static file's. Then the same pages asking for brotli, as a browser does.
# Usage: server/bench-pages.sh sqlite | postgres (postgres: inside server/tests/with-postgres.sh).
# Prints Markdown table rows; needs a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=$1
name=pages

# The demo's data as `server seed-demo` loads it: nothing more is seeded.
seed_sql() { :; }

source server/bench-seeded.sh
seed_database
start_server

cookie=$(cookie_for amira.hassan@example.org)

# The static file: the JavaScript glue, served from target/site like every /pkg file.
static=$(cd target/site && ls pkg/doorstep.*.js | grep -v '\.d\.' | head -n 1)

# wrk's figures for one path: requests/s, p50, p99.
run() {
  local path=$1; shift
  wrk -t2 -c32 -d10s --latency "$@" "$base$path" |
    awk '/Requests\/sec/ { r = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } END { print r, p50, p99 }'
}

bytes() { curl -s -o /dev/null -w '%{size_download}' "$@"; }

read -r static_rps static_p50 static_p99 < <(run "/$static")
echo "| \`/$static\` (static, $(bytes "$base/$static") bytes) | $engine | $static_rps | 100% | $static_p50 | $static_p99 |"

row() {
  local path=$1 label=$2; shift 2
  local rps p50 p99 size
  size=$(bytes -H "Cookie: $cookie" -H 'Accept: text/html' "$@" "$base$path")
  read -r rps p50 p99 < <(run "$path" -H "Cookie: $cookie" -H 'Accept: text/html' "$@")
  local share
  share=$(awk -v a="$rps" -v b="$static_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')
  echo "| \`$path\`$label ($size bytes) | $engine | $rps | $share | $p50 | $p99 |"
}

for page in /your-home /repairs /repairs/report /cases /documents /messages /account /account/contact /account/people /account/your-data; do
  row "$page" ""
done
# As a browser asks: compressed (the size is what crosses the wire).
for page in /repairs /repairs/report; do
  row "$page" " brotli" -H 'Accept-Encoding: br'
done
