//! "Your repairs" and a job's page.

use super::*;

/// "Your repairs": open first, then closed, newest first within each. An advocate first
/// chooses whose (`person`), among the residents whose current permission covers repairs.
#[server(prefix = "/api", endpoint = "repairs/yours")]
pub async fn get_your_repairs(person: Option<String>) -> Result<YourRepairs, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::repairs::pages::your_repairs(&state, person).await
}

/// One job, as a resident related to it or a colleague sees it.
#[server(prefix = "/api", endpoint = "repairs/job")]
pub async fn get_repair(reference: String) -> Result<RepairView, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::repairs::pages::repair(&state, reference).await
}

/// A job's page with the messages of a form on it that failed (one request, one read of the
/// account: two nested loads on one page could hang when the session was being refreshed).
#[server(prefix = "/api", endpoint = "repairs/job-page")]
pub async fn get_repair_page(reference: String) -> Result<(RepairView, FieldErrors), AppError> {
    let view = get_repair(reference).await?;
    let errors = crate::server::forms::take_form::<()>(RESIDENT_FORM)
        .await?
        .errors;
    Ok((view, errors))
}
