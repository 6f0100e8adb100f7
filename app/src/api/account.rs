//! Getting into an account: claiming one as a resident, confirming it from the emailed link,
//! and resetting a forgotten password (or a new colleague choosing their first one). What the
//! screen says never depends on whether the details belong to an account: the email does.

use crate::domain::account::ClaimInput;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::forms::{back_to_form, take_form};
pub use crate::wire::forms::FormState;

#[server(prefix = "/api", endpoint = "account/claim-form")]
pub async fn get_claim_form() -> Result<FormState<ClaimInput>, AppError> {
    take_form("claim").await
}

/// Claims the account of the person named on a tenancy or lease. Whatever the outcome, once
/// the fields are well formed the browser goes to "check your email"; the email says what
/// happened (a link to confirm, or "you already have an account").
// Longer than 30 lines because seven form fields, one argument each, checked with the password into a claim
// before one call to `claims::start_claim`; the rest is the two ways back to the form.
#[server(prefix = "/api", endpoint = "account/claim")]
#[allow(clippy::too_many_arguments)]
pub async fn claim_account(
    #[server(default)] reference: String,
    #[server(default)] postcode: String,
    #[server(default)] born_day: String,
    #[server(default)] born_month: String,
    #[server(default)] born_year: String,
    #[server(default)] email: String,
    password: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{password as passwords, state::app_state};
    let state = app_state()?;
    let input = ClaimInput {
        reference,
        postcode,
        day: born_day,
        month: born_month,
        year: born_year,
        email,
    };
    let password = password.unwrap_or_default();
    let mut claim = input.validate(crate::site::today());
    if let Some(problem) = passwords::problem_with_new_password(&password, &input.email) {
        let mut errors = claim.err().unwrap_or_default();
        errors.add("password", problem);
        claim = Err(errors);
    }
    let claim = match claim {
        Ok(claim) => claim,
        Err(errors) => return back_to_form("claim", "/claim-account", input, errors).await,
    };
    use crate::server::claims::{start_claim, Claimed};
    let address = crate::server::request::client_address();
    match start_claim(
        &state,
        &claim,
        &password,
        address.as_deref(),
        chrono::Utc::now(),
    )
    .await?
    {
        Claimed::Refused(errors) => back_to_form("claim", "/claim-account", input, errors).await,
        Claimed::Emailed => {
            crate::server::request::redirect("/check-your-email");
            Ok(())
        }
    }
}

/// Whether an emailed link still works (to show its page, or say it has expired).
#[server(prefix = "/api", endpoint = "account/link")]
pub async fn get_link_state(token: String, purpose: String) -> Result<bool, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    let Some(purpose) = crate::server::db::account_tokens::Purpose::parse(&purpose) else {
        return Ok(false);
    };
    Ok(
        crate::server::db::account_tokens::check(&state.db, &token, purpose, chrono::Utc::now())
            .await?
            .is_some(),
    )
}

/// Confirms a claimed account from its emailed link (a button press, so that an email scanner
/// following the link confirms nothing) and signs the resident in.
#[server(prefix = "/api", endpoint = "account/confirm")]
pub async fn confirm_claimed_account(#[server(default)] token: String) -> Result<(), AppError> {
    use crate::server::db::account_tokens::{redeem, Purpose};
    use crate::server::db::accounts::{account_by_id, confirm_account, record_audit, AuditEvent};
    use crate::server::{auth, request::session, state::app_state};
    let state = app_state()?;
    let now = chrono::Utc::now();
    let Some(live) = redeem(&state.db, &token, Purpose::ConfirmAccount, now).await? else {
        crate::server::request::redirect("/link-expired");
        return Ok(());
    };
    confirm_account(&state.db, live.account_id, now).await?;
    record_audit(
        &state.db,
        AuditEvent::by(Some(live.account_id), "account_confirmed"),
        now,
    )
    .await?;
    let account = account_by_id(&state.db, live.account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    auth::start_session(&state.db, &session()?, &account).await?;
    crate::server::request::redirect("/your-home");
    Ok(())
}

/// The "forgotten your password" form's state.
#[server(prefix = "/api", endpoint = "account/reset-form")]
pub async fn get_reset_form() -> Result<FormState<String>, AppError> {
    take_form("reset").await
}

/// Emails a reset link if the address has an account; says the same on screen either way.
#[server(prefix = "/api", endpoint = "account/reset")]
pub async fn request_password_reset(email: Option<String>) -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(crate::server::resets::request(&state, email).await?).await
}

/// The new-password form's state (the errors of a failed attempt).
#[server(prefix = "/api", endpoint = "account/new-password-form")]
pub async fn get_new_password_form() -> Result<FormState<()>, AppError> {
    take_form("new_password").await
}

/// Sets a new password from a reset link or a staff invitation. Every session of the account
/// ends; the person then signs in with the new password.
#[server(prefix = "/api", endpoint = "account/new-password")]
pub async fn set_new_password(
    #[server(default)] token: String,
    purpose: Option<String>,
    password: Option<String>,
) -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(
        crate::server::resets::set_password(&state, token, purpose, password).await?,
    )
    .await
}

/// The errors kept for a form whose page has nothing else to load (taken out once).
#[server(prefix = "/api", endpoint = "form-errors")]
pub async fn get_form_errors(form: String) -> Result<FieldErrors, AppError> {
    if form != crate::api::repairs::RESIDENT_FORM {
        return Err(AppError::NotFound);
    }
    Ok(take_form::<()>(&form).await?.errors)
}
