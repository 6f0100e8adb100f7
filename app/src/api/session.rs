//! Signing in and out, and the signed-in home. The full accounts capability (claiming an
//! account, resets, throttling, roles) builds on these.

#[cfg(feature = "ssr")]
use crate::domain::housing::Role;
#[cfg(feature = "ssr")]
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::session::*;

/// The signed-in user, or `None`.
#[server(prefix = "/api", endpoint = "session/current")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::server::{auth, request::session};
    let session = session()?;
    Ok(auth::current_account(&session).await?.map(|a| CurrentUser {
        display_name: a.display_name,
        role: a.role,
    }))
}

/// The sign-in form's state after a failed attempt (the email, never the password).
#[server(prefix = "/api", endpoint = "session/form")]
pub async fn get_sign_in_form() -> Result<SignInFields, AppError> {
    use crate::server::{flash, request::session};
    let session = session()?;
    Ok(flash::take::<SignInFields>(&session, "sign_in")
        .await?
        .map(|r| SignInFields {
            email: r.values.email,
            errors: r.errors,
        })
        .unwrap_or_default())
}

/// Signs in with email and password. A wrong email and a wrong password get the same message
/// and take the same time.
#[server(prefix = "/api", endpoint = "session/sign-in")]
pub async fn sign_in(
    #[server(default)] email: String,
    #[server(default)] password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::navigation::{safe_return_path, sign_in_returning_to};
    use crate::server::{auth, flash, request::session, state::app_state};
    let state = app_state()?;
    let session = session()?;
    let email = email.trim().to_owned();
    let mut errors = FieldErrors::default();
    if email.is_empty() {
        errors.add("email", "Enter your email address");
    }
    if password.is_empty() {
        errors.add("password", "Enter your password");
    }
    if errors.is_empty() {
        use crate::server::auth::SignIn;
        let now = chrono::Utc::now();
        match auth::attempt_sign_in(&state, &email, password, now).await? {
            SignIn::SignedIn(account) => {
                auth::start_session(&state.db, &session, &account).await?;
                let next = next.as_deref().and_then(safe_return_path);
                crate::server::request::redirect(next.unwrap_or("/your-home"));
                return Ok(());
            }
            SignIn::Refused => errors.add(
                "email",
                "The email address or password is not right. Check them and try again",
            ),
            SignIn::Waiting(until) => errors.add(
                "email",
                format!(
                    "There have been too many attempts to sign in with this email address. \
                     Try again after {}, or reset your password",
                    crate::domain::london::to_local(until).format("%-I:%M%P")
                ),
            ),
            SignIn::AddressLimited => errors.add(
                "email",
                "There have been too many attempts to sign in from your internet connection. \
                 Try again in 15 minutes, or phone us",
            ),
        }
    }
    let values = SignInFields {
        email,
        errors: FieldErrors::default(),
    };
    flash::keep(&session, "sign_in", values, errors).await?;
    crate::server::request::redirect(&sign_in_returning_to(next.as_deref().unwrap_or_default()));
    Ok(())
}

/// Signs out and ends the session everywhere it is stored.
#[server(prefix = "/api", endpoint = "session/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{auth, request::session, state::app_state};
    let state = app_state()?;
    let session = session()?;
    auth::end_session(&state.db, &session).await?;
    crate::server::request::redirect("/signed-out");
    Ok(())
}

/// The signed-in resident's home, agreement and household.
#[server(prefix = "/api", endpoint = "home/yours")]
pub async fn get_your_home() -> Result<YourHome, AppError> {
    use crate::server::authz::{authorise, signed_in, Action};
    use crate::server::db::homes::{home_for_person, needs_for_person};
    use crate::server::state::app_state;
    let state = app_state()?;
    let account = signed_in().await?;
    // Residents see their own household; anyone else signed in sees a page with no home.
    let (home, needs) = match account.person_id {
        Some(person_id) if account.role == Role::Resident => {
            authorise(Action::ViewHousehold { person_id }).await?;
            (
                home_for_person(&state.db, person_id).await?,
                needs_for_person(&state.db, person_id).await?,
            )
        }
        _ => (None, Vec::new()),
    };
    Ok(YourHome {
        display_name: account.display_name,
        role: account.role,
        home,
        needs,
    })
}
