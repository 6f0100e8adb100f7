-- Teams as things of their own. Until now a colleague's team was a word on their account and
-- their manager another account, both set in SQL. Administrators now create teams, put
-- colleagues in them, name a team's managers, and send each kind of case to a team by default;
-- a case and a repair carry the team that owns them.
--
-- accounts.team and accounts.manager_account_id are copied and left in place for a release
-- before this one, which still reads them: each distinct team word becomes a team with its
-- colleagues, and whoever managed a colleague becomes a manager of that colleague's team.

create table teams (
    id integer primary key,
    name text not null,
    created_at text not null,
    updated_at text not null,
    constraint teams_name_unique unique (name)
);

create table team_members (
    team_id integer not null,
    account_id integer not null,
    manager integer not null default 0,
    created_at text not null,
    constraint team_members_pk primary key (team_id, account_id),
    constraint team_members_team_fk foreign key (team_id) references teams (id),
    constraint team_members_account_fk foreign key (account_id) references accounts (id)
);
create index team_members_account_idx on team_members (account_id);

-- Which team a new case of each kind ("complaint", "enquiry", "repair", ...) goes to.
create table team_routes (
    kind text not null,
    team_id integer not null,
    updated_at text not null,
    constraint team_routes_pk primary key (kind),
    constraint team_routes_team_fk foreign key (team_id) references teams (id)
);

alter table cases add column team_id integer references teams (id);
alter table repairs add column team_id integer references teams (id);

insert into teams (name, created_at, updated_at)
select trim(team), min(created_at), min(created_at) from accounts
where team is not null and trim(team) <> ''
group by trim(team) order by trim(team);

insert into team_members (team_id, account_id, manager, created_at)
select t.id, a.id, 0, a.updated_at from accounts a join teams t on t.name = trim(a.team);

insert into team_members (team_id, account_id, manager, created_at)
select t.id, a.manager_account_id, 1, min(a.updated_at)
from accounts a join teams t on t.name = trim(a.team)
where a.manager_account_id is not null
  and not exists (select 1 from team_members m where m.team_id = t.id and m.account_id = a.manager_account_id)
group by t.id, a.manager_account_id;

update team_members set manager = 1
where exists (select 1 from accounts a join teams t on t.name = trim(a.team)
              where t.id = team_members.team_id and a.manager_account_id = team_members.account_id);
