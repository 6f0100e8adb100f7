-- Visits that happen. Operatives (in-house) and contractors (colleagues of a contractor firm)
-- get accounts of their own: an operative works the visits a planner gives them; a
-- contractor's account belongs to a firm and sees only the jobs given to that firm. A visit
-- now records who is doing it, the "on my way" tap with the arrival window the resident was
-- told, the arrival, and one outcome (completed, no access with how access was tried, parts
-- ordered with the date expected, or another visit needed, booked there and then), and the
-- reminder sent the day before with its link.

create table contractor_firms (
    id bigint generated always as identity primary key,
    name text not null,
    phone text not null,
    email text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint contractor_firms_name_unique unique (name)
);

alter table accounts drop constraint accounts_role_check;
alter table accounts add constraint accounts_role_check check (role in ('resident', 'advocate', 'customer_services', 'repairs_planner', 'complaints_handler', 'manager', 'administrator', 'operative', 'contractor'));
-- A contractor's firm; only contractors have one.
alter table accounts add column firm_id bigint references contractor_firms (id);
alter table accounts add constraint accounts_firm_check check ((role = 'contractor') = (firm_id is not null));
create index accounts_firm_idx on accounts (firm_id) where firm_id is not null;

-- The firm doing a job (its colleagues see it and work its visits).
alter table repairs add column firm_id bigint references contractor_firms (id);
create index repairs_firm_idx on repairs (firm_id, status) where firm_id is not null;
-- The contractors' figures: jobs completed, by when.
create index repairs_completed_idx on repairs (completed_at) where status = 'completed';

-- Who does the visit, and what happened. `expected_from`/`expected_until`: the arrival window
-- told to the resident on "on my way". A recorded outcome makes the visit 'attended' (the seat
-- was used, whatever the outcome). `access_tried`: how access was tried on a no-access visit
-- (comma-separated codes), kept as Awaab's Law asks. `follow_on_of_id`: the visit this one
-- follows, when booked at the door.
alter table appointments add column operative_account_id bigint references accounts (id);
alter table appointments add column on_way_at timestamptz;
alter table appointments add column expected_from timestamptz;
alter table appointments add column expected_until timestamptz;
alter table appointments add column arrived_at timestamptz;
alter table appointments add column outcome text constraint appointments_outcome_check
    check (outcome is null or outcome in ('completed', 'no_access', 'parts_ordered', 'follow_on'));
alter table appointments add column outcome_at timestamptz;
alter table appointments add column outcome_by_account_id bigint references accounts (id);
alter table appointments add column outcome_note text;
alter table appointments add column access_tried text;
alter table appointments add column parts_expected_on date;
alter table appointments add column follow_on_of_id bigint references appointments (id);

-- The reminder the day before: when it went, and the hash of its link's token (the link changes
-- or cancels that one visit, without signing in, until the visit; the token itself is only in
-- the message).
alter table appointments add column reminder_sent_at timestamptz;
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
