//! Messages waiting to be sent: emails, text messages and letters for the print queue. A
//! message is written here first (in the same database as the change that caused it) and the
//! sender worker sends it afterwards, retrying with a growing delay, so a message survives the
//! server stopping between the two.

use super::Db;
use crate::db_run;
use crate::error::AppError;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutgoingEmail {
    pub id: i64,
    /// `email`, `text` or `letter`.
    pub channel: String,
    /// An email address, a mobile number, or the postal address on one line.
    pub recipient: String,
    pub large_print: bool,
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
    enqueue_on(db, &Queued::email(recipient, subject, body), now).await
}

/// A message for the outbox on any channel.
#[derive(Clone, Debug)]
pub struct Queued<'a> {
    pub channel: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub large_print: bool,
    pub person_id: Option<i64>,
}

impl<'a> Queued<'a> {
    pub fn email(recipient: &'a str, subject: &'a str, body: &'a str) -> Queued<'a> {
        Queued {
            channel: "email",
            recipient,
            subject,
            body,
            large_print: false,
            person_id: None,
        }
    }
}

/// Queues a message: channel, recipient, subject, body, large print, person, and the time (due
/// at once). Returns the row's id.
pub const ENQUEUE: &str = "insert into outbox (channel, recipient, subject, body, large_print,
         person_id, next_attempt_at, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7) returning id";

pub async fn enqueue_on(db: &Db, q: &Queued<'_>, now: DateTime<Utc>) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(ENQUEUE)
            .bind(q.channel)
            .bind(q.recipient)
            .bind(q.subject)
            .bind(q.body)
            .bind(q.large_print)
            .bind(q.person_id)
            .bind(now)
            .fetch_one(pool)
            .await
    })?)
}

const COLUMNS: &str = "select id, channel, recipient, large_print, subject, body, attempts,
    created_at, sent_at from outbox";

/// Takes up to `limit` due messages, oldest first, for one sender until `until`, marking each
/// with `token`. On PostgreSQL rows another sender is claiming are skipped (`for update skip
/// locked`), so several nodes take different messages at the same moment; SQLite runs one
/// write at a time, so the statement is atomic there as it is. A message whose claim expires
/// (its sender died) is due again and another sender takes it, with a new token.
pub async fn claim_batch(
    db: &Db,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: i64,
    token: &str,
) -> Result<Vec<OutgoingEmail>, AppError> {
    let lock = match db {
        Db::Postgres(_) => " for update skip locked",
        Db::Sqlite(_) => "",
    };
    let sql = format!(
        "update outbox set next_attempt_at = $1, claim_token = $2
         where id in (select id from outbox where sent_at is null and given_up_at is null
                      and next_attempt_at <= $3 order by id limit $4{lock})
         returning id, channel, recipient, large_print, subject, body, attempts, created_at, sent_at"
    );
    let mut batch = db_run!(db, |pool| {
        sqlx::query_as::<_, OutgoingEmail>(&sql)
            .bind(until)
            .bind(token)
            .bind(now)
            .bind(limit)
            .fetch_all(pool)
            .await
    })?;
    batch.sort_by_key(|m| m.id);
    Ok(batch)
}

/// Extends this sender's claim on one message to `until`, just before sending it, so every
/// message has the whole claim time for itself however long the batch before it took. False
/// when the claim is no longer this sender's (it expired and another took it, or it was sent):
/// then the message must not be sent.
pub async fn renew(db: &Db, id: i64, token: &str, until: DateTime<Utc>) -> Result<bool, AppError> {
    let renewed = db_run!(db, |pool| {
        sqlx::query(
            "update outbox set next_attempt_at = $1
             where id = $2 and claim_token = $3 and sent_at is null",
        )
        .bind(until)
        .bind(id)
        .bind(token)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(renewed == 1)
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

/// Records a failed attempt: tried again at `next_attempt`, or, for a message the channel
/// refused for good (a number the text provider says is not a mobile, say), given up at `at`
/// (`give_up`); the caller then makes a colleague's task.
async fn record_failure(
    db: &Db,
    id: i64,
    error: &str,
    column: &'static str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    let sql = format!(
        "update outbox set attempts = attempts + 1, last_error = $1, {column} = $2 where id = $3"
    );
    db_run!(db, |pool| {
        sqlx::query(&sql)
            .bind(error)
            .bind(at)
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
    record_failure(db, id, error, "next_attempt_at", next_attempt).await
}

pub async fn give_up(db: &Db, id: i64, error: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    record_failure(db, id, error, "given_up_at", now).await
}

/// The most recent emails, newest first (the development mailbox).
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<OutgoingEmail>, AppError> {
    let sql = format!("{COLUMNS} where channel = 'email' order by id desc limit $1");
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

pub async fn by_id(db: &Db, id: i64) -> Result<Option<OutgoingEmail>, AppError> {
    let sql = format!("{COLUMNS} where id = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, OutgoingEmail>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await
    })?)
}

/// A letter in the print queue, with whom it is for and whether it has been posted.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LetterRow {
    pub id: i64,
    pub person_name: Option<String>,
    pub recipient: String,
    pub subject: String,
    pub large_print: bool,
    pub created_at: DateTime<Utc>,
    /// When the PDF was written to the print queue.
    pub sent_at: Option<DateTime<Utc>>,
    pub posted_at: Option<DateTime<Utc>>,
    pub posted_by: Option<String>,
}

/// Letters not yet posted (oldest first), or the latest posted ones (newest first).
pub async fn letters(db: &Db, posted: bool, limit: i64) -> Result<Vec<LetterRow>, AppError> {
    let sql = format!(
        "select o.id, p.given_name || ' ' || p.family_name as person_name, o.recipient, o.subject,
                o.large_print, o.created_at, o.sent_at, o.posted_at, a.display_name as posted_by
         from outbox o
         left join people p on p.id = o.person_id
         left join accounts a on a.id = o.posted_by_account_id
         where o.channel = 'letter' and o.posted_at is {} null
         order by o.id {} limit $1",
        if posted { "not" } else { "" },
        if posted { "desc" } else { "asc" }
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, LetterRow>(&sql)
            .bind(limit)
            .fetch_all(pool)
            .await
    })?)
}

/// Marks a letter posted. False when it is not a letter, or was marked already.
pub async fn mark_posted(db: &Db, id: i64, by: i64, now: DateTime<Utc>) -> Result<bool, AppError> {
    let changed = db_run!(db, |pool| {
        sqlx::query(
            "update outbox set posted_at = $1, posted_by_account_id = $2
             where id = $3 and channel = 'letter' and posted_at is null",
        )
        .bind(now)
        .bind(by)
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

/// Messages still to go, by channel: how many, and when the oldest was queued (for the
/// operator's metrics: a growing queue or an old message means sending has stopped).
pub async fn waiting(db: &Db) -> Result<Vec<(String, i64, Option<DateTime<Utc>>)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (String, i64, Option<DateTime<Utc>>)>(
            "select channel, count(*), min(created_at) from outbox
             where sent_at is null and given_up_at is null
             group by channel order by channel",
        )
        .fetch_all(pool)
        .await
    })?)
}
