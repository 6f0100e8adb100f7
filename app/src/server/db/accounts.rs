//! Accounts and the audit trail of what they do.

use super::Db;
use crate::db_run;
use crate::domain::housing::Role;
use crate::error::AppError;
use crate::server::password::PasswordHash;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub(super) struct AccountRow {
    pub(super) id: i64,
    pub(super) person_id: Option<i64>,
    pub(super) email: String,
    pub(super) display_name: String,
    pub(super) password_hash: String,
    pub(super) role: String,
    pub(super) disabled_at: Option<DateTime<Utc>>,
    pub(super) confirmed_at: Option<DateTime<Utc>>,
    pub(super) session_epoch: i64,
    pub(super) firm_id: Option<i64>,
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
    /// Claimed accounts are confirmed from the emailed link, staff accounts by setting a
    /// password from their invitation. Until then the account cannot sign in.
    pub confirmed: bool,
    /// Sessions started in an earlier epoch are no longer signed in.
    pub session_epoch: i64,
    /// A contractor's firm: they see and work only the jobs given to it.
    pub firm_id: Option<i64>,
}

impl Account {
    /// May sign in: confirmed and not disabled.
    pub fn is_usable(&self) -> bool {
        self.confirmed && !self.disabled
    }
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
            confirmed: row.confirmed_at.is_some(),
            session_epoch: row.session_epoch,
            firm_id: row.firm_id,
        })
    }
}

const ACCOUNT_COLUMNS: &str = "select id, person_id, email, display_name, password_hash, role,
    disabled_at, confirmed_at, session_epoch, firm_id from accounts";

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
            request_id: crate::server::request::request_id(),
            client_address: crate::server::request::client_address(),
        }
    }

    /// What the action was done to.
    pub fn on(mut self, subject_type: &'a str, subject_id: impl ToString) -> Self {
        self.subject_type = Some(subject_type);
        self.subject_id = Some(subject_id.to_string());
        self
    }

    /// The resident whose data was read or changed.
    pub fn for_person(mut self, person_id: Option<i64>) -> Self {
        self.on_behalf_of_person_id = person_id;
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
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

/// The audit trail as an administrator reads it, newest first.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor: Option<String>,
    pub on_behalf_of: Option<String>,
    pub action: String,
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    pub detail: Option<String>,
    pub client_address: Option<String>,
}

pub async fn audit_page(db: &Db, offset: i64, limit: i64) -> Result<Vec<AuditEntry>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, AuditEntry>(
            "select e.id, e.occurred_at, a.display_name as actor,
                    p.given_name || ' ' || p.family_name as on_behalf_of,
                    e.action, e.subject_type, e.subject_id, e.detail, e.client_address
             from audit_events e
             left join accounts a on a.id = e.actor_account_id
             left join people p on p.id = e.on_behalf_of_person_id
             order by e.id desc limit $1 offset $2",
        )
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await
    })?)
}

pub async fn count_audit(db: &Db) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>("select count(*) from audit_events")
            .fetch_one(pool)
            .await
    })?)
}

/// The account's own recent sign-ins and failed attempts, newest first.
pub async fn recent_sign_ins(db: &Db, account_id: i64) -> Result<Vec<AuditEntry>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, AuditEntry>(
            "select e.id, e.occurred_at, null as actor, null as on_behalf_of, e.action,
                    e.subject_type, e.subject_id, e.detail, e.client_address
             from audit_events e
             where e.actor_account_id = $1 and e.action in ('sign_in', 'sign_in_failed')
             order by e.id desc limit 10",
        )
        .bind(account_id)
        .fetch_all(pool)
        .await
    })?)
}

/// Everyone named on the current tenancy or lease with this reference (none when there is no
/// such tenancy), to tell them when someone keeps trying to claim an account with it.
pub async fn people_on_tenancy(db: &Db, reference: &str) -> Result<Vec<i64>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "select m.person_id from household_members m join tenancies t on t.id = m.tenancy_id
             where upper(t.reference) = $1 and t.end_date is null order by m.id",
        )
        .bind(reference.trim().to_uppercase())
        .fetch_all(pool)
        .await
    })?)
}

/// The person named on a current tenancy or lease with this reference, at a home with this
/// postcode, born on this date; `None` unless exactly one person matches.
pub async fn person_for_claim(
    db: &Db,
    reference: &str,
    postcode: &str,
    born: chrono::NaiveDate,
) -> Result<Option<(i64, String)>, AppError> {
    let compact: String = postcode
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let found: Vec<(i64, String)> = db_run!(db, |pool| {
        sqlx::query_as(
            "select p.id, p.given_name || ' ' || p.family_name
             from tenancies t
             join homes h on h.id = t.home_id
             join household_members m on m.tenancy_id = t.id
             join people p on p.id = m.person_id
             where upper(t.reference) = $1 and replace(upper(h.postcode), ' ', '') = $2
               and p.date_of_birth = $3 and t.end_date is null",
        )
        .bind(reference.trim().to_uppercase())
        .bind(compact)
        .bind(born)
        .fetch_all(pool)
        .await
    })?;
    Ok(match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    })
}

