//! Accounts and the audit trail of what they do.

use super::Db;
use crate::db_run;
use crate::domain::housing::Role;
use crate::error::AppError;
use crate::server::password::PasswordHash;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
struct AccountRow {
    id: i64,
    person_id: Option<i64>,
    email: String,
    display_name: String,
    password_hash: String,
    role: String,
    disabled_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug)]
pub struct Account {
    pub id: i64,
    pub person_id: Option<i64>,
    pub email: String,
    pub display_name: String,
    pub password_hash: PasswordHash,
    pub role: Role,
    pub disabled: bool,
}

impl TryFrom<AccountRow> for Account {
    type Error = AppError;

    fn try_from(row: AccountRow) -> Result<Self, AppError> {
        let role = Role::parse(&row.role)
            .ok_or_else(|| crate::error::internal(format!("unknown role {}", row.role)))?;
        Ok(Account {
            id: row.id,
            person_id: row.person_id,
            email: row.email,
            display_name: row.display_name,
            password_hash: PasswordHash::from_stored(row.password_hash),
            role,
            disabled: row.disabled_at.is_some(),
        })
    }
}

const ACCOUNT_COLUMNS: &str =
    "select id, person_id, email, display_name, password_hash, role, disabled_at from accounts";

/// Emails are compared without regard to case: people type them in many ways.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub async fn account_by_email(db: &Db, email: &str) -> Result<Option<Account>, AppError> {
    let sql = format!("{ACCOUNT_COLUMNS} where email = $1");
    let row: Option<AccountRow> = db_run!(db, |pool| {
        sqlx::query_as::<_, AccountRow>(&sql)
            .bind(normalise_email(email))
            .fetch_optional(pool)
            .await
    })?;
    row.map(Account::try_from).transpose()
}

pub async fn account_by_id(db: &Db, id: i64) -> Result<Option<Account>, AppError> {
    let sql = format!("{ACCOUNT_COLUMNS} where id = $1");
    let row: Option<AccountRow> = db_run!(db, |pool| {
        sqlx::query_as::<_, AccountRow>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await
    })?;
    row.map(Account::try_from).transpose()
}

/// One line of the append-only audit trail.
pub struct AuditEvent<'a> {
    pub actor_account_id: Option<i64>,
    pub on_behalf_of_person_id: Option<i64>,
    pub action: &'a str,
    pub subject_type: Option<&'a str>,
    pub subject_id: Option<String>,
    pub detail: Option<String>,
    pub client_address: Option<String>,
    pub request_id: Option<String>,
}

impl<'a> AuditEvent<'a> {
    /// An action by an account on its own behalf, with the current request's id.
    pub fn by(actor_account_id: Option<i64>, action: &'a str) -> Self {
        AuditEvent {
            actor_account_id,
            on_behalf_of_person_id: None,
            action,
            subject_type: None,
            subject_id: None,
            detail: None,
            client_address: None,
            request_id: crate::server::request::request_id(),
        }
    }
}

pub async fn record_audit(
    db: &Db,
    event: AuditEvent<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "insert into audit_events
                 (occurred_at, actor_account_id, on_behalf_of_person_id, action, subject_type,
                  subject_id, detail, client_address, request_id, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $1)",
        )
        .bind(now)
        .bind(event.actor_account_id)
        .bind(event.on_behalf_of_person_id)
        .bind(event.action)
        .bind(event.subject_type)
        .bind(event.subject_id)
        .bind(event.detail)
        .bind(event.client_address)
        .bind(event.request_id)
        .execute(pool)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuditRow {
    pub occurred_at: DateTime<Utc>,
    pub actor_account_id: Option<i64>,
    pub action: String,
}

pub async fn audit_for_account(db: &Db, account_id: i64) -> Result<Vec<AuditRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, AuditRow>(
            "select occurred_at, actor_account_id, action from audit_events
             where actor_account_id = $1 order by id",
        )
        .bind(account_id)
        .fetch_all(pool)
        .await
    })?)
}
