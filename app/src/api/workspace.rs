//! The staff workspace: every kind of open work in one list.

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::wire::workspace::*;

#[server(prefix = "/api", endpoint = "staff/work")]
pub async fn get_workspace(
    #[server(default)] view: String,
    #[server(default)] kind: String,
    #[server(default)] team: String,
    #[server(default)] due: String,
    #[server(default)] area: String,
    #[server(default)] owner: String,
    page: Option<i64>,
) -> Result<Workspace, AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::ViewCaseQueue).await?;
    let state = crate::server::state::app_state()?;
    let asked = WorkFilters {
        view,
        kind,
        team,
        due,
        area,
        owner,
    };
    crate::server::workspace::workspace(&state, &account, asked, page).await
}
