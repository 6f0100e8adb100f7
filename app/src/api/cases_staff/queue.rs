//! The staff cases queue and a case's staff page.

use super::*;

/// The cases queue, filtered, most urgent deadline first.
#[server(prefix = "/api", endpoint = "staff/cases")]
pub async fn get_case_queue(
    #[server(default)] kind: String,
    #[server(default)] status: String,
    #[server(default)] owner: String,
    #[server(default)] due: String,
    #[server(default)] team: String,
    page: Option<i64>,
) -> Result<CaseQueue, AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let account = authorise(Action::ViewCaseQueue).await?;
    let state = crate::server::state::app_state()?;
    let asked = CaseQueueFilters {
        kind,
        status,
        owner,
        due,
        team,
    };
    crate::server::cases::staff_pages::case_queue(&state, account, asked, page).await
}

/// A case's staff page: what may be done, the last form's result, and the case with its
/// internal notes and the resident's needs. Opening it is recorded in the audit trail.
#[server(prefix = "/api", endpoint = "staff/case")]
pub async fn get_staff_case(
    reference: String,
) -> Result<(StaffCaseForm, crate::api::cases::CaseView), AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let account = authorise(Action::ViewCaseQueue).await?;
    let state = crate::server::state::app_state()?;
    crate::server::cases::staff_pages::staff_case(&state, account, reference).await
}
