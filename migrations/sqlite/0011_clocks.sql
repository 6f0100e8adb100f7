-- One store for every clock: a repair's target and hazard clocks, a case's acknowledge, respond
-- and reply clocks, and the month of a request to see information (until now a JSON column of
-- subject_access_requests, copied in by `server migrate`, which reads the JSON). A row is the
-- domain's Clock: whose it is (subject and subject_id) and of what kind, when it started, the
-- deadline its standard sets (standard_due_at) and the one in force (due_at: an extension's
-- date, with its reason), when it was met, and the stop in force (stopped_at) or the last one
-- ended (restarted_at). Every stop is kept in clock_stops. The open work of every kind of case
-- is one indexed query over the running clocks.
--
-- repair_clocks and case_clocks are copied and left in place, unused from this release on: a
-- release before this one reads them, so rolling back past this migration means restoring the
-- backup taken before upgrading (docs/operations.md).

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
    constraint clocks_subject_check check (subject in ('repair', 'case', 'subject_access')),
    constraint clocks_unique unique (subject, subject_id, kind)
);
-- Running clocks by deadline: the queue across every kind of case.
create index clocks_running_idx on clocks (due_at, subject, subject_id) where met_at is null and stopped_at is null;

create table clock_stops (
    id integer primary key,
    clock_id integer not null,
    stopped_at text not null,
    restarted_at text,
    reason text not null,
    constraint clock_stops_clock_fk foreign key (clock_id) references clocks (id)
);
create index clock_stops_clock_idx on clock_stops (clock_id, id);

insert into clocks (subject, subject_id, kind, started_at, standard_due_at, due_at, met_at,
                    created_at, updated_at)
select 'repair', repair_id, kind, started_at, due_at, due_at, met_at, created_at, updated_at
from repair_clocks order by id;

insert into clocks (subject, subject_id, kind, started_at, standard_due_at, due_at, met_at,
                    extension_reason, created_at, updated_at)
select 'case', case_id, kind, started_at, standard_due_at, due_at, met_at, extension_reason,
       created_at, updated_at
from case_clocks order by id;
