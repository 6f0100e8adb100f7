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
    use crate::domain::housing::Role;
    use crate::error::AppError;
    use crate::server::db::accounts::{
        account_by_id, confirm_account, create_account, record_audit, AuditEvent, NewAccount,
    };
    use crate::server::db::permissions as store;
    use crate::server::forms::back_to_form;
    let state = crate::server::state::app_state()?;
    let back = format!("/invitations/{token}");
    let hash = crate::server::db::account_tokens::hash_token(&token);
    let Some(invitation) = store::invitation_by_hash(&state.db, &hash).await? else {
        return Err(AppError::NotFound);
    };
    let now = chrono::Utc::now();
    // A cancelled, expired or used invitation does nothing, not even make an account: its
    // page says it no longer works.
    if invitation.accepted_at.is_some()
        || invitation.cancelled_at.is_some()
        || invitation.expires_at <= now
    {
        crate::server::request::redirect(&back);
        return Ok(());
    }
    let account_id = match crate::server::invitations::viewer_of(&state, &invitation).await? {
        Viewer::Invited => {
            let session = crate::server::request::session()?;
            crate::server::auth::session_account(&state, &session)
                .await?
                .ok_or(AppError::SignInRequired)?
                .id
        }
        Viewer::NewPerson => {
            let name = display_name.trim().to_owned();
            let mut errors = FieldErrors::default();
            if name.is_empty() || name.chars().count() > 100 {
                errors.add(
                    "display_name",
                    "Enter your full name, in 100 characters or fewer",
                );
            }
            if let Some(problem) =
                crate::server::password::problem_with_new_password(&password, &invitation.email)
            {
                errors.add("password", problem);
            }
            if !errors.is_empty() {
                return back_to_form("accept_invitation", &back, (), errors).await;
            }
            let hashed = crate::server::password::hash(password).await?;
            let id = create_account(
                &state.db,
                NewAccount {
                    person_id: None,
                    email: &invitation.email,
                    display_name: &name,
                    password_hash: Some(&hashed),
                    role: Role::Advocate,
                },
                now,
            )
            .await?;
            confirm_account(&state.db, id, now).await?;
            let account = account_by_id(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            crate::server::auth::start_session(
                &state.db,
                &crate::server::request::session()?,
                &account,
            )
            .await?;
            id
        }
        // Sign in first, or the page explains why this account cannot accept.
        _ => {
            crate::server::request::redirect(&back);
            return Ok(());
        }
    };
    if store::accept(&state.db, &invitation, account_id, now).await? {
        record_audit(
            &state.db,
            AuditEvent::by(Some(account_id), "permission_accepted")
                .on("person", invitation.person_id)
                .for_person(Some(invitation.person_id))
                .detail(invitation.scope.clone()),
            now,
        )
        .await?;
    }
    crate::server::request::redirect(&back);
    Ok(())
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
