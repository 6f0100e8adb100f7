#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: initialised in a temporary folder, listening
# on a free loopback port, stopped and deleted afterwards whatever the command's result.
# The command sees DOORSTEP_TEST_POSTGRES_URL (an admin URL; tests create their own databases)
# and DOORSTEP_TEST_PG_STOP / DOORSTEP_TEST_PG_START (shell commands the outage test uses).
set -euo pipefail

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || { echo "with-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
dir=$(mktemp -d /tmp/doorstep-pg.XXXXXX)
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

# initdb refuses to run as root: run the cluster as the postgres user when we are root.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
pg_ctl=("${as_owner[@]}" "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w)
start_cmd=$(printf '%q ' "${pg_ctl[@]}" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start)
stop_cmd=$(printf '%q ' "${pg_ctl[@]}" -m fast stop)

cleanup() {
  eval "$stop_cmd" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_owner[@]}" "$pgbin/initdb" -D "$dir/data" -U doorstep -A trust --no-sync >/dev/null
eval "$start_cmd" >/dev/null
echo "with-postgres: throwaway cluster on 127.0.0.1:$port"

export DOORSTEP_TEST_POSTGRES_URL="postgres://doorstep@127.0.0.1:$port/postgres"
export DOORSTEP_TEST_PG_STOP="$stop_cmd"
export DOORSTEP_TEST_PG_START="$start_cmd"
"$@"
