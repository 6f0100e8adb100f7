//! The managers' dashboard from the clock store: every deadline of every case, repair and
//! request to see data, counted by team and by what it is a deadline of, in one grouped query;
//! and the records behind any one figure.

use super::Db;
use crate::db_run;
use crate::domain::dashboard::{Figure, StandardKey};
use crate::error::AppError;
use chrono::{DateTime, Utc};

/// The moments the figures are counted against: now, the end of today, the end of "due soon",
/// and 7 and 30 days ago.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    pub now: DateTime<Utc>,
    pub today_ends: DateTime<Utc>,
    pub soon_ends: DateTime<Utc>,
    pub week_ago: DateTime<Utc>,
    pub month_ago: DateTime<Utc>,
}

/// When the work a deadline belongs to finished (closed, declined, completed, cancelled): an
/// unmet deadline after that stopped mattering, one before it was missed.
const ENDED: &str = "coalesce(
        c.closed_at, case when c.status = 'declined' then c.updated_at end,
        r.completed_at, case when r.status = 'cancelled' then r.updated_at end,
        s.completed_at, case when s.status = 'closed' then s.updated_at end)";

const FROM: &str = "from clocks k
     left join cases c on k.subject = 'case' and c.id = k.subject_id
     left join repairs r on k.subject = 'repair' and r.id = k.subject_id
     left join subject_access_requests s on k.subject = 'subject_access' and s.id = k.subject_id";

/// A figure's condition. Binds: $1 now, $2 end of today, $3 end of due soon, $4 a week ago,
/// $5 a month ago.
fn condition(figure: Figure) -> String {
    let running = format!("(k.met_at is null and k.stopped_at is null and {ENDED} is null)");
    let met = |since: &str| format!("(k.met_at >= {since} and k.met_at <= k.due_at)");
    let missed = |since: &str| {
        format!(
            "(k.stopped_at is null and k.due_at >= {since} and k.due_at < $1
              and (k.met_at > k.due_at or (k.met_at is null and ({ENDED} is null or {ENDED} > k.due_at))))"
        )
    };
    match figure {
        Figure::Open => running,
        Figure::DueToday => format!("({running} and k.due_at >= $1 and k.due_at < $2)"),
        Figure::DueSoon => format!("({running} and k.due_at >= $2 and k.due_at < $3)"),
        Figure::Overdue => format!("({running} and k.due_at < $1)"),
        Figure::Met7 => met("$4"),
        Figure::Missed7 => missed("$4"),
        Figure::Met30 => met("$5"),
        Figure::Missed30 => missed("$5"),
    }
}

/// One group's counts.
#[derive(Clone, Debug, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub struct GroupRow {
    pub subject: String,
    pub clock: String,
    pub case_kind: Option<String>,
    pub priority: Option<String>,
    pub team_id: Option<i64>,
    pub open: i64,
    pub due_today: i64,
    pub due_soon: i64,
    pub overdue: i64,
    pub met_7: i64,
    pub missed_7: i64,
    pub met_30: i64,
    pub missed_30: i64,
}

impl GroupRow {
    pub fn figure(&self, figure: Figure) -> i64 {
        match figure {
            Figure::Open => self.open,
            Figure::DueToday => self.due_today,
            Figure::DueSoon => self.due_soon,
            Figure::Overdue => self.overdue,
            Figure::Met7 => self.met_7,
            Figure::Missed7 => self.missed_7,
            Figure::Met30 => self.met_30,
            Figure::Missed30 => self.missed_30,
        }
    }

    pub fn key(&self) -> StandardKey {
        StandardKey::of_clock(
            &self.subject,
            &self.clock,
            self.case_kind.as_deref(),
            self.priority.as_deref(),
        )
    }
}

/// Binds the bounds as $1 to $5, in `condition`'s order.
macro_rules! bind_bounds {
    ($query:expr, $b:expr) => {
        $query
            .bind($b.now)
            .bind($b.today_ends)
            .bind($b.soon_ends)
            .bind($b.week_ago)
            .bind($b.month_ago)
    };
}

