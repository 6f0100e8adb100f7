//! Forgotten passwords: a reset link emailed when the address has an account (the same words
//! on screen either way), and the new password set from it.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::state::AppState;

/// Emails a reset link if the address has an account; says the same on screen either way.
pub async fn request(
    state: &AppState,
    email: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::validation::{looks_like_email, tidy};
    use crate::server::auth::ADDRESS_WINDOW;
    use crate::server::db::account_tokens::{issue, Purpose};
    use crate::server::db::accounts::{account_by_email, record_audit, AuditEvent};
    use crate::server::db::throttle::count_address_attempt;
    use crate::server::forms::Reply;
    use crate::server::{emails, request::client_address};
    let email = tidy(&email.unwrap_or_default());
    let mut errors = FieldErrors::default();
    if email.is_empty() {
        errors.add("email", "Enter your email address");
    } else if !looks_like_email(&email) {
        errors.add(
            "email",
            "Enter an email address in the correct format, like name@example.com",
        );
    }
    if !errors.is_empty() {
        return Reply::back("reset", "/reset-password", email, errors);
    }
    let now = chrono::Utc::now();
    let db = &state.db;
    // Reset requests share the per-address limit, so nobody can flood an inbox from here.
    if let Some(address) = client_address() {
        if count_address_attempt(db, &address, now, ADDRESS_WINDOW).await?
            > state.sign_in_address_limit
        {
            errors.add(
                "email",
                "There have been too many requests from your internet connection. Try again in 15 minutes, or phone us",
            );
            return Reply::back("reset", "/reset-password", email, errors);
        }
    }
    // The address is looked up, and any link sent, after the answer: the answer then takes the
    // same time whether or not the address has an account (OWASP's advice for this form). The
    // audit line is made here, to keep this request's address and id.
    let mut audit = AuditEvent::by(None, "reset_requested");
    let state = state.clone();
    tokio::spawn(async move {
        let db = &state.db;
        let sent: Result<(), AppError> = async {
            if let Some(account) = account_by_email(db, &email).await?.filter(|a| !a.disabled) {
                let token = issue(db, account.id, Purpose::ResetPassword, None, now).await?;
                let link = state.link(&format!("/reset-password/new?token={token}"));
                let landlord = &state.site.profile.landlord;
                let message = emails::reset_password(landlord, &account.display_name, &link);
                state.outbox.queue(db, &account.email, message).await?;
                audit.actor_account_id = Some(account.id);
            }
            record_audit(db, audit, now).await
        }
        .await;
        if let Err(error) = sent {
            tracing::error!(?error, "a password reset request could not be completed");
        }
    });
    Ok(Reply::go("/check-your-email"))
}

/// Sets a new password from a reset link or a staff invitation. Every session of the account
/// ends; the person then signs in with the new password.
pub async fn set_password(
    state: &AppState,
    token: String,
    purpose: Option<String>,
    password: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::server::db::account_tokens::{check, redeem, Purpose};
    use crate::server::db::accounts::{
        account_by_id, confirm_account, record_audit, set_password, AuditEvent,
    };
    use crate::server::db::throttle;
    use crate::server::forms::Reply;
    use crate::server::{emails, password as passwords};
    let db = &state.db;
    let now = chrono::Utc::now();
    // Only these two set a password; anything else is taken as a reset.
    let purpose = match purpose.as_deref().and_then(Purpose::parse) {
        Some(Purpose::SetPassword) => Purpose::SetPassword,
        _ => Purpose::ResetPassword,
    };
    let page = match purpose {
        Purpose::SetPassword => "/set-password",
        _ => "/reset-password/new",
    };
    let Some(live) = check(db, &token, purpose, now).await? else {
        return Ok(Reply::go("/link-expired"));
    };
    let account = account_by_id(db, live.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let password = password.unwrap_or_default();
    if let Some(problem) = passwords::problem_with_new_password(&password, &account.email) {
        let mut errors = FieldErrors::default();
        errors.add("password", problem);
        return Reply::back("new_password", &format!("{page}?token={token}"), (), errors);
    }
    let hash = passwords::hash(password).await?;
    // Used up only now that the password is acceptable, and only once even if two arrive.
    if redeem(db, &token, purpose, now).await?.is_none() {
        return Ok(Reply::go("/link-expired"));
    }
    set_password(db, account.id, &hash, now).await?;
    confirm_account(db, account.id, now).await?;
    throttle::clear(db, &account.email).await?;
    let action = match purpose {
        Purpose::SetPassword => "password_set",
        _ => "password_reset",
    };
    record_audit(db, AuditEvent::by(Some(account.id), action), now).await?;
    let message = emails::password_changed(
        &state.site.profile.landlord,
        &account.display_name,
        &state.public_url,
    );
    state.outbox.queue(db, &account.email, message).await?;
    crate::server::request::session()?.flush().await?;
    Ok(Reply::go("/sign-in?done=password-changed"))
}
