//! Who may act for a resident: the permissions in force, withdrawing one, and the emailed
//! invitations a resident sends (only a SHA-256 of each invitation's token is stored).

use super::Db;
use crate::db_run;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};

/// A permission in force, as the resident and colleagues see it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Permission {
    pub id: i64,
    pub advocate_name: String,
    pub advocate_email: String,
    pub scope: String,
    pub ends_on: Option<NaiveDate>,
    pub relationship: Option<String>,
    pub given_by: String,
    pub evidence_filename: Option<String>,
    /// A colleague's note of what was said or seen (permissions recorded from paper or phone).
    pub evidence: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Permissions for a resident that are neither withdrawn nor past their last day.
pub async fn in_force(
    db: &Db,
    person_id: i64,
    today: NaiveDate,
) -> Result<Vec<Permission>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Permission>(
            "select ap.id, a.display_name as advocate_name, a.email as advocate_email, ap.scope,
                    ap.ends_on, ap.relationship, ap.given_by, ap.evidence_filename, ap.evidence,
                    ap.created_at
             from advocate_permissions ap join accounts a on a.id = ap.advocate_account_id
             where ap.person_id = $1 and ap.withdrawn_at is null
               and (ap.ends_on is null or ap.ends_on >= $2)
             order by ap.id",
        )
        .bind(person_id)
        .bind(today)
        .fetch_all(pool)
        .await
    })?)
}

/// Withdraws one of this resident's permissions at once. False when it is not theirs or was
/// already withdrawn.
pub async fn withdraw(
    db: &Db,
    id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let changed = db_run!(db, |pool| {
        sqlx::query(
            "update advocate_permissions set withdrawn_at = $1, updated_at = $1
             where id = $2 and person_id = $3 and withdrawn_at is null",
        )
        .bind(now)
        .bind(id)
        .bind(person_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

/// An invitation as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Invitation {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub name: String,
    pub email: String,
    pub relationship: String,
    pub scope: String,
    pub ends_on: Option<NaiveDate>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
}

const INVITATIONS: &str = "select i.id, i.person_id,
        p.given_name || ' ' || p.family_name as person_name, i.name, i.email, i.relationship,
        i.scope, i.ends_on, i.expires_at, i.accepted_at, i.cancelled_at
    from permission_invitations i join people p on p.id = i.person_id";

/// How many invitations this account has sent since `since`.
pub async fn invitations_sent_since(
    db: &Db,
    account_id: i64,
    since: DateTime<Utc>,
) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from permission_invitations
             where invited_by_account_id = $1 and created_at > $2",
        )
        .bind(account_id)
        .bind(since)
        .fetch_one(pool)
        .await
    })?)
}

/// What a new invitation says.
pub struct NewInvitation<'a> {
    pub person_id: i64,
    pub invited_by: i64,
    pub name: &'a str,
    pub email: &'a str,
    pub relationship: &'a str,
    pub scope: &'a str,
    pub ends_on: Option<NaiveDate>,
}

/// Stores an invitation, cancelling any earlier one still open from this resident to the same
/// address (sending again replaces it), in one transaction.
pub async fn invite(
    db: &Db,
    new: &NewInvitation<'_>,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    Ok(crate::db_tx!(db, |tx| {
        sqlx::query(
            "update permission_invitations set cancelled_at = $1
             where person_id = $2 and lower(email) = lower($3)
               and accepted_at is null and cancelled_at is null",
        )
        .bind(now)
        .bind(new.person_id)
        .bind(new.email)
        .execute(&mut *tx)
        .await?;
        let id = sqlx::query_scalar::<_, i64>(
            "insert into permission_invitations (person_id, invited_by_account_id, name, email,
                 relationship, scope, ends_on, token_hash, expires_at, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
        )
        .bind(new.person_id)
        .bind(new.invited_by)
        .bind(new.name)
        .bind(new.email)
        .bind(new.relationship)
        .bind(new.scope)
        .bind(new.ends_on)
        .bind(token_hash)
        .bind(expires_at)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        Ok::<i64, sqlx::Error>(id)
    })?)
}

/// Open invitations from a resident (not accepted, cancelled or expired), newest first.
pub async fn open_invitations(
    db: &Db,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Invitation>, AppError> {
    let sql = format!(
        "{INVITATIONS} where i.person_id = $1 and i.accepted_at is null
           and i.cancelled_at is null and i.expires_at > $2 order by i.id desc"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Invitation>(&sql)
            .bind(person_id)
            .bind(now)
            .fetch_all(pool)
            .await
    })?)
}

