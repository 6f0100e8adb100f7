//! "Your account": the signed-in person's email and password, signing out everywhere, and the
//! recent sign-ins to their account.

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::account::*;

#[server(prefix = "/api", endpoint = "account/yours")]
pub async fn get_your_account() -> Result<YourAccount, AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::recent_sign_ins;
    use crate::server::forms::take_form;
    use crate::server::state::app_state;
    let account = authorise(Action::ManageOwnAccount).await?;
    let state = app_state()?;
    let recent = recent_sign_ins(&state.db, account.id)
        .await?
        .into_iter()
        .map(|e| RecentSignIn {
            when: crate::format::day_when(e.occurred_at),
            succeeded: e.action == "sign_in",
            address: e.client_address,
        })
        .collect();
    let email_form = take_form::<String>("change_email").await?;
    let password_form = take_form::<()>("change_password").await?;
    Ok(YourAccount {
        display_name: account.display_name,
        email: account.email,
        role: account.role,
        recent,
        email_form,
        password_form,
    })
}

/// Changes the password (the current one first). Other sessions end; this one carries on.
#[server(prefix = "/api", endpoint = "account/change-password")]
pub async fn change_password(
    #[server(default)] current_password: String,
    #[server(default)] new_password: String,
) -> Result<(), AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    use crate::server::state::app_state;
    let account = authorise(Action::ManageOwnAccount).await?;
    let state = app_state()?;
    crate::server::forms::answer(
        crate::server::your_account::change_password(
            &state,
            account,
            current_password,
            new_password,
        )
        .await?,
    )
    .await
}

/// Starts a change of email: a link goes to the new address, and nothing changes until it is
/// followed. Asks for the password, so that a session left open is not enough.
#[server(prefix = "/api", endpoint = "account/change-email")]
pub async fn change_email(email: Option<String>, password: Option<String>) -> Result<(), AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    use crate::server::state::app_state;
    let account = authorise(Action::ManageOwnAccount).await?;
    let state = app_state()?;
    crate::server::forms::answer(
        crate::server::your_account::change_email(&state, account, email, password).await?,
    )
    .await
}

/// Completes an email change from the link sent to the new address.
#[server(prefix = "/api", endpoint = "account/confirm-email")]
pub async fn confirm_email_change(#[server(default)] token: String) -> Result<(), AppError> {
    use crate::server::db::account_tokens::{redeem, Purpose};
    use crate::server::db::accounts::{account_by_id, record_audit, set_email, AuditEvent};
    use crate::server::{emails, state::app_state};
    let state = app_state()?;
    let db = &state.db;
    let now = chrono::Utc::now();
    let live = redeem(db, &token, Purpose::ChangeEmail, now).await?;
    let Some((live, new_email)) = live.and_then(|l| l.new_email.clone().map(|e| (l, e))) else {
        crate::server::request::redirect("/link-expired");
        return Ok(());
    };
    let account = account_by_id(db, live.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !set_email(db, account.id, &new_email, now).await? {
        crate::server::request::redirect("/link-expired");
        return Ok(());
    }
    record_audit(db, AuditEvent::by(Some(account.id), "email_changed"), now).await?;
    let message = emails::email_changed(
        &state.site.profile.landlord,
        &account.display_name,
        &new_email,
    );
    state.outbox.queue(db, &account.email, message).await?;
    crate::server::request::redirect("/account?done=email-changed");
    Ok(())
}

/// Ends every session of the account, this one included.
#[server(prefix = "/api", endpoint = "account/sign-out-everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{end_all_sessions, record_audit, AuditEvent};
    use crate::server::{request::session, state::app_state};
    let account = authorise(Action::ManageOwnAccount).await?;
    let state = app_state()?;
    let now = chrono::Utc::now();
    end_all_sessions(&state.db, account.id, now).await?;
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "signed_out_everywhere"),
        now,
    )
    .await?;
    session()?.flush().await?;
    crate::server::request::redirect("/signed-out");
    Ok(())
}
