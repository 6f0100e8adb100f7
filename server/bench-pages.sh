#!/usr/bin/env bash
# Measures, never asserts: every signed-in resident page beside a static file of about the same
# size, in one run, at 32 connections for 10 s with wrk on loopback (the static file for 5 s just
# before each page), and each page's requests/s as a share of the static file's. Then two pages
# asking for brotli, as a browser does. PAGES and COMPRESSED_PAGES choose other pages.
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

# Each page right after a 5 s run of the static file, and its share of that run's requests/s:
# this machine's speed drifts by a fifth or more within minutes, so each page is compared with
# the static file as the machine stood at that moment.
row() {
  local path=$1 label=$2; shift 2
  local srps sp50 sp99 rps p50 p99 size share
  read -r srps sp50 sp99 < <(wrk -t2 -c32 -d5s --latency "$base/$static" |
    awk '/Requests\/sec/ { r = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } END { print r, p50, p99 }')
  size=$(bytes -H "Cookie: $cookie" -H 'Accept: text/html' "$@" "$base$path")
  read -r rps p50 p99 < <(run "$path" -H "Cookie: $cookie" -H 'Accept: text/html' "$@")
  share=$(awk -v a="$rps" -v b="$srps" 'BEGIN { printf "%.0f%%", 100 * a / b }')
  echo "| \`$path\`$label ($size bytes) | $engine | $rps | $srps | $share | $p50 | $p99 |"
}

for page in ${PAGES:-/your-home /repairs /repairs/report /cases /documents /messages /account /account/contact /account/people /account/your-data}; do
  row "$page" ""
done
# As a browser asks: compressed (the size is what crosses the wire).
for page in ${COMPRESSED_PAGES:-/repairs /repairs/report}; do
  row "$page" " brotli" -H 'Accept-Encoding: br'
done