pub async fn invitation_by_hash(db: &Db, token_hash: &str) -> Result<Option<Invitation>, AppError> {
    let sql = format!("{INVITATIONS} where i.token_hash = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Invitation>(&sql)
            .bind(token_hash)
            .fetch_optional(pool)
            .await
    })?)
}

pub async fn cancel_invitation(
    db: &Db,
    id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let changed = db_run!(db, |pool| {
        sqlx::query(
            "update permission_invitations set cancelled_at = $1
             where id = $2 and person_id = $3 and accepted_at is null and cancelled_at is null",
        )
        .bind(now)
        .bind(id)
        .bind(person_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

/// Accepts an open invitation for `account_id`: marks it accepted (only if still open and
/// unexpired, so it works once) and records the permission, in one transaction. False when it
/// could not be accepted.
pub async fn accept(
    db: &Db,
    invitation: &Invitation,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    Ok(crate::db_tx!(db, |tx| {
        let taken = sqlx::query(
            "update permission_invitations set accepted_at = $1, accepted_account_id = $2
             where id = $3 and accepted_at is null and cancelled_at is null and expires_at > $1",
        )
        .bind(now)
        .bind(account_id)
        .bind(invitation.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if taken != 1 {
            return Ok::<bool, sqlx::Error>(false);
        }
        sqlx::query(
            "insert into advocate_permissions (advocate_account_id, person_id, scope, ends_on,
                 relationship, given_by, created_at, updated_at)
             values ($1, $2, $3, $4, $5, 'portal', $6, $6)",
        )
        .bind(account_id)
        .bind(invitation.person_id)
        .bind(&invitation.scope)
        .bind(invitation.ends_on)
        .bind(&invitation.relationship)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        Ok(true)
    })?)
}

/// A permission a colleague records from a signed form or a phone call.
pub struct RecordedPermission<'a> {
    pub advocate_account_id: i64,
    pub person_id: i64,
    pub scope: &'a str,
    pub relationship: &'a str,
    /// `paper` or `phone`.
    pub given_by: &'a str,
    pub ends_on: NaiveDate,
    /// The colleague's note of what was said or seen.
    pub note: &'a str,
    /// The stored form or letter: key, filename, content type.
    pub evidence: Option<(&'a str, &'a str, &'a str)>,
    pub recorded_by: i64,
}

/// Records a permission, unless the same advocate already has one in force for this resident
/// and scope (a second press of the button records nothing). `None` when nothing was recorded.
pub async fn record(
    db: &Db,
    new: &RecordedPermission<'_>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    let (key, filename, content_type) = match new.evidence {
        Some((k, f, c)) => (Some(k), Some(f), Some(c)),
        None => (None, None, None),
    };
    Ok(crate::db_tx!(db, |tx| {
        // Write first: on SQLite a transaction that reads and then writes fails at once (busy)
        // if another connection wrote in between; a write first waits its turn instead.
        sqlx::query("update advocate_permissions set updated_at = updated_at where id = -1")
            .execute(&mut *tx)
            .await?;
        let existing: i64 = sqlx::query_scalar(
            "select count(*) from advocate_permissions
             where advocate_account_id = $1 and person_id = $2 and scope = $3
               and withdrawn_at is null and (ends_on is null or ends_on >= $4)",
        )
        .bind(new.advocate_account_id)
        .bind(new.person_id)
        .bind(new.scope)
        .bind(today)
        .fetch_one(&mut *tx)
        .await?;
        if existing > 0 {
            return Ok(None);
        }
        let id = sqlx::query_scalar::<_, i64>(
            "insert into advocate_permissions (advocate_account_id, person_id, scope, ends_on,
                 relationship, given_by, evidence, evidence_key, evidence_filename,
                 evidence_content_type, created_by_account_id, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) returning id",
        )
        .bind(new.advocate_account_id)
        .bind(new.person_id)
        .bind(new.scope)
        .bind(new.ends_on)
        .bind(new.relationship)
        .bind(new.given_by)
        .bind(new.note)
        .bind(key)
        .bind(filename)
        .bind(content_type)
        .bind(new.recorded_by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        Ok(Some(id))
    })?)
}

/// The stored evidence of a permission recorded by a colleague.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Evidence {
    pub person_id: i64,
    pub key: String,
    pub filename: String,
    pub content_type: String,
}

pub async fn evidence(db: &Db, permission_id: i64) -> Result<Option<Evidence>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Evidence>(
            "select person_id, evidence_key as key, evidence_filename as filename,
                    evidence_content_type as content_type
             from advocate_permissions
             where id = $1 and evidence_key is not null and evidence_filename is not null
               and evidence_content_type is not null",
        )
        .bind(permission_id)
        .fetch_optional(pool)
        .await
    })?)
}
