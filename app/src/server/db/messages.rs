//! The resident's messages on the portal, and colleagues' tasks to make contact another way
//! when no channel could be used.

use super::Db;
use crate::db_run;
use crate::error::AppError;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub reference: Option<String>,
    pub link: Option<String>,
    pub channel: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// A person's messages, newest first.
pub async fn for_person(db: &Db, person_id: i64, limit: i64) -> Result<Vec<Message>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Message>(
            "select id, kind, subject, body, reference, link, channel, created_at, read_at
             from messages where person_id = $1 order by id desc limit $2",
        )
        .bind(person_id)
        .bind(limit)
        .fetch_all(pool)
        .await
    })?)
}

/// Marks everything the person has been shown as read.
pub async fn mark_read(
    db: &Db,
    person_id: i64,
    up_to: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "update messages set read_at = $1 where person_id = $2 and id <= $3 and read_at is null",
        )
        .bind(now)
        .bind(person_id)
        .bind(up_to)
        .execute(pool)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

pub async fn add_task(
    db: &Db,
    person_id: i64,
    message_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "insert into contact_tasks (person_id, message_id, reason, created_at)
             values ($1, $2, $3, $4) returning id",
        )
        .bind(person_id)
        .bind(message_id)
        .bind(reason)
        .bind(now)
        .fetch_one(pool)
        .await
    })?)
}

/// A colleague's task for a message the channel refused for good (outbox row `outbox_id`): the
/// resident is told some other way. Messages not to a resident (an account's emails) have no
/// row in `messages`, so nothing is made; the refusal is in the log and on the outbox row.
pub async fn task_for_refused(
    db: &Db,
    outbox_id: i64,
    channel: &str,
    error: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    let message = db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, i64)>("select id, person_id from messages where outbox_id = $1")
            .bind(outbox_id)
            .fetch_optional(pool)
            .await
    })?;
    let Some((message_id, person_id)) = message else {
        return Ok(None);
    };
    let what = match channel {
        "text" => "text message",
        "letter" => "letter",
        _ => "email",
    };
    let reason = format!("The {what} could not be sent ({error}): make contact another way");
    Ok(Some(
        add_task(db, person_id, message_id, &reason, now).await?,
    ))
}

/// A task to make contact, with the message it is about.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Task {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub phone: Option<String>,
    pub reason: String,
    pub subject: String,
    pub body: String,
    pub reference: Option<String>,
    pub created_at: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
    pub done_by: Option<String>,
}

const TASKS: &str = "select t.id, t.person_id, p.given_name || ' ' || p.family_name as person_name,
        p.phone, t.reason, m.subject, m.body, m.reference, t.created_at, t.done_at, t.outcome,
        a.display_name as done_by
    from contact_tasks t join people p on p.id = t.person_id
         join messages m on m.id = t.message_id
         left join accounts a on a.id = t.done_by_account_id";

/// Open tasks, oldest first, then the 20 most recently done.
pub async fn tasks(db: &Db) -> Result<(Vec<Task>, Vec<Task>), AppError> {
    let open = format!("{TASKS} where t.done_at is null order by t.id");
    let done =
        format!("{TASKS} where t.done_at is not null order by t.done_at desc, t.id desc limit 20");
    let open = db_run!(db, |pool| sqlx::query_as::<_, Task>(&open)
        .fetch_all(pool)
        .await)?;
    let done = db_run!(db, |pool| sqlx::query_as::<_, Task>(&done)
        .fetch_all(pool)
        .await)?;
    Ok((open, done))
}

/// Open tasks about one person (shown on their case and repair pages).
pub async fn open_tasks_for(db: &Db, person_id: i64) -> Result<Vec<Task>, AppError> {
    let sql = format!("{TASKS} where t.done_at is null and t.person_id = $1 order by t.id");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Task>(&sql)
            .bind(person_id)
            .fetch_all(pool)
            .await
    })?)
}

/// Records how contact was made. False when the task was already done (by someone else).
pub async fn complete_task(
    db: &Db,
    id: i64,
    by: i64,
    outcome: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let changed = db_run!(db, |pool| {
        sqlx::query(
            "update contact_tasks set done_at = $1, done_by_account_id = $2, outcome = $3
             where id = $4 and done_at is null",
        )
        .bind(now)
        .bind(by)
        .bind(outcome)
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}
