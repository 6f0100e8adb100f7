//! The contact preferences form.

use super::*;

/// The form for the signed-in resident, or (`person`, for a colleague) for that resident.
#[server(prefix = "/api", endpoint = "preferences/form")]
pub async fn get_preferences(
    person: Option<i64>,
) -> Result<PreferencesPage, crate::error::AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::preferences::pages::preferences(&state, person).await
}
