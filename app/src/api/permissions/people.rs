//! "People who can act for you": the page.

use super::*;

/// The signed-in resident's people and invitations.
#[server(prefix = "/api", endpoint = "account/people")]
pub async fn get_people() -> Result<PeoplePage, crate::error::AppError> {
    use crate::error::AppError;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::permissions as store;
    use crate::server::forms::take_form;
    let account = authorise(Action::ManageOwnPreferences).await?;
    let person = account.person_id.ok_or(AppError::NotFound)?;
    let state = crate::server::state::app_state()?;
    let people = store::in_force(&state.db, person, crate::site::today())
        .await?
        .into_iter()
        .map(permission_view)
        .collect();
    let invitations = store::open_invitations(&state.db, person, chrono::Utc::now())
        .await?
        .into_iter()
        .map(|i| InvitationView {
            id: i.id,
            name: i.name,
            email: i.email,
            scope: scope_label(&i.scope).to_owned(),
            expires: crate::format::day_when(i.expires_at),
        })
        .collect();
    let form = take_form::<InviteValues>(PEOPLE_FORM).await?;
    let session = crate::server::request::session()?;
    let done = crate::server::flash::take::<String>(&session, "people_done")
        .await?
        .map(|r| r.values);
    Ok(PeoplePage {
        people,
        invitations,
        form,
        done,
    })
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
