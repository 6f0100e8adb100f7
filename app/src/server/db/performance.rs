//! The facts the performance measures count (`domain::performance`): one row per repair,
//! complaint, met deadline or finished request that a period can touch. Counting is the
//! domain's, so that the same rules serve the staff reports, the CSVs and the public page.

use super::Db;
use crate::db_run;
use crate::error::AppError;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RepairFactRow {
    pub priority: String,
    pub tenure: Option<String>,
    pub communal: bool,
    pub received_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub status: String,
    pub target_due: DateTime<Utc>,
    pub recalled: bool,
    pub hazard_kind: Option<String>,
    pub recall_of_kind: Option<String>,
    pub rating: Option<i64>,
}

/// Every repair reported before `to` that was still open at `from` or finished after it (a
/// repair finished before the period cannot count in it).
pub async fn repair_facts(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<RepairFactRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RepairFactRow>(
            "select r.priority, h.tenure, r.communal_area_id is not null as communal,
                    r.received_at, r.completed_at, r.status,
                    coalesce((select k.due_at from clocks k
                              where k.subject = 'repair' and k.subject_id = r.id
                                and k.kind = 'target'), r.target_at)
                        as target_due,
                    exists (select 1 from repairs x where x.recall_of_id = r.id) as recalled,
                    r.hazard_kind, o.hazard_kind as recall_of_kind, r.rating
             from repairs r
             left join homes h on h.id = r.home_id
             left join repairs o on o.id = r.recall_of_id
             where r.received_at < $2 and (r.completed_at is null or r.completed_at >= $1)",
        )
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ComplaintFactRow {
    pub received_at: DateTime<Utc>,
    pub responded_at: Option<DateTime<Utc>>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub final_response_at: Option<DateTime<Utc>>,
    pub status: String,
    pub closed_at: Option<DateTime<Utc>>,
}

/// Every complaint received before `to` whose last stage was not finished before `from`.
pub async fn complaint_facts(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ComplaintFactRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, ComplaintFactRow>(
            "select received_at, responded_at, escalated_at, final_response_at, status, closed_at
             from cases
             where kind = 'complaint' and received_at < $2
               and (closed_at is null or closed_at >= $1 or escalated_at >= $1
                    or responded_at >= $1 or final_response_at >= $1)",
        )
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MetClockRow {
    pub kind: String,
    pub met_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

/// The complaint responses and enquiry replies made in the period, with the deadline each had
/// (including an extension the rules permit).
pub async fn case_clocks_met(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<MetClockRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, MetClockRow>(
            "select k.kind, k.met_at, k.due_at from clocks k
             where k.subject = 'case' and k.kind in ('respond_1', 'respond_2', 'reply')
               and k.met_at >= $1 and k.met_at < $2",
        )
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
    })?)
}

/// Requests to see information finished in the period: when, and the deadline then in force.
pub async fn subject_access_finished(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (DateTime<Utc>, DateTime<Utc>)>(
            "select k.met_at, k.due_at from clocks k
             where k.subject = 'subject_access' and k.met_at >= $1 and k.met_at < $2",
        )
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
    })?)
}
