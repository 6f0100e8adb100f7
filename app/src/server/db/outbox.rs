//! Email waiting to be sent. A message is written here first (in the same database as the
//! change that caused it) and the sender worker sends it afterwards, retrying with a growing
//! delay, so a message survives the server stopping between the two.

use super::Db;
use crate::db_run;
use crate::error::AppError;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutgoingEmail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

pub async fn enqueue(
    db: &Db,
    recipient: &str,
    subject: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "insert into outbox (recipient, subject, body, next_attempt_at, created_at)
             values ($1, $2, $3, $4, $4) returning id",
        )
        .bind(recipient)
        .bind(subject)
        .bind(body)
        .bind(now)
        .fetch_one(pool)
        .await
    })?)
}

const COLUMNS: &str =
    "select id, recipient, subject, body, attempts, created_at, sent_at from outbox";

/// Unsent messages whose next attempt is due, oldest first.
pub async fn due(db: &Db, now: DateTime<Utc>, limit: i64) -> Result<Vec<OutgoingEmail>, AppError> {
    let sql =
        format!("{COLUMNS} where sent_at is null and next_attempt_at <= $1 order by id limit $2");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, OutgoingEmail>(&sql)
            .bind(now)
            .bind(limit)
            .fetch_all(pool)
            .await
    })?)
}

pub async fn mark_sent(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query("update outbox set sent_at = $1, attempts = attempts + 1 where id = $2")
            .bind(now)
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

pub async fn mark_failed(
    db: &Db,
    id: i64,
    error: &str,
    next_attempt: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "update outbox set attempts = attempts + 1, last_error = $1, next_attempt_at = $2
             where id = $3",
        )
        .bind(error)
        .bind(next_attempt)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// The most recent messages, newest first (the development mailbox).
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<OutgoingEmail>, AppError> {
    let sql = format!("{COLUMNS} order by id desc limit $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, OutgoingEmail>(&sql)
            .bind(limit)
            .fetch_all(pool)
            .await
    })?)
}

/// Messages to one address, newest first.
pub async fn to_recipient(db: &Db, recipient: &str) -> Result<Vec<OutgoingEmail>, AppError> {
    let sql = format!("{COLUMNS} where recipient = $1 order by id desc");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, OutgoingEmail>(&sql)
            .bind(recipient)
            .fetch_all(pool)
            .await
    })?)
}
