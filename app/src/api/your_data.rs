//! "Your data" for residents: everything Doorstep holds about them, on a page and as a JSON file
//! (`GET /account/your-data.json`), and asking to see the information the landlord holds about
//! them (a subject access request), with where each request stands.
//!
//! The page and the file are one model (`YourData`), gathered by `server::your_data::gather`,
//! so the file holds exactly what the page shows.

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::your_data::*;

/// "Your data": the resident's requests to see their information, and the form to make one.
#[server(prefix = "/api", endpoint = "your-data/start")]
pub async fn get_your_data_page() -> Result<YourDataHome, AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::forms::take_form;
    let account = authorise(Action::SeeOwnData).await?;
    let person = account.person_id.ok_or(AppError::NotFound)?;
    let state = crate::server::state::app_state()?;
    let now = chrono::Utc::now();
    let requests = crate::server::db::subject_access::for_person(&state.db, person)
        .await?
        .iter()
        .map(|r| crate::server::subject_access::line(&state, r, now))
        .collect::<Result<_, _>>()?;
    let rule = &state.site.profile.subject_access;
    Ok(YourDataHome {
        requests,
        respond: rule.respond.to_string(),
        extension: rule.extension.map(|e| e.to_string()),
        token: crate::server::tokens::submission_token(),
        form: take_form::<String>(REQUEST_FORM).await?,
    })
}

/// Everything held about the signed-in resident, for the readable page.
#[server(prefix = "/api", endpoint = "your-data/all")]
pub async fn get_your_data(activity: Option<u32>) -> Result<YourData, AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::SeeOwnData).await?;
    let person_id = account.person_id.ok_or(AppError::NotFound)?;
    let state = crate::server::state::app_state()?;
    crate::server::your_data::gather(
        &state,
        person_id,
        Some(&account),
        crate::server::your_data::Gatherer::Resident {
            how: "page",
            activity_page: Some(activity.unwrap_or(1).max(1)),
        },
    )
    .await
}

/// Asks to see the information held about the signed-in resident: opens a subject access
/// request once per form, with the profile's clock running from now (the resident proved who
/// they are when they set up their account), and tells them the deadline.
#[server(prefix = "/api", endpoint = "your-data/ask")]
pub async fn ask_for_your_data(
    #[server(default)] token: String,
    #[server(default)] details: String,
) -> Result<(), AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let account = authorise(Action::SeeOwnData).await?;
    let state = crate::server::state::app_state()?;
    crate::server::forms::answer(
        crate::server::subject_access::ask::ask(&state, account, token, details).await?,
    )
    .await
}

/// One of the signed-in resident's requests.
#[server(prefix = "/api", endpoint = "your-data/request")]
pub async fn get_your_request(reference: String) -> Result<RequestView, AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::SeeOwnData).await?;
    let person = account.person_id.ok_or(AppError::NotFound)?;
    let state = crate::server::state::app_state()?;
    let row = crate::server::subject_access::by_reference(&state, &reference)
        .await?
        .filter(|r| r.person_id == person)
        .ok_or(AppError::NotFound)?;
    crate::server::subject_access::view(&state, &row, false, chrono::Utc::now()).await
}
