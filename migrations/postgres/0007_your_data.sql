-- Requests to see the information held about a resident (subject access requests), with the
-- statutory clock from the landlord's profile, and advocates' actions on repairs recorded as
-- done for the resident. Times are timestamptz.

-- clock: the domain's Clock as JSON (start, timescale, every stop while identity is checked,
-- an extension with its reason, completion). due_at: the deadline in force while the clock
-- runs, null while it is stopped or finished, for the queue's order.
create table subject_access_requests (
    id bigint generated always as identity primary key,
    reference text not null,
    submission_token text not null,
    person_id bigint not null,
    made_by text not null,
    made_by_account_id bigint,
    channel text not null,
    details text not null,
    status text not null,
    clock text not null,
    received_at timestamptz not null,
    due_at timestamptz,
    identity_confirmed_at timestamptz,
    completed_at timestamptz,
    outcome text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint subject_access_reference_unique unique (reference),
    constraint subject_access_token_unique unique (submission_token),
    constraint subject_access_person_fk foreign key (person_id) references people (id),
    constraint subject_access_made_by_fk foreign key (made_by_account_id) references accounts (id),
    constraint subject_access_made_by_check check (made_by in ('resident', 'staff')),
    constraint subject_access_channel_check check (channel in ('portal', 'phone', 'letter', 'email', 'in_person')),
    constraint subject_access_status_check check (status in ('identity_check', 'in_progress', 'completed', 'closed'))
);
create index subject_access_person_idx on subject_access_requests (person_id, id);
create index subject_access_open_idx on subject_access_requests (status, due_at);

-- The request's timeline; internal notes (visible = false) are for colleagues only.
create table subject_access_events (
    id bigint generated always as identity primary key,
    request_id bigint not null,
    occurred_at timestamptz not null,
    kind text not null,
    title text not null,
    body text,
    visible boolean not null,
    actor_account_id bigint,
    on_behalf_of_person_id bigint,
    created_at timestamptz not null,
    constraint subject_access_events_request_fk foreign key (request_id) references subject_access_requests (id),
    constraint subject_access_events_actor_fk foreign key (actor_account_id) references accounts (id),
    constraint subject_access_events_person_fk foreign key (on_behalf_of_person_id) references people (id)
);
create index subject_access_events_request_idx on subject_access_events (request_id, id);

-- An advocate booking or cancelling a visit does it for a resident: recorded as such.
alter table repair_events add column on_behalf_of_person_id bigint references people (id);

-- "Download my data" reads these by person and account; without them it would read every row.
create index audit_events_actor_idx on audit_events (actor_account_id);
create index audit_events_person_idx on audit_events (on_behalf_of_person_id);
create index document_downloads_account_idx on document_downloads (account_id);
create index document_downloads_person_idx on document_downloads (on_behalf_of_person_id);

-- The letters print queue: a colleague marks each letter posted once it has gone in the post.
alter table outbox add column posted_at timestamptz;
alter table outbox add column posted_by_account_id bigint references accounts (id);
create index outbox_letters_idx on outbox (channel, posted_at, id);
