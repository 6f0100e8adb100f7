//! Requests to see the information held about a resident, in the store: each row carries its
//! clock as JSON (`domain::deadline::Clock`) and `due_at`, the deadline in force while the clock
//! runs, for the queue. Every change writes its timeline entry in the same transaction, and only
//! applies when the request is still as it was read (status and clock), so two colleagues acting
//! at once cannot both move it.

use super::{insert_once, Db, NewEvent};
use crate::db_run;
use crate::domain::subject_access::{Request, Status};
use crate::error::AppError;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub reference: String,
    pub person_id: i64,
    pub person_name: String,
    pub made_by: String,
    pub made_by_name: Option<String>,
    pub channel: String,
    pub details: String,
    pub status: String,
    pub clock: String,
    pub received_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub identity_confirmed_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
}

impl RequestRow {
    /// The request as its rules see it. A row that cannot be read is a fault, not the caller's.
    pub fn request(&self) -> Result<Request, AppError> {
        let status = Status::parse(&self.status).ok_or_else(|| {
            crate::error::internal(format!("unknown request status {}", self.status))
        })?;
        let clock = serde_json::from_str(&self.clock).map_err(|e| {
            crate::error::internal(format!("request {} clock unreadable: {e}", self.reference))
        })?;
        Ok(Request { status, clock })
    }
}

const SELECT: &str = "select r.id, r.reference, r.person_id,
        p.given_name || ' ' || p.family_name as person_name, r.made_by,
        a.display_name as made_by_name, r.channel, r.details, r.status, r.clock, r.received_at,
        r.due_at, r.identity_confirmed_at, r.completed_at, r.outcome
    from subject_access_requests r
    join people p on p.id = r.person_id
    left join accounts a on a.id = r.made_by_account_id";

fn clock_json(request: &Request) -> Result<String, AppError> {
    serde_json::to_string(&request.clock)
        .map_err(|e| crate::error::internal(format!("clock not written: {e}")))
}

/// What a new request says.
pub struct NewRequest<'a> {
    pub token: &'a str,
    pub person_id: i64,
    /// `resident` (on the portal) or `staff` (recorded from a call, letter, email or visit).
    pub made_by: &'static str,
    pub made_by_account_id: i64,
    pub channel: &'a str,
    pub details: &'a str,
    pub request: &'a Request,
    pub received_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub event: NewEvent,
}

/// Stores a request with its first timeline entry, once per submission token. Returns the
/// reference and whether this call created it.
pub async fn create(
    db: &Db,
    new: &NewRequest<'_>,
    now: DateTime<Utc>,
    make_reference: impl FnMut() -> String,
) -> Result<(String, bool), AppError> {
    let clock = clock_json(new.request)?;
    let clock = &clock;
    insert_once(
        db,
        "subject_access_requests",
        new.token,
        make_reference,
        |reference: String| async move {
            db_run!(db, |pool| {
                async {
                    let mut tx = pool.begin().await?;
                    let id: Option<i64> = sqlx::query_scalar(
                        "insert into subject_access_requests
                             (reference, submission_token, person_id, made_by, made_by_account_id,
                              channel, details, status, clock, received_at, due_at,
                              identity_confirmed_at, created_at, updated_at)
                         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
                         on conflict (submission_token) do nothing
                         returning id",
                    )
                    .bind(&reference)
                    .bind(new.token)
                    .bind(new.person_id)
                    .bind(new.made_by)
                    .bind(new.made_by_account_id)
                    .bind(new.channel)
                    .bind(new.details)
                    .bind(new.request.status.as_str())
                    .bind(clock)
                    .bind(new.received_at)
                    .bind(new.due_at)
                    .bind((new.request.status == Status::InProgress).then_some(new.received_at))
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(id) = id else {
                        tx.rollback().await?;
                        return Ok::<_, sqlx::Error>(None);
                    };
                    crate::insert_event!(
                        &mut tx,
                        "subject_access_events",
                        "request_id",
                        id,
                        new.event,
                        now
                    )?;
                    tx.commit().await?;
                    Ok(Some(reference.clone()))
                }
                .await
            })
        },
    )
    .await
}

pub async fn by_reference(db: &Db, reference: &str) -> Result<Option<RequestRow>, AppError> {
    let sql = format!("{SELECT} where r.reference = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RequestRow>(&sql)
            .bind(reference)
            .fetch_optional(pool)
            .await
    })?)
}

