//! Periodic work on several nodes: each node wakes every period, and the one that moves the
//! work's `last_started_at` runs it; the others find it moved and wait for the next period.
//! So work that must not run twice at once (reminders, a clean-up that would race itself) runs
//! once per period in all, however many nodes there are.

use super::Db;
use crate::db_run;
use crate::error::AppError;
use chrono::{DateTime, Utc};

/// True when this node should run `name` now: nobody has started it within the last
/// `period` (less a twentieth, so nodes waking a moment early still find it due).
pub async fn take_turn(
    db: &Db,
    name: &str,
    now: DateTime<Utc>,
    period: std::time::Duration,
) -> Result<bool, AppError> {
    let period = chrono::Duration::from_std(period).unwrap_or(chrono::Duration::zero());
    let due_before = now - (period - period / 20);
    let taken = db_run!(db, |pool| {
        sqlx::query(
            "insert into periodic_runs (name, last_started_at) values ($1, $2)
             on conflict (name) do update set last_started_at = excluded.last_started_at
             where periodic_runs.last_started_at <= $3",
        )
        .bind(name)
        .bind(now)
        .bind(due_before)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(taken == 1)
}
