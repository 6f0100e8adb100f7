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
