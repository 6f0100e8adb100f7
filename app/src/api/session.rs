//! Signing in and out, and the signed-in home. The full accounts capability (claiming an
//! account, resets, throttling, roles) builds on these.

#[cfg(feature = "ssr")]
use crate::domain::housing::Role;
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
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(
        crate::server::auth::sign_in_form(&state, email, password, next).await?,
    )
    .await
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
