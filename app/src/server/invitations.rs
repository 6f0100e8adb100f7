//! Inviting someone to act for a resident: the invitation checked (a real name, an address
//! that is not the resident's own, what they are to the resident and what they may do, an
//! optional last day), a few a day at most, then stored with a link token and emailed.

use crate::domain::validation::{looks_like_email, FieldErrors};
use crate::error::AppError;
use crate::server::db::accounts::{record_audit, Account, AuditEvent};
use crate::server::db::permissions::{self as store, NewInvitation};
use crate::server::state::AppState;
use crate::wire::permissions::*;
use crate::wire::permissions::{scope_label, InviteValues, RELATIONSHIPS, SCOPES};

/// How many days an invitation's link works.
pub const INVITATION_DAYS: i64 = 7;
/// Invitations one resident may send in a day.
pub const INVITATIONS_PER_DAY: i64 = 5;

/// What an invitation came to.
pub enum Invited {
    Sent,
    /// Nothing sent: the problems, by field.
    Refused(FieldErrors),
}

/// Checks the invitation `account` (the resident, `person`) is sending and, if it is right,
/// stores and emails it.
pub async fn invite(
    state: &AppState,
    account: &Account,
    person: i64,
    values: &InviteValues,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Invited, AppError> {
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
        return Ok(Invited::Refused(errors));
    }
    let token = crate::server::tokens::link_token();
    let hash = crate::server::db::account_tokens::hash_token(&token);
    store::invite(
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
    Ok(Invited::Sent)
}

pub async fn invitation(
    state: &AppState,
    token: String,
) -> Result<InvitationPage, crate::error::AppError> {
    use crate::server::forms::take_form;
    let hash = crate::server::db::account_tokens::hash_token(&token);
    let found = crate::server::db::permissions::invitation_by_hash(&state.db, &hash).await?;
    let now = chrono::Utc::now();
    let state_now = match found {
        Some(i) if i.accepted_at.is_some() => InvitationState::Accepted {
            resident: i.person_name.clone(),
        },
        Some(i) if i.cancelled_at.is_none() && i.expires_at > now => {
            let viewer = viewer_of(state, &i).await?;
            InvitationState::Open {
                resident: i.person_name.clone(),
                name: i.name.clone(),
                email: i.email.clone(),
                scope: scope_label(&i.scope).to_owned(),
                until: i.ends_on.map_or("No end date".to_owned(), |d| {
                    format!("Until {}", d.format(crate::format::DATE))
                }),
                viewer,
            }
        }
        _ => InvitationState::NotValid,
    };
    Ok(InvitationPage {
        state: state_now,
        form: take_form::<()>("accept_invitation").await?,
    })
}

pub async fn viewer_of(
    state: &AppState,
    invitation: &crate::server::db::permissions::Invitation,
) -> Result<Viewer, crate::error::AppError> {
    use crate::domain::housing::Role;
    let session = crate::server::request::session()?;
    let signed_in = crate::server::auth::session_account(state, &session).await?;
    Ok(match signed_in {
        Some(a) if !a.email.eq_ignore_ascii_case(&invitation.email) => Viewer::Other {
            reason: format!(
                "This invitation was sent to {}. Sign out, then open the link again.",
                invitation.email
            ),
        },
        Some(a) if a.role != Role::Advocate => Viewer::Other {
            reason: "This email address belongs to a resident's or a colleague's account, which cannot act for someone else. Ask to be invited at another email address.".to_owned(),
        },
        Some(_) => Viewer::Invited,
        None => {
            match crate::server::db::accounts::account_by_email(&state.db, &invitation.email).await? {
                Some(_) => Viewer::HasAccount,
                None => Viewer::NewPerson,
            }
        }
    })
}

/// Accepts an invitation: signed in with the invited email as an advocate, or by setting up an
/// advocate's account for the invited email (the emailed link proves the address), which is
/// then signed in.
pub async fn accept(
    state: &AppState,
    token: String,
    display_name: String,
    password: String,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::housing::Role;
    use crate::error::AppError;
    use crate::server::db::accounts::{
        account_by_id, confirm_account, create_account, record_audit, AuditEvent, NewAccount,
    };
    use crate::server::db::permissions as store;
    use crate::server::forms::Reply;
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
        return Ok(Reply::go(&back));
    }
    let account_id = match crate::server::invitations::viewer_of(state, &invitation).await? {
        Viewer::Invited => {
            let session = crate::server::request::session()?;
            crate::server::auth::session_account(state, &session)
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
                return Reply::back("accept_invitation", &back, (), errors);
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
                    firm_id: None,
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
            return Ok(Reply::go(&back));
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
    Ok(Reply::go(&back))
}
