//! The managers' daily dashboard and the records behind each figure.

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::dashboard::*;

#[server(prefix = "/api", endpoint = "staff/dashboard")]
pub async fn get_dashboard() -> Result<Dashboard, AppError> {
    use crate::server::authz::{authorise, Action};
    authorise(Action::ViewDashboard).await?;
    let state = crate::server::state::app_state()?;
    crate::server::dashboard::dashboard(&state).await
}

/// The records behind one figure: `team` ("none" or its id), `standard` (its key), `figure`.
#[server(prefix = "/api", endpoint = "staff/dashboard-list")]
pub async fn get_dashboard_list(
    #[server(default)] team: String,
    #[server(default)] standard: String,
    #[server(default)] figure: String,
) -> Result<DashboardList, AppError> {
    use crate::server::authz::{authorise, Action};
    authorise(Action::ViewDashboard).await?;
    let state = crate::server::state::app_state()?;
    crate::server::dashboard::list(&state, &team, &standard, &figure).await
}
