//! Inviting someone to act for the resident, and withdrawing a permission or an invitation.

use super::*;

/// Emails an invitation to act for the signed-in resident.
// Longer than 30 lines because seven form fields, one argument each, gathered into the invitation's values
// before one call to `invitations::invite`; the rest is the two answers it can give.
#[server(prefix = "/api", endpoint = "account/invite")]
pub async fn invite_someone(
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] relationship: String,
    #[server(default)] scope: String,
    #[server(default)] ends_day: String,
    #[server(default)] ends_month: String,
    #[server(default)] ends_year: String,
) -> Result<(), crate::error::AppError> {
    use crate::error::AppError;
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::ManageOwnPreferences).await?;
    let person = account.person_id.ok_or(AppError::NotFound)?;
    let state = crate::server::state::app_state()?;
    let values = InviteValues {
        name: name.trim().to_owned(),
        email: email.trim().to_owned(),
        relationship,
        scope,
        ends_day,
        ends_month,
        ends_year,
    };
    use crate::server::invitations::{invite, Invited};
    match invite(&state, &account, person, &values, chrono::Utc::now()).await? {
        Invited::Refused(errors) => {
            crate::server::forms::back_to_form(
                PEOPLE_FORM,
                "/account/people#invite",
                values,
                errors,
            )
            .await
        }
        Invited::Sent => {
            people_done(&format!(
                "We have emailed an invitation to {}",
                values.email
            ))
            .await
        }
    }
}

/// Withdraws a permission at once.
#[server(prefix = "/api", endpoint = "account/withdraw-permission")]
pub async fn withdraw_permission(id: i64) -> Result<(), crate::error::AppError> {
    use crate::error::AppError;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    let account = authorise(Action::ManageOwnPreferences).await?;
    let person = account.person_id.ok_or(AppError::NotFound)?;
    let state = crate::server::state::app_state()?;
    let now = chrono::Utc::now();
    if !crate::server::db::permissions::withdraw(&state.db, id, person, now).await? {
        return Err(AppError::NotFound);
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "permission_withdrawn")
            .on("advocate_permission", id)
            .for_person(Some(person)),
        now,
    )
    .await?;
    people_done("Permission withdrawn. They can no longer act for you.").await
}

/// Cancels an invitation not yet accepted.
#[server(prefix = "/api", endpoint = "account/cancel-invitation")]
pub async fn cancel_invitation(id: i64) -> Result<(), crate::error::AppError> {
    use crate::error::AppError;
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::ManageOwnPreferences).await?;
    let person = account.person_id.ok_or(AppError::NotFound)?;
    let state = crate::server::state::app_state()?;
    if !crate::server::db::permissions::cancel_invitation(&state.db, id, person, chrono::Utc::now())
        .await?
    {
        return Err(AppError::NotFound);
    }
    people_done("Invitation cancelled. Its link no longer works.").await
}
