-- Sessions move into Doorstep's own table, beside the accounts they are signed in to, so that
-- loading a session reads its account in the same statement. The data is JSON; the expiry is
-- in Unix seconds. The session store's old table goes: everyone signed in is asked to sign in
-- again once, after this upgrade.
create table sessions (
    id text primary key not null,
    data blob not null,
    expiry_date integer not null,
    account_id integer references accounts (id) on delete cascade
);
create index sessions_account_idx on sessions (account_id);
create index sessions_expiry_idx on sessions (expiry_date);
drop table if exists tower_sessions;
