//! Cases as people see them: a case's page and its line in a list, who is writing and for
//! whom, and who may see a case.

use crate::domain::cases::{CaseKind, ClockKind, MadeBy, Status};
use crate::domain::deadline::state_of_deadline;
use crate::domain::housing::Role;
use crate::error::AppError;
use crate::format::when;
use crate::server::db::accounts::Account;
use crate::server::db::cases::{self as store, CaseRow};
use crate::server::state::AppState;
use crate::wire::cases::*;
use crate::wire::clocks::DeadlineLine;
use crate::wire::repairs::TimelineLine;
use chrono::{DateTime, Utc};

/// Who is writing: the signed-in account, the resident it is about, and how they relate.
pub struct Writer {
    pub account: Account,
    pub person_id: i64,
    pub made_by: MadeBy,
    /// The resident's name, when an advocate acts for them.
    pub acting_for: Option<String>,
}

/// Residents an advocate may act for in complaints today.
pub async fn represented(
    state: &AppState,
    account: &Account,
) -> Result<Vec<store::Represented>, AppError> {
    store::represented(&state.db, account.id, "complaints", crate::site::today()).await
}

/// The caller as a writer of cases, for `for_person` when an advocate. An advocate
/// without a current permission for that resident gets "not found".
pub async fn writer(state: &AppState, for_person: Option<i64>) -> Result<Writer, AppError> {
    use crate::server::authz::{authorise, Action};
    let account = authorise(Action::MakeCase).await?;
    if account.role == Role::Advocate {
        let person_id = for_person.ok_or(AppError::NotFound)?;
        let found = represented(state, &account)
            .await?
            .into_iter()
            .find(|r| r.person_id == person_id)
            .ok_or(AppError::NotFound)?;
        return Ok(Writer {
            account,
            person_id,
            made_by: MadeBy::Advocate,
            acting_for: Some(found.name),
        });
    }
    let person_id = account.person_id.ok_or(AppError::NotFound)?;
    let relationship = store::relationship_of(&state.db, person_id).await?;
    let made_by = match relationship.as_deref() {
        Some("household_member") => MadeBy::HouseholdMember,
        _ => MadeBy::Resident,
    };
    Ok(Writer {
        account,
        person_id,
        made_by,
        acting_for: None,
    })
}

/// Whether the caller may see this case as a resident or advocate.
pub async fn related(state: &AppState, account: &Account, row: &CaseRow) -> Result<bool, AppError> {
    Ok(match account.role {
        Role::Resident => {
            (row.person_id.is_some() && account.person_id == row.person_id)
                || row.made_by_account_id == Some(account.id)
        }
        Role::Advocate => represented(state, account)
            .await?
            .iter()
            .any(|r| Some(r.person_id) == row.person_id),
        _ => false,
    })
}

/// The case by a reference as typed, for someone allowed to see it; "not found" otherwise.
pub async fn visible_case(reference: &str) -> Result<(Account, AppState, CaseRow, bool), AppError> {
    use crate::server::authz::{may, signed_in, Action};
    let state = crate::server::state::app_state()?;
    let account = signed_in().await?;
    let (_, reference) = CaseKind::of_reference(reference).ok_or(AppError::NotFound)?;
    let row = store::case_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let related = !account.role.is_staff() && related(&state, &account, &row).await?;
    if !may(&account, Action::ViewCase { related }) {
        return Err(AppError::NotFound);
    }
    let staff = account.role.is_staff();
    Ok((account, state, row, staff))
}

pub fn status_label(row: &CaseRow) -> String {
    match (row.status, row.kind) {
        (Status::Closed, CaseKind::Complaint) => "Final response sent".to_owned(),
        (Status::Closed, CaseKind::Enquiry) => "Answered".to_owned(),
        (Status::Closed, CaseKind::Compliment) => "Passed on".to_owned(),
        (Status::Closed, _) if row.first_contact => "Sorted when you contacted us".to_owned(),
        (Status::Closed, kind) => crate::domain::cases::done_words(kind).to_owned(),
        (Status::Open, CaseKind::Complaint) if row.stage == 2 => {
            "Stage 2: being looked into".to_owned()
        }
        (s, _) => s.label().to_owned(),
    }
}

