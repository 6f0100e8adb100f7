//! Requests to see the information held about a resident, for colleagues: the queue (running
//! clocks by deadline, then those waiting for identity), a request's page with its steps (stop
//! the clock for identity, confirm it, take more time for a complex request, send, close, note),
//! and recording a request made by phone, letter, email or in person.

use crate::api::your_data::{RequestLine, RequestView};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::wire::preferences::NeedsBanner;
pub use crate::wire::your_data::{RecordValues, RECORD_FORM};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectAccessQueue {
    pub open: Vec<RequestLine>,
    pub finished: Vec<RequestLine>,
}

/// What the staff request page's forms were given, kept across a mistake.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepValues {
    /// Which step's form was sent, so only its box is filled in again.
    pub step: String,
    /// The form's text: how it was sent, the reason, or the note.
    pub text: String,
    pub extend_day: String,
    pub extend_month: String,
    pub extend_year: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRequest {
    pub view: RequestView,
    pub banner: NeedsBanner,
    /// The latest date more time may reach, while it may still be taken.
    pub extend_until: Option<String>,
    pub values: StepValues,
    pub errors: FieldErrors,
    pub done: Option<String>,
}

pub const STEP_FORM: &str = "subject_access_step";

/// Open requests by deadline, and the latest finished ones.
#[server(prefix = "/api", endpoint = "staff/subject-access")]
pub async fn get_subject_access_queue() -> Result<SubjectAccessQueue, AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::subject_access as store;
    authorise(Action::HandleSubjectAccess).await?;
    let state = crate::server::state::app_state()?;
    let now = chrono::Utc::now();
    let line = |r: &crate::server::db::subject_access::RequestRow| {
        crate::server::subject_access::line(&state, r, now)
    };
    Ok(SubjectAccessQueue {
        open: store::open_requests(&state.db)
            .await?
            .iter()
            .map(line)
            .collect::<Result<_, _>>()?,
        finished: store::finished_requests(&state.db, 20)
            .await?
            .iter()
            .map(line)
            .collect::<Result<_, _>>()?,
    })
}

/// One request, with the resident's needs and what may be done next. Opening it is audited.
#[server(prefix = "/api", endpoint = "staff/subject-access/request")]
pub async fn get_staff_request(reference: String) -> Result<StaffRequest, AppError> {
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    let account = authorise(Action::HandleSubjectAccess).await?;
    let state = crate::server::state::app_state()?;
    let row = crate::server::subject_access::by_reference(&state, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now();
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "subject_access_viewed")
            .on("subject_access_request", &row.reference)
            .for_person(Some(row.person_id)),
        now,
    )
    .await?;
    let request = row.request()?;
    let schedule = state.site.schedule();
    let rule = &state.site.profile.subject_access;
    let extend_until = request.extension_open_until(now, rule, &schedule).map(|d| {
        crate::domain::london::to_local(d)
            .format("%-d %B %Y")
            .to_string()
    });
    let view = crate::server::subject_access::view(&state, &row, true, now).await?;
    let banner = crate::server::preferences::needs_banner(&state, &account, row.person_id).await?;
    let form = crate::server::forms::take_form::<StepValues>(STEP_FORM).await?;
    let session = crate::server::request::session()?;
    let done = crate::server::flash::take::<String>(&session, "subject_access_done")
        .await?
        .map(|r| r.values);
    Ok(StaffRequest {
        view,
        banner,
        extend_until,
        values: form.values,
        errors: form.errors,
        done,
    })
}

/// A step on a request: `ask_identity` (stop the clock), `identity_confirmed` (restart it),
/// `extend` (a complex request: a later date, and the reason in `text`, told to the resident),
/// `complete` (how it was sent, in `text`), `close` (why, without sending), or `note` (internal
/// unless `visible`).
#[server(prefix = "/api", endpoint = "staff/subject-access/step")]
pub async fn change_subject_access(
    reference: String,
    step: String,
    text: Option<String>,
    visible: Option<String>,
    extend_day: Option<String>,
    extend_month: Option<String>,
    extend_year: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::preferences::MessageKind;
    use crate::domain::subject_access::{Step, StepError, TEXT_LIMIT};
    use crate::server::authz::{authorise, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::subject_access as store;
    use crate::server::db::NewEvent;
    let account = authorise(Action::HandleSubjectAccess).await?;
    let state = crate::server::state::app_state()?;
    let row = crate::server::subject_access::by_reference(&state, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/subject-access/{}", row.reference);
    let values = StepValues {
        step: step.clone(),
        text: text.unwrap_or_default().trim().to_owned(),
        extend_day: extend_day.unwrap_or_default(),
        extend_month: extend_month.unwrap_or_default(),
        extend_year: extend_year.unwrap_or_default(),
    };
    let mut errors = FieldErrors::default();
    // The step's text box, by the id it has on the page.
    let text_field = text_field(&step);
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
            return crate::server::forms::back_to_form(
                STEP_FORM,
                &format!("{back}#note"),
                values,
                errors,
            )
            .await;
        }
        let shown = visible.as_deref() == Some("yes");
        let event = NewEvent::shown("note", if shown { "Message from us" } else { "Note" })
            .with_body(Some(values.text.clone()))
            .by(Some(account.id));
        let event = if shown { event } else { event.internal() };
        store::add_note(&state.db, row.id, &event, now).await?;
        if shown {
            crate::server::subject_access::tell(
                &state,
                row.person_id,
                &row.reference,
                MessageKind::Update,
                "An update on your request",
                values.text.clone(),
            )
            .await?;
        }
        return finish(&back, "Note added").await;
    }
    let planned = match step.as_str() {
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
        return crate::server::forms::back_to_form(
            STEP_FORM,
            &format!("{back}#{field}"),
            values,
            errors,
        )
        .await;
    };
    let rule = &state.site.profile.subject_access;
    let after = match row.request()?.apply(&planned, now, rule, &schedule) {
        Ok(after) => after,
        Err(problem) => {
            let field = match (&problem, step.as_str()) {
                (StepError::Clock(crate::domain::deadline::ClockError::NoReason), "extend") => {
                    "extend_reason"
                }
                _ => field,
            };
            errors.add(field, problem.to_string());
            return crate::server::forms::back_to_form(
                STEP_FORM,
                &format!("{back}#{field}"),
                values,
                errors,
            )
            .await;
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
        deadlines: crate::server::subject_access::deadlines(&state, &after),
        due_at,
        outcome,
        event,
    };
    if !store::change(&state.db, &row, &change, now).await? {
        errors.add(
            field,
            "Someone else changed this request just now: look at it again",
        );
        return crate::server::forms::back_to_form(STEP_FORM, &back, values, errors).await;
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "subject_access_changed")
            .on("subject_access_request", &row.reference)
            .for_person(Some(row.person_id))
            .detail(step.clone()),
        now,
    )
    .await?;
    crate::server::subject_access::tell(
        &state,
        row.person_id,
        &row.reference,
        said.kind,
        said.subject,
        said.what,
    )
    .await?;
    finish(&back, said.title).await
}

