//! Stored "contact us" messages.

use super::{insert_once, Db};
use crate::db_run;
use crate::domain::contact::ContactMessage;
use crate::error::AppError;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ContactMessageRow {
    pub reference: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

/// Stores the message once per submission token and returns its reference. A second call with
/// the same token (a double click, a resubmitted form) returns the first message's reference.
/// `make_reference` is called again if a reference is already taken.
pub async fn store_message(
    db: &Db,
    token: &str,
    message: &ContactMessage,
    account_id: Option<i64>,
    now: DateTime<Utc>,
    make_reference: impl FnMut() -> String,
) -> Result<String, AppError> {
    insert_once(db, "contact_messages", token, make_reference, |reference: String| async move {
        db_run!(db, |pool| {
            sqlx::query_scalar::<_, String>(
                "insert into contact_messages
                     (reference, submission_token, name, email, phone, message, account_id, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $8)
                 on conflict (submission_token) do nothing
                 returning reference",
            )
            .bind(&reference)
            .bind(token)
            .bind(&message.name)
            .bind(&message.email)
            .bind(&message.phone)
            .bind(&message.message)
            .bind(account_id)
            .bind(now)
            .fetch_optional(pool)
            .await
        })
    })
    .await
    .map(|(reference, _)| reference)
}

pub async fn message_by_reference(
    db: &Db,
    reference: &str,
) -> Result<Option<ContactMessageRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, ContactMessageRow>(
            "select reference, name, email, phone, message, created_at
             from contact_messages where reference = $1",
        )
        .bind(reference)
        .fetch_optional(pool)
        .await
    })?)
}

pub async fn count_messages(db: &Db) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>("select count(*) from contact_messages")
            .fetch_one(pool)
            .await
    })?)
}
