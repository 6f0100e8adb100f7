//! A resident's page for colleagues.

use super::*;

/// A resident's page for colleagues: needs, contact details, vulnerabilities (for those who
/// need them), tasks to make contact, and the messages sent.
#[server(prefix = "/api", endpoint = "staff/resident")]
pub async fn get_staff_resident(person: i64) -> Result<StaffResident, crate::error::AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    use crate::server::state::app_state;
    let account = authorise(Action::RecordNeeds).await?;
    let state = app_state()?;
    crate::server::preferences::pages::staff_resident(&state, account, person).await
}
