//! A new job with its clocks and first timeline entries, and every later change to it, each
//! written in one transaction.

use super::*;

pub use crate::server::db::NewEvent;

pub use crate::server::db::clocks::NewClock;

/// A job to create.
#[derive(Clone, Debug)]
pub struct NewRepair {
    pub submission_token: String,
    pub home_id: Option<i64>,
    pub block_id: Option<i64>,
    pub communal_area_id: Option<i64>,
    pub person_id: i64,
    pub account_id: Option<i64>,
    pub outcome: String,
    pub summary: String,
    pub answers: String,
    pub emergency: Option<String>,
    pub priority: String,
    pub trade: String,
    pub hazard: Option<String>,
    pub hazard_kind: Option<String>,
    pub hazard_clocks: bool,
    pub description: String,
    pub access_times: String,
    pub pets: String,
    pub key_safe: String,
    pub contact_phone: String,
    /// How it reached us (`Channel`'s stored words) and who made the report (`MadeBy`'s).
    pub channel: &'static str,
    pub made_by: &'static str,
    pub received_at: DateTime<Utc>,
    pub target_at: DateTime<Utc>,
    pub recall_of_id: Option<i64>,
    pub clocks: Vec<NewClock>,
    pub events: Vec<NewEvent>,
}

/// Creates the job with its clocks, first events and the draft's photos, once per submission
/// token: a second call with the same token returns the first job's reference and writes
/// nothing. The returned flag says whether this call created it.
pub async fn create_repair(
    db: &Db,
    new: &NewRepair,
    now: DateTime<Utc>,
    make_reference: impl FnMut() -> String,
) -> Result<(String, bool), AppError> {
    insert_once(
        db,
        "repairs",
        &new.submission_token,
        make_reference,
        |reference: String| async move {
            let due_at = new.clocks.iter().map(|c| c.due_at).min();
            crate::db_tx!(db, |tx| {
                let id: Option<i64> = sqlx::query_scalar(
                    "insert into repairs
                 (reference, submission_token, home_id, block_id, communal_area_id,
                  reported_by_person_id, reported_by_account_id, outcome, summary, answers,
                  emergency, priority, trade, hazard, hazard_kind, awaab, status,
                  description, access_times, pets, key_safe, contact_phone, received_at,
                  target_at, due_at, recall_of_id, created_at, updated_at, team_id, channel,
                  made_by)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                     'reported', $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $26,
                     (select team_id from team_routes where kind = 'repair'), $27, $28)
             on conflict (submission_token) do nothing
             returning id",
                )
                .bind(&reference)
                .bind(&new.submission_token)
                .bind(new.home_id)
                .bind(new.block_id)
                .bind(new.communal_area_id)
                .bind(new.person_id)
                .bind(new.account_id)
                .bind(&new.outcome)
                .bind(&new.summary)
                .bind(&new.answers)
                .bind(&new.emergency)
                .bind(&new.priority)
                .bind(&new.trade)
                .bind(&new.hazard)
                .bind(&new.hazard_kind)
                .bind(new.hazard_clocks)
                .bind(&new.description)
                .bind(&new.access_times)
                .bind(&new.pets)
                .bind(&new.key_safe)
                .bind(&new.contact_phone)
                .bind(new.received_at)
                .bind(new.target_at)
                .bind(due_at)
                .bind(new.recall_of_id)
                .bind(now)
                .bind(new.channel)
                .bind(new.made_by)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else {
                    return Ok(None);
                };
                crate::start_clocks!(&mut tx, id, &new.clocks, now).await?;
                for event in &new.events {
                    crate::insert_event!(&mut tx, "repair_events", "repair_id", id, event, now)?;
                }
                if let Some(original) = new.recall_of_id {
                    // The old job's question is answered, and its page points to the new one.
                    sqlx::query(
                        "update repairs set fixed = 'no', updated_at = $1
                 where id = $2 and fixed is null",
                    )
                    .bind(now)
                    .bind(original)
                    .execute(&mut *tx)
                    .await?;
                    let event = NewEvent::shown("recalled", "You told us it is not fixed")
                        .with_body(Some(format!("We opened a new job for it: {reference}.")))
                        .by(new.account_id);
                    crate::insert_event!(
                        &mut tx,
                        "repair_events",
                        "repair_id",
                        original,
                        &event,
                        now
                    )?;
                }
                sqlx::query(
                    "update repair_photos set repair_id = $1, draft_token = null
             where draft_token = $2 and person_id = $3 and repair_id is null",
                )
                .bind(id)
                .bind(&new.submission_token)
                .bind(new.person_id)
                .execute(&mut *tx)
                .await?;
                Ok(Some(reference.clone()))
            })
        },
    )
    .await
}

