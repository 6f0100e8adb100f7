#!/usr/bin/env bash
# Part of `make bench`: "Your repairs" for a resident with 50 repairs, and the staff repairs
# queue with 100,000 open repairs, on one engine: `sqlite`, or `postgres` (run it inside
# server/tests/with-postgres.sh, which provides the throwaway cluster). Prints table rows.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=$1
name=repairs

# Rows made in SQL: the first 50 for Amira Hassan's home, the rest spread over the block's homes,
# deadlines spread over the next 40 days, a third of them already overdue.
seed_sql() {
  local series=$1 text=$2 stamp=$3
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

source server/bench-seeded.sh
seed_database

start_server

resident=$(cookie_for amira.hassan@example.org)
planner=$(cookie_for sunita.patel@staff.example.org)

mine=$(curl -s -H "Cookie: $resident" -H 'Accept: text/html' "$base/repairs" | grep -o 'class="repair-item"' | wc -l)
measure "\`/repairs\` ($engine, $mine repairs)" /repairs "$resident"
measure "\`/staff/repairs\` ($engine, 100,003 open)" /staff/repairs "$planner"
measure "\`/staff/repairs?trade=plumber&due=overdue\` ($engine)" "/staff/repairs?trade=plumber&due=overdue" "$planner"
