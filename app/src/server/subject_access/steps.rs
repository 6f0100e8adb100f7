//! A colleague's step on a request to see information (stop the clock for identity, confirm
//! it, take more time, send, close) or a note, checked against the request's rules and the
//! form, then written with its timeline entry, audited and told to the resident.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::db::subject_access::RequestRow;
use crate::server::state::AppState;
use crate::wire::your_data::StepValues;

/// What a step came to: done (what the colleague is told), or refused with the problems and
/// the part of the page they belong to.
pub enum Taken {
    Done(&'static str),
    Refused {
        anchor: Option<&'static str>,
        errors: FieldErrors,
    },
}

/// Takes `values.step` on the request (a note is internal unless `visible`).
pub async fn take(
    state: &AppState,
    account: &Account,
    row: &RequestRow,
    values: &StepValues,
    visible: bool,
) -> Result<Taken, AppError> {
    use crate::domain::preferences::MessageKind;
    use crate::domain::subject_access::{Step, StepError, TEXT_LIMIT};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::subject_access as store;
    use crate::server::db::NewEvent;
    let step = values.step.as_str();
    let mut errors = FieldErrors::default();
    // The step's text box, by the id it has on the page.
    let text_field = text_field(step);
    if values.text.chars().count() > TEXT_LIMIT {
        errors.add(
            text_field,
            format!("Write {TEXT_LIMIT} characters or fewer"),
        );
    }
    let now = chrono::Utc::now();
    let schedule = state.site.schedule();
    if step == "note" {
        if values.text.is_empty() {
            errors.add("note", "Write the note");
        }
        if !errors.is_empty() {
            return Ok(Taken::Refused {
                anchor: Some("note"),
                errors,
            });
        }
        let shown = visible;
        let event = NewEvent::shown("note", if shown { "Message from us" } else { "Note" })
            .with_body(Some(values.text.clone()))
            .by(Some(account.id));
        let event = if shown { event } else { event.internal() };
        store::add_note(&state.db, row.id, &event, now).await?;
        if shown {
            super::tell(
                state,
                row.person_id,
                &row.reference,
                MessageKind::Update,
                "An update on your request",
                values.text.clone(),
            )
            .await?;
        }
        return Ok(Taken::Done("Note added"));
    }
    let planned = match step {
        "ask_identity" => Some(Step::AskForIdentity),
        "identity_confirmed" => Some(Step::IdentityConfirmed),
        "complete" => {
            if values.text.is_empty() {
                errors.add("how", "Say how the information was sent");
            }
            Some(Step::Complete)
        }
        "close" => {
            if values.text.is_empty() {
                errors.add("reason", "Give the reason for closing the request");
            }
            Some(Step::Close {
                reason: values.text.clone(),
            })
        }
        "extend" => {
            let to = crate::domain::validation::date_of(
                &values.extend_day,
                &values.extend_month,
                &values.extend_year,
            );
            if to.is_none() {
                errors.add("extend", "Enter the new date, like 4 1 2027");
            }
            if values.text.is_empty() {
                errors.add("extend_reason", "Give the reason it needs more time");
            }
            to.map(|d| Step::Extend {
                to: schedule.close_of(d),
                reason: values.text.clone(),
            })
        }
        _ => return Err(AppError::NotFound),
    };
    let field = if step == "extend" {
        "extend"
    } else {
        text_field
    };
    let Some(planned) = planned.filter(|_| errors.is_empty()) else {
        return Ok(Taken::Refused {
            anchor: Some(field),
            errors,
        });
    };
    let rule = &state.site.profile.subject_access;
    let after = match row.request()?.apply(&planned, now, rule, &schedule) {
        Ok(after) => after,
        Err(problem) => {
            let field = match (&problem, step) {
                (StepError::Clock(crate::domain::deadline::ClockError::NoReason), "extend") => {
                    "extend_reason"
                }
                _ => field,
            };
            errors.add(field, problem.to_string());
            return Ok(Taken::Refused {
                anchor: Some(field),
                errors,
            });
        }
    };
    let due_at = after.due_at(rule, &schedule);
    let outcome = match &planned {
        Step::Complete => Some(values.text.as_str()),
        Step::Close { reason } => Some(reason.as_str()),
        _ => None,
    };
    let said = said(&planned, &values.text, due_at);
    let event = NewEvent::shown(step_kind(&planned), said.title)
        .with_body(said.body.clone())
        .by(Some(account.id));
    let change = store::Change {
        after: &after,
        deadlines: crate::server::subject_access::deadlines(state, &after),
        due_at,
        outcome,
        event,
    };
    if !store::change(&state.db, row, &change, now).await? {
        errors.add(
            field,
            "Someone else changed this request just now: look at it again",
        );
        return Ok(Taken::Refused {
            anchor: None,
            errors,
        });
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "subject_access_changed")
            .on("subject_access_request", &row.reference)
            .for_person(Some(row.person_id))
            .detail(step.to_owned()),
        now,
    )
    .await?;
    super::tell(
        state,
        row.person_id,
        &row.reference,
        said.kind,
        said.subject,
        said.what,
    )
    .await?;
    Ok(Taken::Done(said.title))
}

