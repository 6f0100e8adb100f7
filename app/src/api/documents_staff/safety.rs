//! Who has not had this year's safety information, and recording that it was given.

use super::*;

/// Everyone named on a tenancy or lease in a block, with when they last had the fire safety
/// instructions; those without this year's first.
#[server(prefix = "/api", endpoint = "staff/documents/safety")]
pub async fn get_safety_information() -> Result<SafetyPage, AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    crate::server::documents::safety_information(&state, account).await
}

/// Records that a resident was given this year's fire safety instructions another way.
/// `recipient`: "person:home" from the list of those due.
#[server(prefix = "/api", endpoint = "staff/documents/safety-given")]
pub async fn record_safety_given(
    recipient: Option<String>,
    #[server(default)] how: String,
    given_day: Option<String>,
    given_month: Option<String>,
    given_year: Option<String>,
) -> Result<(), AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ManageDocuments).await?;
    crate::server::documents::staff_steps::safety_given(
        &state,
        account,
        recipient,
        how,
        given_day,
        given_month,
        given_year,
    )
    .await
}
