//! Stored "contact us" messages.

use super::Db;
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
    mut make_reference: impl FnMut() -> String,
) -> Result<String, AppError> {
    for _ in 0..5 {
        let reference = make_reference();
        let inserted: Result<Option<String>, sqlx::Error> = db_run!(db, |pool| {
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
        });
        match inserted {
            Ok(Some(reference)) => return Ok(reference),
            Ok(None) => {
                let existing: String = db_run!(db, |pool| {
                    sqlx::query_scalar::<_, String>(
                        "select reference from contact_messages where submission_token = $1",
                    )
                    .bind(token)
                    .fetch_one(pool)
                    .await
                })?;
                return Ok(existing);
            }
            Err(e)
                if e.as_database_error()
                    .is_some_and(|d| d.is_unique_violation()) =>
            {
                continue
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(crate::error::internal(
        "could not find a free contact reference",
    ))
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
