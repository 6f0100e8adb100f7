//! Visits in the field: an operative's or a contractor's day, one visit, "on my way" and
//! "arrived". The outcome form posts to a plain route (`POST /visits/{id}/outcome`), because
//! its "how did you try to get in" boxes post one field each under the same name.

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::visits::*;

/// The signed-in operative's or contractor's visits: today's, then the next two weeks'.
#[server(prefix = "/api", endpoint = "visits")]
pub async fn get_your_visits() -> Result<YourVisits, AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::WorkVisits).await?;
    let state = crate::server::state::app_state()?;
    crate::server::visits::your_visits(&state, &account).await
}

/// One visit with what the doorstep needs and the forms its state allows.
#[server(prefix = "/api", endpoint = "visits/one")]
pub async fn get_visit(id: i64) -> Result<VisitPage, AppError> {
    use crate::server::authz::signed_in;
    let account = signed_in().await?;
    let state = crate::server::state::app_state()?;
    crate::server::visits::visit_page(&state, &account, id).await
}

/// "On my way", with the travel time (minutes; empty for the usual).
#[server(prefix = "/api", endpoint = "visits/on-my-way")]
pub async fn on_my_way(id: i64, travel: Option<String>) -> Result<(), AppError> {
    use crate::server::authz::signed_in;
    let account = signed_in().await?;
    let state = crate::server::state::app_state()?;
    crate::server::forms::answer(
        crate::server::visits::on_my_way(&state, &account, id, travel).await?,
    )
    .await
}

/// "Arrived".
#[server(prefix = "/api", endpoint = "visits/arrived")]
pub async fn arrived(id: i64) -> Result<(), AppError> {
    use crate::server::authz::signed_in;
    let account = signed_in().await?;
    let state = crate::server::state::app_state()?;
    crate::server::forms::answer(crate::server::visits::arrived(&state, &account, id).await?).await
}

/// The page behind a reminder's link (no sign-in: the link is the proof, for that visit).
#[server(prefix = "/api", endpoint = "visit-link")]
pub async fn get_visit_link(token: String) -> Result<VisitLink, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::visits::link_page(&state, token).await
}

/// Moves the visit to another time, from its reminder's link.
#[server(prefix = "/api", endpoint = "visit-link/change")]
pub async fn change_visit_by_link(token: String, slot: Option<String>) -> Result<(), AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::forms::answer(crate::server::visits::change_by_link(&state, token, slot).await?)
        .await
}

/// Cancels the visit, from its reminder's link.
#[server(prefix = "/api", endpoint = "visit-link/cancel")]
pub async fn cancel_visit_by_link(token: String, reason: Option<String>) -> Result<(), AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::forms::answer(
        crate::server::visits::cancel_by_link(&state, token, reason).await?,
    )
    .await
}

/// The managers' visit figures.
#[server(prefix = "/api", endpoint = "visits/figures")]
pub async fn get_visit_figures() -> Result<VisitFigures, AppError> {
    use crate::server::authz::{authorise, Action};
    authorise(Action::ViewVisitFigures).await?;
    let state = crate::server::state::app_state()?;
    crate::server::visits::figures(&state).await
}
