//! A resident asks for a copy of their data: the request opened, its clock started, and the
//! confirmation.

use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::state::AppState;
use crate::wire::your_data::*;

/// Asks to see the information held about the signed-in resident: opens a subject access
/// request once per form, with the profile's clock running from now (the resident proved who
/// they are when they set up their account), and tells them the deadline.
pub async fn ask(
    state: &AppState,
    account: Account,
    token: String,
    details: String,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::subject_access::TEXT_LIMIT;
    use crate::domain::validation::FieldErrors;
    use crate::server::forms::Reply;
    let person = account.person_id.ok_or(AppError::NotFound)?;
    let details = details.trim().to_owned();
    let mut errors = FieldErrors::default();
    if details.chars().count() > TEXT_LIMIT {
        errors.add(
            "details",
            format!("What you are looking for must be {TEXT_LIMIT} characters or fewer"),
        );
    }
    if !crate::server::tokens::is_submission_token(&token) {
        errors.add(
            "details",
            "The form had expired; check what you wrote and send it again",
        );
    }
    if !errors.is_empty() {
        return Reply::back(REQUEST_FORM, "/account/your-data#ask", details, errors);
    }
    let reference = crate::server::subject_access::open(
        state,
        &crate::server::subject_access::Opening {
            token: &token,
            person_id: person,
            by: &account,
            made_by: "resident",
            channel: "portal",
            details: &details,
            received_at: chrono::Utc::now(),
            identity_confirmed: true,
        },
    )
    .await?;
    Ok(Reply::go(format!("/account/your-data/{reference}?sent=1")))
}