/// The job that reopens this one because it was not fixed, if there is one.
pub async fn recall_of_job(db: &Db, repair_id: i64) -> Result<Option<String>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, String>(
            "select reference from repairs where recall_of_id = $1 order by id limit 1",
        )
        .bind(repair_id)
        .fetch_optional(pool)
        .await
    })?)
}

/// Adds a timeline entry on its own.
pub async fn add_event(
    db: &Db,
    repair_id: i64,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        let mut tx = pool.begin().await?;
        crate::insert_event!(&mut tx, "repair_events", "repair_id", repair_id, event, now)?;
        tx.commit().await
    })?;
    Ok(())
}

/// A change to a job's own columns, written with its timeline entry.
#[derive(Clone, Debug, Default)]
pub struct Change {
    pub status: Option<&'static str>,
    pub priority: Option<(String, DateTime<Utc>)>,
    /// The contractor's name on the job (`Some(None)`: none any more).
    pub contractor: Option<Option<String>>,
    pub completed_at: Option<DateTime<Utc>>,
    /// Clocks to start (a new target, the hazard law's follow-on clocks).
    pub start_clocks: Vec<NewClock>,
    /// Clocks met now.
    pub meet_clocks: Vec<ClockKind>,
    pub fixed: Option<&'static str>,
    pub rating: Option<(i64, Option<String>)>,
    /// The contractor firm the job is given to (`Some(None)`: taken back in house).
    pub firm: Option<Option<i64>>,
    /// A step on one of the job's visits, written first (`VisitStep`).
    pub visit: Option<VisitStep>,
}

/// A step on one visit, written first in its change's transaction and only from the state the
/// page showed: two operatives, or an operative and a planner, acting on the same visit from
/// pages gone stale cannot both write; the second changes nothing (`Applied::VisitMoved`).
#[derive(Clone, Debug)]
pub enum VisitStep {
    /// "On my way", with the arrival window told to the resident; again to change the
    /// window, until the operative arrives.
    OnWay {
        visit_id: i64,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    },
    Arrived {
        visit_id: i64,
    },
    /// What happened: the visit is attended (its seat was used), once.
    Outcome {
        visit_id: i64,
        outcome: &'static str,
        by: i64,
        note: Option<String>,
        access_tried: Option<String>,
        parts_expected_on: Option<NaiveDate>,
        follow_on: Option<FollowOn>,
        /// Photos of the finished work, already checked and stored.
        photos: Vec<NewVisitPhoto>,
    },
    /// A planner gives the visit to an operative (or takes it from one).
    Give {
        visit_id: i64,
        operative: Option<i64>,
    },
}

/// Another visit booked at the door: the first free seat of the day and period for the trade,
/// done by the same operative.
#[derive(Clone, Debug)]
pub struct FollowOn {
    pub trade: String,
    pub day: NaiveDate,
    pub period: &'static str,
    pub capacity: u32,
    pub operative: Option<i64>,
}

/// A photo of the finished work, checked, stripped and stored under `storage_key`.
#[derive(Clone, Debug)]
pub struct NewVisitPhoto {
    pub storage_key: String,
    pub content_type: &'static str,
    pub size_bytes: i64,
}

