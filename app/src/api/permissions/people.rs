//! "People who can act for you": the page.

use super::*;

/// The signed-in resident's people and invitations.
#[server(prefix = "/api", endpoint = "account/people")]
pub async fn get_people() -> Result<PeoplePage, crate::error::AppError> {
    use crate::server::authz::authorise;
    use crate::server::authz::Action;
    let account = authorise(Action::ManageOwnPreferences).await?;
    let state = crate::server::state::app_state()?;
    crate::server::permissions::people(&state, account).await
}

/// On to the resident's page, where it says `message`.
#[cfg(feature = "ssr")]
pub(super) async fn people_done(message: &str) -> Result<(), crate::error::AppError> {
    crate::server::forms::back_to_form(
        "people_done",
        "/account/people",
        message.to_owned(),
        FieldErrors::default(),
    )
    .await
}
