-- Accounts: confirmation of claimed accounts, ending every session at once, sign-in
-- throttling, single-use emailed links and the outbox that sends them.

-- A claimed account is confirmed by the link emailed to it; staff accounts by setting a
-- password from their invitation. session_epoch goes up to end every session of the account
-- (password reset, "sign out everywhere", a role change): a session remembers the epoch it
-- started in and is no longer signed in once they differ.
alter table accounts add column confirmed_at timestamptz;
alter table accounts add column session_epoch bigint not null default 0;
update accounts set confirmed_at = created_at;

-- Failed sign-ins per email address as typed (normalised), whether or not an account has it,
-- so that the delay itself does not tell anyone which emails have accounts.
create table sign_in_throttles (
    email text primary key,
    failures bigint not null,
    blocked_until timestamptz,
    updated_at timestamptz not null
);

-- Sign-in attempts per client address in a fixed window.
create table address_throttles (
    address text primary key,
    window_started_at timestamptz not null,
    attempts bigint not null
);

-- Emailed single-use links. Only a SHA-256 of the token is stored.
create table account_tokens (
    id bigint generated always as identity primary key,
    account_id bigint not null,
    purpose text not null,
    token_hash text not null,
    new_email text,
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null,
    constraint account_tokens_account_fk foreign key (account_id) references accounts (id),
    constraint account_tokens_hash_unique unique (token_hash),
    constraint account_tokens_purpose_check check (purpose in ('confirm_account', 'reset_password', 'set_password', 'change_email'))
);
create index account_tokens_account_idx on account_tokens (account_id);

-- Email waits here until the sender worker has sent it, so nothing is lost if the server stops.
create table outbox (
    id bigint generated always as identity primary key,
    recipient text not null,
    subject text not null,
    body text not null,
    attempts bigint not null default 0,
    next_attempt_at timestamptz not null,
    sent_at timestamptz,
    last_error text,
    created_at timestamptz not null
);
create index outbox_pending_idx on outbox (sent_at, next_attempt_at);