/// What became of a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Done,
    /// The visit was no longer as the page showed it: nothing was written.
    VisitMoved,
    /// Every seat of the follow-on's slot was taken: nothing was written.
    NoSeat,
}

/// Applies `change` and writes `event` in one transaction, and recomputes the job's next
/// deadline (`due_at`, what the staff queue sorts by) from its clocks still running.
pub async fn change_repair(
    db: &Db,
    repair_id: i64,
    change: &Change,
    event: Option<&NewEvent>,
    now: DateTime<Utc>,
) -> Result<Applied, AppError> {
    let refresh = crate::server::db::clocks::refresh_due_sql("repairs", Status::closed().count());
    Ok(db_run!(db, |pool| {
        async {
        let mut tx = pool.begin().await?;
        if let Some(step) = &change.visit {
            let applied = crate::visit_step!(&mut tx, repair_id, step, now)?;
            if applied != Applied::Done {
                tx.rollback().await?;
                return Ok::<Applied, sqlx::Error>(applied);
            }
        }
        if let Some(firm) = change.firm {
            sqlx::query("update repairs set firm_id = $1, updated_at = $2 where id = $3")
                .bind(firm)
                .bind(now)
                .bind(repair_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(status) = change.status {
            sqlx::query("update repairs set status = $1, updated_at = $2 where id = $3")
                .bind(status)
                .bind(now)
                .bind(repair_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some((priority, target)) = &change.priority {
            sqlx::query(
                "update repairs set priority = $1, target_at = $2, updated_at = $3 where id = $4",
            )
            .bind(priority)
            .bind(target)
            .bind(now)
            .bind(repair_id)
            .execute(&mut *tx)
            .await?;
            crate::move_clock!(&mut tx, repair_id, ClockKind::Target, target, None, now).await?;
        }
        if let Some(contractor) = &change.contractor {
            sqlx::query("update repairs set contractor = $1, updated_at = $2 where id = $3")
                .bind(contractor)
                .bind(now)
                .bind(repair_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(at) = change.completed_at {
            sqlx::query("update repairs set completed_at = $1, updated_at = $1 where id = $2")
                .bind(at)
                .bind(repair_id)
                .execute(&mut *tx)
                .await?;
            crate::meet_clocks!(&mut tx, repair_id, &ClockKind::MET_BY_COMPLETION, at).await?;
        }
        crate::start_clocks!(&mut tx, repair_id, &change.start_clocks, now).await?;
        crate::meet_clocks!(&mut tx, repair_id, &change.meet_clocks, now).await?;
        if let Some(fixed) = change.fixed {
            sqlx::query("update repairs set fixed = $1, updated_at = $2 where id = $3")
                .bind(fixed)
                .bind(now)
                .bind(repair_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some((rating, comment)) = &change.rating {
            sqlx::query(
                "update repairs set rating = $1, rating_comment = $2, updated_at = $3 where id = $4",
            )
            .bind(rating)
            .bind(comment)
            .bind(now)
            .bind(repair_id)
            .execute(&mut *tx)
            .await?;
        }
        // The next deadline still running; none once the job is finished.
        crate::refresh_due!(
            &mut tx,
            &refresh,
            Subject::Repair,
            repair_id,
            Status::closed().map(Status::as_str)
        )
        .await?;
        if let Some(event) = event {
            crate::insert_event!(&mut tx, "repair_events", "repair_id", repair_id, event, now)?;
        }
        tx.commit().await?;
        Ok(Applied::Done)
        }
        .await
    })?)
}

pub use crate::server::db::EventRow;

/// The timeline, newest first; internal notes only when `internal`.
pub async fn events(db: &Db, id: i64, internal: bool) -> Result<Vec<EventRow>, AppError> {
    crate::server::db::timeline(db, crate::server::db::Timeline::Repair, id, internal).await
}

/// The job's clocks, in the order they started.
pub async fn clocks(db: &Db, repair_id: i64) -> Result<Vec<StoredClock>, AppError> {
    crate::server::db::clocks::for_subject(db, Subject::Repair, repair_id).await
}
