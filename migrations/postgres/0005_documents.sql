-- Documents about a home, a tenancy or lease, a block or an estate; downloads; when each
-- resident was given the yearly safety information; service-charge statements with their lines
-- and each home's share. Times are timestamptz, dates are date.

-- What service charges are shared by: floor area in square decimetres (m2 x 100), and a fixed
-- share written into a lease in basis points (12.50% = 1250).
alter table homes add column floor_area_dm2 bigint;
alter table homes add column service_charge_share_bp bigint;

-- Exactly one of home_id, tenancy_id, block_id and estate_id says where a document belongs.
-- status: current, superseded (a newer version replaced it: replaced_by_id) or withdrawn.
create table documents (
    id bigint generated always as identity primary key,
    reference text not null,
    submission_token text not null,
    home_id bigint,
    tenancy_id bigint,
    block_id bigint,
    estate_id bigint,
    category text not null,
    title text not null,
    effective_on date not null,
    review_on date,
    audience text not null,
    storage_key text not null,
    content_type text not null,
    filename text not null,
    size_bytes bigint not null,
    version bigint not null,
    status text not null,
    replaces_id bigint,
    replaced_by_id bigint,
    uploaded_by_account_id bigint not null,
    uploaded_at timestamptz not null,
    withdrawn_at timestamptz,
    withdrawn_by_account_id bigint,
    withdrawn_reason text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint documents_reference_unique unique (reference),
    constraint documents_token_unique unique (submission_token),
    constraint documents_home_fk foreign key (home_id) references homes (id),
    constraint documents_tenancy_fk foreign key (tenancy_id) references tenancies (id),
    constraint documents_block_fk foreign key (block_id) references blocks (id),
    constraint documents_estate_fk foreign key (estate_id) references estates (id),
    constraint documents_replaces_fk foreign key (replaces_id) references documents (id),
    constraint documents_uploader_fk foreign key (uploaded_by_account_id) references accounts (id),
    constraint documents_one_place_check check (num_nonnulls(home_id, tenancy_id, block_id, estate_id) = 1),
    constraint documents_category_check check (category in ('tenancy_agreement', 'lease', 'service_charge_estimate', 'service_charge_account', 'fire_risk_assessment', 'fire_safety_instructions', 'gas_safety_record', 'electrical_report', 'asbestos_survey', 'lift_inspection', 'building_safety_strategy', 'maintenance_schedule', 'warranty', 'letter')),
    constraint documents_audience_check check (audience in ('everyone', 'tenants', 'owners')),
    constraint documents_status_check check (status in ('current', 'superseded', 'withdrawn')),
    constraint documents_size_check check (size_bytes > 0)
);
create index documents_home_idx on documents (home_id);
create index documents_tenancy_idx on documents (tenancy_id);
create index documents_block_idx on documents (block_id);
create index documents_estate_idx on documents (estate_id);

-- Every download: who, for whom (an advocate's resident), when.
create table document_downloads (
    id bigint generated always as identity primary key,
    document_id bigint not null,
    account_id bigint not null,
    on_behalf_of_person_id bigint,
    downloaded_at timestamptz not null,
    constraint document_downloads_document_fk foreign key (document_id) references documents (id),
    constraint document_downloads_account_fk foreign key (account_id) references accounts (id),
    constraint document_downloads_person_fk foreign key (on_behalf_of_person_id) references people (id)
);
create index document_downloads_document_idx on document_downloads (document_id);

-- When an account last looked at a resident's documents, for "new since your last visit".
create table document_visits (
    account_id bigint not null,
    person_id bigint not null,
    last_visit_at timestamptz not null,
    constraint document_visits_pk primary key (account_id, person_id),
    constraint document_visits_account_fk foreign key (account_id) references accounts (id),
    constraint document_visits_person_fk foreign key (person_id) references people (id)
);

-- Safety information residents must be given every year (fire safety instructions in blocks):
-- when each resident had it and how (portal download, email, letter, by hand).
create table safety_information_given (
    id bigint generated always as identity primary key,
    person_id bigint not null,
    home_id bigint not null,
    category text not null,
    given_on date not null,
    how text not null,
    document_id bigint,
    recorded_by_account_id bigint,
    created_at timestamptz not null,
    constraint safety_information_person_fk foreign key (person_id) references people (id),
    constraint safety_information_home_fk foreign key (home_id) references homes (id),
    constraint safety_information_document_fk foreign key (document_id) references documents (id),
    constraint safety_information_recorder_fk foreign key (recorded_by_account_id) references accounts (id),
    constraint safety_information_how_check check (how in ('portal', 'email', 'letter', 'by_hand'))
);
create index safety_information_person_idx on safety_information_given (person_id, category, given_on);

-- A block's or an estate's service charges for a year (starting 1 April of year_start):
-- an estimate or a year-end account, apportioned by method. A draft is replaced by a new import;
-- a published one is final.
create table service_charge_statements (
    id bigint generated always as identity primary key,
    reference text not null,
    block_id bigint,
    estate_id bigint,
    year_start bigint not null,
    kind text not null,
    method text not null,
    status text not null,
    total_pence bigint not null,
    source_filename text not null,
    imported_by_account_id bigint not null,
    imported_at timestamptz not null,
    published_by_account_id bigint,
    published_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint service_charge_statements_reference_unique unique (reference),
    constraint service_charge_statements_block_fk foreign key (block_id) references blocks (id),
    constraint service_charge_statements_estate_fk foreign key (estate_id) references estates (id),
    constraint service_charge_statements_importer_fk foreign key (imported_by_account_id) references accounts (id),
    constraint service_charge_statements_place_check check ((block_id is null) <> (estate_id is null)),
    constraint service_charge_statements_kind_check check (kind in ('estimate', 'actual')),
    constraint service_charge_statements_method_check check (method in ('equal', 'floor_area', 'bedrooms', 'percentage')),
    constraint service_charge_statements_status_check check (status in ('draft', 'published'))
);
create unique index service_charge_statements_one_idx
    on service_charge_statements (coalesce(block_id, 0), coalesce(estate_id, 0), year_start, kind);

create table service_charge_lines (
    id bigint generated always as identity primary key,
    statement_id bigint not null,
    position bigint not null,
    heading text not null,
    amount_pence bigint not null,
    explanation text not null,
    constraint service_charge_lines_statement_fk foreign key (statement_id) references service_charge_statements (id) on delete cascade,
    constraint service_charge_lines_unique unique (statement_id, position),
    constraint service_charge_lines_amount_check check (amount_pence >= 0)
);

-- Each home's weight under the statement's method and its share of each line, in pence,
-- fixed when the statement is imported.
create table service_charge_homes (
    statement_id bigint not null,
    home_id bigint not null,
    weight bigint not null,
    constraint service_charge_homes_pk primary key (statement_id, home_id),
    constraint service_charge_homes_statement_fk foreign key (statement_id) references service_charge_statements (id) on delete cascade,
    constraint service_charge_homes_home_fk foreign key (home_id) references homes (id)
);

create table service_charge_shares (
    statement_id bigint not null,
    home_id bigint not null,
    position bigint not null,
    amount_pence bigint not null,
    constraint service_charge_shares_pk primary key (statement_id, home_id, position),
    constraint service_charge_shares_statement_fk foreign key (statement_id) references service_charge_statements (id) on delete cascade,
    constraint service_charge_shares_home_fk foreign key (home_id) references homes (id)
);
create index service_charge_shares_home_idx on service_charge_shares (home_id);
