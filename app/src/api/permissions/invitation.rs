//! An invitation as the invited person sees it, accepting it (with an advocate's account if
//! needed), and a colleague withdrawing a permission.

use super::*;

#[server(prefix = "/api", endpoint = "invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationPage, crate::error::AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::invitations::invitation(&state, token).await
}

/// Accepts an invitation: signed in with the invited email as an advocate, or by setting up an
/// advocate's account for the invited email (the emailed link proves the address), which is
/// then signed in.
#[server(prefix = "/api", endpoint = "invitation/accept")]
pub async fn accept_invitation(
    token: String,
    #[server(default)] display_name: String,
    #[server(default)] password: String,
) -> Result<(), crate::error::AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::forms::answer(
        crate::server::invitations::accept(&state, token, display_name, password).await?,
    )
    .await
}

/// A colleague withdraws a permission when the resident asks (by phone, letter or in person).
#[server(prefix = "/api", endpoint = "staff/withdraw-permission")]
pub async fn withdraw_permission_for(person: i64, id: i64) -> Result<(), crate::error::AppError> {
    use crate::error::AppError;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    let account = authorise(Action::RecordPermissions).await?;
    let state = crate::server::state::app_state()?;
    let now = chrono::Utc::now();
    if !crate::server::db::permissions::withdraw(&state.db, id, person, now).await? {
        return Err(AppError::NotFound);
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "permission_withdrawn")
            .on("advocate_permission", id)
            .for_person(Some(person))
            .detail("recorded by a colleague"),
        now,
    )
    .await?;
    crate::server::forms::back_to_form(
        "staff_resident_done",
        &format!("/staff/residents/{person}#people"),
        "Permission withdrawn. They can no longer act for this resident.".to_owned(),
        FieldErrors::default(),
    )
    .await
}