pub fn line(state: &AppState, row: &CaseRow, now: DateTime<Utc>) -> CaseLine {
    let kind = row.kind;
    let due_state = row
        .due_at
        .map(|due| state.progress(row.received_at, due, now));
    CaseLine {
        reference: row.reference.clone(),
        kind: kind.label().to_owned(),
        summary: row.summary.clone(),
        status: status_label(row),
        opened: crate::format::day(row.received_at),
        person: row.person_name.clone(),
        owner: owner_words(row),
        due: row.due_at.map(when),
        due_state,
        stage: (kind == CaseKind::Complaint).then(|| format!("Stage {}", row.stage)),
        path: None,
    }
}

/// What a case's deadline is for, with the regime's stage names; the other labels are the
/// kind's own.
pub fn clock_label(
    kind: crate::domain::clocks::ClockKind,
    regime: &crate::domain::standards::ComplaintRegime,
) -> String {
    use crate::domain::cases::stage_of;
    match kind {
        crate::domain::clocks::ClockKind::Case(ClockKind::Respond1) => {
            format!("{} response", stage_of(regime, 1).name)
        }
        crate::domain::clocks::ClockKind::Case(ClockKind::Respond2) => {
            format!("{} response", stage_of(regime, 2).name)
        }
        crate::domain::clocks::ClockKind::Case(kind) => kind.label().to_owned(),
        _ => "Deadline".to_owned(),
    }
}

fn due_of(record: &store::CaseRecord, kind: ClockKind) -> Option<String> {
    record
        .clocks
        .iter()
        .find(|c| c.kind == kind.into() && c.met_at.is_none())
        .map(|c| when(c.due_at))
}

/// What happens next, in one sentence for the resident.
fn next_step(state: &AppState, row: &CaseRow, record: &store::CaseRecord) -> String {
    let regime = &state.site.profile.complaints;
    let owner = row.owner_name.clone().unwrap_or_else(|| "We".to_owned());
    let by = |kind| {
        due_of(record, kind)
            .map(|d| format!(" by {d}"))
            .unwrap_or_default()
    };
    let status = row.status;
    match (row.kind, status) {
        (CaseKind::Complaint, Status::Received) => format!("We will acknowledge your complaint{}, and tell you who is handling it.", by(ClockKind::Acknowledge1)),
        (CaseKind::Complaint, Status::Open) => format!("{owner} will send you our {} response{}.", crate::domain::cases::stage_of(regime, row.stage as u8).name, by(ClockKind::respond(row.stage as u8))),
        (CaseKind::Complaint, Status::Responded) => "If you are unhappy with our response, you can ask us to look at it again at stage 2. You do not need to give a reason.".to_owned(),
        (CaseKind::Complaint, Status::EscalationRequested) => format!("We will acknowledge your request for stage 2{}. Someone not involved at stage 1 will handle it.", by(ClockKind::Acknowledge2)),
        (CaseKind::Complaint, Status::Closed) => format!("This is our final response. If you are still unhappy, you can ask the {} to look at it.", regime.ombudsman.name),
        (CaseKind::Complaint, Status::Declined) => format!("We could not take this on as a complaint. If you disagree, you can ask the {}.", regime.ombudsman.name),
        (CaseKind::Compliment, s) if s.is_open() => "We will pass your thanks on to the colleague and their manager.".to_owned(),
        (CaseKind::Compliment, _) => "We have passed your thanks on. Thank you for taking the time.".to_owned(),
        (_, _) if row.first_contact => "We sorted this when you contacted us. If anything is still not right, send us a message or make a complaint.".to_owned(),
        (kind, Status::Received) => {
            let reply = due_of(record, ClockKind::Reply)
                .map(|d| format!(", and {} by {d}", kind.reply_words()))
                .unwrap_or_default();
            format!("We will acknowledge it{}{reply}.", by(ClockKind::Acknowledge))
        }
        (kind, s) if s.is_open() => {
            let mut words = match due_of(record, ClockKind::Reply) {
                Some(d) => format!("{owner} will {} by {d}.", kind.reply_words()),
                None => format!("{owner} will {}.", kind.reply_words()),
            };
            if let Some(d) = due_of(record, ClockKind::Update) {
                words.push_str(&format!(" You will have an update from us by {d}."));
            }
            words
        }
        (CaseKind::Enquiry, _) => "We have answered your question. If you are unhappy with the answer, you can make a complaint about it.".to_owned(),
        (_, _) => "This is finished. If you are unhappy with how we dealt with it, you can make a complaint about it.".to_owned(),
    }
}

