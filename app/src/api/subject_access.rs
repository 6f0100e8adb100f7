//! Requests to see the information held about a resident, for colleagues: the queue (running
//! clocks by deadline, then those waiting for identity), a request's page with its steps (stop
//! the clock for identity, confirm it, take more time for a complex request, send, close, note),
//! and recording a request made by phone, letter, email or in person.

#[cfg(feature = "ssr")]
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
pub use crate::wire::subject_access::{StaffRequest, SubjectAccessQueue, STEP_FORM};
pub use crate::wire::your_data::{RecordValues, StepValues, RECORD_FORM};
use leptos::prelude::*;

/// Open requests by deadline, and the latest finished ones.
#[server(prefix = "/api", endpoint = "staff/subject-access")]
pub async fn get_subject_access_queue() -> Result<SubjectAccessQueue, AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::subject_access as store;
    authorise(Action::HandleSubjectAccess).await?;
    let state = crate::server::state::app_state()?;
    let now = chrono::Utc::now();
    let line = |r: &crate::server::db::subject_access::RequestRow| {
        crate::server::subject_access::line(&state, r, now)
    };
    Ok(SubjectAccessQueue {
        open: store::open_requests(&state.db)
            .await?
            .iter()
            .map(line)
            .collect::<Result<_, _>>()?,
        finished: store::finished_requests(&state.db, 20)
            .await?
            .iter()
            .map(line)
            .collect::<Result<_, _>>()?,
    })
}

/// One request, with the resident's needs and what may be done next. Opening it is audited.
#[server(prefix = "/api", endpoint = "staff/subject-access/request")]
pub async fn get_staff_request(reference: String) -> Result<StaffRequest, AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let account = authorise(Action::HandleSubjectAccess).await?;
    let state = crate::server::state::app_state()?;
    crate::server::subject_access::pages::staff_request(&state, account, reference).await
}

/// A step on a request: `ask_identity` (stop the clock), `identity_confirmed` (restart it),
/// `extend` (a complex request: a later date, and the reason in `text`, told to the resident),
/// `complete` (how it was sent, in `text`), `close` (why, without sending), or `note` (internal
/// unless `visible`).
// Longer than 30 lines because the step form's fields, one argument each, gathered into `StepValues`
// before one call to `subject_access::steps::take`, whose outcome goes back or on.
#[server(prefix = "/api", endpoint = "staff/subject-access/step")]
pub async fn change_subject_access(
    reference: String,
    step: String,
    #[server(default)] text: String,
    visible: Option<String>,
    #[server(default)] extend_day: String,
    #[server(default)] extend_month: String,
    #[server(default)] extend_year: String,
) -> Result<(), AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::subject_access::steps::{take, Taken};
    let account = authorise(Action::HandleSubjectAccess).await?;
    let state = crate::server::state::app_state()?;
    let row = crate::server::subject_access::by_reference(&state, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/subject-access/{}", row.reference);
    let values = StepValues {
        step,
        text: text.trim().to_owned(),
        extend_day,
        extend_month,
        extend_year,
    };
    let visible = visible.as_deref() == Some("yes");
    match take(&state, &account, &row, &values, visible).await? {
        Taken::Done(message) => finish(&back, message).await,
        Taken::Refused { anchor, errors } => {
            let back = anchor.map_or_else(|| back.clone(), |a| format!("{back}#{a}"));
            crate::server::forms::back_to_form(STEP_FORM, &back, values, errors).await
        }
    }
}

#[cfg(feature = "ssr")]
async fn finish(back: &str, message: &str) -> Result<(), AppError> {
    crate::server::forms::back_to_form(
        "subject_access_done",
        back,
        message.to_owned(),
        FieldErrors::default(),
    )
    .await
}

/// A request made by phone, letter, email or in person, recorded for the resident with the
/// date it reached us. Unless identity is already confirmed, the clock starts stopped.
#[server(prefix = "/api", endpoint = "staff/subject-access/record")]
pub async fn record_subject_access(
    person: i64,
    #[server(default)] token: String,
    channel: Option<String>,
    received: Option<String>,
    identity: Option<String>,
    #[server(default)] details: String,
) -> Result<(), AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let account = authorise(Action::HandleSubjectAccess).await?;
    let state = crate::server::state::app_state()?;
    let values = RecordValues {
        channel: channel.unwrap_or_default(),
        received: received.unwrap_or_default().trim().to_owned(),
        identity: identity.unwrap_or_default(),
        details: details.trim().to_owned(),
    };
    use crate::server::subject_access::record::record;
    crate::server::forms::answer(record(&state, account, person, token, values).await?).await
}
