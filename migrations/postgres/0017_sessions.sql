-- Sessions move into Doorstep's own table, beside the accounts they are signed in to, so that
-- loading a session reads its account in the same statement. The data is JSON; the expiry is
-- in Unix seconds. The session store's old schema goes: everyone signed in is asked to sign in
-- again once, after this upgrade. The table is in the public schema, so the runtime role's
-- default privileges cover it (no separate grant).
create table sessions (
    id text primary key not null,
    data bytea not null,
    expiry_date bigint not null,
    account_id bigint references accounts (id) on delete cascade
);
create index sessions_account_idx on sessions (account_id);
create index sessions_expiry_idx on sessions (expiry_date);
drop schema if exists tower_sessions cascade;
