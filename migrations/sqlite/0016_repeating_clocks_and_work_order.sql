-- A promise kept again and again: "an update at least every 10 working days". Each period is a
-- clock of its own, numbered by `cycle` (0 for the first, and for every other kind of clock),
-- so a met update stays counted as met on the dashboard when the next one starts. The unique
-- key becomes (subject, subject_id, kind, cycle).
--
-- SQLite cannot change a table's constraints in place, and sqlx runs every SQLite migration in
-- a transaction, where foreign key enforcement cannot be switched off. So, as in 0013, the
-- table is rebuilt with the foreign keys deferred: copied aside, dropped, created anew and
-- copied back with the same ids; any stop left without its clock fails the check at commit and
-- the migration changes nothing.
pragma defer_foreign_keys = on;

create table clocks_before_0016 as select * from clocks;
drop table clocks;

create table clocks (
    id integer primary key,
    subject text not null,
    subject_id integer not null,
    kind text not null,
    started_at text not null,
    standard_due_at text not null,
    due_at text not null,
    met_at text,
    extension_reason text,
    stopped_at text,
    restarted_at text,
    created_at text not null,
    updated_at text not null,
    cycle integer not null default 0,
    constraint clocks_subject_check check (subject in ('repair', 'case', 'subject_access')),
    constraint clocks_unique unique (subject, subject_id, kind, cycle)
);

insert into clocks (id, subject, subject_id, kind, started_at, standard_due_at, due_at, met_at,
                    extension_reason, stopped_at, restarted_at, created_at, updated_at, cycle)
select id, subject, subject_id, kind, started_at, standard_due_at, due_at, met_at,
       extension_reason, stopped_at, restarted_at, created_at, updated_at, 0
from clocks_before_0016;
drop table clocks_before_0016;

-- Running clocks by deadline: the queue across every kind of case.
create index clocks_running_idx on clocks (due_at, subject, subject_id) where met_at is null and stopped_at is null;

-- The staff workspace reads each kind's open work in the order it shows it (work with no
-- deadline last): repairs and requests to see information get the index cases already have
-- (cases_queue_idx), so the first page reads about fifty rows of each, not every open one.
create index if not exists repairs_work_idx on repairs ((due_at is null), due_at, id) where status not in ('completed', 'cancelled');
create index if not exists subject_access_work_idx on subject_access_requests ((due_at is null), due_at, id) where status not in ('completed', 'closed');
-- A team's work in the order shown ("my teams", a team chosen in the filter).
create index if not exists cases_team_work_idx on cases (team_id, (due_at is null), due_at, id) where status not in ('closed', 'declined');
create index if not exists repairs_team_work_idx on repairs (team_id, (due_at is null), due_at, id) where status not in ('completed', 'cancelled');
