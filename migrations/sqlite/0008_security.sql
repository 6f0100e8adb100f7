-- Protections found missing by the security assessment: claims throttled per tenancy reference,
-- and devices an account has signed in from (a device cookie) in place of trusting addresses.
-- Times are UTC text.

-- Failed claims per tenancy or lease reference as typed (normalised), whether or not the
-- reference exists, so the wait itself says nothing. Failures older than a day are forgotten.
-- told_at: when the people on that tenancy were last told that someone keeps trying.
create table claim_throttles (
    reference text primary key,
    failures integer not null,
    blocked_until text,
    told_at text,
    updated_at text not null
);

-- A browser that has signed in to an account: only a SHA-256 of the cookie's token is kept.
-- While the account's sign-in is delayed by someone else's guessing, a trusted device may still
-- try; its own failures are counted here, and a device that fails too often is trusted no more.
create table trusted_devices (
    id integer primary key,
    account_id integer not null,
    token_hash text not null,
    failures integer not null default 0,
    created_at text not null,
    last_used_at text not null,
    constraint trusted_devices_account_fk foreign key (account_id) references accounts (id),
    constraint trusted_devices_hash_unique unique (token_hash)
);
create index trusted_devices_account on trusted_devices (account_id);
