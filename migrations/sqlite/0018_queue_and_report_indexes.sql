-- The staff queues narrowed by kind, trade or team, and by how soon work is due, read their page
-- and their count from an index in the order they show it, instead of reading every open item
-- of every kind and keeping the ones that match. Two shapes for each: with "no deadline last"
-- first, for the unfiltered order, and deadlines alone (dated work only), which a due filter
-- ("overdue", "soon", "later") reads as a range.
create index if not exists cases_kind_work_idx on cases (kind, (due_at is null), due_at, id) where status not in ('closed', 'declined');
create index if not exists cases_kind_due_idx on cases (kind, due_at, id) where status not in ('closed', 'declined') and due_at is not null;
create index if not exists cases_due_idx on cases (due_at, id) where status not in ('closed', 'declined') and due_at is not null;
create index if not exists cases_team_due_idx on cases (team_id, due_at, id) where status not in ('closed', 'declined') and due_at is not null;
create index if not exists repairs_trade_work_idx on repairs (trade, (due_at is null), due_at, id) where status not in ('completed', 'cancelled');
create index if not exists repairs_trade_due_idx on repairs (trade, due_at, id) where status not in ('completed', 'cancelled') and due_at is not null;
create index if not exists repairs_team_due_idx on repairs (team_id, due_at, id) where status not in ('completed', 'cancelled') and due_at is not null;

-- The complaints report counts, for a period, the complaints received, escalated, answered at
-- each stage and answered in time: each count is a range of one of these, read alone.
create index if not exists cases_complaint_received_idx on cases (received_at, tenure) where kind = 'complaint';
create index if not exists cases_complaint_escalated_idx on cases (escalated_at, tenure) where kind = 'complaint' and escalated_at is not null;
create index if not exists cases_complaint_responded_idx on cases (responded_at, tenure, id) where kind = 'complaint' and responded_at is not null;
create index if not exists cases_complaint_final_idx on cases (final_response_at, tenure, id) where kind = 'complaint' and final_response_at is not null;
create index if not exists cases_compliment_received_idx on cases (received_at, owner_account_id) where kind = 'compliment';