/// The case's page. `staff`: internal notes and the resident's needs too.
pub async fn view(
    state: &AppState,
    row: &CaseRow,
    staff: bool,
    now: DateTime<Utc>,
) -> Result<CaseView, AppError> {
    let regime = &state.site.profile.complaints;
    let record = store::record(&state.db, row.id, staff).await?;
    let next = next_step(state, row, &record);
    let kind = row.kind;
    let status = row.status;
    let schedule = state.site.schedule();
    let deadlines = record
        .clocks
        .iter()
        .map(|c| {
            let s = state_of_deadline(
                now,
                c.started_at,
                c.due_at,
                c.met_at,
                &schedule,
                state.site.profile.due_soon,
            );
            let mut label = clock_label(c.kind, regime);
            if let Some(reason) = &c.extension_reason {
                label = format!("{label} (extended: {reason})");
            }
            DeadlineLine {
                label,
                due: when(c.due_at),
                state: s.into(),
            }
        })
        .collect();
    let made_by = match (MadeBy::parse(&row.made_by), &row.made_by_name) {
        (Some(MadeBy::Advocate), Some(name)) => {
            format!("{name} on behalf of {}", row.person_name)
        }
        (Some(MadeBy::Staff), _) => format!("Recorded by us for {}", row.person_name),
        (Some(MadeBy::HouseholdMember), Some(name)) => format!("{name}, household member"),
        _ => row.person_name.clone(),
    };
    let mut answers = Vec::new();
    for q in kind.questions() {
        let value = match q.field {
            "what" => Some(row.details.clone()),
            "when" => row.happened_when.clone(),
            "outcome" => row.outcome_wanted.clone(),
            "adjustments" => row.adjustments.clone(),
            "who" => row.thanks_to.clone(),
            "related" => row.related_reference.clone(),
            _ => None,
        };
        answers.push((
            q.label.trim_end_matches(" (optional)").to_owned(),
            value
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "None given".to_owned()),
        ));
    }
    let related = row.related_reference.clone().map(|r| {
        let href = if r.starts_with("SC-") {
            let statement = r.rsplit_once('-').map(|(s, _)| s).unwrap_or(&r);
            if staff {
                format!("/staff/service-charges/{statement}")
            } else {
                let line = r.rsplit('-').next().unwrap_or_default();
                format!("/documents/service-charges/{statement}#line-{line}")
            }
        } else if r.starts_with("RP-") {
            if staff {
                format!("/staff/repairs/{r}")
            } else {
                format!("/repairs/{r}")
            }
        } else if staff {
            format!("/staff/cases/{r}")
        } else {
            format!("/cases/{r}")
        };
        (r, href)
    });
    let today = crate::domain::london::to_local(now).date();
    let responses = record
        .responses
        .iter()
        .map(|r| ResponseView {
            title: match kind {
                CaseKind::Complaint => format!(
                    "{} response",
                    crate::domain::cases::stage_of(regime, r.stage as u8).name
                ),
                _ => "Our answer".to_owned(),
            },
            decision: r
                .decision
                .as_deref()
                .and_then(crate::domain::cases::Decision::parse)
                .map(|d| d.label().to_owned()),
            points: r.points.clone(),
            reasons: r.reasons.clone(),
            remedy: r.remedy.clone(),
            when: when(r.responded_at),
            by: r.responder.clone(),
        })
        .collect();
    let actions = record
        .actions
        .iter()
        .map(|a| ActionView {
            id: a.id,
            description: a.description.clone(),
            due: a.due_on.format(crate::format::DATE).to_string(),
            done: a.done_at.map(when),
            overdue: a.done_at.is_none() && a.due_on < today,
        })
        .collect();
    let timeline = record
        .events
        .into_iter()
        .map(|e| {
            let by = match (&e.actor_name, &e.on_behalf_of_name, e.actor_role.as_deref()) {
                (Some(a), Some(p), _) => Some(format!("{a} on behalf of {p}")),
                (Some(a), None, Some(role)) if role != "resident" && role != "advocate" => {
                    Some(if staff {
                        a.clone()
                    } else {
                        format!("{a}, {}", state.site.profile.landlord.name)
                    })
                }
                (Some(a), None, _) => Some(a.clone()),
                _ => None,
            };
            TimelineLine {
                title: e.title,
                when: when(e.occurred_at),
                by,
                body: e.body,
                internal: !e.visible,
            }
        })
        .collect();
    let finished =
        matches!(status, Status::Closed | Status::Declined) && kind == CaseKind::Complaint;
    let ombudsman = (finished || (kind == CaseKind::Complaint && status == Status::Responded))
        .then(|| OmbudsmanView {
            name: regime.ombudsman.name.clone(),
            phone: regime.ombudsman.phone.clone(),
            website: regime.ombudsman.website.clone(),
            time_limit: regime.ombudsman.time_limit.clone(),
        });
    Ok(CaseView {
        reference: row.reference.clone(),
        kind: kind.label().to_owned(),
        kind_code: kind.as_str().to_owned(),
        summary: row.summary.clone(),
        status: status_label(row),
        status_code: row.status.as_str().to_owned(),
        stage: row.stage,
        stage_name: (kind == CaseKind::Complaint).then(|| {
            crate::domain::cases::stage_of(regime, row.stage as u8)
                .name
                .clone()
        }),
        open: status.is_open(),
        person: row.person_name.clone(),
        made_by,
        channel: crate::domain::cases::Channel::parse(&row.channel)
            .map_or_else(|| row.channel.clone(), |c| c.label().to_owned()),
        received: when(row.received_at),
        owner: owner_words(row),
        next_step: next,
        deadlines,
        answers,
        related,
        understanding: row.understanding.clone(),
        decline_reason: row.decline_reason.clone(),
        responses,
        actions,
        timeline,
        may_escalate: kind == CaseKind::Complaint && row.stage == 1 && status == Status::Responded,
        may_reply: status.is_open(),
        may_complain_about: kind.is_contact() && kind != CaseKind::Compliment,
        ombudsman,
    })
}

