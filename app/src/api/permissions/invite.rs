//! Inviting someone to act for the resident, and withdrawing a permission or an invitation.

use super::*;

/// Emails an invitation to act for the signed-in resident.
#[server(prefix = "/api", endpoint = "account/invite")]
pub async fn invite_someone(
    name: Option<String>,
    email: Option<String>,
    relationship: Option<String>,
    scope: Option<String>,
    ends_day: Option<String>,
    ends_month: Option<String>,
    ends_year: Option<String>,
) -> Result<(), crate::error::AppError> {
    use crate::error::AppError;
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::ManageOwnPreferences).await?;
    let person = account.person_id.ok_or(AppError::NotFound)?;
    let state = crate::server::state::app_state()?;
    let values = InviteValues {
        name: name.unwrap_or_default().trim().to_owned(),
        email: email.unwrap_or_default().trim().to_owned(),
        relationship: relationship.unwrap_or_default(),
        scope: scope.unwrap_or_default(),
        ends_day: ends_day.unwrap_or_default(),
        ends_month: ends_month.unwrap_or_default(),
        ends_year: ends_year.unwrap_or_default(),
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
