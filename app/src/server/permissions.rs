//! Permissions a colleague records for a resident from a signed form or a phone call: who may
//! act for them, in what, until when, with the evidence kept (the form, stored like a document,
//! and the colleague's note). The advocate gets an account of their own, or uses the one they
//! have; the resident is told, so a permission they did not give cannot pass unnoticed.

use super::db::accounts::{account_by_email, create_account, record_audit, AuditEvent, NewAccount};
use super::db::permissions::{self as store, RecordedPermission};
use super::documents::{keep_upload, PendingFile};
use super::forms::SessionSlot;
use super::state::AppState;
use crate::domain::housing::Role;
use crate::domain::preferences::MessageKind;
use crate::domain::validation::{looks_like_email, FieldErrors};
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::wire::permissions::*;
use crate::wire::permissions::{scope_label, PaperValues, RELATIONSHIPS, SCOPES};
use chrono::Utc;
use tower_sessions::Session;

/// Where the chosen evidence is kept between tries of the form.
pub const PENDING: SessionSlot<PendingFile> = SessionSlot::new("permission-evidence-pending");

/// What recording did.
pub enum Recorded {
    /// Recorded, with the message for the colleague.
    Done(String),
    /// Refused: the problems, by field.
    Refused(FieldErrors),
}

/// Records a permission for `person` from the staff form. The file (if chosen) is checked by
/// its bytes and kept across a mistake elsewhere on the form.
pub async fn record(
    state: &AppState,
    session: &Session,
    person: i64,
    values: &PaperValues,
    file: Option<super::documents::Chosen>,
) -> Result<Recorded, AppError> {
    use super::authz::{authorise_session, Action};
    let colleague = authorise_session(state, session, Action::RecordPermissions).await?;
    let resident = super::db::preferences::contact(&state.db, person)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::default();
    let evidence = match keep_upload(state, session, &PENDING, file).await? {
        Ok(kept) => kept,
        Err(problem) => {
            errors.add("evidence", problem.message());
            PENDING.get(session).await?
        }
    };
    let name = values.name.trim();
    let email = values.email.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.add(
            "advocate_name",
            "Enter their full name, in 100 characters or fewer",
        );
    }
    let existing = if !looks_like_email(email) || email.chars().count() > 254 {
        errors.add(
            "advocate_email",
            "Enter their email address, like name@example.com",
        );
        None
    } else {
        account_by_email(&state.db, email).await?
    };
    if existing.as_ref().is_some_and(|a| a.role != Role::Advocate) {
        errors.add(
            "advocate_email",
            "This email address belongs to a resident's or a colleague's account, which cannot act for someone else: ask for another address",
        );
    }
    if !RELATIONSHIPS.iter().any(|(c, _)| *c == values.relationship) {
        errors.add(
            "advocate_relationship",
            "Select who they are to the resident",
        );
    }
    if !SCOPES.iter().any(|(c, _, _)| *c == values.scope) {
        errors.add("advocate_scope", "Select what they may do");
    }
    let given_by = match values.given_by.as_str() {
        "paper" => Some("paper"),
        "phone" => Some("phone"),
        _ => {
            errors.add("given_by", "Select how the resident gave permission");
            None
        }
    };
    let note = values.note.trim();
    if note.chars().count() > crate::domain::cases::TEXT_LIMIT {
        errors.add("note", "The note must be 2000 characters or fewer");
    }
    match given_by {
        Some("paper") if evidence.is_none() && errors.for_field("evidence").is_none() => {
            errors.add("evidence", "Upload the signed form (a PDF, JPEG or PNG)")
        }
        Some("phone") if note.is_empty() => errors.add(
            "note",
            "Write what the resident said, and how you checked it was them",
        ),
        _ => {}
    }
    let today = crate::site::today();
    let ends_on = match crate::domain::validation::date_of(
        &values.ends_day,
        &values.ends_month,
        &values.ends_year,
    ) {
        Some(d) if d < today => {
            errors.add("permission_ends", "The last day must be today or later");
            None
        }
        Some(d) if d > today + chrono::Duration::days(3 * 366) => {
            errors.add(
                "permission_ends",
                "The last day must be within three years; record it again then",
            );
            None
        }
        Some(d) => Some(d),
        None => {
            errors.add(
                "permission_ends",
                "Enter the last day the permission lasts, like 31 3 2027",
            );
            None
        }
    };
    let (Some(given_by), Some(ends_on), true) = (given_by, ends_on, errors.is_empty()) else {
        return Ok(Recorded::Refused(errors));
    };
    let now = Utc::now();
    let (advocate_id, new_account) = match existing {
        Some(account) => (account.id, false),
        None => {
            let id = create_account(
                &state.db,
                NewAccount {
                    person_id: None,
                    email,
                    display_name: name,
                    password_hash: None,
                    role: Role::Advocate,
                    firm_id: None,
                },
                now,
            )
            .await?;
            (id, true)
        }
    };
    let recorded = store::record(
        &state.db,
        &RecordedPermission {
            advocate_account_id: advocate_id,
            person_id: person,
            scope: &values.scope,
            relationship: &values.relationship,
            given_by,
            ends_on,
            note,
            evidence: evidence
                .as_ref()
                .map(|e| (e.key.as_str(), e.filename.as_str(), e.content_type.as_str())),
            recorded_by: colleague.id,
        },
        today,
        now,
    )
    .await?;
    PENDING.drop(session).await?;
    let Some(id) = recorded else {
        // Already recorded (a second press): the first stands and this copy of the file goes.
        if let Some(file) = &evidence {
            state.storage.delete(&file.key).await?;
        }
        return Ok(Recorded::Done(format!(
            "{name} can already act for {} in this",
            resident.name
        )));
    };
    record_audit(
        &state.db,
        AuditEvent::by(Some(colleague.id), "permission_recorded")
            .on("advocate_permission", id)
            .for_person(Some(person))
            .detail(format!("{email} ({}, {given_by})", values.scope)),
        now,
    )
    .await?;
    let landlord = &state.site.profile.landlord;
    let scope = scope_label(&values.scope).to_lowercase();
    let until = ends_on.format(crate::format::DATE);
    let start = if new_account {
        let token = super::db::account_tokens::issue(
            &state.db,
            advocate_id,
            super::db::account_tokens::Purpose::SetPassword,
            None,
            now,
        )
        .await?;
        vec![
            "To use Doorstep, our online service, choose your password with this link within 7 days:".to_owned(),
            state.link(&format!("/set-password?token={token}")),
        ]
    } else {
        vec![format!(
            "Sign in to Doorstep at {} to act for them.",
            state.link("/sign-in")
        )]
    };
    let message = super::emails::permission_recorded(
        landlord,
        name,
        &resident.name,
        &scope,
        &until.to_string(),
        &start,
    );
    state.outbox.queue(&state.db, email, message).await?;
    super::notify::tell(
        state,
        person,
        &super::notify::Notice {
            kind: MessageKind::Update,
            subject: format!("{name} can now act for you"),
            what: format!(
                "We have recorded that {name} may act for you in: {scope}, until {until}. If you did not agree to this, phone us on {} straight away. You can see and withdraw permissions under \"People who can act for you\" in your account.",
                landlord.phone
            ),
            reference: None,
            path: Some("/account/people".to_owned()),
        },
        now,
    )
    .await?;
    Ok(Recorded::Done(format!(
        "Recorded: {name} can act for {} until {until}",
        resident.name
    )))
}

