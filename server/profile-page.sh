#!/usr/bin/env bash
# Where a signed-in page's time goes: samples the release server with `perf record` (the
# cpu-clock software event, which works where hardware counters do not, with DWARF call stacks)
# while wrk loads one page as Amira Hassan on the demo data, and prints how the samples divide:
# the SQLite connection threads, the async side of the database driver (its channels to those
# threads), and everything else (HTTP, middleware, rendering). Measures, never asserts.
# Usage: server/profile-page.sh /repairs   (needs a release build and Debian's linux-perf)
# perf script resolves inlined frames too, which takes several minutes for a few thousand samples.
set -euo pipefail
cd "$(dirname "$0")/.."
path=${1:?usage: server/profile-page.sh PATH}
command -v perf >/dev/null || { echo "profile-page: perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
engine=sqlite
name=profile
seed_sql() { :; }
source server/bench-seeded.sh
seed_database
start_server
cookie=$(cookie_for amira.hassan@example.org)

wrk -t1 -c16 -d2s -H "Cookie: $cookie" -H 'Accept: text/html' "$base$path" >/dev/null
perf record -q -e cpu-clock -F 499 --call-graph dwarf,8192 -p "$server" -o "$work/perf.data" -- sleep 5 2>/dev/null &
recorder=$!
sleep 0.3
wrk -t1 -c16 -d5s -H "Cookie: $cookie" -H 'Accept: text/html' "$base$path" | grep 'Requests/sec'
wait "$recorder"
perf script -i "$work/perf.data" -F comm,tid,ip,sym 2>/dev/null | python3 -c '
import sys
samples = []
for line in sys.stdin:
    if line[:1] not in ("\t", " "):
        if line.strip():
            samples.append([line.split()[0], []])
    elif samples and line.strip():
        samples[-1][1].append(line.strip().split(" ", 1)[-1])
total = len(samples) or 1
def share(n): return f"{100 * n / total:.1f}%"
sqlite = [s for s in samples if s[0].startswith("sqlx-sqlite")]
step = [s for s in sqlite if any("sqlite3VdbeExec" in f or "sqlite3_step" in f for f in s[1])]
workers = [s for s in samples if s[0].startswith("tokio")]
driver = [s for s in workers if any("sqlx" in f or "flume" in f for f in s[1])]
print(f"samples: {total}")
print(f"SQLite connection threads: {share(len(sqlite))} (running SQL: {share(len(step))}, the rest waking, waiting and handing rows over)")
print(f"request threads, in the database driver: {share(len(driver))}")
print(f"request threads, everything else (HTTP, middleware, sessions, rendering): {share(len(workers) - len(driver))}")
print(f"other threads: {share(total - len(sqlite) - len(workers))}")
'
