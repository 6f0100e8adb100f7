-- Base schema: who the landlord is, where people live, who they are, how they sign in,
-- and what was done. Times are timestamptz (UTC), dates are date.

create table landlords (
    id bigint generated always as identity primary key,
    code text not null,
    name text not null,
    profile_file text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint landlords_code_unique unique (code)
);

create table estates (
    id bigint generated always as identity primary key,
    landlord_id bigint not null,
    name text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint estates_landlord_fk foreign key (landlord_id) references landlords (id)
);

create table blocks (
    id bigint generated always as identity primary key,
    estate_id bigint not null,
    name text not null,
    address_line_1 text not null,
    town text not null,
    postcode text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint blocks_estate_fk foreign key (estate_id) references estates (id)
);

create table communal_areas (
    id bigint generated always as identity primary key,
    block_id bigint not null,
    name text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint communal_areas_block_fk foreign key (block_id) references blocks (id),
    constraint communal_areas_name_unique unique (block_id, name)
);

create table homes (
    id bigint generated always as identity primary key,
    estate_id bigint not null,
    block_id bigint,
    address_line_1 text not null,
    address_line_2 text,
    town text not null,
    postcode text not null,
    nation text not null,
    tenure text not null,
    bedrooms bigint not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint homes_estate_fk foreign key (estate_id) references estates (id),
    constraint homes_block_fk foreign key (block_id) references blocks (id),
    constraint homes_nation_check check (nation in ('england', 'wales', 'scotland', 'northern_ireland')),
    constraint homes_tenure_check check (tenure in ('general_needs', 'affordable_rent', 'shared_ownership', 'leasehold')),
    constraint homes_bedrooms_check check (bedrooms >= 0)
);
create index homes_block_idx on homes (block_id);

create table tenancies (
    id bigint generated always as identity primary key,
    home_id bigint not null,
    reference text not null,
    kind text not null,
    start_date date not null,
    end_date date,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint tenancies_home_fk foreign key (home_id) references homes (id),
    constraint tenancies_reference_unique unique (reference),
    constraint tenancies_kind_check check (kind in ('starter', 'assured', 'shared_ownership_lease', 'leasehold'))
);

create table people (
    id bigint generated always as identity primary key,
    given_name text not null,
    family_name text not null,
    date_of_birth date,
    phone text,
    email text,
    created_at timestamptz not null,
    updated_at timestamptz not null
);

-- Needs recorded for a person (for example "allow time to answer the door"); contact
-- preferences build on this.
create table person_needs (
    id bigint generated always as identity primary key,
    person_id bigint not null,
    description text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint person_needs_person_fk foreign key (person_id) references people (id)
);

create table household_members (
    id bigint generated always as identity primary key,
    tenancy_id bigint not null,
    person_id bigint not null,
    relationship text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint household_members_tenancy_fk foreign key (tenancy_id) references tenancies (id),
    constraint household_members_person_fk foreign key (person_id) references people (id),
    constraint household_members_unique unique (tenancy_id, person_id),
    constraint household_members_relationship_check check (relationship in ('tenant', 'joint_tenant', 'leaseholder', 'shared_owner', 'household_member'))
);
create index household_members_person_idx on household_members (person_id);

create table accounts (
    id bigint generated always as identity primary key,
    person_id bigint,
    email text not null,
    display_name text not null,
    password_hash text not null,
    role text not null,
    disabled_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint accounts_person_fk foreign key (person_id) references people (id),
    constraint accounts_email_unique unique (email),
    constraint accounts_role_check check (role in ('resident', 'advocate', 'customer_services', 'repairs_planner', 'complaints_handler', 'manager', 'administrator'))
);

-- Append-only: the application never updates or deletes these rows.
create table audit_events (
    id bigint generated always as identity primary key,
    occurred_at timestamptz not null,
    actor_account_id bigint,
    on_behalf_of_person_id bigint,
    action text not null,
    subject_type text,
    subject_id text,
    detail text,
    client_address text,
    request_id text,
    created_at timestamptz not null,
    constraint audit_events_actor_fk foreign key (actor_account_id) references accounts (id),
    constraint audit_events_person_fk foreign key (on_behalf_of_person_id) references people (id)
);
create index audit_events_occurred_idx on audit_events (occurred_at);

-- "Contact us" messages. submission_token makes a resubmitted form land once.
create table contact_messages (
    id bigint generated always as identity primary key,
    reference text not null,
    submission_token text not null,
    name text not null,
    email text,
    phone text,
    message text not null,
    account_id bigint,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint contact_messages_reference_unique unique (reference),
    constraint contact_messages_token_unique unique (submission_token),
    constraint contact_messages_account_fk foreign key (account_id) references accounts (id)
);
