//! Teams: who is in each, who manages it, and which team each kind of new case goes to.

use super::Db;
use crate::db_run;
use crate::error::AppError;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TeamRow {
    pub id: i64,
    pub name: String,
}

/// A colleague in a team, with whether they manage it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberRow {
    pub team_id: i64,
    pub account_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub manager: bool,
    pub disabled: bool,
}

/// A kind of case ("complaint", "repair", ...) and the team new ones go to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RouteRow {
    pub kind: String,
    pub team_id: i64,
}

pub async fn teams(db: &Db) -> Result<Vec<TeamRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, TeamRow>("select id, name from teams order by name, id")
            .fetch_all(pool)
            .await
    })?)
}

pub async fn team(db: &Db, id: i64) -> Result<Option<TeamRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, TeamRow>("select id, name from teams where id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await
    })?)
}

/// Every team's members, managers first, then by name.
pub async fn members(db: &Db) -> Result<Vec<MemberRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, MemberRow>(
            "select m.team_id, m.account_id, a.display_name, a.email, a.role, m.manager,
                    a.disabled_at is not null as disabled
             from team_members m join accounts a on a.id = m.account_id
             order by m.team_id, m.manager desc, a.display_name, a.id",
        )
        .fetch_all(pool)
        .await
    })?)
}

pub async fn routes(db: &Db) -> Result<Vec<RouteRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RouteRow>("select kind, team_id from team_routes order by kind")
            .fetch_all(pool)
            .await
    })?)
}

/// The teams a colleague is in, by id.
pub async fn teams_of(db: &Db, account_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "select team_id from team_members where account_id = $1 order by team_id",
        )
        .bind(account_id)
        .fetch_all(pool)
        .await
    })?)
}

/// Creates a team; `None` when one of that name exists already.
pub async fn create(db: &Db, name: &str, now: DateTime<Utc>) -> Result<Option<i64>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "insert into teams (name, created_at, updated_at) values ($1, $2, $2)
             on conflict (name) do nothing returning id",
        )
        .bind(name)
        .bind(now)
        .fetch_optional(pool)
        .await
    })?)
}

/// Puts a colleague in a team (nothing happens if they are in it already).
pub async fn add_member(
    db: &Db,
    team_id: i64,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let added = db_run!(db, |pool| {
        sqlx::query(
            "insert into team_members (team_id, account_id, manager, created_at)
             values ($1, $2, $3, $4) on conflict (team_id, account_id) do nothing",
        )
        .bind(team_id)
        .bind(account_id)
        .bind(false)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(added == 1)
}

pub async fn remove_member(db: &Db, team_id: i64, account_id: i64) -> Result<bool, AppError> {
    let removed = db_run!(db, |pool| {
        sqlx::query("delete from team_members where team_id = $1 and account_id = $2")
            .bind(team_id)
            .bind(account_id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(removed == 1)
}

/// Makes a member a manager of the team, or no longer one; false if they are not a member.
pub async fn set_manager(
    db: &Db,
    team_id: i64,
    account_id: i64,
    manager: bool,
) -> Result<bool, AppError> {
    let changed = db_run!(db, |pool| {
        sqlx::query("update team_members set manager = $1 where team_id = $2 and account_id = $3")
            .bind(manager)
            .bind(team_id)
            .bind(account_id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

/// Sends new cases of one kind to the team.
pub async fn set_route(
    db: &Db,
    team_id: i64,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "insert into team_routes (kind, team_id, updated_at) values ($1, $2, $3)
             on conflict (kind) do update set team_id = excluded.team_id,
                                              updated_at = excluded.updated_at",
        )
        .bind(kind)
        .bind(team_id)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Gives every open case and repair without a team the team its kind is routed to (the demo
/// does this once its teams exist; a route otherwise applies only to what comes after it).
pub async fn route_unowned(db: &Db) -> Result<(), AppError> {
    db_run!(db, |pool| {
        async {
            sqlx::query(
                "update cases set team_id = (select r.team_id from team_routes r where r.kind = cases.kind)
                 where team_id is null and status not in ('closed', 'declined')",
            )
            .execute(pool)
            .await?;
            sqlx::query(
                "update repairs set team_id = (select r.team_id from team_routes r where r.kind = 'repair')
                 where team_id is null and status not in ('completed', 'cancelled')",
            )
            .execute(pool)
            .await
            .map(|_| ())
        }
        .await
    })?;
    Ok(())
}

/// The profile's routes (kind to team name), on a new installation: applied only when no kind
/// has a route yet, so that once an administrator routes work on the Teams screen the screen
/// decides. A team named there and missing is made (its members are added on the screen).
/// Returns how many routes were set.
pub async fn apply_profile_routes(
    db: &Db,
    routes: &std::collections::BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    if routes.is_empty() || !self::routes(db).await?.is_empty() {
        return Ok(0);
    }
    let mut set = 0;
    for (kind, name) in routes {
        let team = match create(db, name, now).await? {
            Some(id) => id,
            None => teams(db)
                .await?
                .into_iter()
                .find(|t| t.name == *name)
                .map(|t| t.id)
                .ok_or_else(|| crate::error::internal(format!("team {name} vanished")))?,
        };
        set_route(db, team, kind, now).await?;
        set += 1;
    }
    Ok(set)
}

/// New cases of `kind` go to no team in particular.
pub async fn clear_route(db: &Db, kind: &str) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query("delete from team_routes where kind = $1")
            .bind(kind)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Which team's work a queue shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamFilter {
    /// The teams this colleague (an account id) is in.
    Mine(i64),
    Team(i64),
    /// Work no team owns yet.
    Nobody,
}

impl TeamFilter {
    /// From a filter form's value: "mine", "none" or a team's id.
    pub fn parse(value: &str, me: i64) -> Option<TeamFilter> {
        match value.trim() {
            "mine" => Some(TeamFilter::Mine(me)),
            "none" => Some(TeamFilter::Nobody),
            other => other.parse::<i64>().ok().map(TeamFilter::Team),
        }
    }

    /// The condition on `column` (a table's `team_id`), binding what it needs.
    pub(crate) fn condition(self, column: &str, binds: &mut Vec<super::Bind>) -> String {
        match self {
            TeamFilter::Mine(account) => {
                let p = super::bind(binds, super::Bind::Int(account));
                format!("{column} in (select team_id from team_members where account_id = {p})")
            }
            TeamFilter::Team(team) => {
                let p = super::bind(binds, super::Bind::Int(team));
                format!("{column} = {p}")
            }
            TeamFilter::Nobody => format!("{column} is null"),
        }
    }
}
