//! "Contact us": the first stored form, and the post/redirect/get pattern in full.

#[cfg(feature = "ssr")]
use crate::domain::contact::ContactInput;
use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::contact::*;

/// Returns the contact form's state: a new token, and any values and errors kept from a failed
/// submission (taken out of the session, so a reload shows a clean form).
#[server(prefix = "/api", endpoint = "contact/form")]
pub async fn get_contact_form() -> Result<ContactFormPage, AppError> {
    use crate::server::{flash, request::session};
    let session = session()?;
    let returned = flash::take::<ContactFormPage>(&session, "contact").await?;
    Ok(match returned {
        // Keep the original token: the first attempt stored nothing, and a resubmission of
        // either page must still land once.
        Some(r) => ContactFormPage {
            errors: r.errors,
            ..r.values
        },
        None => ContactFormPage {
            token: crate::server::tokens::submission_token(),
            ..Default::default()
        },
    })
}

/// Sends a message to the landlord. Posted by the plain HTML form on /contact. Invalid input
/// goes back to the form with the person's values; success redirects to the confirmation.
#[server(prefix = "/api", endpoint = "contact/send")]
pub async fn send_contact_message(
    token: Option<String>,
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] phone: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use crate::server::{request::session, state::app_state};
    let state = app_state()?;
    let session = session()?;
    let input = ContactInput {
        name,
        email,
        phone,
        message,
    };
    crate::server::forms::answer(
        crate::server::contact::send(&state, &session, token, input).await?,
    )
    .await
}

/// The confirmation for a message sent from this browser session. Anyone else gets "not found".
#[server(prefix = "/api", endpoint = "contact/sent")]
pub async fn get_contact_sent(reference: String) -> Result<ContactSent, AppError> {
    use crate::server::{request::session, state::app_state};
    let state = app_state()?;
    crate::server::contact::sent(&state, &session()?, &reference).await
}
