//! Service-charge statements for staff: the list, one statement, publishing.

use super::*;

/// Every statement, and the import form.
#[server(prefix = "/api", endpoint = "staff/service-charges")]
pub async fn get_staff_statements() -> Result<StaffStatements, AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    crate::server::service_charges::staff_statements(&state, account).await
}

/// A statement for staff to check: its lines, every home's share, and residents' questions.
#[server(prefix = "/api", endpoint = "staff/service-charges/one")]
pub async fn get_staff_statement(reference: String) -> Result<StaffStatement, AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ViewAllDocuments).await?;
    crate::server::service_charges::staff_statement(&state, account, reference).await
}

/// Publishes a draft statement: residents with a share see it from now on.
#[server(prefix = "/api", endpoint = "staff/service-charges/publish")]
pub async fn publish_statement(reference: String) -> Result<(), AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let state = crate::server::state::app_state()?;
    let account = authorise(Action::ManageServiceCharges).await?;
    crate::server::service_charges::publish(&state, account, reference).await
}