/// A resident's requests, newest first.
pub async fn for_person(db: &Db, person_id: i64) -> Result<Vec<RequestRow>, AppError> {
    let sql = format!("{SELECT} where r.person_id = $1 order by r.id desc");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RequestRow>(&sql)
            .bind(person_id)
            .fetch_all(pool)
            .await
    })?)
}

/// Open requests for colleagues: running clocks by their deadline, then those waiting for
/// identity, oldest first.
pub async fn open_requests(db: &Db) -> Result<Vec<RequestRow>, AppError> {
    let sql = format!(
        "{SELECT} where r.status in ('identity_check', 'in_progress')
         order by (r.due_at is null), r.due_at, r.id"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RequestRow>(&sql).fetch_all(pool).await
    })?)
}

/// Requests finished recently, newest first (the queue's second list).
pub async fn finished_requests(db: &Db, limit: i64) -> Result<Vec<RequestRow>, AppError> {
    let sql = format!(
        "{SELECT} where r.status in ('completed', 'closed') order by r.completed_at desc, r.id desc
         limit $1"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RequestRow>(&sql)
            .bind(limit)
            .fetch_all(pool)
            .await
    })?)
}

/// A change planned from `row`: the request after it, its deadline, and what the timeline says.
pub struct Change<'a> {
    pub after: &'a Request,
    pub due_at: Option<DateTime<Utc>>,
    /// The outcome in words, when the request finishes.
    pub outcome: Option<&'a str>,
    pub event: NewEvent,
}

/// Applies `change` only if the request still has the status and clock it was read with.
/// False when someone else changed it first.
pub async fn change(
    db: &Db,
    row: &RequestRow,
    change: &Change<'_>,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let clock = clock_json(change.after)?;
    let status = change.after.status;
    let confirmed = (row.status == Status::IdentityCheck.as_str() && status == Status::InProgress)
        .then_some(now);
    let finished = (!status.is_open()).then_some(now);
    Ok(db_run!(db, |pool| {
        async {
            let mut tx = pool.begin().await?;
            let rows = sqlx::query(
                "update subject_access_requests
                 set status = $1, clock = $2, due_at = $3,
                     identity_confirmed_at = coalesce($4, identity_confirmed_at),
                     completed_at = coalesce($5, completed_at), outcome = coalesce($6, outcome),
                     updated_at = $7
                 where id = $8 and status = $9 and clock = $10",
            )
            .bind(status.as_str())
            .bind(&clock)
            .bind(change.due_at)
            .bind(confirmed)
            .bind(finished)
            .bind(change.outcome)
            .bind(now)
            .bind(row.id)
            .bind(&row.status)
            .bind(&row.clock)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if rows != 1 {
                tx.rollback().await?;
                return Ok::<_, sqlx::Error>(false);
            }
            crate::insert_event!(
                &mut tx,
                "subject_access_events",
                "request_id",
                row.id,
                change.event,
                now
            )?;
            tx.commit().await?;
            Ok(true)
        }
        .await
    })?)
}

/// Adds a note (internal or for the resident) to the timeline.
pub async fn add_note(
    db: &Db,
    request_id: i64,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        async {
            let mut tx = pool.begin().await?;
            crate::insert_event!(
                &mut tx,
                "subject_access_events",
                "request_id",
                request_id,
                event,
                now
            )?;
            tx.commit().await
        }
        .await
    })?;
    Ok(())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EventRow {
    pub occurred_at: DateTime<Utc>,
    pub title: String,
    pub body: Option<String>,
    pub visible: bool,
    pub actor_name: Option<String>,
}

/// The timeline, oldest first; internal notes only when `staff`.
pub async fn events(db: &Db, request_id: i64, staff: bool) -> Result<Vec<EventRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, EventRow>(
            "select e.occurred_at, e.title, e.body, e.visible, a.display_name as actor_name
             from subject_access_events e left join accounts a on a.id = e.actor_account_id
             where e.request_id = $1 and (e.visible or $2)
             order by e.id",
        )
        .bind(request_id)
        .bind(staff)
        .fetch_all(pool)
        .await
    })?)
}

/// Sets a request's stored deadline, if its clock is still the one it was worked out from.
pub async fn set_due_at(
    db: &Db,
    id: i64,
    clock: &str,
    due_at: Option<DateTime<Utc>>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query("update subject_access_requests set due_at = $1 where id = $2 and clock = $3")
            .bind(due_at)
            .bind(id)
            .bind(clock)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}