/// The draft for `kind`, started afresh when there is none or it is for something else.
pub async fn draft_for(
    kind: CaseKind,
    for_person: Option<i64>,
) -> Result<crate::server::cases::Draft, AppError> {
    let session = crate::server::request::session()?;
    let existing = crate::server::cases::DRAFT.get(&session).await?;
    Ok(match existing {
        Some(d) if d.kind == Some(kind) && (for_person.is_none() || d.for_person == for_person) => {
            d
        }
        _ => crate::server::cases::Draft {
            token: crate::server::tokens::submission_token(),
            kind: Some(kind),
            for_person,
            ..Default::default()
        },
    })
}

/// A kind a resident may start here: one the landlord offers ("Contact us" has its own form).
pub fn kind_of(state: &AppState, slug: &str) -> Result<CaseKind, AppError> {
    CaseKind::parse(slug)
        .filter(|k| *k != CaseKind::Message && k.offered(&state.site.profile))
        .ok_or(AppError::NotFound)
}

/// The kinds a resident may start, as links with what the landlord promises for each.
pub fn offered_kinds(state: &AppState) -> Vec<crate::wire::repairs::Offered> {
    let profile = &state.site.profile;
    CaseKind::offered_to_residents(profile)
        .into_iter()
        .map(|kind| {
            let first = kind.questions().first().map_or("what", |q| q.field);
            let hint = match kind {
                CaseKind::Complaint => {
                    "About our service, our staff or someone working for us.".to_owned()
                }
                CaseKind::Compliment => "To thank a colleague or a team.".to_owned(),
                CaseKind::Enquiry => format!(
                    "About anything else. {}",
                    crate::domain::cases::promise_words(kind, profile)
                ),
                _ => crate::domain::cases::promise_words(kind, profile),
            };
            crate::wire::repairs::Offered {
                value: format!("/cases/new/{}/{first}", kind.as_str()),
                label: kind.start_words().to_owned(),
                hint: Some(hint.trim().to_owned()).filter(|h| !h.is_empty()),
            }
        })
        .collect()
}

/// Who is dealing with a case, as the resident and colleagues read it: "Sam Patel (Complaints
/// and resolution)", or the team alone until a colleague takes it.
fn owner_words(row: &CaseRow) -> Option<String> {
    match (&row.owner_name, &row.team) {
        (Some(name), Some(team)) => Some(format!("{name} ({team})")),
        (Some(name), None) => Some(name.clone()),
        (None, Some(team)) => Some(format!("{team} (no named colleague yet)")),
        (None, None) => None,
    }
}
