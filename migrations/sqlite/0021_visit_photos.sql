-- Photos of the finished work, taken by the operative or contractor who records a visit as
-- completed. They are kept apart from repair_photos, whose rows are the resident's (a person,
-- and a draft report before it is sent): these belong to the visit and name the account that
-- took them. Each is checked and stripped of its metadata before it is stored, like a
-- resident's, and written in the same transaction as the outcome it goes with.
create table visit_photos (
    id integer primary key,
    appointment_id integer not null,
    repair_id integer not null,
    account_id integer not null,
    storage_key text not null,
    content_type text not null,
    size_bytes integer not null,
    created_at text not null,
    constraint visit_photos_appointment_fk foreign key (appointment_id) references appointments (id),
    constraint visit_photos_repair_fk foreign key (repair_id) references repairs (id),
    constraint visit_photos_account_fk foreign key (account_id) references accounts (id),
    constraint visit_photos_key_unique unique (storage_key)
);
create index visit_photos_repair_idx on visit_photos (repair_id);
create index visit_photos_appointment_idx on visit_photos (appointment_id);
