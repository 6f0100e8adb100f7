-- Contact preferences and needs, vulnerabilities recorded with consent, the in-portal messages
-- and the channels the outbox sends by, tasks for colleagues when no channel can be used,
-- and invitations to act for a resident. Times are UTC text, dates
-- YYYY-MM-DD text.

-- Append-only: each change is a new row, so the history keeps every change with its date; the
-- latest row (highest id) is the one in force. Lists are comma-separated codes, best first.
create table contact_preferences (
    id integer primary key,
    person_id integer not null,
    channels text not null,
    never_channels text not null,
    good_times text not null,
    bad_times text not null,
    language text not null,
    formats text not null,
    adjustments text not null,
    other_adjustments text not null,
    visit_staff text not null,
    newsletters text not null,
    changed_by_account_id integer,
    created_at text not null,
    constraint contact_preferences_person_fk foreign key (person_id) references people (id),
    constraint contact_preferences_changer_fk foreign key (changed_by_account_id) references accounts (id),
    constraint contact_preferences_visit_check check (visit_staff in ('no_preference', 'female', 'male'))
);
create index contact_preferences_person_idx on contact_preferences (person_id, id);

-- A vulnerability, recorded only when the resident agrees (consent: how they agreed), for a
-- limited time (ends_on), and read only by colleagues whose work needs it.
create table vulnerabilities (
    id integer primary key,
    person_id integer not null,
    description text not null,
    consent text not null,
    ends_on text not null,
    recorded_by_account_id integer not null,
    created_at text not null,
    removed_at text,
    removed_by_account_id integer,
    constraint vulnerabilities_person_fk foreign key (person_id) references people (id),
    constraint vulnerabilities_recorder_fk foreign key (recorded_by_account_id) references accounts (id),
    constraint vulnerabilities_remover_fk foreign key (removed_by_account_id) references accounts (id),
    constraint vulnerabilities_consent_check check (consent in ('in_person', 'phone', 'in_writing', 'portal'))
);
create index vulnerabilities_person_idx on vulnerabilities (person_id);

-- Every message Doorstep sends a resident is also here, on the portal. channel: how else it
-- went (email, text, letter), or null when a colleague has a task to make contact instead.
create table messages (
    id integer primary key,
    person_id integer not null,
    kind text not null,
    subject text not null,
    body text not null,
    reference text,
    link text,
    channel text,
    outbox_id integer,
    created_at text not null,
    read_at text,
    constraint messages_person_fk foreign key (person_id) references people (id),
    constraint messages_outbox_fk foreign key (outbox_id) references outbox (id)
);
create index messages_person_idx on messages (person_id, id);

-- The outbox sends by email (recipient: an address), text (a phone number) or letter (the
-- postal address; large_print sets the letter's type size).
alter table outbox add column channel text not null default 'email';
alter table outbox add column large_print integer not null default 0;
alter table outbox add column person_id integer references people (id);

-- No channel could be used: a colleague makes contact another way and says how.
create table contact_tasks (
    id integer primary key,
    person_id integer not null,
    message_id integer not null,
    reason text not null,
    created_at text not null,
    done_at text,
    done_by_account_id integer,
    outcome text,
    constraint contact_tasks_person_fk foreign key (person_id) references people (id),
    constraint contact_tasks_message_fk foreign key (message_id) references messages (id),
    constraint contact_tasks_doer_fk foreign key (done_by_account_id) references accounts (id)
);
create index contact_tasks_open_idx on contact_tasks (done_at, id);

-- How a permission was given and what it rests on: the resident on the portal (an accepted
-- invitation), or on paper or by phone as a colleague recorded it, with the evidence stored.
alter table advocate_permissions add column relationship text;
alter table advocate_permissions add column given_by text not null default 'portal';
alter table advocate_permissions add column evidence_key text;
alter table advocate_permissions add column evidence_filename text;
alter table advocate_permissions add column evidence_content_type text;

-- A resident's emailed invitation to act for them. Only a SHA-256 of the token is stored.
create table permission_invitations (
    id integer primary key,
    person_id integer not null,
    invited_by_account_id integer not null,
    name text not null,
    email text not null,
    relationship text not null,
    scope text not null,
    ends_on text,
    token_hash text not null,
    expires_at text not null,
    accepted_at text,
    accepted_account_id integer,
    cancelled_at text,
    created_at text not null,
    constraint permission_invitations_person_fk foreign key (person_id) references people (id),
    constraint permission_invitations_inviter_fk foreign key (invited_by_account_id) references accounts (id),
    constraint permission_invitations_acceptor_fk foreign key (accepted_account_id) references accounts (id),
    constraint permission_invitations_hash_unique unique (token_hash),
    constraint permission_invitations_scope_check check (scope in ('repairs', 'complaints', 'documents', 'everything'))
);
create index permission_invitations_person_idx on permission_invitations (person_id);
