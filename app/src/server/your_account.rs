//! Your account: changing the email address (confirmed from the new address) and the password.

use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::state::AppState;

/// Starts a change of email: a link goes to the new address, and nothing changes until it is
/// followed. Asks for the password, so that a session left open is not enough.
pub async fn change_email(
    state: &AppState,
    account: Account,
    email: Option<String>,
    password: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::validation::{looks_like_email, tidy};
    use crate::server::db::account_tokens::{issue, Purpose};
    use crate::server::db::accounts::{
        account_by_email, normalise_email, record_audit, AuditEvent,
    };

    use crate::server::forms::Reply;
    use crate::server::{emails, password as passwords};
    let email = tidy(&email.unwrap_or_default());
    let mut errors = crate::domain::validation::FieldErrors::default();
    if email.is_empty() {
        errors.add("email", "Enter your new email address");
    } else if !looks_like_email(&email) || email.chars().count() > 254 {
        errors.add(
            "email",
            "Enter an email address in the correct format, like name@example.com",
        );
    } else if normalise_email(&email) == account.email {
        errors.add("email", "This is already your email address");
    }
    let password = password.unwrap_or_default();
    if password.is_empty() {
        errors.add("password", "Enter your password");
    } else if !passwords::verify(Some(account.password_hash.clone()), password).await? {
        errors.add("password", "Your password is not right");
    }
    if !errors.is_empty() {
        return Reply::back("change_email", "/account", email, errors);
    }
    let now = chrono::Utc::now();
    let db = &state.db;
    let landlord = &state.site.profile.landlord;
    if account_by_email(db, &email).await?.is_some() {
        // Said by email, not on screen: the page does not tell who has an account.
        let message = emails::email_already_used(landlord, &state.public_url);
        state.outbox.queue(db, &email, message).await?;
    } else {
        let token = issue(db, account.id, Purpose::ChangeEmail, Some(&email), now).await?;
        let link = state.link(&format!("/account/confirm-email?token={token}"));
        let message = emails::confirm_new_email(landlord, &account.display_name, &link);
        state.outbox.queue(db, &email, message).await?;
    }
    record_audit(
        db,
        AuditEvent::by(Some(account.id), "email_change_requested"),
        now,
    )
    .await?;
    Ok(Reply::go("/account?done=email-sent"))
}

/// Changes the password (the current one first). Other sessions end; this one carries on.
pub async fn change_password(
    state: &AppState,
    account: Account,
    current_password: String,
    new_password: String,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::server::db::accounts::{account_by_id, record_audit, set_password, AuditEvent};
    use crate::server::forms::Reply;
    use crate::server::{auth, emails, password, request::session};
    let current = current_password;
    let new = new_password;
    let mut errors = crate::domain::validation::FieldErrors::default();
    if current.is_empty() {
        errors.add("current_password", "Enter your current password");
    } else if !password::verify(Some(account.password_hash.clone()), current).await? {
        errors.add("current_password", "Your current password is not right");
    }
    if let Some(problem) = password::problem_with_new_password(&new, &account.email) {
        errors.add("new_password", problem);
    }
    if !errors.is_empty() {
        return Reply::back("change_password", "/account", (), errors);
    }
    let now = chrono::Utc::now();
    let hash = password::hash(new).await?;
    set_password(&state.db, account.id, &hash, now).await?;
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "password_changed"),
        now,
    )
    .await?;
    let message = emails::password_changed(
        &state.site.profile.landlord,
        &account.display_name,
        &state.public_url,
    );
    state
        .outbox
        .queue(&state.db, &account.email, message)
        .await?;
    // The change ended every session; this one starts again, with a new id.
    let account = account_by_id(&state.db, account.id)
        .await?
        .ok_or(AppError::NotFound)?;
    auth::start_session(&state.db, &session()?, &account).await?;
    Ok(Reply::go("/account?done=password-changed"))
}
