//! Inviting someone to act for the resident, and withdrawing a permission or an invitation.

use super::*;

/// How long an invitation's link works.
pub const INVITATION_DAYS: i64 = 7;
/// Invitations one resident may send in a day.
pub const INVITATIONS_PER_DAY: i64 = 5;

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
    use crate::domain::validation::looks_like_email;
    use crate::error::AppError;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::permissions::{invite, NewInvitation};
    use crate::server::forms::back_to_form;
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
    let mut errors = FieldErrors::default();
    if values.name.is_empty() || values.name.chars().count() > 100 {
        errors.add("name", "Enter their full name, in 100 characters or fewer");
    } else if !crate::domain::validation::is_plain_name(&values.name) {
        errors.add(
            "name",
            "Enter their name using letters, spaces, hyphens and apostrophes only",
        );
    }
    if !looks_like_email(&values.email) {
        errors.add("email", "Enter their email address, like name@example.com");
    } else if values.email.eq_ignore_ascii_case(&account.email) {
        errors.add("email", "Enter their email address, not your own");
    }
    if !RELATIONSHIPS.iter().any(|(c, _)| *c == values.relationship) {
        errors.add("relationship", "Select who they are to you");
    }
    if !SCOPES.iter().any(|(c, _, _)| *c == values.scope) {
        errors.add("scope", "Select what they may do for you");
    }
    let typed = [&values.ends_day, &values.ends_month, &values.ends_year]
        .iter()
        .any(|p| !p.trim().is_empty());
    let ends_on = if typed {
        match crate::domain::account::date_from_parts(
            &values.ends_day,
            &values.ends_month,
            &values.ends_year,
        ) {
            Some(d) if d >= crate::site::today() => Some(d),
            Some(_) => {
                errors.add("ends", "The last day must be today or later");
                None
            }
            None => {
                errors.add(
                    "ends",
                    "Enter a real date, like 31 3 2027, or leave it empty",
                );
                None
            }
        }
    } else {
        None
    };
    let now = chrono::Utc::now();
    // Each invitation is an email in the landlord's name to an address the resident chose: a
    // few a day is plenty for a household, and stops the form being used to send mail in bulk.
    if errors.is_empty()
        && crate::server::db::permissions::invitations_sent_since(
            &state.db,
            account.id,
            now - chrono::Duration::days(1),
        )
        .await?
            >= INVITATIONS_PER_DAY
    {
        errors.add(
            "email",
            format!(
                "You have sent {INVITATIONS_PER_DAY} invitations today, which is as many as we \
                 send in a day. Try again tomorrow, or phone us on {}",
                state.site.profile.landlord.phone
            ),
        );
    }
    if !errors.is_empty() {
        return back_to_form(PEOPLE_FORM, "/account/people#invite", values, errors).await;
    }
    let token = crate::server::tokens::link_token();
    let hash = crate::server::db::account_tokens::hash_token(&token);
    invite(
        &state.db,
        &NewInvitation {
            person_id: person,
            invited_by: account.id,
            name: &values.name,
            email: &values.email,
            relationship: &values.relationship,
            scope: &values.scope,
            ends_on,
        },
        &hash,
        now + chrono::Duration::days(INVITATION_DAYS),
        now,
    )
    .await?;
    let landlord = &state.site.profile.landlord;
    let link = state.link(&format!("/invitations/{token}"));
    let body = format!(
        "Dear {name},\n\n{resident} has asked {landlord_name} to let you act for them on Doorstep, \
         our online service, in: {scope}.\n\nTo accept, open this link within {INVITATION_DAYS} days:\n\n{link}\n\n\
         If you do not know {resident}, you can ignore this email.\n\nIf you need help, phone {landlord_name} on {phone}.\n\n{landlord_name}\n",
        name = values.name,
        resident = account.display_name,
        landlord_name = landlord.name,
        scope = scope_label(&values.scope).to_lowercase(),
        phone = landlord.phone,
    );
    let message = crate::server::emails::Email {
        subject: format!("{} has asked you to act for them", account.display_name),
        body,
    };
    state
        .outbox
        .queue(&state.db, &values.email, message)
        .await?;
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "permission_invited")
            .on("person", person)
            .for_person(Some(person))
            .detail(format!("{} ({})", values.email, values.scope)),
        now,
    )
    .await?;
    people_done(&format!(
        "We have emailed an invitation to {}",
        values.email
    ))
    .await
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
