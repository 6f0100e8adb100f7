//! Single-use emailed links: confirming a claimed account, resetting a password, a staff
//! member's first password, confirming a new email address. The link carries a random token;
//! the database keeps only its SHA-256, so a copy of the database cannot be used to sign in.

use super::Db;
use crate::db_run;
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    ConfirmAccount,
    ResetPassword,
    SetPassword,
    ChangeEmail,
}

impl Purpose {
    const ALL: [Purpose; 4] = [
        Purpose::ConfirmAccount,
        Purpose::ResetPassword,
        Purpose::SetPassword,
        Purpose::ChangeEmail,
    ];

    pub fn parse(text: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::ConfirmAccount => "confirm_account",
            Purpose::ResetPassword => "reset_password",
            Purpose::SetPassword => "set_password",
            Purpose::ChangeEmail => "change_email",
        }
    }

    /// How long a link works. A reset link lasts an hour; an invitation gives a new colleague
    /// time to find it.
    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::ResetPassword => Duration::minutes(60),
            Purpose::ConfirmAccount | Purpose::ChangeEmail => Duration::hours(24),
            Purpose::SetPassword => Duration::days(7),
        }
    }
}

pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates a link token and returns it (the only time it exists in clear). Earlier unused
/// tokens of the same purpose for the account stop working: only the newest link counts.
pub async fn issue(
    db: &Db,
    account_id: i64,
    purpose: Purpose,
    new_email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = crate::server::tokens::link_token();
    db_run!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "update account_tokens set used_at = $1
             where account_id = $2 and purpose = $3 and used_at is null",
        )
        .bind(now)
        .bind(account_id)
        .bind(purpose.as_str())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "insert into account_tokens (account_id, purpose, token_hash, new_email, expires_at, created_at)
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(account_id)
        .bind(purpose.as_str())
        .bind(hash_token(&token))
        .bind(new_email)
        .bind(now + purpose.lifetime())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    })?;
    Ok(token)
}

/// A live token: the account it belongs to and, for an email change, the new address.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LiveToken {
    pub account_id: i64,
    pub new_email: Option<String>,
}

/// The token's account if the token is unused and unexpired, without using it up (to show the
/// form that a link leads to).
pub async fn check(
    db: &Db,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<LiveToken>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, LiveToken>(
            "select account_id, new_email from account_tokens
             where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3",
        )
        .bind(hash_token(token))
        .bind(purpose.as_str())
        .bind(now)
        .fetch_optional(pool)
        .await
    })?)
}

/// Uses the token up, once: of two requests racing with the same link only one gets it.
pub async fn redeem(
    db: &Db,
    token: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<LiveToken>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, LiveToken>(
            "update account_tokens set used_at = $1
             where token_hash = $2 and purpose = $3 and used_at is null and expires_at > $1
             returning account_id, new_email",
        )
        .bind(now)
        .bind(hash_token(token))
        .bind(purpose.as_str())
        .fetch_optional(pool)
        .await
    })?)
}