/// The id of a step's text box on the request page, where its errors lead.
fn text_field(step: &str) -> &'static str {
    match step {
        "note" => "note",
        "complete" => "how",
        "close" => "reason",
        "extend" => "extend_reason",
        _ => "step",
    }
}

/// What a step says: on the timeline (a title and body) and to the resident (a message).
struct Said {
    title: &'static str,
    body: Option<String>,
    kind: crate::domain::preferences::MessageKind,
    subject: &'static str,
    what: String,
}

fn said(
    step: &crate::domain::subject_access::Step,
    how: &str,
    due_at: Option<chrono::DateTime<chrono::Utc>>,
) -> Said {
    use crate::domain::preferences::MessageKind;
    use crate::domain::subject_access::Step;
    let due = due_at.map(crate::format::when).unwrap_or_default();
    match step {
        Step::AskForIdentity => Said {
            title: "Clock stopped: we need to confirm who is asking",
            body: None,
            kind: MessageKind::Update,
            subject: "We need to confirm who you are",
            what: "Before we can send you the information we hold about you, we need to confirm who you are. We will be in touch to ask how. The time we have to answer is paused until then.".to_owned(),
        },
        Step::IdentityConfirmed => Said {
            title: "Identity confirmed: the clock runs again",
            body: Some(format!("Due by {due}")),
            kind: MessageKind::Acknowledged,
            subject: "Thank you for confirming who you are",
            what: format!("Thank you for confirming who you are. We will send you the information we hold about you by {due}."),
        },
        Step::Extend { reason, .. } => Said {
            title: "More time needed",
            body: Some(format!("New date: {due}. {reason}")),
            kind: MessageKind::DeadlineExtended,
            subject: "We need more time for your request",
            what: format!("Your request is complex, so we need more time: we will now send you the information by {due}. The reason: {reason}"),
        },
        Step::Complete => Said {
            title: "Information sent",
            body: Some(how.to_owned()),
            kind: MessageKind::ResponseReady,
            subject: "We have sent the information we hold about you",
            what: format!("We have sent you the information we hold about you: {how}. If you think something is missing or wrong, tell us."),
        },
        Step::Close { reason } => Said {
            title: "Request closed",
            body: Some(reason.clone()),
            kind: MessageKind::Update,
            subject: "Your request is closed",
            what: format!("We have closed your request to see the information we hold about you. The reason: {reason}"),
        },
    }
}

fn step_kind(step: &crate::domain::subject_access::Step) -> &'static str {
    use crate::domain::subject_access::Step;
    match step {
        Step::AskForIdentity => "identity_requested",
        Step::IdentityConfirmed => "identity_confirmed",
        Step::Extend { .. } => "extended",
        Step::Complete => "completed",
        Step::Close { .. } => "closed",
    }
}
