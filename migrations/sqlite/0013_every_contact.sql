-- Every kind of contact is a case. Until now a case was a complaint, a compliment or an
-- enquiry, always about a known person; a "Contact us" message sat in contact_messages where no
-- colleague saw it. Cases now also hold messages (from anyone, signed in or not), call-back,
-- home-visit and office-appointment requests, and comments and suggestions; a case may come
-- from someone without an account (made_by 'visitor', with the name and the ways to reply they
-- gave), by text message, and a colleague may mark it complex with a reason, or record that it
-- was sorted at the first contact.
--
-- SQLite cannot change a CHECK or NOT NULL constraint in place, so the table is rebuilt inside
-- this migration's transaction. Foreign keys stay on: with defer_foreign_keys, dropping the old
-- table leaves the timeline, clocks, responses, actions and handlers pointing at no case until
-- the same rows are inserted into the new table, and the commit fails if any is left without
-- its case. Every column and row is kept; the indexes are made again.

pragma defer_foreign_keys = on;

create table cases_before_0013 as select * from cases;
drop table cases;

create table cases (
    id integer primary key,
    reference text not null,
    submission_token text not null,
    kind text not null,
    person_id integer,
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
    team_id integer references teams (id),
    -- Who sent it, when they are not (or not yet) a person we know: a visitor's "Contact us".
    contact_name text,
    contact_email text,
    contact_phone text,
    -- When suits the resident (a call back, a visit, an appointment), in their words.
    times_that_suit text,
    -- A home visit by a male or female colleague, when the resident asks for one.
    colleague_preference text,
    -- Marked complex by a colleague: when, and the reason the resident is shown.
    complex_at text,
    complex_reason text,
    -- Sorted by a colleague at the first contact (recorded and closed at once).
    first_contact integer not null default 0,
    constraint cases_reference_unique unique (reference),
    constraint cases_token_unique unique (submission_token),
    constraint cases_person_fk foreign key (person_id) references people (id),
    constraint cases_home_fk foreign key (home_id) references homes (id),
    constraint cases_made_by_fk foreign key (made_by_account_id) references accounts (id),
    constraint cases_owner_fk foreign key (owner_account_id) references accounts (id),
    constraint cases_kind_check check (kind in ('complaint', 'compliment', 'enquiry', 'message', 'callback', 'home_visit', 'office_appointment', 'comment')),
    constraint cases_made_by_check check (made_by in ('resident', 'household_member', 'advocate', 'staff', 'visitor')),
    constraint cases_channel_check check (channel in ('portal', 'phone', 'letter', 'email', 'in_person', 'text')),
    constraint cases_status_check check (status in ('received', 'open', 'responded', 'escalation_requested', 'closed', 'declined')),
    constraint cases_stage_check check (stage in (1, 2)),
    constraint cases_someone_check check (person_id is not null or contact_name is not null),
    constraint cases_preference_check check (colleague_preference is null or colleague_preference in ('male', 'female'))
);

insert into cases
    (id, reference, submission_token, kind, person_id, home_id, tenure, made_by,
     made_by_account_id, channel, status, stage, owner_account_id, summary, details,
     happened_when, outcome_wanted, adjustments, thanks_to, related_reference, understanding,
     decline_reason, received_at, acknowledged_at, responded_at, escalated_at,
     stage2_acknowledged_at, final_response_at, closed_at, due_at, created_at, updated_at, team_id)
select id, reference, submission_token, kind, person_id, home_id, tenure, made_by,
     made_by_account_id, channel, status, stage, owner_account_id, summary, details,
     happened_when, outcome_wanted, adjustments, thanks_to, related_reference, understanding,
     decline_reason, received_at, acknowledged_at, responded_at, escalated_at,
     stage2_acknowledged_at, final_response_at, closed_at, due_at, created_at, updated_at, team_id
from cases_before_0013;

drop table cases_before_0013;

create index cases_person_idx on cases (person_id, created_at);
create index cases_made_by_idx on cases (made_by_account_id);
create index cases_queue_idx on cases ((due_at is null), due_at, id) where status not in ('closed', 'declined');

-- Every "Contact us" message so far becomes an open message case with the same reference, so
-- a colleague answers it; the message table stays for a release before this one.
insert into cases
    (reference, submission_token, kind, person_id, made_by, made_by_account_id, channel, status,
     stage, summary, details, received_at, created_at, updated_at, team_id,
     contact_name, contact_email, contact_phone)
select m.reference, m.submission_token, 'message', a.person_id,
       case when a.id is null then 'visitor' else 'resident' end, m.account_id, 'portal', 'open',
       1, substr(replace(m.message, char(10), ' '), 1, 80), m.message, m.created_at,
       m.created_at, m.updated_at, (select team_id from team_routes where kind = 'message'),
       m.name, m.email, m.phone
from contact_messages m left join accounts a on a.id = m.account_id
where not exists (select 1 from cases c where c.reference = m.reference);