/// The evidence of a recorded permission, for a colleague who may record them.
pub async fn evidence(
    state: &AppState,
    session: &Session,
    permission_id: i64,
) -> Result<Option<super::documents::Download>, AppError> {
    use super::authz::{may, Action};
    let Some(colleague) = super::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&colleague, Action::RecordPermissions) {
        return Ok(None);
    }
    let Some(found) = store::evidence(&state.db, permission_id).await? else {
        return Ok(None);
    };
    let Some((body, size)) = state.storage.open(&found.key).await? else {
        return Ok(None);
    };
    record_audit(
        &state.db,
        AuditEvent::by(Some(colleague.id), "permission_evidence_viewed")
            .on("advocate_permission", permission_id)
            .for_person(Some(found.person_id)),
        Utc::now(),
    )
    .await?;
    Ok(Some(super::documents::Download {
        filename: found.filename,
        content_type: found.content_type,
        size,
        body,
    }))
}

/// The residents an advocate acts for, as choices, each with when the permission ends.
pub fn represented_choices(
    people: Vec<crate::server::db::cases::Represented>,
) -> Vec<crate::wire::forms::Offered> {
    people
        .into_iter()
        .map(|p| crate::wire::forms::Offered {
            value: p.person_id.to_string(),
            label: p.name,
            hint: p
                .ends_on
                .map(|d| format!("Your permission ends on {}", crate::format::date(d))),
        })
        .collect()
}

/// The signed-in resident's people and invitations.
pub async fn people(
    state: &AppState,
    account: Account,
) -> Result<PeoplePage, crate::error::AppError> {
    use crate::error::AppError;
    use crate::server::db::permissions as store;
    use crate::server::forms::take_form;
    let person = account.person_id.ok_or(AppError::NotFound)?;
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

pub fn permission_view(p: crate::server::db::permissions::Permission) -> PermissionView {
    let when = p.created_at.format(crate::format::DATE);
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
            format!("Until {}", d.format(crate::format::DATE))
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
