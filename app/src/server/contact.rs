//! "Contact us": a message stored once (a resubmitted form lands once), and its confirmation,
//! shown only to the browser session that sent it.

use crate::domain::contact::ContactInput;
use crate::domain::reference::normalise_reference;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::forms::Reply;
use crate::server::state::AppState;
use crate::server::tokens;
use crate::wire::contact::*;
use tower_sessions::Session;

/// The references of the messages this session sent, newest last.
const SENT_KEY: &str = "contact_sent";

/// The window in which one internet connection may send `AppState::contact_address_limit`
/// messages without signing in.
pub const CONTACT_WINDOW: chrono::Duration = chrono::Duration::hours(1);

/// Opens the message as a case (or sends the form back with what is wrong) and remembers that
/// this session sent it. A signed-in resident's message is about them and appears in their
/// contacts; anyone else's carries the name and ways to reply they gave.
pub async fn send(
    state: &AppState,
    session: &Session,
    token: Option<String>,
    input: ContactInput,
) -> Result<Reply, AppError> {
    use crate::domain::cases::{CaseKind, Channel, MadeBy};
    // A missing or malformed token means the form did not come from our page; give it a new
    // one rather than lose what was typed.
    let token = token
        .filter(|t| tokens::is_submission_token(t))
        .unwrap_or_else(tokens::submission_token);
    let back = |errors| {
        let values = ContactFormPage {
            token: token.clone(),
            values: input.clone(),
            errors: FieldErrors::default(),
        };
        Reply::back("contact", "/contact", values, errors)
    };
    let valid = match input.validate() {
        Err(errors) => return back(errors),
        Ok(valid) => valid,
    };
    let now = state.clock.now();
    let account = crate::server::auth::current_account(session).await?;
    if account.is_none() {
        if let Some(address) = crate::server::request::client_address() {
            let key = format!("contact:{address}");
            let sent = crate::server::db::throttle::count_address_attempt(
                &state.db,
                &key,
                now,
                CONTACT_WINDOW,
            )
            .await?;
            let limit = state.contact_address_limit;
            if sent > limit {
                let mut errors = FieldErrors::default();
                errors.add(
                    "message",
                    format!(
                        "We have had {limit} messages from your internet connection in the last hour, so this one was not sent. Try again in an hour, sign in to send it, or phone us on {}",
                        state.site.profile.landlord.phone
                    ),
                );
                return back(errors);
            }
        }
    }
    let resident = account
        .as_ref()
        .filter(|a| a.role == crate::domain::housing::Role::Resident && a.person_id.is_some());
    let answers = std::collections::BTreeMap::from([("what".to_owned(), valid.message.clone())]);
    let (reference, _) = crate::server::cases::open_case(
        state,
        crate::server::cases::Opening {
            token,
            contact: Some(valid),
            ..crate::server::cases::Opening::new(
                CaseKind::Message,
                resident.and_then(|a| a.person_id),
                if resident.is_some() {
                    MadeBy::Resident
                } else {
                    MadeBy::Visitor
                },
                account.as_ref().map(|a| a.id),
                Channel::Portal,
                &answers,
                now,
            )
        },
        now,
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
    let row = crate::server::db::cases::case_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let reply_to = match (&row.contact_email, &row.contact_phone) {
        (Some(email), _) => format!("by email to {email}"),
        (None, Some(phone)) => format!("by phone on {phone}"),
        (None, None) => "using the details you gave".to_owned(),
    };
    // The reply's deadline as stored with the case: the landlord's published standard for
    // messages, counted from when it arrived on its working-day calendar.
    let standard = &state.site.profile.message_standard;
    let clocks = crate::server::db::cases::clocks(&state.db, row.id).await?;
    let reply_by = clocks
        .iter()
        .find(|c| c.kind == crate::domain::cases::ClockKind::Reply.into())
        .zip(standard.respond)
        .map(|(clock, timescale)| {
            format!(
                "by {} (within {timescale})",
                crate::domain::london::to_local(clock.due_at).format(crate::format::DAY)
            )
        })
        .unwrap_or_default();
    Ok(ContactSent {
        reference: row.reference,
        reply_to,
        reply_by,
        team: row.team,
        // A signed-in resident follows it with everything else they have raised.
        page: row.person_id.map(|_| format!("/cases/{reference}")),
    })
}
