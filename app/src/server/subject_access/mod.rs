//! Requests to see the information held about a resident, on the server: opening one (from the
//! portal or recorded by a colleague) with its clock, each as a line and a page, and telling
//! the resident what happened through their preferred channel.

pub mod ask;
pub mod pages;
pub mod record;
pub mod steps;

use super::db::accounts::{record_audit, Account, AuditEvent};
use super::db::subject_access::{self as store, NewRequest, RequestRow};
use super::db::NewEvent;
use super::state::AppState;
use crate::domain::preferences::MessageKind;
use crate::domain::subject_access::{Request, Status, PREFIX};
use crate::error::AppError;
use crate::format::{day, when};
use crate::wire::clocks::{DeadlineLine, Progress};
use crate::wire::repairs::TimelineLine;
use crate::wire::your_data::{RequestLine, RequestView};
use chrono::{DateTime, Utc};

/// What a new request says.
pub struct Opening<'a> {
    pub token: &'a str,
    pub person_id: i64,
    pub by: &'a Account,
    /// `resident` or `staff`.
    pub made_by: &'static str,
    pub channel: &'a str,
    pub details: &'a str,
    pub received_at: DateTime<Utc>,
    pub identity_confirmed: bool,
}

/// "phone call", "letter", "in person".
fn channel_words(code: &str) -> String {
    crate::domain::cases::Channel::parse(code)
        .map_or(code, |c| c.label())
        .to_lowercase()
}

/// The request by a reference as typed, or nothing.
pub async fn by_reference(state: &AppState, typed: &str) -> Result<Option<RequestRow>, AppError> {
    match crate::domain::reference::normalise_reference(PREFIX, typed) {
        Some(reference) => store::by_reference(&state.db, &reference).await,
        None => Ok(None),
    }
}

/// The deadlines a request's clock is stored with, by this release's rules.
pub fn deadlines(state: &AppState, request: &Request) -> store::Deadlines {
    let rule = &state.site.profile.subject_access;
    let schedule = state.site.schedule();
    store::Deadlines {
        standard: request.first_deadline(rule, &schedule),
        in_force: request.deadline(rule, &schedule),
    }
}

