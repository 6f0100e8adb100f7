//! A change to a case, written with its clocks, response, handler and timeline entry in one
//! transaction, only if the case is still as it was read.

use super::*;

/// A stage's response to record.
#[derive(Clone, Debug)]
pub struct NewResponse {
    pub stage: i64,
    pub decision: Option<&'static str>,
    pub points: String,
    pub reasons: Option<String>,
    pub remedy: Option<String>,
    pub by: i64,
    /// Outstanding actions: what, by when.
    pub actions: Vec<(String, NaiveDate)>,
}

/// A change to a case, planned from the state it was read in.
#[derive(Clone, Debug, Default)]
pub struct Change {
    /// The new status, stage and owner (None: unchanged).
    pub status: Option<&'static str>,
    pub stage: Option<i64>,
    pub owner: Option<i64>,
    /// Dates to record, by column name (one of the case's *_at columns).
    pub stamps: Vec<&'static str>,
    pub understanding: Option<String>,
    pub outcome_wanted: Option<String>,
    pub decline_reason: Option<String>,
    pub start_clocks: Vec<NewClock>,
    pub meet_clocks: Vec<ClockKind>,
    /// The next period of a promise kept again and again (the next update), started after
    /// `meet_clocks` has met the last.
    pub repeat_clocks: Vec<NewClock>,
    /// Move a running clock's deadline: kind, new date, reason.
    pub extend: Option<(ClockKind, DateTime<Utc>, String)>,
    /// Marked complex, with the reason the resident sees.
    pub complex: Option<String>,
    /// Given to another team: the team, and nobody in it named yet (the owner cleared).
    pub team: Option<i64>,
    /// Running clocks whose standard deadline changes (a complex case's reply).
    pub moves: Vec<(ClockKind, DateTime<Utc>)>,
    pub response: Option<NewResponse>,
    /// A colleague joins the stage's handlers.
    pub handler: Option<(i64, i64)>,
    /// An outstanding action done, by whom.
    pub action_done: Option<(i64, i64)>,
}

pub(super) const STAMPS: &[&str] = &[
    "acknowledged_at",
    "responded_at",
    "escalated_at",
    "stage2_acknowledged_at",
    "final_response_at",
    "closed_at",
];

/// Applies `change` and writes `event` in one transaction, provided the case is still in
/// `expected` status at `expected_stage`; returns false (and writes nothing) when someone else
/// moved it on first.
pub async fn change_case(
    db: &Db,
    case_id: i64,
    expected: (Status, i64),
    change: &Change,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    for stamp in &change.stamps {
        if !STAMPS.contains(stamp) {
            return Err(crate::error::internal(format!("unknown case date {stamp}")));
        }
    }
    let stamps: String = change
        .stamps
        .iter()
        .map(|s| format!(", {s} = $1"))
        .collect();
    let update = format!(
        "update cases set updated_at = $1{stamps},
             status = coalesce($2, status), stage = coalesce($3, stage),
             owner_account_id = case when $12 is null then coalesce($4, owner_account_id) else null end,
             team_id = coalesce($12, team_id),
             understanding = coalesce($5, understanding),
             outcome_wanted = coalesce($6, outcome_wanted),
             decline_reason = coalesce($7, decline_reason),
             complex_reason = coalesce($11, complex_reason),
             complex_at = case when $11 is null then complex_at else $1 end
         where id = $8 and status = $9 and stage = $10"
    );
    let refresh = crate::server::db::clocks::refresh_due_sql("cases", Status::closed().count());
    let changed = crate::db_tx!(db, |tx| {
        let rows = sqlx::query(&update)
            .bind(now)
            .bind(change.status)
            .bind(change.stage)
            .bind(change.owner)
            .bind(&change.understanding)
            .bind(&change.outcome_wanted)
            .bind(&change.decline_reason)
            .bind(case_id)
            .bind(expected.0.as_str())
            .bind(expected.1)
            .bind(&change.complex)
            .bind(change.team)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if rows == 0 {
            return Ok(false);
        }
        crate::meet_clocks!(&mut tx, case_id, &change.meet_clocks, now).await?;
        crate::start_clocks!(&mut tx, case_id, &change.start_clocks, now).await?;
        crate::repeat_clocks!(&mut tx, case_id, &change.repeat_clocks, now).await?;
        for (kind, to) in &change.moves {
            crate::move_clock!(&mut tx, case_id, *kind, *to, None, now).await?;
        }
        if let Some((kind, to, reason)) = &change.extend {
            crate::move_clock!(&mut tx, case_id, *kind, *to, Some(reason.as_str()), now).await?;
        }
        if let Some(response) = &change.response {
            sqlx::query(
                "insert into case_responses
                     (case_id, stage, decision, points, reasons, remedy,
                      responded_by_account_id, responded_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(case_id)
            .bind(response.stage)
            .bind(response.decision)
            .bind(&response.points)
            .bind(&response.reasons)
            .bind(&response.remedy)
            .bind(response.by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            for (description, due_on) in &response.actions {
                sqlx::query(
                    "insert into case_actions (case_id, stage, description, due_on, created_at)
                     values ($1, $2, $3, $4, $5)",
                )
                .bind(case_id)
                .bind(response.stage)
                .bind(description)
                .bind(due_on)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        }
        if let Some((stage, account_id)) = change.handler {
            sqlx::query(
                "insert into case_handlers (case_id, stage, account_id, created_at)
                 values ($1, $2, $3, $4) on conflict (case_id, stage, account_id) do nothing",
            )
            .bind(case_id)
            .bind(stage)
            .bind(account_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        if let Some((action_id, by)) = change.action_done {
            sqlx::query(
                "update case_actions set done_at = $1, done_by_account_id = $2
                 where id = $3 and case_id = $4 and done_at is null",
            )
            .bind(now)
            .bind(by)
            .bind(action_id)
            .bind(case_id)
            .execute(&mut *tx)
            .await?;
        }
        // The next deadline still running; none once the case is finished.
        crate::refresh_due!(
            &mut tx,
            &refresh,
            Subject::Case,
            case_id,
            Status::closed().map(Status::as_str)
        )
        .await?;
        crate::insert_event!(&mut tx, "case_events", "case_id", case_id, event, now)?;
        Ok(true)
    })?;
    Ok(changed)
}

/// Adds a timeline entry on its own (a message, a note).
pub async fn add_event(
    db: &Db,
    case_id: i64,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        let mut tx = pool.begin().await?;
        crate::insert_event!(&mut tx, "case_events", "case_id", case_id, event, now)?;
        sqlx::query("update cases set updated_at = $1 where id = $2")
            .bind(now)
            .bind(case_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })?;
    Ok(())
}

/// Adds an outstanding action with its timeline entry.
#[allow(clippy::too_many_arguments)]
pub async fn add_action(
    db: &Db,
    case_id: i64,
    stage: i64,
    description: &str,
    due_on: NaiveDate,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "insert into case_actions (case_id, stage, description, due_on, created_at)
             values ($1, $2, $3, $4, $5)",
        )
        .bind(case_id)
        .bind(stage)
        .bind(description)
        .bind(due_on)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        crate::insert_event!(&mut tx, "case_events", "case_id", case_id, event, now)?;
        tx.commit().await
    })?;
    Ok(())
}
