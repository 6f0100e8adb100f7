-- Every kind of contact is a case. Until now a case was a complaint, a compliment or an
-- enquiry, always about a known person; a "Contact us" message sat in contact_messages where no
-- colleague saw it. Cases now also hold messages (from anyone, signed in or not), call-back,
-- home-visit and office-appointment requests, and comments and suggestions; a case may come
-- from someone without an account (made_by 'visitor', with the name and the ways to reply they
-- gave), by text message, and a colleague may mark it complex with a reason, or record that it
-- was sorted at the first contact.

alter table cases drop constraint cases_kind_check;
alter table cases add constraint cases_kind_check check (kind in ('complaint', 'compliment', 'enquiry', 'message', 'callback', 'home_visit', 'office_appointment', 'comment'));
alter table cases drop constraint cases_made_by_check;
alter table cases add constraint cases_made_by_check check (made_by in ('resident', 'household_member', 'advocate', 'staff', 'visitor'));
alter table cases drop constraint cases_channel_check;
alter table cases add constraint cases_channel_check check (channel in ('portal', 'phone', 'letter', 'email', 'in_person', 'text'));
alter table cases alter column person_id drop not null;

-- Who sent it, when they are not (or not yet) a person we know: a visitor's "Contact us".
alter table cases add column contact_name text;
alter table cases add column contact_email text;
alter table cases add column contact_phone text;
-- When suits the resident (a call back, a visit, an appointment), in their words.
alter table cases add column times_that_suit text;
-- A home visit by a male or female colleague, when the resident asks for one.
alter table cases add column colleague_preference text;
-- Marked complex by a colleague: when, and the reason the resident is shown.
alter table cases add column complex_at timestamptz;
alter table cases add column complex_reason text;
-- Sorted by a colleague at the first contact (recorded and closed at once).
alter table cases add column first_contact boolean not null default false;
alter table cases add constraint cases_someone_check check (person_id is not null or contact_name is not null);
alter table cases add constraint cases_preference_check check (colleague_preference is null or colleague_preference in ('male', 'female'));

-- Every "Contact us" message so far becomes an open message case with the same reference, so
-- a colleague answers it; the message table stays for a release before this one.
insert into cases
    (reference, submission_token, kind, person_id, made_by, made_by_account_id, channel, status,
     stage, summary, details, received_at, created_at, updated_at, team_id,
     contact_name, contact_email, contact_phone)
select m.reference, m.submission_token, 'message', a.person_id,
       case when a.id is null then 'visitor' else 'resident' end, m.account_id, 'portal', 'open',
       1, substr(replace(m.message, chr(10), ' '), 1, 80), m.message, m.created_at,
       m.created_at, m.updated_at, (select team_id from team_routes where kind = 'message'),
       m.name, m.email, m.phone
from contact_messages m left join accounts a on a.id = m.account_id
where not exists (select 1 from cases c where c.reference = m.reference);
