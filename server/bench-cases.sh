#!/usr/bin/env bash
# Part of `make bench`: "Complaints and questions" for a resident with 50 cases, the staff cases
# queue and the complaints report with 100,000 cases (two in three still open), on one engine:
# `sqlite`, or `postgres` (run it inside server/tests/with-postgres.sh, which provides the
# throwaway cluster). Prints table rows.
set -euo pipefail
cd "$(dirname "$0")/.."
engine=$1
name=cases

# Rows made in SQL: the first 50 about Amira Hassan, the rest about another resident; kinds
# mixed (two in three complaints), received over the last 300 days, deadlines spread over the
# next 40 days with a third already overdue, one in three answered and closed.
seed_sql() {
  local series=$1 text=$2 stamp=$3
  cat <<SQL
insert into cases (reference, submission_token, kind, person_id, home_id, tenure, made_by,
    channel, status, stage, summary, details, received_at, responded_at, due_at, created_at,
    updated_at)
select 'CP-B' || $text, 'bench' || $text,
       case i % 3 when 0 then 'enquiry' else 'complaint' end,
       case when i <= 50 then amira.person_id else amira.other_id end, amira.home_id,
       'general_needs', 'resident', 'portal',
       case i % 3 when 2 then 'closed' else 'open' end, 1,
       'The lift is out of order again', 'Seeded for the benchmark',
       $(printf "$stamp" "-(i % 300)"),
       case i % 3 when 2 then $(printf "$stamp" "-(i % 300) + 5") end,
       case i % 3 when 2 then null else $(printf "$stamp" "(i % 40) - 13") end,
       $(printf "$stamp" "-(i % 300)"), $(printf "$stamp" 0)
from $series,
     (select t.home_id, m.person_id,
             (select min(p.id) from people p where p.id <> m.person_id) as other_id
        from household_members m
        join tenancies t on t.id = m.tenancy_id
        join accounts a on a.person_id = m.person_id
       where a.email = 'amira.hassan@example.org') amira;
insert into clocks (subject, subject_id, kind, started_at, standard_due_at, due_at, met_at,
                    created_at, updated_at)
select 'case', id, 'respond_1', received_at, received_at, coalesce(due_at, responded_at),
       responded_at, received_at, received_at
from cases where kind = 'complaint';
SQL
}

source server/bench-seeded.sh
seed_database

start_server

resident=$(cookie_for amira.hassan@example.org)
handler=$(cookie_for owen.davies@staff.example.org)

mine=$(curl -s -H "Cookie: $resident" -H 'Accept: text/html' "$base/cases" | grep -o 'class="case-item"' | wc -l)
measure "\`/cases\` ($engine, $mine cases)" /cases "$resident"
measure "\`/staff/cases\` ($engine, 100,003 cases)" /staff/cases "$handler"
measure "\`/staff/cases?kind=complaint&due=overdue\` ($engine)" "/staff/cases?kind=complaint&due=overdue" "$handler"
from=$(date -d '-1 year' +%Y-%m-%d); to=$(date +%Y-%m-%d)
measure "\`/staff/reports/complaints\` ($engine, a year, 4 connections)" "/staff/reports/complaints?from=$from&to=$to" "$handler" 4
