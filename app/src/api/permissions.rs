//! "People who can act for you": a resident sees who may act for them and in what, withdraws a
//! permission at once, and invites a household member or an advocate by email; the invited
//! person accepts from the emailed link, setting up an advocate's account if they have none.

#[cfg(feature = "ssr")]
use crate::domain::validation::FieldErrors;
use crate::wire::forms::FormState;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::wire::permissions::*;

#[cfg(feature = "ssr")]
pub(crate) fn permission_view(p: crate::server::db::permissions::Permission) -> PermissionView {
    let when = p.created_at.format("%-d %B %Y");
    PermissionView {
        id: p.id,
        name: p.advocate_name,
        email: p.advocate_email,
        relationship: p
            .relationship
            .as_deref()
            .map(|r| relationship_label(r).to_owned())
            .unwrap_or_default(),
        scope: scope_label(&p.scope).to_owned(),
        until: p.ends_on.map_or("No end date".to_owned(), |d| {
            format!("Until {}", d.format("%-d %B %Y"))
        }),
        given: match p.given_by.as_str() {
            "paper" => format!("Recorded by us from a signed form on {when}"),
            "phone" => format!("Recorded by us from a phone call on {when}"),
            _ => format!("Given on Doorstep on {when}"),
        },
        note: p.evidence.filter(|n| !n.trim().is_empty()),
        evidence_file: p.evidence_filename.is_some(),
    }
}

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
async fn people_done(message: &str) -> Result<(), crate::error::AppError> {
    crate::server::forms::back_to_form(
        "people_done",
        "/account/people",
        message.to_owned(),
        FieldErrors::default(),
    )
    .await
}

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

/// What the invitation link shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    /// Unknown, cancelled or expired.
    NotValid,
    Accepted {
        resident: String,
    },
    Open {
        resident: String,
        name: String,
        email: String,
        scope: String,
        until: String,
        /// Who is looking.
        viewer: Viewer,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    /// Not signed in and no account has the invited email: set one up.
    NewPerson,
    /// Not signed in, and an account has the invited email: sign in first.
    HasAccount,
    /// Signed in with the invited email as an advocate: accept.
    Invited,
    /// Signed in as someone else, or with a resident's or colleague's account.
    Other { reason: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPage {
    pub state: InvitationState,
    pub form: FormState<()>,
}

#[cfg(feature = "ssr")]
async fn viewer_of(
    state: &crate::server::state::AppState,
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

#[server(prefix = "/api", endpoint = "invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationPage, crate::error::AppError> {
    use crate::server::forms::take_form;
    let state = crate::server::state::app_state()?;
    let hash = crate::server::db::account_tokens::hash_token(&token);
    let found = crate::server::db::permissions::invitation_by_hash(&state.db, &hash).await?;
    let now = chrono::Utc::now();
    let state_now = match found {
        Some(i) if i.accepted_at.is_some() => InvitationState::Accepted {
            resident: i.person_name.clone(),
        },
        Some(i) if i.cancelled_at.is_none() && i.expires_at > now => {
            let viewer = viewer_of(&state, &i).await?;
            InvitationState::Open {
                resident: i.person_name.clone(),
                name: i.name.clone(),
                email: i.email.clone(),
                scope: scope_label(&i.scope).to_owned(),
                until: i.ends_on.map_or("No end date".to_owned(), |d| {
                    format!("Until {}", d.format("%-d %B %Y"))
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

/// Accepts an invitation: signed in with the invited email as an advocate, or by setting up an
/// advocate's account for the invited email (the emailed link proves the address), which is
/// then signed in.
#[server(prefix = "/api", endpoint = "invitation/accept")]
pub async fn accept_invitation(
    token: String,
    display_name: Option<String>,
    password: Option<String>,
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
    let account_id = match viewer_of(&state, &invitation).await? {
        Viewer::Invited => {
            let session = crate::server::request::session()?;
            crate::server::auth::session_account(&state, &session)
                .await?
                .ok_or(AppError::SignInRequired)?
                .id
        }
        Viewer::NewPerson => {
            let name = display_name.unwrap_or_default().trim().to_owned();
            let password = password.unwrap_or_default();
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
