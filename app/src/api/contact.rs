//! "Contact us": the first stored form, and the post/redirect/get pattern in full.

use crate::domain::contact::ContactInput;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::contact::*;

#[cfg(feature = "ssr")]
const SENT_KEY: &str = "contact_sent";

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
    use crate::server::db::contact::store_message;
    use crate::server::{flash, request::session, state::app_state, tokens};
    let state = app_state()?;
    let session = session()?;
    let input = ContactInput {
        name,
        email,
        phone,
        message,
    };
    // A missing or malformed token means the form did not come from our page; give it a new
    // one rather than lose what was typed.
    let token = token
        .filter(|t| tokens::is_submission_token(t))
        .unwrap_or_else(tokens::submission_token);
    match input.validate() {
        Err(errors) => {
            let values = ContactFormPage {
                token,
                values: input,
                errors: FieldErrors::default(),
            };
            flash::keep(&session, "contact", values, errors).await?;
            crate::server::request::redirect("/contact");
        }
        Ok(valid) => {
            let account_id = crate::server::auth::current_account(&session)
                .await?
                .map(|a| a.id);
            let reference = store_message(
                &state.db,
                &token,
                &valid,
                account_id,
                chrono::Utc::now(),
                || tokens::reference("CM"),
            )
            .await?;
            let mut sent: Vec<String> = session.get(SENT_KEY).await?.unwrap_or_default();
            if !sent.contains(&reference) {
                sent.push(reference.clone());
                // Remember only the last few, to keep the session small.
                let excess = sent.len().saturating_sub(10);
                sent.drain(..excess);
                session.insert(SENT_KEY, &sent).await?;
            }
            crate::server::request::redirect(&format!("/contact/sent/{reference}"));
        }
    }
    Ok(())
}

/// The confirmation for a message sent from this browser session. Anyone else gets "not found".
#[server(prefix = "/api", endpoint = "contact/sent")]
pub async fn get_contact_sent(reference: String) -> Result<ContactSent, AppError> {
    use crate::domain::reference::normalise_reference;
    use crate::server::db::contact::message_by_reference;
    use crate::server::{request::session, state::app_state};
    let reference = normalise_reference("CM", &reference).ok_or(AppError::NotFound)?;
    let session = session()?;
    let sent: Vec<String> = session.get(SENT_KEY).await?.unwrap_or_default();
    if !sent.contains(&reference) {
        return Err(AppError::NotFound);
    }
    let state = app_state()?;
    let row = message_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let reply_to = match (row.email, row.phone) {
        (Some(email), _) => format!("by email to {email}"),
        (None, Some(phone)) => format!("by phone on {phone}"),
        (None, None) => "using the details you gave".to_owned(),
    };
    // The landlord's published standard for enquiries, counted from when the message arrived
    // on its working-day calendar.
    let standard = &state.site.profile.enquiry_standard;
    let reply_by = standard
        .respond
        .map(|timescale| {
            let due = state.site.schedule().deadline(row.created_at, timescale);
            format!(
                "by {} (within {timescale})",
                crate::domain::london::to_local(due).format(crate::format::DAY)
            )
        })
        .unwrap_or_default();
    Ok(ContactSent {
        reference: row.reference,
        reply_to,
        reply_by,
    })
}
