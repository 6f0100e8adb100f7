//! Counters that slow down password guessing, kept in the database so that they hold across
//! restarts and across several server processes.

use super::Db;
use crate::db_run;
use crate::error::AppError;
use chrono::{DateTime, Utc};

/// When sign-in for this email is held back until, if it is.
pub async fn blocked_until(db: &Db, email: &str) -> Result<Option<DateTime<Utc>>, AppError> {
    let found: Option<Option<DateTime<Utc>>> = db_run!(db, |pool| {
        sqlx::query_scalar("select blocked_until from sign_in_throttles where email = $1")
            .bind(email)
            .fetch_optional(pool)
            .await
    })?;
    Ok(found.flatten())
}

/// Counts a failed sign-in and returns the failures so far.
pub async fn record_failure(db: &Db, email: &str, now: DateTime<Utc>) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "insert into sign_in_throttles (email, failures, updated_at) values ($1, 1, $2)
             on conflict (email) do update
                 set failures = sign_in_throttles.failures + 1, updated_at = $2
             returning failures",
        )
        .bind(email)
        .bind(now)
        .fetch_one(pool)
        .await
    })?)
}

pub async fn block(db: &Db, email: &str, until: DateTime<Utc>) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query("update sign_in_throttles set blocked_until = $1 where email = $2")
            .bind(until)
            .bind(email)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Forgets the failures: after a successful sign-in or a password reset.
pub async fn clear(db: &Db, email: &str) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query("delete from sign_in_throttles where email = $1")
            .bind(email)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Counts an attempt from `address` in the current window (a new window starts once the old
/// one is `window` old) and returns the attempts in this window, this one included.
pub async fn count_address_attempt(
    db: &Db,
    address: &str,
    now: DateTime<Utc>,
    window: chrono::Duration,
) -> Result<i64, AppError> {
    let window_start = now - window;
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "insert into address_throttles (address, window_started_at, attempts) values ($1, $2, 1)
             on conflict (address) do update set
                 attempts = case when address_throttles.window_started_at <= $3
                                 then 1 else address_throttles.attempts + 1 end,
                 window_started_at = case when address_throttles.window_started_at <= $3
                                 then $2 else address_throttles.window_started_at end
             returning attempts",
        )
        .bind(address)
        .bind(now)
        .bind(window_start)
        .fetch_one(pool)
        .await
    })?)
}
