//! Who is signed in. The session holds only the account id; the account is read afresh on each
//! request so that a disabled account stops working at once.

use super::db::accounts::{account_by_email, account_by_id, record_audit, Account, AuditEvent};
use super::db::Db;
use super::password;
use crate::error::AppError;
use std::sync::Arc;
use tokio::sync::OnceCell;
use tower_sessions::Session;

const ACCOUNT_KEY: &str = "account_id";

pub async fn signed_in_account_id(session: &Session) -> Result<Option<i64>, AppError> {
    Ok(session.get::<i64>(ACCOUNT_KEY).await?)
}

/// The signed-in account, read once per request: the header and the page both ask for it.
/// Provided fresh in each request's context by the server.
#[derive(Clone, Debug, Default)]
pub struct AccountMemo(Arc<OnceCell<Option<Account>>>);

pub async fn current_account(session: &Session) -> Result<Option<Account>, AppError> {
    match leptos::prelude::use_context::<AccountMemo>() {
        Some(memo) => memo
            .0
            .get_or_try_init(|| read_current_account(session))
            .await
            .cloned(),
        None => read_current_account(session).await,
    }
}

async fn read_current_account(session: &Session) -> Result<Option<Account>, AppError> {
    let Some(id) = signed_in_account_id(session).await? else {
        return Ok(None);
    };
    let state = super::state::app_state()?;
    Ok(account_by_id(&state.db, id).await?.filter(|a| !a.disabled))
}

/// The account when the password is right, otherwise `None`. An unknown or disabled account
/// still costs one hash check, so the time taken does not tell who has an account.
pub async fn check_password(
    db: &Db,
    email: &str,
    password: String,
) -> Result<Option<Account>, AppError> {
    let account = account_by_email(db, email).await?.filter(|a| !a.disabled);
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let ok = password::verify(stored, password).await?;
    if !ok {
        record_audit(
            db,
            AuditEvent::by(account.as_ref().map(|a| a.id), "sign_in_failed"),
            chrono::Utc::now(),
        )
        .await?;
    }
    Ok(account.filter(|_| ok))
}

/// Signs the account in with a new session id, so a session fixed before sign-in is useless.
pub async fn start_session(db: &Db, session: &Session, account: &Account) -> Result<(), AppError> {
    session.cycle_id().await?;
    session.insert(ACCOUNT_KEY, account.id).await?;
    record_audit(
        db,
        AuditEvent::by(Some(account.id), "sign_in"),
        chrono::Utc::now(),
    )
    .await
}

pub async fn end_session(db: &Db, session: &Session) -> Result<(), AppError> {
    if let Some(id) = signed_in_account_id(session).await? {
        record_audit(db, AuditEvent::by(Some(id), "sign_out"), chrono::Utc::now()).await?;
    }
    session.flush().await?;
    Ok(())
}
