//! Requests to see the information held about a resident, in the store: each row's clock is in
//! the clock store (`db::clocks`, kind `respond`), and the row keeps `due_at`, the deadline in
//! force while the clock runs, for the queue. Every change writes its clock and timeline entry
//! in the same transaction, and only applies when the request is still as it was read (status
//! and last change), so two colleagues acting at once cannot both move it. The `clock` column,
//! where releases before the clock store kept the clock as JSON, is no longer read.

use super::clocks::StoredClock;
use super::{insert_once, Db, NewEvent};
use crate::db_run;
use crate::domain::clocks::{ClockKind, Subject};
use crate::domain::subject_access::{Request, Status, LEGAL_PERIOD};
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
    pub received_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub identity_confirmed_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
    pub updated_at: DateTime<Utc>,
    /// From the clock store, once read.
    #[sqlx(skip)]
    pub clock: Option<StoredClock>,
}

impl RequestRow {
    /// The request as its rules see it. A row that cannot be read is a fault, not the caller's.
    pub fn request(&self) -> Result<Request, AppError> {
        let status = Status::parse(&self.status).ok_or_else(|| {
            crate::error::internal(format!("unknown request status {}", self.status))
        })?;
        let clock = self.clock.as_ref().ok_or_else(|| {
            crate::error::internal(format!("request {} has no clock", self.reference))
        })?;
        // The request's rules count its month and the landlord's promise themselves; the
        // clock's own timescale is the legal month.
        Ok(Request {
            status,
            clock: clock.clock(LEGAL_PERIOD),
        })
    }
}

const SELECT: &str = "select r.id, r.reference, r.person_id,
        p.given_name || ' ' || p.family_name as person_name, r.made_by,
        a.display_name as made_by_name, r.channel, r.details, r.status, r.received_at,
        r.due_at, r.identity_confirmed_at, r.completed_at, r.outcome, r.updated_at
    from subject_access_requests r
    join people p on p.id = r.person_id
    left join accounts a on a.id = r.made_by_account_id";

/// The rows with their clocks from the clock store.
async fn with_clocks(db: &Db, mut rows: Vec<RequestRow>) -> Result<Vec<RequestRow>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut clocks = super::clocks::of(db, Subject::SubjectAccess, &ids).await?;
    for row in &mut rows {
        if let Some(at) = clocks.iter().position(|(owner, _)| *owner == row.id) {
            row.clock = Some(clocks.swap_remove(at).1);
        }
    }
    Ok(rows)
}

async fn one_with_clock(db: &Db, row: Option<RequestRow>) -> Result<Option<RequestRow>, AppError> {
    Ok(match row {
        Some(row) => with_clocks(db, vec![row]).await?.pop(),
        None => None,
    })
}

/// The deadlines a request's clock is stored with: the first deadline its rules set and the
/// one in force.
#[derive(Clone, Copy, Debug)]
pub struct Deadlines {
    pub standard: DateTime<Utc>,
    pub in_force: DateTime<Utc>,
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
    pub deadlines: Deadlines,
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
    insert_once(
        db,
        "subject_access_requests",
        new.token,
        make_reference,
        |reference: String| async move {
            crate::db_tx!(db, |tx| {
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
                // The column where earlier releases kept the clock as JSON.
                .bind("{}")
                .bind(new.received_at)
                .bind(new.due_at)
                .bind((new.request.status == Status::InProgress).then_some(new.received_at))
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else {
                    return Ok(None);
                };
                crate::save_clock!(
                    &mut tx,
                    id,
                    ClockKind::SubjectAccess,
                    &new.request.clock,
                    new.deadlines.standard,
                    new.deadlines.in_force,
                    now
                )
                .await?;
                crate::insert_event!(
                    &mut tx,
                    "subject_access_events",
                    "request_id",
                    id,
                    new.event,
                    now
                )?;
                Ok(Some(reference.clone()))
            })
        },
    )
    .await
}

pub async fn by_reference(db: &Db, reference: &str) -> Result<Option<RequestRow>, AppError> {
    let sql = format!("{SELECT} where r.reference = $1");
    let row = db_run!(db, |pool| {
        sqlx::query_as::<_, RequestRow>(&sql)
            .bind(reference)
            .fetch_optional(pool)
            .await
    })?;
    one_with_clock(db, row).await
}

/// A resident's requests, newest first.
pub async fn for_person(db: &Db, person_id: i64) -> Result<Vec<RequestRow>, AppError> {
    let sql = format!("{SELECT} where r.person_id = $1 order by r.id desc");
    let rows = db_run!(db, |pool| {
        sqlx::query_as::<_, RequestRow>(&sql)
            .bind(person_id)
            .fetch_all(pool)
            .await
    })?;
    with_clocks(db, rows).await
}

/// Open requests for colleagues: running clocks by their deadline, then those waiting for
/// identity, oldest first.
pub async fn open_requests(db: &Db) -> Result<Vec<RequestRow>, AppError> {
    let sql = format!(
        "{SELECT} where r.status in ('identity_check', 'in_progress')
         order by (r.due_at is null), r.due_at, r.id"
    );
    let rows = db_run!(db, |pool| {
        sqlx::query_as::<_, RequestRow>(&sql).fetch_all(pool).await
    })?;
    with_clocks(db, rows).await
}

