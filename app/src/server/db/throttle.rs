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

/// Where a tenancy reference's claims stand: how many failed lately, and how long the next must
/// wait, if at all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClaimStanding {
    pub failures: i64,
    pub blocked_until: Option<DateTime<Utc>>,
}

/// The claim counter for a (normalised) tenancy reference, forgetting failures older than
/// `memory`.
pub async fn claim_standing(
    db: &Db,
    reference: &str,
    now: DateTime<Utc>,
    memory: chrono::Duration,
) -> Result<ClaimStanding, AppError> {
    let found: Option<(i64, Option<DateTime<Utc>>, DateTime<Utc>)> = db_run!(db, |pool| {
        sqlx::query_as(
            "select failures, blocked_until, updated_at from claim_throttles where reference = $1",
        )
        .bind(reference)
        .fetch_optional(pool)
        .await
    })?;
    Ok(match found {
        Some((failures, blocked_until, updated)) if now - updated < memory => ClaimStanding {
            failures,
            blocked_until,
        },
        _ => ClaimStanding::default(),
    })
}

/// Counts a failed claim for a reference (starting again once the last failure is `memory`
/// old) and returns the failures so far.
pub async fn record_claim_failure(
    db: &Db,
    reference: &str,
    now: DateTime<Utc>,
    memory: chrono::Duration,
) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "insert into claim_throttles (reference, failures, updated_at) values ($1, 1, $2)
             on conflict (reference) do update set
                 failures = case when claim_throttles.updated_at <= $3
                                 then 1 else claim_throttles.failures + 1 end,
                 blocked_until = case when claim_throttles.updated_at <= $3
                                 then null else claim_throttles.blocked_until end,
                 updated_at = $2
             returning failures",
        )
        .bind(reference)
        .bind(now)
        .bind(now - memory)
        .fetch_one(pool)
        .await
    })?)
}

pub async fn block_claims(db: &Db, reference: &str, until: DateTime<Utc>) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query("update claim_throttles set blocked_until = $1 where reference = $2")
            .bind(until)
            .bind(reference)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Marks the people on the reference's tenancy as told of repeated attempts now, unless they
/// were told within `quiet`: true when they should be told (so they hear once a day at most).
pub async fn mark_claim_told(
    db: &Db,
    reference: &str,
    now: DateTime<Utc>,
    quiet: chrono::Duration,
) -> Result<bool, AppError> {
    let changed = db_run!(db, |pool| {
        sqlx::query(
            "update claim_throttles set told_at = $1
             where reference = $2 and (told_at is null or told_at <= $3)",
        )
        .bind(now)
        .bind(reference)
        .bind(now - quiet)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed > 0)
}

/// The trusted device with this token hash for this account, unless it has failed `limit`
/// times.
pub async fn trusted_device(
    db: &Db,
    account_id: i64,
    token_hash: &str,
    limit: i64,
) -> Result<Option<i64>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "select id from trusted_devices
             where account_id = $1 and token_hash = $2 and failures < $3",
        )
        .bind(account_id)
        .bind(token_hash)
        .bind(limit)
        .fetch_optional(pool)
        .await
    })?)
}

/// Counts a wrong password from a trusted device, forgetting the device at `limit`.
pub async fn device_failed(db: &Db, device_id: i64, limit: i64) -> Result<(), AppError> {
    db_run!(db, |pool| {
        async {
            sqlx::query("update trusted_devices set failures = failures + 1 where id = $1")
                .bind(device_id)
                .execute(pool)
                .await?;
            sqlx::query("delete from trusted_devices where id = $1 and failures >= $2")
                .bind(device_id)
                .bind(limit)
                .execute(pool)
                .await
                .map(|_| ())
        }
        .await
    })?;
    Ok(())
}

/// Marks a device used for a successful sign-in to this account, forgetting its failures:
/// false when the token is not one of this account's devices.
pub async fn touch_device(
    db: &Db,
    account_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let changed = db_run!(db, |pool| {
        sqlx::query(
            "update trusted_devices set failures = 0, last_used_at = $1
             where account_id = $2 and token_hash = $3",
        )
        .bind(now)
        .bind(account_id)
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed > 0)
}

pub async fn add_device(
    db: &Db,
    account_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "insert into trusted_devices (account_id, token_hash, failures, created_at, last_used_at)
             values ($1, $2, 0, $3, $3)",
        )
        .bind(account_id)
        .bind(token_hash)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ())
    })?;
    Ok(())
}
