-- Visits that happen. Operatives (in-house) and contractors (colleagues of a contractor firm)
-- get accounts of their own: an operative works the visits a planner gives them; a
-- contractor's account belongs to a firm and sees only the jobs given to that firm. A visit
-- now records who is doing it, the "on my way" tap with the arrival window the resident was
-- told, the arrival, and one outcome (completed, no access with how access was tried, parts
-- ordered with the date expected, or another visit needed, booked there and then), and the
-- reminder sent the day before with its link.
--
-- SQLite cannot change a CHECK constraint in place, so accounts is rebuilt inside this
-- migration's transaction, as 0013 rebuilt cases: with defer_foreign_keys the tables that
-- point at accounts point at nothing until the same rows are back, and the commit fails if
-- any is left without its account. Every column and row is kept.

pragma defer_foreign_keys = on;

create table contractor_firms (
    id integer primary key,
    name text not null,
    phone text not null,
    email text,
    created_at text not null,
    updated_at text not null,
    constraint contractor_firms_name_unique unique (name)
);

create table accounts_before_0020 as select * from accounts;
drop table accounts;

create table accounts (
    id integer primary key,
    person_id integer,
    email text not null,
    display_name text not null,
    password_hash text not null,
    role text not null,
    disabled_at text,
    created_at text not null,
    updated_at text not null,
    confirmed_at text,
    session_epoch integer not null default 0,
    team text,
    manager_account_id integer references accounts (id),
    -- A contractor's firm; only contractors have one.
    firm_id integer references contractor_firms (id),
    constraint accounts_person_fk foreign key (person_id) references people (id),
    constraint accounts_email_unique unique (email),
    constraint accounts_role_check check (role in ('resident', 'advocate', 'customer_services', 'repairs_planner', 'complaints_handler', 'manager', 'administrator', 'operative', 'contractor')),
    constraint accounts_firm_check check ((role = 'contractor') = (firm_id is not null))
);

insert into accounts
    (id, person_id, email, display_name, password_hash, role, disabled_at, created_at,
     updated_at, confirmed_at, session_epoch, team, manager_account_id)
select id, person_id, email, display_name, password_hash, role, disabled_at, created_at,
     updated_at, confirmed_at, session_epoch, team, manager_account_id
from accounts_before_0020;

drop table accounts_before_0020;

create index accounts_firm_idx on accounts (firm_id) where firm_id is not null;

-- The firm doing a job (its colleagues see it and work its visits).
alter table repairs add column firm_id integer references contractor_firms (id);
create index repairs_firm_idx on repairs (firm_id, status) where firm_id is not null;
-- The contractors' figures: jobs completed, by when.
create index repairs_completed_idx on repairs (completed_at) where status = 'completed';

-- Who does the visit, and what happened. `expected_from`/`expected_until`: the arrival window
-- told to the resident on "on my way". A recorded outcome makes the visit 'attended' (the seat
-- was used, whatever the outcome). `access_tried`: how access was tried on a no-access visit
-- (comma-separated codes), kept as Awaab's Law asks. `follow_on_of_id`: the visit this one
-- follows, when booked at the door.
alter table appointments add column operative_account_id integer references accounts (id);
alter table appointments add column on_way_at text;
alter table appointments add column expected_from text;
alter table appointments add column expected_until text;
alter table appointments add column arrived_at text;
alter table appointments add column outcome text constraint appointments_outcome_check
    check (outcome is null or outcome in ('completed', 'no_access', 'parts_ordered', 'follow_on'));
alter table appointments add column outcome_at text;
alter table appointments add column outcome_by_account_id integer references accounts (id);
alter table appointments add column outcome_note text;
alter table appointments add column access_tried text;
alter table appointments add column parts_expected_on text;
alter table appointments add column follow_on_of_id integer references appointments (id);

-- The reminder the day before: when it went, and the hash of its link's token (the link changes
-- or cancels that one visit, without signing in, until the visit; the token itself is only in
-- the message).
alter table appointments add column reminder_sent_at text;
alter table appointments add column reminder_token_hash text;
create unique index appointments_reminder_token_idx on appointments (reminder_token_hash)
    where reminder_token_hash is not null;
-- Reminders to send: booked visits by day.
create index appointments_reminder_due_idx on appointments (day)
    where status = 'booked' and reminder_sent_at is null;

-- An operative's day: their visits by day.
create index appointments_operative_idx on appointments (operative_account_id, day)
    where operative_account_id is not null;
-- Figures: visits with an outcome, by day.
create index appointments_outcome_idx on appointments (day, outcome) where outcome is not null;
