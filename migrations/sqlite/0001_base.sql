-- Base schema: who the landlord is, where people live, who they are, how they sign in,
-- and what was done. Times are UTC text (RFC 3339), dates are YYYY-MM-DD text.

create table landlords (
    id integer primary key,
    code text not null,
    name text not null,
    profile_file text not null,
    created_at text not null,
    updated_at text not null,
    constraint landlords_code_unique unique (code)
);

create table estates (
    id integer primary key,
    landlord_id integer not null,
    name text not null,
    created_at text not null,
    updated_at text not null,
    constraint estates_landlord_fk foreign key (landlord_id) references landlords (id)
);

create table blocks (
    id integer primary key,
    estate_id integer not null,
    name text not null,
    address_line_1 text not null,
    town text not null,
    postcode text not null,
    created_at text not null,
    updated_at text not null,
    constraint blocks_estate_fk foreign key (estate_id) references estates (id)
);

create table communal_areas (
    id integer primary key,
    block_id integer not null,
    name text not null,
    created_at text not null,
    updated_at text not null,
    constraint communal_areas_block_fk foreign key (block_id) references blocks (id),
    constraint communal_areas_name_unique unique (block_id, name)
);

create table homes (
    id integer primary key,
    estate_id integer not null,
    block_id integer,
    address_line_1 text not null,
    address_line_2 text,
    town text not null,
    postcode text not null,
    nation text not null,
    tenure text not null,
    bedrooms integer not null,
    created_at text not null,
    updated_at text not null,
    constraint homes_estate_fk foreign key (estate_id) references estates (id),
    constraint homes_block_fk foreign key (block_id) references blocks (id),
    constraint homes_nation_check check (nation in ('england', 'wales', 'scotland', 'northern_ireland')),
    constraint homes_tenure_check check (tenure in ('general_needs', 'affordable_rent', 'shared_ownership', 'leasehold')),
    constraint homes_bedrooms_check check (bedrooms >= 0)
);
create index homes_block_idx on homes (block_id);

create table tenancies (
    id integer primary key,
    home_id integer not null,
    reference text not null,
    kind text not null,
    start_date text not null,
    end_date text,
    created_at text not null,
    updated_at text not null,
    constraint tenancies_home_fk foreign key (home_id) references homes (id),
    constraint tenancies_reference_unique unique (reference),
    constraint tenancies_kind_check check (kind in ('starter', 'assured', 'shared_ownership_lease', 'leasehold'))
);

create table people (
    id integer primary key,
    given_name text not null,
    family_name text not null,
    date_of_birth text,
    phone text,
    email text,
    created_at text not null,
    updated_at text not null
);

-- Needs recorded for a person (for example "allow time to answer the door"); contact
-- preferences build on this.
create table person_needs (
    id integer primary key,
    person_id integer not null,
    description text not null,
    created_at text not null,
    updated_at text not null,
    constraint person_needs_person_fk foreign key (person_id) references people (id)
);

create table household_members (
    id integer primary key,
    tenancy_id integer not null,
    person_id integer not null,
    relationship text not null,
    created_at text not null,
    updated_at text not null,
    constraint household_members_tenancy_fk foreign key (tenancy_id) references tenancies (id),
    constraint household_members_person_fk foreign key (person_id) references people (id),
    constraint household_members_unique unique (tenancy_id, person_id),
    constraint household_members_relationship_check check (relationship in ('tenant', 'joint_tenant', 'leaseholder', 'shared_owner', 'household_member'))
);
create index household_members_person_idx on household_members (person_id);

create table accounts (
    id integer primary key,
    person_id integer,
    email text not null,
    display_name text not null,
    password_hash text not null,
    role text not null,
    disabled_at text,
    created_at text not null,
    updated_at text not null,
    constraint accounts_person_fk foreign key (person_id) references people (id),
    constraint accounts_email_unique unique (email),
    constraint accounts_role_check check (role in ('resident', 'advocate', 'customer_services', 'repairs_planner', 'complaints_handler', 'manager', 'administrator'))
);

-- Append-only: the application never updates or deletes these rows.
create table audit_events (
    id integer primary key,
    occurred_at text not null,
    actor_account_id integer,
    on_behalf_of_person_id integer,
    action text not null,
    subject_type text,
    subject_id text,
    detail text,
    client_address text,
    request_id text,
    created_at text not null,
    constraint audit_events_actor_fk foreign key (actor_account_id) references accounts (id),
    constraint audit_events_person_fk foreign key (on_behalf_of_person_id) references people (id)
);
create index audit_events_occurred_idx on audit_events (occurred_at);

-- "Contact us" messages. submission_token makes a resubmitted form land once.
create table contact_messages (
    id integer primary key,
    reference text not null,
    submission_token text not null,
    name text not null,
    email text,
    phone text,
    message text not null,
    account_id integer,
    created_at text not null,
    updated_at text not null,
    constraint contact_messages_reference_unique unique (reference),
    constraint contact_messages_token_unique unique (submission_token),
    constraint contact_messages_account_fk foreign key (account_id) references accounts (id)
);
