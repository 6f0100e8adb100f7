-- A promise kept again and again: "an update at least every 10 working days". Each period is a
-- clock of its own, numbered by `cycle` (0 for the first, and for every other kind of clock),
-- so a met update stays counted as met on the dashboard when the next one starts. The unique
-- key becomes (subject, subject_id, kind, cycle).
alter table clocks add column cycle bigint not null default 0;
alter table clocks drop constraint clocks_unique;
alter table clocks add constraint clocks_unique unique (subject, subject_id, kind, cycle);

-- The staff workspace reads each kind's open work in the order it shows it (work with no
-- deadline last): repairs and requests to see information get the index cases already have
-- (cases_queue_idx), so the first page reads about fifty rows of each, not every open one.
create index if not exists repairs_work_idx on repairs ((due_at is null), due_at, id) where status not in ('completed', 'cancelled');
create index if not exists subject_access_work_idx on subject_access_requests ((due_at is null), due_at, id) where status not in ('completed', 'closed');
-- A team's work in the order shown ("my teams", a team chosen in the filter).
create index if not exists cases_team_work_idx on cases (team_id, (due_at is null), due_at, id) where status not in ('closed', 'declined');
create index if not exists repairs_team_work_idx on repairs (team_id, (due_at is null), due_at, id) where status not in ('completed', 'cancelled');
