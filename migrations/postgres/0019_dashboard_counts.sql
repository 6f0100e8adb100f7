-- The managers' dashboard counts every running and recent deadline, which at a large landlord
-- is hundreds of thousands of rows. The figures are counted at most once a minute for the
-- whole service (every node reads and writes this one row) and the page says when they were
-- counted; the records behind a figure are always read live. `refreshing_until` lets one
-- request at a time take the turn to count again.
create table dashboard_counts (
    id bigint primary key not null,
    counted_at timestamptz not null,
    refreshing_until timestamptz,
    groups text not null,
    constraint dashboard_counts_one check (id = 1)
);
insert into dashboard_counts (id, counted_at, refreshing_until, groups)
values (1, '1970-01-01T00:00:00+00:00', null, '[]');
