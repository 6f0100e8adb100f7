#!/usr/bin/env bash
# Part of `make bench`: "Your repairs" for a resident with 50 repairs, and the staff repairs
# queue with 100,000 open repairs, on one engine: `sqlite`, or `postgres` (run it inside
# server/tests/with-postgres.sh, which provides the throwaway cluster). Prints table rows.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=$1
work=$(mktemp -d /tmp/doorstep-bench-repairs.XXXXXX)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"
export LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site RUST_LOG=error OUTBOX_DIR="$work/outbox" UPLOADS_DIR="$work/uploads"

# Rows made in SQL: the first 50 for Amira Hassan's home, the rest spread over the block's homes,
# deadlines spread over the next 40 days, a third of them already overdue.
seed_sql() {
  local n=$1 series=$2 text=$3 stamp=$4
  cat <<SQL
insert into repairs (reference, submission_token, home_id, block_id, reported_by_person_id,
    outcome, summary, answers, priority, trade, status, description, access_times, pets,
    key_safe, contact_phone, received_at, target_at, due_at, created_at, updated_at)
select 'RP-B' || $text, 'bench' || $text,
       case when i <= 50 then amira.home_id else amira.home_id + 1 + (i % 11) end,
       amira.block_id, case when i <= 50 then amira.person_id else amira.other_id end,
       'tap_drip', 'Kitchen tap drips or will not turn off', '', 
       case i % 3 when 0 then 'urgent' when 1 then 'routine' else 'emergency' end,
       case i % 2 when 0 then 'plumber' else 'carpenter' end,
       'reported', 'Seeded for the benchmark', '', '', '', '07700 900 982',
       $(printf "$stamp" 0), $(printf "$stamp" "(i % 40) - 13"), $(printf "$stamp" "(i % 40) - 13"),
       $(printf "$stamp" 0), $(printf "$stamp" 0)
from $series,
     (select t.home_id, h.block_id, m.person_id,
             (select min(p.id) from people p where p.id <> m.person_id) as other_id
        from household_members m
        join tenancies t on t.id = m.tenancy_id join homes h on h.id = t.home_id
        join accounts a on a.person_id = m.person_id
       where a.email = 'amira.hassan@example.org') amira;
SQL
}

case $engine in
  sqlite)
    export DATABASE_URL="sqlite://$work/doorstep.db"
    ./target/release/server seed-demo >/dev/null
    seed_sql 100000 "(with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000) select i from n) s" \
      "printf('%06d', i)" "strftime('%%Y-%%m-%%dT%%H:%%M:%%S+00:00', 'now', (%s) || ' days')" | sqlite3 "$work/doorstep.db"
    ;;
  postgres)
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    "$pgbin/psql" -q "$DOORSTEP_TEST_POSTGRES_URL" -c "create database bench_repairs"
    export DATABASE_URL="${DOORSTEP_TEST_POSTGRES_URL%/postgres}/bench_repairs"
    ./target/release/server seed-demo >/dev/null
    seed_sql 100000 "generate_series(1, 100000) as s(i)" "lpad(i::text, 6, '0')" "(now() + ((%s) || ' days')::interval)" \
      | "$pgbin/psql" -q "$DATABASE_URL"
    "$pgbin/psql" -q "$DATABASE_URL" -c "analyze"
    ;;
  *) echo "usage: $0 sqlite|postgres" >&2; exit 2 ;;
esac

./target/release/server serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done

cookie_for() {
  local jar="$work/jar-$1"
  curl -s -c "$jar" -b "$jar" -o /dev/null -H 'Accept: text/html' \
    -d "email=$1&password=doorstep-demo" "$base/api/session/sign-in"
  awk '$6 ~ /doorstep_session/ { print $6 "=" $7 }' "$jar"
}
resident=$(cookie_for amira.hassan@example.org)
planner=$(cookie_for sunita.patel@staff.example.org)

measure() {
  local label=$1 path=$2 cookie=$3 out
  out=$(wrk -t2 -c32 -d10s --timeout 10s --latency -H "Cookie: $cookie" "$base$path")
  awk -v label="$label" '/Requests\/sec/ { r = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    END { print "| " label " | " r " | " p50 " | " p99 " |" }' <<<"$out"
}
mine=$(curl -s -H "Cookie: $resident" -H 'Accept: text/html' "$base/repairs" | grep -o 'class="repair-item"' | wc -l)
measure "\`/repairs\` ($engine, $mine repairs)" /repairs "$resident"
measure "\`/staff/repairs\` ($engine, 100,003 open)" /staff/repairs "$planner"
measure "\`/staff/repairs?trade=plumber&due=overdue\` ($engine)" "/staff/repairs?trade=plumber&due=overdue" "$planner"
