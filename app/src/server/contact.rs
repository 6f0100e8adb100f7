//! "Contact us": a message stored once (a resubmitted form lands once), and its confirmation,
//! shown only to the browser session that sent it.

use crate::domain::contact::ContactInput;
use crate::domain::reference::normalise_reference;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::contact::{message_by_reference, store_message};
use crate::server::forms::Reply;
use crate::server::state::AppState;
use crate::server::tokens;
use crate::wire::contact::*;
use tower_sessions::Session;

/// The references of the messages this session sent, newest last.
const SENT_KEY: &str = "contact_sent";

/// Stores the message (or sends the form back with what is wrong) and remembers that this
/// session sent it.
pub async fn send(
    state: &AppState,
    session: &Session,
    token: Option<String>,
    input: ContactInput,
) -> Result<Reply, AppError> {
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
            Reply::back("contact", "/contact", values, errors)
        }
        Ok(valid) => {
            let account_id = crate::server::auth::current_account(session)
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
            Ok(Reply::go(format!("/contact/sent/{reference}")))
        }
    }
}

/// The confirmation for a message this session sent; "not found" for anyone else.
pub async fn sent(
    state: &AppState,
    session: &Session,
    reference: &str,
) -> Result<ContactSent, AppError> {
    let reference = normalise_reference("CM", reference).ok_or(AppError::NotFound)?;
    let sent: Vec<String> = session.get(SENT_KEY).await?.unwrap_or_default();
    if !sent.contains(&reference) {
        return Err(AppError::NotFound);
    }
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
