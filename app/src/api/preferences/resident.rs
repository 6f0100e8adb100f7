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

/// On to the resident's page, where it says `message`.
#[cfg(feature = "ssr")]
pub(super) async fn resident_done(
    person: i64,
    message: &str,
) -> Result<(), crate::error::AppError> {
    crate::server::forms::back_to_form(
        "staff_resident_done",
        &format!("/staff/residents/{person}"),
        message.to_owned(),
        FieldErrors::default(),
    )
    .await
}
