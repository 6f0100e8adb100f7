#!/usr/bin/env bash
# Part of `make bench`, run inside server/tests/with-postgres.sh: one node and two nodes on one
# PostgreSQL database, behind nginx. Measures, never asserts:
#   - signed-in pages: 200 connections for 60 s, each request a resident's page as one of the
#     demo residents, through nginx to one node, then to two; requests/s, p99 and time-outs;
#   - the outbox: 10,000 emails queued at once, the time until every one is sent, with one node
#     sending and with two (development mail: a .eml file per message, so this is Doorstep's own
#     claim-send-mark rate, not a relay's);
#   - a rolling restart (SIGTERM, drain, start again) of both nodes during a 30 s run of 32
#     connections: the requests that failed.
# Prints table rows for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
work=$(mktemp -d /tmp/doorstep-bench-nodes.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$pgbin/psql" -q "$DOORSTEP_TEST_POSTGRES_URL" -c "create database bench_nodes"
export DATABASE_URL="${DOORSTEP_TEST_POSTGRES_URL%/postgres}/bench_nodes"
export LEPTOS_SITE_ROOT=target/site RUST_LOG=error TRUST_PROXY=true DRAIN_SECONDS=6
export DATABASE_POOL_SIZE=16
./target/release/server seed-demo >/dev/null

a_port=$(free_port); b_port=$(free_port); front_port=$(free_port)
declare -A node_pid
start_node() { # NAME PORT
  LEPTOS_SITE_ADDR="127.0.0.1:$2" OUTBOX_DIR="$work/outbox-$1" UPLOADS_DIR="$work/uploads" \
    ./target/release/server serve >>"$work/$1.log" 2>&1 &
  node_pid[$1]=$!
  pids+=("$!")
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$2/readyz" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "node $1 did not start" >&2; exit 1
}
stop_node() { # NAME
  kill -TERM "${node_pid[$1]}"; wait "${node_pid[$1]}" 2>/dev/null || true
}

nginx_with() { # UPSTREAM LINES
  for t in body proxy fastcgi uwsgi scgi; do mkdir -p "$work/nginx-$t"; chmod 777 "$work/nginx-$t"; done
  [ -f "$work/nginx.pid" ] && { kill "$(cat "$work/nginx.pid")"; sleep 0.5; }
  cat >"$work/nginx.conf" <<CONF
worker_processes 2; pid $work/nginx.pid; error_log $work/nginx-error.log;
events { worker_connections 4096; }
http { access_log off;
  client_body_temp_path $work/nginx-body; proxy_temp_path $work/nginx-proxy;
  fastcgi_temp_path $work/nginx-fastcgi; uwsgi_temp_path $work/nginx-uwsgi; scgi_temp_path $work/nginx-scgi;
  upstream doorstep { $1 keepalive 64; keepalive_timeout 5s; }
  server { listen 127.0.0.1:$front_port;
    location / { proxy_pass http://doorstep; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host \$http_host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_502 http_503; proxy_next_upstream_tries 2; } } }
CONF
  /usr/sbin/nginx -c "$work/nginx.conf"
  sleep 0.5
}

# Signed-in cookies for five demo residents, and a wrk script that asks for their pages.
front="http://127.0.0.1:$front_port"
start_node a "$a_port"
nginx_with "server 127.0.0.1:$a_port max_fails=1 fail_timeout=2s;"
cookies=()
for email in amira.hassan@example.org daniel.okafor@example.org tom.bennett@example.org \
             helen.carter@example.org margaret.lewis@example.org; do
  jar="$work/jar-$email"
  curl -s -c "$jar" -b "$jar" -o /dev/null -H 'Accept: text/html' \
    -d "email=$email&password=doorstep-demo" "$front/api/session/sign-in"
  cookies+=("\"$(awk '$6 ~ /doorstep_session/ { print $6 "=" $7 }' "$jar")\"")
done
cat >"$work/residents.lua" <<LUA
local cookies = { $(IFS=,; echo "${cookies[*]}") }
local pages = { "/your-home", "/repairs", "/documents", "/messages", "/contact", "/account" }
request = function()
  local headers = { ["Cookie"] = cookies[math.random(#cookies)], ["Accept"] = "text/html" }
  return wrk.format("GET", pages[math.random(#pages)], headers)
end
LUA

load_row() { # LABEL CONNECTIONS SECONDS
  local out
  out=$(wrk -t2 -c"$2" -d"$3"s --timeout 8s --latency -s "$work/residents.lua" "$front/")
  local timeouts errors
  timeouts=$(awk '/Socket errors/ { for (i = 1; i <= NF; i++) if ($i == "timeout") print $(i - 1) }' <<<"$out" | tr -d ,)
  errors=$(awk '/Non-2xx or 3xx responses/ { print $NF }' <<<"$out")
  awk -v label="$1" -v t="${timeouts:-0}" -v e="${errors:-0}" '/Requests\/sec/ { r = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    END { print "| " label " | " r " | " p50 " | " p99 " | " t " | " e " |" }' <<<"$out"
}

one=$(load_row "one node, 200 residents, 60 s" 200 60)
start_node b "$b_port"
nginx_with "server 127.0.0.1:$a_port max_fails=1 fail_timeout=2s; server 127.0.0.1:$b_port max_fails=1 fail_timeout=2s;"
two=$(load_row "two nodes, 200 residents, 60 s" 200 60)

# The outbox: 10,000 emails at once, with one node sending, then with two.
outbox_row() { # LABEL RUN
  "$pgbin/psql" -q "$DATABASE_URL" -c "insert into outbox (channel, recipient, subject, body, next_attempt_at, created_at)
    select 'email', 'bulk' || i || '@example.net', 'Water off on Tuesday ($2)', 'The water will be off on Tuesday from 9am to 1pm.', now(), now()
    from generate_series(1, 10000) as s(i)"
  while [ "$("$pgbin/psql" -tA "$DATABASE_URL" -c "select count(*) from outbox where sent_at is null and given_up_at is null")" != 0 ]; do
    sleep 0.2
  done
  # From the first message sent to the last (the senders wake within 5 s of a row queued
  # outside Doorstep; that wait is not sending).
  "$pgbin/psql" -tA "$DATABASE_URL" -c "select extract(epoch from max(sent_at) - min(sent_at))
      from outbox where subject = 'Water off on Tuesday ($2)'" \
    | awk -v label="$1" '{ printf "| %s | %.1f s | %.0f |\n", label, $1, 10000 / $1 }'
}
stop_node b
outbox_one=$(outbox_row "one node sending" 1)
start_node b "$b_port"
outbox_two=$(outbox_row "two nodes sending" 2)

# A rolling restart under load: B, then A, each SIGTERM (6 s drain), stop, start again.
wrk -t2 -c32 -d30s --timeout 8s -s "$work/residents.lua" "$front/" >"$work/rolling.txt" &
load=$!
sleep 3
stop_node b; start_node b "$b_port"; sleep 3
stop_node a; start_node a "$a_port"
wait $load
rolling_requests=$(awk '/requests in/ { print $1 }' "$work/rolling.txt")
rolling_errors=$(awk '/Non-2xx or 3xx responses/ { print $NF }' "$work/rolling.txt")
rolling_socket=$(awk '/Socket errors/ { print }' "$work/rolling.txt")
rolling="| rolling restart of both nodes, 32 connections, 30 s | ${rolling_requests:-0} | ${rolling_errors:-0} | ${rolling_socket:-no socket errors} |"

echo "$one"
echo "$two"
echo "$outbox_one"
echo "$outbox_two"
echo "$rolling"