/// The id of a step's text box on the request page, where its errors lead.
#[cfg(feature = "ssr")]
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
#[cfg(feature = "ssr")]
struct Said {
    title: &'static str,
    body: Option<String>,
    kind: crate::domain::preferences::MessageKind,
    subject: &'static str,
    what: String,
}

#[cfg(feature = "ssr")]
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

#[cfg(feature = "ssr")]
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

#[cfg(feature = "ssr")]
async fn finish(back: &str, message: &str) -> Result<(), AppError> {
    crate::server::forms::back_to_form(
        "subject_access_done",
        back,
        message.to_owned(),
        FieldErrors::default(),
    )
    .await
}

/// A request made by phone, letter, email or in person, recorded for the resident with the
/// date it reached us. Unless identity is already confirmed, the clock starts stopped.
#[server(prefix = "/api", endpoint = "staff/subject-access/record")]
pub async fn record_subject_access(
    person: i64,
    token: Option<String>,
    channel: Option<String>,
    received: Option<String>,
    identity: Option<String>,
    details: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::Channel;
    use crate::domain::subject_access::TEXT_LIMIT;
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::HandleSubjectAccess).await?;
    let state = crate::server::state::app_state()?;
    crate::server::db::preferences::contact(&state.db, person)
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/residents/{person}#subject-access");
    let values = RecordValues {
        channel: channel.unwrap_or_default(),
        received: received.unwrap_or_default().trim().to_owned(),
        identity: identity.unwrap_or_default(),
        details: details.unwrap_or_default().trim().to_owned(),
    };
    let mut errors = FieldErrors::default();
    let channel = Channel::parse(&values.channel).filter(|c| *c != Channel::Portal);
    if channel.is_none() {
        errors.add("sar_channel", "Choose how the request reached us");
    }
    let today = crate::site::today();
    let received = chrono::NaiveDate::parse_from_str(&values.received, "%Y-%m-%d").ok();
    match received {
        None => errors.add(
            "sar_received",
            "Enter the date it reached us, like 2026-11-02",
        ),
        Some(d) if d > today => errors.add(
            "sar_received",
            "The date it reached us must be today or in the past",
        ),
        Some(d) if (today - d).num_days() > 366 => {
            errors.add("sar_received", "The date must be within the last year")
        }
        Some(_) => {}
    }
    let identity = match values.identity.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            errors.add(
                "sar_identity",
                "Say whether you have confirmed who is asking",
            );
            None
        }
    };
    if values.details.chars().count() > TEXT_LIMIT {
        errors.add(
            "sar_details",
            format!("What they asked for must be {TEXT_LIMIT} characters or fewer"),
        );
    }
    let token = token.unwrap_or_default();
    if !crate::server::tokens::is_submission_token(&token) {
        errors.add(
            "sar_channel",
            "The form had expired; check it and record it again",
        );
    }
    let (Some(channel), Some(received), Some(identity), true) =
        (channel, received, identity, errors.is_empty())
    else {
        return crate::server::forms::back_to_form(RECORD_FORM, &back, values, errors).await;
    };
    let now = chrono::Utc::now();
    // Received today: now. An earlier day: as the office opened that day.
    let received_at = if received == today {
        now
    } else {
        crate::domain::london::from_local(received.and_hms_opt(0, 0, 0).unwrap_or_default())
    };
    let reference = crate::server::subject_access::open(
        &state,
        &crate::server::subject_access::Opening {
            token: &token,
            person_id: person,
            by: &account,
            made_by: "staff",
            channel: channel.as_str(),
            details: &values.details,
            received_at,
            identity_confirmed: identity,
        },
    )
    .await?;
    crate::server::request::redirect(&format!("/staff/subject-access/{reference}"));
    Ok(())
}