pub async fn account_for_person(db: &Db, person_id: i64) -> Result<Option<Account>, AppError> {
    let sql = format!("{ACCOUNT_COLUMNS} where person_id = $1");
    let row: Option<AccountRow> = db_run!(db, |pool| {
        sqlx::query_as::<_, AccountRow>(&sql)
            .bind(person_id)
            .fetch_optional(pool)
            .await
    })?;
    row.map(Account::try_from).transpose()
}

/// A new account waiting for confirmation (a resident's claim, or a staff invitation with no
/// password yet, stored as an empty hash that no password matches).
pub struct NewAccount<'a> {
    pub person_id: Option<i64>,
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: Option<&'a PasswordHash>,
    pub role: Role,
    /// A contractor's firm (contractors only).
    pub firm_id: Option<i64>,
}

pub async fn create_account(
    db: &Db,
    account: NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "insert into accounts (person_id, email, display_name, password_hash, role, created_at, updated_at, firm_id)
             values ($1, $2, $3, $4, $5, $6, $6, $7) returning id",
        )
        .bind(account.person_id)
        .bind(normalise_email(account.email))
        .bind(account.display_name)
        .bind(account.password_hash.map(PasswordHash::as_str).unwrap_or(""))
        .bind(account.role.as_str())
        .bind(now)
        .bind(account.firm_id)
        .fetch_one(pool)
        .await
    })?)
}

/// Replaces the email and password of an account that has not been confirmed yet (a resident
/// who claims again before following the first link).
pub async fn replace_unconfirmed(
    db: &Db,
    id: i64,
    email: &str,
    hash: &PasswordHash,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "update accounts set email = $1, password_hash = $2, updated_at = $3
             where id = $4 and confirmed_at is null",
        )
        .bind(normalise_email(email))
        .bind(hash.as_str())
        .bind(now)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

pub async fn confirm_account(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "update accounts set confirmed_at = coalesce(confirmed_at, $1), updated_at = $1 where id = $2",
        )
        .bind(now)
        .bind(id)
        .execute(pool)
        .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Sets a new password and ends every session of the account.
pub async fn set_password(
    db: &Db,
    id: i64,
    hash: &PasswordHash,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "update accounts set password_hash = $1, session_epoch = session_epoch + 1, updated_at = $2
             where id = $3",
        )
        .bind(hash.as_str())
        .bind(now)
        .bind(id)
        .execute(pool)
        .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Ends every session of the account, wherever it is signed in.
pub async fn end_all_sessions(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "update accounts set session_epoch = session_epoch + 1, updated_at = $1 where id = $2",
        )
        .bind(now)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

/// Changes the email; false when another account already has it.
pub async fn set_email(
    db: &Db,
    id: i64,
    email: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    if account_by_email(db, email).await?.is_some() {
        return Ok(false);
    }
    db_run!(db, |pool| {
        sqlx::query("update accounts set email = $1, updated_at = $2 where id = $3")
            .bind(normalise_email(email))
            .bind(now)
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(true)
}

/// A change of role also ends the account's sessions, so new rights start with a new session.
pub async fn set_role(db: &Db, id: i64, role: Role, now: DateTime<Utc>) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "update accounts set role = $1, session_epoch = session_epoch + 1, updated_at = $2
             where id = $3",
        )
        .bind(role.as_str())
        .bind(now)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ())
    })?;
    Ok(())
}

pub async fn set_disabled(
    db: &Db,
    id: i64,
    disabled: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "update accounts set disabled_at = $1, session_epoch = session_epoch + 1, updated_at = $2
             where id = $3",
        )
        .bind(disabled.then_some(now))
        .bind(now)
        .bind(id)
        .execute(pool)
        .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Every staff account, by name.
pub async fn staff_accounts(db: &Db) -> Result<Vec<Account>, AppError> {
    let sql = format!(
        "{ACCOUNT_COLUMNS} where role not in ('resident', 'advocate') order by display_name, id"
    );
    let rows: Vec<AccountRow> = db_run!(db, |pool| {
        sqlx::query_as::<_, AccountRow>(&sql).fetch_all(pool).await
    })?;
    rows.into_iter().map(Account::try_from).collect()
}
