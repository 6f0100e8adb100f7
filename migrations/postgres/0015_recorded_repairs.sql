-- A repair reported on a resident's behalf: by an advocate with a repairs permission, or
-- recorded by a colleague from a phone call, letter, email, text or visit. `channel` is how it
-- reached us and `made_by` who made the report; every earlier repair was a resident's own,
-- through Doorstep. `received_at` (already there) is when we were told, from which the
-- target and any hazard clocks run.
alter table repairs add column channel text not null default 'portal';
alter table repairs add column made_by text not null default 'resident';
alter table repairs add constraint repairs_channel_check
    check (channel in ('portal', 'phone', 'letter', 'email', 'in_person', 'text'));
alter table repairs add constraint repairs_made_by_check
    check (made_by in ('resident', 'advocate', 'staff'));
