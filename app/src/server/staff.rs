//! Creating staff accounts, shared by the admin page and `server create-staff`.

use super::db::account_tokens::{issue, Purpose};
use super::db::accounts::{account_by_email, create_account, record_audit, AuditEvent, NewAccount};
use super::state::AppState;
use crate::domain::housing::Role;
use crate::domain::validation::{looks_like_email, tidy, FieldErrors};
use crate::error::AppError;
use crate::server::db::accounts::Account;

/// Creates the account (no password yet) and queues the invitation. Returns the link it sent,
/// or the problems with the details.
pub async fn invite(
    state: &AppState,
    by: Option<i64>,
    name: &str,
    email: &str,
    role: &str,
    firm: Option<&str>,
) -> Result<Result<String, FieldErrors>, AppError> {
    let name = tidy(name);
    let email = tidy(email);
    let mut errors = FieldErrors::default();
    if name.is_empty() {
        errors.add("name", "Enter the colleague's full name");
    } else if name.chars().count() > 100 {
        errors.add("name", "The name must be 100 characters or fewer");
    }
    if email.is_empty() {
        errors.add("email", "Enter the colleague's work email address");
    } else if !looks_like_email(&email) || email.chars().count() > 254 {
        errors.add(
            "email",
            "Enter an email address in the correct format, like name@example.com",
        );
    } else if account_by_email(&state.db, &email).await?.is_some() {
        errors.add(
            "email",
            "There is already an account with this email address",
        );
    }
    let role = Role::parse(role).filter(|r| r.is_colleague());
    if role.is_none() {
        errors.add("role", "Choose the colleague's role");
    }
    // A contractor's account belongs to a firm from the list; nobody else's does.
    let firms = super::db::repairs::firms(&state.db).await?;
    let firm_id = match (role, firm.map(str::trim).filter(|f| !f.is_empty())) {
        (Some(Role::Contractor), Some(chosen)) => {
            match firms.iter().find(|f| f.id.to_string() == chosen) {
                Some(f) => Some(f.id),
                None => {
                    errors.add("firm", "Choose the contractor's firm from the list");
                    None
                }
            }
        }
        (Some(Role::Contractor), None) => {
            errors.add("firm", "Choose the contractor's firm");
            None
        }
        _ => None,
    };
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return Ok(Err(errors));
    };
    let now = chrono::Utc::now();
    let db = &state.db;
    let new = NewAccount {
        person_id: None,
        email: &email,
        display_name: &name,
        password_hash: None,
        role,
        firm_id,
    };
    let id = create_account(db, new, now).await?;
    let token = issue(db, id, Purpose::SetPassword, None, now).await?;
    let link = state.link(&format!("/set-password?token={token}"));
    let message = super::emails::staff_invitation(
        &state.site.profile.landlord,
        &name,
        &role.label().to_lowercase(),
        &link,
    );
    state.outbox.queue(db, &email, message).await?;
    let event = AuditEvent::by(by, "staff_created")
        .on("account", id)
        .detail(role.as_str());
    record_audit(db, event, now).await?;
    Ok(Ok(link))
}

/// Changes a colleague's role, or disables or re-enables their account. Either ends their
/// sessions, so new rights start with a new sign-in.
pub async fn change(
    state: &AppState,
    caller: Account,
    id: Option<i64>,
    role: Option<String>,
    disabled: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::server::db::accounts::{
        account_by_id, record_audit, set_disabled, set_role, AuditEvent,
    };
    use crate::server::forms::Reply;

    let db = &state.db;
    let target = account_by_id(db, id.ok_or(AppError::BadRequest)?)
        .await?
        .filter(|a| a.role.is_colleague())
        .ok_or(AppError::NotFound)?;
    // An administrator cannot lock themselves out (another administrator can).
    if target.id == caller.id {
        return Err(AppError::BadRequest);
    }
    let now = chrono::Utc::now();
    if let Some(role) = role {
        // A contractor's account is tied to its firm: no other account becomes one, and a
        // contractor does not become a colleague in the office by a change of role.
        let role = Role::parse(&role)
            .filter(|r| r.is_colleague() && *r != Role::Contractor)
            .filter(|_| target.role != Role::Contractor)
            .ok_or(AppError::BadRequest)?;
        if role != target.role {
            set_role(db, target.id, role, now).await?;
            let event = AuditEvent::by(Some(caller.id), "role_changed")
                .on("account", target.id)
                .detail(format!("{} to {}", target.role.as_str(), role.as_str()));
            record_audit(db, event, now).await?;
        }
    }
    if let Some(disabled) = disabled {
        let disable = disabled == "true";
        set_disabled(db, target.id, disable, now).await?;
        let action = if disable {
            "account_disabled"
        } else {
            "account_enabled"
        };
        record_audit(
            db,
            AuditEvent::by(Some(caller.id), action).on("account", target.id),
            now,
        )
        .await?;
    }
    Ok(Reply::go("/admin/staff?done=changed"))
}
