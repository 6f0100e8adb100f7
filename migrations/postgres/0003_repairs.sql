-- Repairs: the job, its clocks (target and Awaab's Law), its timeline, its followers (communal
-- repairs), its photos and its appointments. Times are timestamptz.

create table repairs (
    id bigint generated always as identity primary key,
    reference text not null,
    submission_token text not null,
    home_id bigint,
    block_id bigint,
    communal_area_id bigint,
    reported_by_person_id bigint not null,
    reported_by_account_id bigint,
    outcome text not null,
    summary text not null,
    answers text not null,
    emergency text,
    priority text not null,
    trade text not null,
    hazard text,
    awaab boolean not null default false,
    status text not null,
    description text not null,
    access_times text not null,
    pets text not null,
    key_safe text not null,
    contact_phone text not null,
    contractor text,
    received_at timestamptz not null,
    target_at timestamptz not null,
    due_at timestamptz,
    completed_at timestamptz,
    recall_of_id bigint,
    fixed text,
    rating bigint,
    rating_comment text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint repairs_reference_unique unique (reference),
    constraint repairs_token_unique unique (submission_token),
    constraint repairs_home_fk foreign key (home_id) references homes (id),
    constraint repairs_block_fk foreign key (block_id) references blocks (id),
    constraint repairs_area_fk foreign key (communal_area_id) references communal_areas (id),
    constraint repairs_person_fk foreign key (reported_by_person_id) references people (id),
    constraint repairs_account_fk foreign key (reported_by_account_id) references accounts (id),
    constraint repairs_recall_fk foreign key (recall_of_id) references repairs (id),
    constraint repairs_status_check check (status in ('reported', 'booked', 'in_progress', 'awaiting_parts', 'completed', 'cancelled')),
    constraint repairs_hazard_check check (hazard is null or hazard in ('significant', 'emergency')),
    constraint repairs_rating_check check (rating is null or rating between 1 and 5),
    constraint repairs_where_check check (home_id is not null or communal_area_id is not null)
);
create index repairs_home_idx on repairs (home_id, created_at);
create index repairs_block_open_idx on repairs (block_id, status);
-- The staff queue: open jobs by their next deadline.
create index repairs_open_due_idx on repairs (due_at, id) where status not in ('completed', 'cancelled');
create index repairs_person_idx on repairs (reported_by_person_id);

-- Deadlines of a job: the priority's target and, under Awaab's Law, the hazard clocks.
create table repair_clocks (
    id bigint generated always as identity primary key,
    repair_id bigint not null,
    kind text not null,
    started_at timestamptz not null,
    due_at timestamptz not null,
    met_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint repair_clocks_repair_fk foreign key (repair_id) references repairs (id),
    constraint repair_clocks_unique unique (repair_id, kind)
);

-- The timeline. Internal notes (visible = false) are never shown to residents.
create table repair_events (
    id bigint generated always as identity primary key,
    repair_id bigint not null,
    occurred_at timestamptz not null,
    kind text not null,
    title text not null,
    body text,
    visible boolean not null,
    actor_account_id bigint,
    created_at timestamptz not null,
    constraint repair_events_repair_fk foreign key (repair_id) references repairs (id),
    constraint repair_events_actor_fk foreign key (actor_account_id) references accounts (id)
);
create index repair_events_repair_idx on repair_events (repair_id, occurred_at);

-- "I have this problem too": residents following a communal repair.
create table repair_followers (
    id bigint generated always as identity primary key,
    repair_id bigint not null,
    person_id bigint not null,
    created_at timestamptz not null,
    constraint repair_followers_repair_fk foreign key (repair_id) references repairs (id),
    constraint repair_followers_person_fk foreign key (person_id) references people (id),
    constraint repair_followers_unique unique (repair_id, person_id)
);
create index repair_followers_person_idx on repair_followers (person_id);

-- Photos, stored through the storage layer under a generated key. Before the report is sent
-- a photo belongs to the draft (its submission token) and has no repair yet.
create table repair_photos (
    id bigint generated always as identity primary key,
    repair_id bigint,
    draft_token text,
    person_id bigint not null,
    storage_key text not null,
    content_type text not null,
    size_bytes bigint not null,
    created_at timestamptz not null,
    constraint repair_photos_repair_fk foreign key (repair_id) references repairs (id),
    constraint repair_photos_person_fk foreign key (person_id) references people (id),
    constraint repair_photos_key_unique unique (storage_key)
);
create index repair_photos_repair_idx on repair_photos (repair_id);
create index repair_photos_draft_idx on repair_photos (draft_token);

-- Visits. A booked visit holds a seat (1 to the trade's capacity for that day and period);
-- the unique constraint is what stops two people taking the same last seat. A cancelled or
-- moved visit gives its seat up (seat becomes null).
create table appointments (
    id bigint generated always as identity primary key,
    repair_id bigint not null,
    trade text not null,
    day date not null,
    period text not null,
    seat bigint,
    status text not null,
    booked_by_account_id bigint,
    cancel_reason text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint appointments_repair_fk foreign key (repair_id) references repairs (id),
    constraint appointments_seat_unique unique (trade, day, period, seat),
    constraint appointments_period_check check (period in ('morning', 'afternoon', 'all_day')),
    constraint appointments_status_check check (status in ('booked', 'cancelled', 'moved', 'attended'))
);
create index appointments_repair_idx on appointments (repair_id, status);
