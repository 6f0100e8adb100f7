-- Cases: complaints, compliments and enquiries, with their deadlines, timeline, responses and
-- outstanding actions; who handled each stage; advocates' permissions; colleagues' teams and
-- managers. Times are UTC text; booleans are 0 or 1.

alter table accounts add column team text;
alter table accounts add column manager_account_id integer references accounts (id);

-- A resident's permission for an advocate to act for them. Scope: what it covers. It lapses
-- at the end of ends_on (a local date) and at once when withdrawn.
create table advocate_permissions (
    id integer primary key,
    advocate_account_id integer not null,
    person_id integer not null,
    scope text not null,
    ends_on text,
    withdrawn_at text,
    evidence text,
    created_by_account_id integer,
    created_at text not null,
    updated_at text not null,
    constraint advocate_permissions_advocate_fk foreign key (advocate_account_id) references accounts (id),
    constraint advocate_permissions_person_fk foreign key (person_id) references people (id),
    constraint advocate_permissions_creator_fk foreign key (created_by_account_id) references accounts (id),
    constraint advocate_permissions_scope_check check (scope in ('repairs', 'complaints', 'documents', 'everything'))
);
create index advocate_permissions_advocate_idx on advocate_permissions (advocate_account_id, person_id);
create index advocate_permissions_person_idx on advocate_permissions (person_id);

create table cases (
    id integer primary key,
    reference text not null,
    submission_token text not null,
    kind text not null,
    person_id integer not null,
    home_id integer,
    tenure text,
    made_by text not null,
    made_by_account_id integer,
    channel text not null,
    status text not null,
    stage integer not null default 1,
    owner_account_id integer,
    summary text not null,
    details text not null,
    happened_when text,
    outcome_wanted text,
    adjustments text,
    thanks_to text,
    related_reference text,
    understanding text,
    decline_reason text,
    received_at text not null,
    acknowledged_at text,
    responded_at text,
    escalated_at text,
    stage2_acknowledged_at text,
    final_response_at text,
    closed_at text,
    due_at text,
    created_at text not null,
    updated_at text not null,
    constraint cases_reference_unique unique (reference),
    constraint cases_token_unique unique (submission_token),
    constraint cases_person_fk foreign key (person_id) references people (id),
    constraint cases_home_fk foreign key (home_id) references homes (id),
    constraint cases_made_by_fk foreign key (made_by_account_id) references accounts (id),
    constraint cases_owner_fk foreign key (owner_account_id) references accounts (id),
    constraint cases_kind_check check (kind in ('complaint', 'compliment', 'enquiry')),
    constraint cases_made_by_check check (made_by in ('resident', 'household_member', 'advocate', 'staff')),
    constraint cases_channel_check check (channel in ('portal', 'phone', 'letter', 'email', 'in_person')),
    constraint cases_status_check check (status in ('received', 'open', 'responded', 'escalation_requested', 'closed', 'declined')),
    constraint cases_stage_check check (stage in (1, 2))
);
create index cases_person_idx on cases (person_id, created_at);
create index cases_made_by_idx on cases (made_by_account_id);
-- The staff queue: open cases by their next deadline, those without one last. The order by in
-- db::cases::queue is exactly these expressions, so both engines read the index in order.
create index cases_queue_idx on cases ((due_at is null), due_at, id) where status not in ('closed', 'declined');

create table case_clocks (
    id integer primary key,
    case_id integer not null,
    kind text not null,
    started_at text not null,
    standard_due_at text not null,
    due_at text not null,
    met_at text,
    extension_reason text,
    created_at text not null,
    updated_at text not null,
    constraint case_clocks_case_fk foreign key (case_id) references cases (id),
    constraint case_clocks_unique unique (case_id, kind)
);

-- The timeline. Internal notes (visible = 0) are never shown to residents or advocates.
create table case_events (
    id integer primary key,
    case_id integer not null,
    occurred_at text not null,
    kind text not null,
    title text not null,
    body text,
    visible integer not null,
    actor_account_id integer,
    on_behalf_of_person_id integer,
    created_at text not null,
    constraint case_events_case_fk foreign key (case_id) references cases (id),
    constraint case_events_actor_fk foreign key (actor_account_id) references accounts (id),
    constraint case_events_person_fk foreign key (on_behalf_of_person_id) references people (id)
);
create index case_events_case_idx on case_events (case_id, occurred_at);

-- A stage's response (or an enquiry's answer): the decision, reasons and remedy.
create table case_responses (
    id integer primary key,
    case_id integer not null,
    stage integer not null,
    decision text,
    points text not null,
    reasons text,
    remedy text,
    responded_by_account_id integer not null,
    responded_at text not null,
    constraint case_responses_case_fk foreign key (case_id) references cases (id),
    constraint case_responses_by_fk foreign key (responded_by_account_id) references accounts (id),
    constraint case_responses_unique unique (case_id, stage),
    constraint case_responses_decision_check check (decision is null or decision in ('upheld', 'partly_upheld', 'not_upheld'))
);

-- Actions promised in a response, tracked until done.
create table case_actions (
    id integer primary key,
    case_id integer not null,
    stage integer not null,
    description text not null,
    due_on text not null,
    done_at text,
    done_by_account_id integer,
    created_at text not null,
    constraint case_actions_case_fk foreign key (case_id) references cases (id),
    constraint case_actions_done_by_fk foreign key (done_by_account_id) references accounts (id)
);
create index case_actions_case_idx on case_actions (case_id);

-- Everyone who handled or answered a complaint at each stage (stage 2 must be someone else).
create table case_handlers (
    case_id integer not null,
    stage integer not null,
    account_id integer not null,
    created_at text not null,
    constraint case_handlers_pk primary key (case_id, stage, account_id),
    constraint case_handlers_case_fk foreign key (case_id) references cases (id),
    constraint case_handlers_account_fk foreign key (account_id) references accounts (id)
);