/// Brings stored requests up to this release, after migrating: a request whose clock is still
/// only in the JSON column of releases before the clock store gets its clock there, and every
/// open request's stored deadline (`due_at`, the staff queue's order) is rewritten with the
/// rules of this release, which pages already use, so a release that corrects a rule (issue
/// 17: the month restarting when identity arrives, a promise counting only where earlier)
/// leaves no queue showing the old date. Returns how many deadlines changed.
pub async fn refresh_due_dates(state: &AppState) -> Result<usize, AppError> {
    let rule = &state.site.profile.subject_access;
    let schedule = state.site.schedule();
    for (id, status, json) in store::without_clock(&state.db).await? {
        let request = Request {
            status: Status::parse(&status).ok_or_else(|| {
                crate::error::internal(format!("request {id}: unknown status {status}"))
            })?,
            clock: serde_json::from_str(&json).map_err(|e| {
                crate::error::internal(format!("request {id}: clock unreadable: {e}"))
            })?,
        };
        store::adopt_clock(&state.db, id, &request, deadlines(state, &request)).await?;
    }
    let mut changed = 0;
    for row in store::open_requests(&state.db).await? {
        let request = row.request()?;
        let due = request.due_at(rule, &schedule);
        let stored = row.clock.as_ref().map(|c| (c.standard_due_at, c.due_at));
        let wanted = deadlines(state, &request);
        if due != row.due_at || stored != Some((wanted.standard, wanted.in_force)) {
            store::set_deadlines(&state.db, &row, due, wanted).await?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// Opens a request once per form token, tells the resident, and returns its reference.
pub async fn open(state: &AppState, opening: &Opening<'_>) -> Result<String, AppError> {
    let site = &state.site;
    let rule = &site.profile.subject_access;
    let request = Request::open(opening.received_at, rule, opening.identity_confirmed);
    let due_at = request.due_at(rule, &site.schedule());
    let event = NewEvent::shown(
        "received",
        match opening.made_by {
            "resident" => "You asked to see the information we hold about you".to_owned(),
            _ => format!("Request received: {}", channel_words(opening.channel)),
        },
    )
    .with_body((!opening.details.is_empty()).then(|| opening.details.to_owned()))
    .by(Some(opening.by.id));
    let now = Utc::now();
    let (reference, created) = store::create(
        &state.db,
        &NewRequest {
            token: opening.token,
            person_id: opening.person_id,
            made_by: opening.made_by,
            made_by_account_id: opening.by.id,
            channel: opening.channel,
            details: opening.details,
            request: &request,
            deadlines: deadlines(state, &request),
            received_at: opening.received_at,
            due_at,
            event,
        },
        now,
        || super::tokens::reference(PREFIX),
    )
    .await?;
    if !created {
        return Ok(reference);
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(opening.by.id), "subject_access_requested")
            .on("subject_access_request", &reference)
            .for_person(Some(opening.person_id)),
        now,
    )
    .await?;
    let what = match due_at {
        Some(due) => format!(
            "We have your request to see the information we hold about you. We will send it to you by {}.",
            when(due)
        ),
        None => "We have your request to see the information we hold about you. Before we can send it, we need to confirm who you are: we will be in touch to ask how. The time we have to answer starts once we have confirmed it.".to_owned(),
    };
    tell(
        state,
        opening.person_id,
        &reference,
        MessageKind::Acknowledged,
        "We have your request",
        what,
    )
    .await?;
    Ok(reference)
}

/// Tells the resident about their request on their preferred channel.
pub async fn tell(
    state: &AppState,
    person_id: i64,
    reference: &str,
    kind: MessageKind,
    subject: &str,
    what: String,
) -> Result<(), AppError> {
    let notice = super::notify::Notice {
        kind,
        subject: format!("{subject}: {reference}"),
        what,
        reference: Some(reference.to_owned()),
        path: Some(format!("/account/your-data/{reference}")),
    };
    super::notify::tell(state, person_id, &notice, Utc::now()).await?;
    Ok(())
}

/// Where the request's clock stands now: stopped while identity is being confirmed, closed for
/// a request ended without sending.
fn standing(state: &AppState, request: &Request, now: DateTime<Utc>) -> Progress {
    if request.status == Status::Closed {
        return Progress::Closed;
    }
    request
        .state(
            now,
            &state.site.profile.subject_access,
            &state.site.schedule(),
            state.site.profile.due_soon,
        )
        .into()
}

pub fn line(
    state: &AppState,
    row: &RequestRow,
    now: DateTime<Utc>,
) -> Result<RequestLine, AppError> {
    let request = row.request()?;
    let progress = standing(state, &request, now);
    Ok(RequestLine {
        reference: row.reference.clone(),
        person: row.person_name.clone(),
        received: day(row.received_at),
        status: request.status.label().to_owned(),
        due: request
            .due_at(&state.site.profile.subject_access, &state.site.schedule())
            .map(when),
        state: progress,
    })
}

/// The request's page: for the resident (`staff` false: no internal notes) or a colleague.
pub async fn view(
    state: &AppState,
    row: &RequestRow,
    staff: bool,
    now: DateTime<Utc>,
) -> Result<RequestView, AppError> {
    let request = row.request()?;
    let schedule = state.site.schedule();
    let rule = &state.site.profile.subject_access;
    let landlord = &state.site.profile.landlord;
    let progress = standing(state, &request, now);
    let deadline = (request.status != Status::Closed).then(|| DeadlineLine {
        label: "Information sent to you".to_owned(),
        due: match request.status {
            Status::IdentityCheck => {
                "a date we set once we have confirmed who is asking".to_owned()
            }
            _ => when(request.deadline(rule, &schedule)),
        },
        state: progress,
    });
    let due = || when(request.deadline(rule, &schedule));
    let next_step = match (request.status, staff) {
        (Status::IdentityCheck, true) => "The clock is stopped. Once you have seen proof of who is asking, confirm it here and the clock runs again.".to_owned(),
        (Status::InProgress, true) => format!(
            "Gather everything held about {} (in Doorstep and elsewhere), remove other people's details, and send it by {}.",
            row.person_name,
            due()
        ),
        (Status::Completed, true) => "The information has been sent.".to_owned(),
        (Status::Closed, true) => "Closed without sending.".to_owned(),
        (Status::IdentityCheck, false) => format!(
            "We need to confirm who is asking before we can send anything. We will contact you to ask how; you can also phone {} on {}. Our time to answer starts once we have confirmed it.",
            landlord.name, landlord.phone
        ),
        (Status::InProgress, false) => format!(
            "We are gathering the information we hold about you and will send it by {}.",
            due()
        ),
        (Status::Completed, false) => "We have sent you the information we hold about you. If you think something is missing or wrong, tell us.".to_owned(),
        (Status::Closed, false) => "This request is closed. You can make a new one at any time.".to_owned(),
    };
    let timeline = store::events(&state.db, row.id, staff)
        .await?
        .into_iter()
        .rev()
        .map(|e| TimelineLine {
            title: e.title,
            when: when(e.occurred_at),
            by: if staff { e.actor_name } else { None },
            body: e.body,
            internal: !e.visible,
        })
        .collect();
    Ok(RequestView {
        reference: row.reference.clone(),
        person_id: row.person_id,
        person: row.person_name.clone(),
        status: request.status.label().to_owned(),
        status_code: request.status.as_str().to_owned(),
        open: request.status.is_open(),
        received: when(row.received_at),
        made_by: match row.made_by.as_str() {
            "resident" => "On Doorstep".to_owned(),
            _ => format!(
                "{}, recorded by {}",
                crate::domain::cases::Channel::parse(&row.channel)
                    .map_or(row.channel.as_str(), |c| c.label()),
                row.made_by_name.clone().unwrap_or_default()
            ),
        },
        details: row.details.clone(),
        identity_confirmed: row.identity_confirmed_at.map(when),
        finished: row.completed_at.map(when),
        deadline,
        next_step,
        outcome: row.outcome.clone(),
        timeline,
    })
}