/// Requests finished recently, newest first (the queue's second list).
pub async fn finished_requests(db: &Db, limit: i64) -> Result<Vec<RequestRow>, AppError> {
    let sql = format!(
        "{SELECT} where r.status in ('completed', 'closed') order by r.completed_at desc, r.id desc
         limit $1"
    );
    let rows = db_run!(db, |pool| {
        sqlx::query_as::<_, RequestRow>(&sql)
            .bind(limit)
            .fetch_all(pool)
            .await
    })?;
    with_clocks(db, rows).await
}

/// A change planned from `row`: the request after it, its deadline, and what the timeline says.
pub struct Change<'a> {
    pub after: &'a Request,
    pub deadlines: Deadlines,
    pub due_at: Option<DateTime<Utc>>,
    /// The outcome in words, when the request finishes.
    pub outcome: Option<&'a str>,
    pub event: NewEvent,
}

/// Applies `change` only if the request is still as it was read (its status and its last
/// change). False when someone else changed it first.
pub async fn change(
    db: &Db,
    row: &RequestRow,
    change: &Change<'_>,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let status = change.after.status;
    let confirmed = (row.status == Status::IdentityCheck.as_str() && status == Status::InProgress)
        .then_some(now);
    let finished = (!status.is_open()).then_some(now);
    Ok(crate::db_tx!(db, |tx| {
        let rows = sqlx::query(
            "update subject_access_requests
             set status = $1, due_at = $2,
                 identity_confirmed_at = coalesce($3, identity_confirmed_at),
                 completed_at = coalesce($4, completed_at), outcome = coalesce($5, outcome),
                 updated_at = $6
             where id = $7 and status = $8 and updated_at = $9",
        )
        .bind(status.as_str())
        .bind(change.due_at)
        .bind(confirmed)
        .bind(finished)
        .bind(change.outcome)
        .bind(now)
        .bind(row.id)
        .bind(&row.status)
        .bind(row.updated_at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if rows != 1 {
            return Ok(false);
        }
        crate::save_clock!(
            &mut tx,
            row.id,
            ClockKind::SubjectAccess,
            &change.after.clock,
            change.deadlines.standard,
            change.deadlines.in_force,
            now
        )
        .await?;
        crate::insert_event!(
            &mut tx,
            "subject_access_events",
            "request_id",
            row.id,
            change.event,
            now
        )?;
        Ok(true)
    })?)
}

/// Adds a note (internal or for the resident) to the timeline.
pub async fn add_note(
    db: &Db,
    request_id: i64,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    crate::db_tx!(db, |tx| {
        crate::insert_event!(
            &mut tx,
            "subject_access_events",
            "request_id",
            request_id,
            event,
            now
        )?;
        Ok(())
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

/// Stores a request's deadlines as this release's rules work them out (the row's `due_at`
/// and its clock's), if the request has not changed since it was read.
pub async fn set_deadlines(
    db: &Db,
    row: &RequestRow,
    due_at: Option<DateTime<Utc>>,
    deadlines: Deadlines,
) -> Result<(), AppError> {
    crate::db_tx!(db, |tx| {
        let rows = sqlx::query(
            "update subject_access_requests set due_at = $1 where id = $2 and updated_at = $3",
        )
        .bind(due_at)
        .bind(row.id)
        .bind(row.updated_at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if rows == 1 {
            sqlx::query(
                "update clocks set standard_due_at = $1, due_at = $2
                 where subject = $3 and subject_id = $4 and kind = $5",
            )
            .bind(deadlines.standard)
            .bind(deadlines.in_force)
            .bind(Subject::SubjectAccess.as_str())
            .bind(row.id)
            .bind(ClockKind::SubjectAccess.as_str())
            .execute(&mut *tx)
            .await?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Requests whose clock is only in the JSON column of releases before the clock store: id,
/// status and that JSON.
pub async fn without_clock(db: &Db) -> Result<Vec<(i64, String, String)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, String, String)>(
            "select r.id, r.status, r.clock from subject_access_requests r
             where not exists (select 1 from clocks k
                               where k.subject = 'subject_access' and k.subject_id = r.id)
             order by r.id",
        )
        .fetch_all(pool)
        .await
    })?)
}

/// Puts a request's clock, read from the JSON column, into the clock store (once: a clock
/// already there is left as it is). The first statement claims the clock's row, so the
/// transaction holds SQLite's write lock from its start: a transaction that reads first and
/// writes later can be refused at once ("busy") when another connection wrote in between.
pub async fn adopt_clock(
    db: &Db,
    id: i64,
    request: &Request,
    deadlines: Deadlines,
) -> Result<(), AppError> {
    let now = request.clock.started;
    crate::db_tx!(db, |tx| {
        let fresh: Option<i64> = sqlx::query_scalar(
            "insert into clocks (subject, subject_id, kind, started_at, standard_due_at, due_at,
                                 created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $4, $4)
             on conflict (subject, subject_id, kind, cycle) do nothing
             returning id",
        )
        .bind(Subject::SubjectAccess.as_str())
        .bind(id)
        .bind(ClockKind::SubjectAccess.as_str())
        .bind(now)
        .bind(deadlines.standard)
        .bind(deadlines.in_force)
        .fetch_optional(&mut *tx)
        .await?;
        if fresh.is_some() {
            crate::save_clock!(
                &mut tx,
                id,
                ClockKind::SubjectAccess,
                &request.clock,
                deadlines.standard,
                deadlines.in_force,
                now
            )
            .await?;
        }
        Ok(())
    })?;
    Ok(())
}
