# Sourced by the bench scripts that seed many rows (bench-repairs.sh, bench-cases.sh): a free
# port, a database for the engine, the server started and stopped, a signed-in cookie, and one
# table row from wrk. The caller sets `engine`, `name` and a `seed_sql` function first.

work=$(mktemp -d "/tmp/doorstep-bench-$name.XXXXXX")
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"
export LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_SITE_ROOT=target/site RUST_LOG=error OUTBOX_DIR="$work/outbox" UPLOADS_DIR="$work/uploads"

# Seeds the demo data, then `seed_sql SERIES TEXT STAMP` for the engine: SERIES yields i from 1
# to 100,000, TEXT is i as six digits, STAMP a printf pattern for "now plus %s days".
seed_database() {
  case $engine in
    sqlite)
      export DATABASE_URL="sqlite://$work/doorstep.db"
      ./target/release/server seed-demo >/dev/null
      seed_sql "(with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000) select i from n) s" \
        "printf('%06d', i)" "strftime('%%Y-%%m-%%dT%%H:%%M:%%S+00:00', 'now', (%s) || ' days')" | sqlite3 "$work/doorstep.db"
      ;;
    postgres)
      local pgbin
      pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
      "$pgbin/psql" -q "$DOORSTEP_TEST_POSTGRES_URL" -c "create database bench_$name"
      export DATABASE_URL="${DOORSTEP_TEST_POSTGRES_URL%/postgres}/bench_$name"
      ./target/release/server seed-demo >/dev/null
      seed_sql "generate_series(1, 100000) as s(i)" "lpad(i::text, 6, '0')" "(now() + ((%s) || ' days')::interval)" \
        | "$pgbin/psql" -q "$DATABASE_URL"
      "$pgbin/psql" -q "$DATABASE_URL" -c "analyze"
      ;;
    *) echo "usage: $0 sqlite|postgres" >&2; exit 2 ;;
  esac
}

start_server() {
  ./target/release/server serve >"$work/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
  for _ in $(seq 1 100); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
}

cookie_for() {
  local jar="$work/jar-$1"
  curl -s -c "$jar" -b "$jar" -o /dev/null -H 'Accept: text/html' \
    -d "email=$1&password=doorstep-demo" "$base/api/session/sign-in"
  awk '$6 ~ /doorstep_session/ { print $6 "=" $7 }' "$jar"
}

# measure LABEL PATH COOKIE [CONNECTIONS]: one table row.
measure() {
  local label=$1 path=$2 cookie=$3 connections=${4:-32} out
  out=$(wrk -t2 -c"$connections" -d10s --timeout 10s --latency -H "Cookie: $cookie" "$base$path")
  awk -v label="$label" '/Requests\/sec/ { r = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    END { print "| " label " | " r " | " p50 " | " p99 " |" }' <<<"$out"
}
