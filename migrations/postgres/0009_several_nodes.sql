-- Several nodes on one database: the outbox is claimed a batch at a time by one sender, each
-- message carrying the token of the claim that holds it, so a sender whose claim has expired
-- and been taken by another sends nothing; periodic work runs once per period in all, not once
-- per node. Times are timestamptz.

alter table outbox add column claim_token text;
-- When the channel refused a message for good (a colleague then has a task to make contact).
alter table outbox add column given_up_at timestamptz;

-- One row per kind of periodic work: the node that moves last_started_at runs it.
create table periodic_runs (
    name text primary key,
    last_started_at timestamptz not null
);