/// Every group with anything to count in the last 30 days or still running.
pub async fn groups(db: &Db, b: Bounds) -> Result<Vec<GroupRow>, AppError> {
    let sums: String = Figure::ALL
        .iter()
        .map(|f| {
            format!(
                ", sum(case when {} then 1 else 0 end) as {}",
                condition(*f),
                f.as_str()
            )
        })
        .collect();
    let sql = format!(
        "select k.subject, k.kind as clock, c.kind as case_kind,
                case when k.kind = 'target' then r.priority end as priority,
                coalesce(c.team_id, r.team_id) as team_id{sums}
         {FROM}
         where (k.met_at is null and k.stopped_at is null) or k.met_at >= $5 or k.due_at >= $5
         group by k.subject, k.kind, c.kind, case when k.kind = 'target' then r.priority end,
                  coalesce(c.team_id, r.team_id)"
    );
    Ok(db_run!(db, |pool| {
        bind_bounds!(sqlx::query_as::<_, GroupRow>(&sql), b)
            .fetch_all(pool)
            .await
    })?)
}

/// A record behind a figure.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ItemRow {
    pub subject: String,
    pub reference: String,
    pub summary: String,
    pub due_at: DateTime<Utc>,
    pub met_at: Option<DateTime<Utc>>,
}

/// Which records: a figure, a team (None: no team) and a standard.
#[derive(Clone, Debug)]
pub struct Behind {
    pub figure: Figure,
    pub team_id: Option<i64>,
    pub standard: StandardKey,
}

/// The records behind one figure, by deadline (at most `limit`).
pub async fn behind(
    db: &Db,
    b: Bounds,
    which: &Behind,
    limit: i64,
) -> Result<Vec<ItemRow>, AppError> {
    let of = match (
        which.standard.subject.as_str(),
        which.standard.clock.as_str(),
    ) {
        ("case", _) => "c.kind = $8",
        ("repair", "target") => "r.priority = $8",
        _ => "($8 = '' or $8 <> '')",
    };
    let sql = format!(
        "select k.subject,
                coalesce(c.reference, r.reference, s.reference) as reference,
                coalesce(c.summary, r.summary, 'Request to see information') as summary,
                k.due_at, k.met_at
         {FROM}
         where {} and k.subject = $6 and k.kind = $7 and {of}
           and coalesce(coalesce(c.team_id, r.team_id), -1) = $9
         order by k.due_at, k.id
         limit $10",
        condition(which.figure)
    );
    Ok(db_run!(db, |pool| {
        bind_bounds!(sqlx::query_as::<_, ItemRow>(&sql), b)
            .bind(&which.standard.subject)
            .bind(&which.standard.clock)
            .bind(&which.standard.of)
            .bind(which.team_id.unwrap_or(-1))
            .bind(limit)
            .fetch_all(pool)
            .await
    })?)
}

/// The figures last counted (as `groups` wrote them, JSON) and when; one row for the service.
pub async fn last_counted(db: &Db) -> Result<(DateTime<Utc>, String), AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (DateTime<Utc>, String)>(
            "select counted_at, groups from dashboard_counts where id = 1",
        )
        .fetch_one(pool)
        .await
    })?)
}

/// Takes the turn to count again: true for one caller at a time, on any node, until `until`
/// (so a request that stops half-way holds the turn no longer than that).
pub async fn take_turn(
    db: &Db,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<bool, AppError> {
    let taken = db_run!(db, |pool| {
        sqlx::query(
            "update dashboard_counts set refreshing_until = $2
             where id = 1 and (refreshing_until is null or refreshing_until < $1)",
        )
        .bind(now)
        .bind(until)
        .execute(pool)
        .await
        .map(|done| done.rows_affected())
    })?;
    Ok(taken == 1)
}

/// Keeps figures counted at `at`, unless newer ones are kept already, and gives the turn back.
pub async fn keep(db: &Db, at: DateTime<Utc>, groups: &[GroupRow]) -> Result<(), AppError> {
    let json = serde_json::to_string(groups).map_err(crate::error::internal)?;
    db_run!(db, |pool| {
        sqlx::query(
            "update dashboard_counts
             set counted_at = case when counted_at < $1 then $1 else counted_at end,
                 groups = case when counted_at < $1 then $2 else groups end,
                 refreshing_until = null
             where id = 1",
        )
        .bind(at)
        .bind(&json)
        .execute(pool)
        .await
        .map(|_| ())
    })?;
    Ok(())
}
