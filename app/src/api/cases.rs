//! Complaints, compliments and questions for residents and advocates: "Your complaints and
//! questions", the journey one question a page (check your answers, send once), the case page
//! with its deadlines, responses and timeline, replying, and escalating to stage 2.
//!
//! An advocate acts only for residents whose current permission covers complaints; the
//! permission is checked again on every request, so a withdrawn or expired one stops at once.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::cases::*;

#[cfg(feature = "ssr")]
use crate::server::cases::view as support;

/// "Your contacts": what a resident may start, and everything raised by them or for them (for
/// an advocate, for the residents they act for), open first.
#[server(prefix = "/api", endpoint = "cases/home")]
pub async fn get_cases_home() -> Result<CasesHome, AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::MakeCase).await?;
    let state = crate::server::state::app_state()?;
    crate::server::cases::contacts::home(&state, &account).await
}

/// One question of the journey. `about`: the repair or case a complaint is about; `person`:
/// the resident an advocate acts for (both kept in the draft from the first page).
#[server(prefix = "/api", endpoint = "cases/question")]
pub async fn get_case_question(
    kind: String,
    field: String,
    about: Option<String>,
    person: Option<String>,
) -> Result<CaseQuestion, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::cases::pages::question(&state, kind, field, about, person).await
}

/// Saves one answer and goes to the next question, or to "check your answers".
#[server(prefix = "/api", endpoint = "cases/answer")]
pub async fn case_answer(
    kind: String,
    field: String,
    #[server(default)] value: String,
) -> Result<(), AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::forms::answer(
        crate::server::cases::journey::answer(&state, kind, field, value).await?,
    )
    .await
}

/// "Check your answers" before sending.
#[server(prefix = "/api", endpoint = "cases/check")]
pub async fn get_case_check(kind: String) -> Result<CaseCheck, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::cases::pages::check(&state, kind).await
}

/// Sends the case: created once per token, then the case page with its confirmation.
#[server(prefix = "/api", endpoint = "cases/send")]
pub async fn send_case(kind: String, #[server(default)] token: String) -> Result<(), AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::forms::answer(crate::server::cases::journey::send(&state, kind, token).await?)
        .await
}

/// A case's page with the messages of a form on it that failed.
#[server(prefix = "/api", endpoint = "cases/page")]
pub async fn get_case_page(reference: String) -> Result<(CaseView, FieldErrors), AppError> {
    let (_, state, row, staff) = support::visible_case(&reference).await?;
    if staff {
        // Colleagues work from the staff page, which records that they looked.
        crate::server::request::redirect(&format!("/staff/cases/{}", row.reference));
        return Ok((CaseView::default(), FieldErrors::default()));
    }
    let view = support::view(&state, &row, false, chrono::Utc::now()).await?;
    let errors = crate::server::forms::take_form::<String>(CASE_FORM)
        .await?
        .errors;
    Ok((view, errors))
}

/// A message from the resident or advocate on an open case.
#[server(prefix = "/api", endpoint = "cases/reply")]
pub async fn reply_to_case(
    reference: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    let (account, state, row, staff) = support::visible_case(&reference).await?;
    crate::server::forms::answer(
        crate::server::cases::journey::reply(&state, account, row, staff, reference, message)
            .await?,
    )
    .await
}

/// Escalation to stage 2: one button, no reason needed.
#[server(prefix = "/api", endpoint = "cases/escalate")]
pub async fn escalate_case(reference: String) -> Result<(), AppError> {
    let (account, state, row, staff) = support::visible_case(&reference).await?;
    crate::server::forms::answer(
        crate::server::cases::journey::escalate(&state, account, row, staff, reference).await?,
    )
    .await
}
