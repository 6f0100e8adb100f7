#!/usr/bin/env bash
# Part of `make bench`: the staff workspace and the managers' dashboard with 100,000 open pieces
# of work across kinds (40,000 repairs; 60,000 cases: messages, call-back and home-visit
# requests, questions, complaints and comments), each with its deadline in the clock store, on
# one engine: `sqlite`, or `postgres` (run it inside server/tests/with-postgres.sh, which
# provides the throwaway cluster). Prints table rows.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=$1
name=workspace

# Rows made in SQL. Deadlines spread over the next 40 days with a third already overdue; four
# in five with a team (repairs the repairs team; cases mostly customer services, the team of the
# colleague measured, some another team), the rest with none.
seed_sql() {
  local series=$1 text=$2 stamp=$3
  cat <<SQL
insert into repairs (reference, submission_token, home_id, block_id, reported_by_person_id,
    outcome, summary, answers, priority, trade, status, description, access_times, pets,
    key_safe, contact_phone, received_at, target_at, due_at, created_at, updated_at, team_id)
select 'RP-W' || $text, 'benchw' || $text, amira.home_id + (i % 11), amira.block_id,
       amira.other_id, 'tap_drip', 'Kitchen tap drips or will not turn off', '',
       case i % 3 when 0 then 'urgent' when 1 then 'routine' else 'emergency' end,
       case i % 2 when 0 then 'plumber' else 'carpenter' end,
       'reported', 'Seeded for the benchmark', '', '', '', '07700 900 982',
       $(printf "$stamp" "-(i % 20)"), $(printf "$stamp" "(i % 40) - 13"),
       $(printf "$stamp" "(i % 40) - 13"), $(printf "$stamp" "-(i % 20)"),
       $(printf "$stamp" 0),
       case when i % 5 = 0 then null else (select team_id from team_routes where kind = 'repair') end
from $series,
     (select t.home_id, h.block_id, m.person_id,
             (select min(p.id) from people p where p.id <> m.person_id) as other_id
        from household_members m
        join tenancies t on t.id = m.tenancy_id join homes h on h.id = t.home_id
        join accounts a on a.person_id = m.person_id
       where a.email = 'amira.hassan@example.org') amira
where i <= 40000;
insert into cases (reference, submission_token, kind, person_id, home_id, tenure, made_by,
    channel, status, stage, summary, details, received_at, due_at, created_at, updated_at,
    team_id)
select 'CW-B' || $text, 'benchw' || $text,
       case i % 6 when 0 then 'message' when 1 then 'callback' when 2 then 'home_visit'
                  when 3 then 'enquiry' when 4 then 'complaint' else 'comment' end,
       amira.other_id, amira.home_id, 'general_needs', 'resident', 'phone', 'open', 1,
       'Seeded for the benchmark', 'Seeded for the benchmark',
       $(printf "$stamp" "-(i % 20)"), $(printf "$stamp" "(i % 40) - 13"),
       $(printf "$stamp" "-(i % 20)"), $(printf "$stamp" 0),
       case when i % 5 = 0 then null when i % 5 = 1 then (select min(id) from teams)
            else (select team_id from team_routes where kind = 'message') end
from $series,
     (select t.home_id, (select min(p.id) from people p where p.id <> m.person_id) as other_id
        from household_members m
        join tenancies t on t.id = m.tenancy_id
        join accounts a on a.person_id = m.person_id
       where a.email = 'amira.hassan@example.org') amira
where i > 40000;
insert into clocks (subject, subject_id, kind, started_at, standard_due_at, due_at, created_at,
                    updated_at)
select 'repair', id, 'target', received_at, target_at, target_at, created_at, created_at
from repairs where submission_token like 'benchw%';
insert into clocks (subject, subject_id, kind, started_at, standard_due_at, due_at, created_at,
                    updated_at)
select 'case', id, case kind when 'complaint' then 'respond_1' else 'reply' end, received_at,
       due_at, due_at, created_at, created_at
from cases where submission_token like 'benchw%';
SQL
}

source server/bench-seeded.sh
seed_database

start_server

colleague=$(cookie_for chris.morgan@staff.example.org)
manager=$(cookie_for fiona.reid@staff.example.org)

measure "\`/staff/work\` ($engine, 100,000 open)" /staff/work "$colleague"
measure "\`/staff/work?view=team\` ($engine)" "/staff/work?view=team" "$colleague"
measure "\`/staff/work?kind=callback&due=overdue\` ($engine)" "/staff/work?kind=callback&due=overdue" "$colleague"
measure "\`/staff/work?page=5\` ($engine)" "/staff/work?page=5" "$colleague"
measure "\`/staff/dashboard\` ($engine)" /staff/dashboard "$manager"
