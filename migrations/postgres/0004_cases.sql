-- Cases: complaints, compliments and enquiries, with their deadlines, timeline, responses and
-- outstanding actions; who handled each stage; advocates' permissions; colleagues' teams and
-- managers. Times are timestamptz.

alter table accounts add column team text;
alter table accounts add column manager_account_id bigint references accounts (id);

-- A resident's permission for an advocate to act for them. Scope: what it covers. It lapses
-- at the end of ends_on (a local date) and at once when withdrawn.
create table advocate_permissions (
    id bigint generated always as identity primary key,
    advocate_account_id bigint not null,
    person_id bigint not null,
    scope text not null,
    ends_on date,
    withdrawn_at timestamptz,
    evidence text,
    created_by_account_id bigint,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint advocate_permissions_advocate_fk foreign key (advocate_account_id) references accounts (id),
    constraint advocate_permissions_person_fk foreign key (person_id) references people (id),
    constraint advocate_permissions_creator_fk foreign key (created_by_account_id) references accounts (id),
    constraint advocate_permissions_scope_check check (scope in ('repairs', 'complaints', 'documents', 'everything'))
);
create index advocate_permissions_advocate_idx on advocate_permissions (advocate_account_id, person_id);
create index advocate_permissions_person_idx on advocate_permissions (person_id);

create table cases (
    id bigint generated always as identity primary key,
    reference text not null,
    submission_token text not null,
    kind text not null,
    person_id bigint not null,
    home_id bigint,
    tenure text,
    made_by text not null,
    made_by_account_id bigint,
    channel text not null,
    status text not null,
    stage bigint not null default 1,
    owner_account_id bigint,
    summary text not null,
    details text not null,
    happened_when text,
    outcome_wanted text,
    adjustments text,
    thanks_to text,
    related_reference text,
    understanding text,
    decline_reason text,
    received_at timestamptz not null,
    acknowledged_at timestamptz,
    responded_at timestamptz,
    escalated_at timestamptz,
    stage2_acknowledged_at timestamptz,
    final_response_at timestamptz,
    closed_at timestamptz,
    due_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
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
    id bigint generated always as identity primary key,
    case_id bigint not null,
    kind text not null,
    started_at timestamptz not null,
    standard_due_at timestamptz not null,
    due_at timestamptz not null,
    met_at timestamptz,
    extension_reason text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint case_clocks_case_fk foreign key (case_id) references cases (id),
    constraint case_clocks_unique unique (case_id, kind)
);

-- The timeline. Internal notes (visible = 0) are never shown to residents or advocates.
create table case_events (
    id bigint generated always as identity primary key,
    case_id bigint not null,
    occurred_at timestamptz not null,
    kind text not null,
    title text not null,
    body text,
    visible boolean not null,
    actor_account_id bigint,
    on_behalf_of_person_id bigint,
    created_at timestamptz not null,
    constraint case_events_case_fk foreign key (case_id) references cases (id),
    constraint case_events_actor_fk foreign key (actor_account_id) references accounts (id),
    constraint case_events_person_fk foreign key (on_behalf_of_person_id) references people (id)
);
create index case_events_case_idx on case_events (case_id, occurred_at);

-- A stage's response (or an enquiry's answer): the decision, reasons and remedy.
create table case_responses (
    id bigint generated always as identity primary key,
    case_id bigint not null,
    stage bigint not null,
    decision text,
    points text not null,
    reasons text,
    remedy text,
    responded_by_account_id bigint not null,
    responded_at timestamptz not null,
    constraint case_responses_case_fk foreign key (case_id) references cases (id),
    constraint case_responses_by_fk foreign key (responded_by_account_id) references accounts (id),
    constraint case_responses_unique unique (case_id, stage),
    constraint case_responses_decision_check check (decision is null or decision in ('upheld', 'partly_upheld', 'not_upheld'))
);

-- Actions promised in a response, tracked until done.
create table case_actions (
    id bigint generated always as identity primary key,
    case_id bigint not null,
    stage bigint not null,
    description text not null,
    due_on date not null,
    done_at timestamptz,
    done_by_account_id bigint,
    created_at timestamptz not null,
    constraint case_actions_case_fk foreign key (case_id) references cases (id),
    constraint case_actions_done_by_fk foreign key (done_by_account_id) references accounts (id)
);
create index case_actions_case_idx on case_actions (case_id);

-- Everyone who handled or answered a complaint at each stage (stage 2 must be someone else).
create table case_handlers (
    case_id bigint not null,
    stage bigint not null,
    account_id bigint not null,
    created_at timestamptz not null,
    constraint case_handlers_pk primary key (case_id, stage, account_id),
    constraint case_handlers_case_fk foreign key (case_id) references cases (id),
    constraint case_handlers_account_fk foreign key (account_id) references accounts (id)
);
