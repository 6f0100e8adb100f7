//! Complaints, compliments and questions for residents and advocates: "Your complaints and
//! questions", the journey one question a page (check your answers, send once), the case page
//! with its deadlines, responses and timeline, replying, and escalating to stage 2.
//!
//! An advocate acts only for residents whose current permission covers complaints; the
//! permission is checked again on every request, so a withdrawn or expired one stops at once.

use super::repairs::{DeadlineLine, Offered, TimelineLine};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A case as a line in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLine {
    pub reference: String,
    pub kind: String,
    pub summary: String,
    pub status: String,
    pub opened: String,
    /// The resident it concerns (advocates' and staff lists).
    pub person: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub due_state: Option<String>,
    pub stage: Option<String>,
}

/// The start of the area: what can be started, for whom, and the cases so far.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasesHome {
    pub advocate: bool,
    /// For an advocate: the residents they may act for (person id, name).
    pub represented: Vec<Offered>,
    pub lines: Vec<CaseLine>,
}

/// One question of the journey.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseQuestion {
    pub kind: String,
    pub kind_label: String,
    pub field: String,
    pub label: String,
    pub hint: String,
    pub long: bool,
    pub limit: usize,
    pub value: String,
    pub errors: FieldErrors,
    pub back: String,
    pub number: usize,
    pub of: usize,
    pub acting_for: Option<String>,
    pub related: Option<String>,
}

/// "Check your answers".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCheck {
    pub kind: String,
    pub kind_label: String,
    pub token: String,
    /// Question, answer, where to change it.
    pub rows: Vec<(String, String, String)>,
    pub acting_for: Option<String>,
    pub next: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseView {
    pub title: String,
    pub decision: Option<String>,
    pub points: String,
    pub reasons: Option<String>,
    pub remedy: Option<String>,
    pub when: String,
    pub by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    pub id: i64,
    pub description: String,
    pub due: String,
    pub done: Option<String>,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OmbudsmanView {
    pub name: String,
    pub phone: String,
    pub website: String,
    pub time_limit: String,
}

/// A case as its page shows it (to the resident or advocate, or with more to staff).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub reference: String,
    pub kind: String,
    pub kind_code: String,
    pub summary: String,
    pub status: String,
    pub status_code: String,
    pub stage: i64,
    pub stage_name: Option<String>,
    pub open: bool,
    pub person: String,
    pub made_by: String,
    pub channel: String,
    pub received: String,
    pub owner: Option<String>,
    pub next_step: String,
    pub deadlines: Vec<DeadlineLine>,
    pub answers: Vec<(String, String)>,
    pub related: Option<(String, String)>,
    pub understanding: Option<String>,
    pub decline_reason: Option<String>,
    pub responses: Vec<ResponseView>,
    pub actions: Vec<ActionView>,
    pub timeline: Vec<TimelineLine>,
    pub may_escalate: bool,
    pub may_reply: bool,
    /// A service request the resident may complain about.
    pub may_complain_about: bool,
    pub ombudsman: Option<OmbudsmanView>,
}

pub const CASE_FORM: &str = "cases";

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use super::*;
    use crate::api::repairs::support::{colour, when};
    use crate::domain::cases::{CaseKind, ClockKind, MadeBy, Status};
    use crate::domain::deadline::state_of_deadline;
    use crate::domain::housing::Role;
    use crate::server::db::accounts::Account;
    use crate::server::db::cases::{self as store, CaseRow};
    use crate::server::state::AppState;
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
    pub async fn related(
        state: &AppState,
        account: &Account,
        row: &CaseRow,
    ) -> Result<bool, AppError> {
        Ok(match account.role {
            Role::Resident => {
                account.person_id == Some(row.person_id)
                    || row.made_by_account_id == Some(account.id)
            }
            Role::Advocate => represented(state, account)
                .await?
                .iter()
                .any(|r| r.person_id == row.person_id),
            _ => false,
        })
    }

    /// The case by a reference as typed, for someone allowed to see it; "not found" otherwise.
    pub async fn visible_case(
        reference: &str,
    ) -> Result<(Account, AppState, CaseRow, bool), AppError> {
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
        match (Status::parse(&row.status), row.kind.as_str()) {
            (Some(Status::Closed), "complaint") => "Final response sent".to_owned(),
            (Some(Status::Closed), "enquiry") => "Answered".to_owned(),
            (Some(Status::Closed), "compliment") => "Passed on".to_owned(),
            (Some(Status::Open), "complaint") if row.stage == 2 => {
                "Stage 2: being looked into".to_owned()
            }
            (Some(s), _) => s.label().to_owned(),
            (None, _) => row.status.clone(),
        }
    }

    pub fn line(state: &AppState, row: &CaseRow, now: DateTime<Utc>) -> CaseLine {
        let kind = CaseKind::parse(&row.kind);
        let due_state = row.due_at.map(|due| {
            state_of_deadline(
                now,
                row.received_at,
                due,
                None,
                &state.site.schedule(),
                state.site.profile.due_soon,
            )
            .label()
            .to_owned()
        });
        CaseLine {
            reference: row.reference.clone(),
            kind: kind.map_or_else(|| row.kind.clone(), |k| k.label().to_owned()),
            summary: row.summary.clone(),
            status: status_label(row),
            opened: crate::api::repairs::support::day(row.received_at),
            person: row.person_name.clone(),
            owner: row.owner_name.clone(),
            due: row.due_at.map(when),
            due_state,
            stage: (kind == Some(CaseKind::Complaint)).then(|| format!("Stage {}", row.stage)),
        }
    }

    fn clock_label(kind: &str, regime: &crate::domain::standards::ComplaintRegime) -> String {
        use crate::domain::cases::stage_of;
        match ClockKind::parse(kind) {
            Some(ClockKind::Acknowledge1) => "Complaint acknowledged".to_owned(),
            Some(ClockKind::Respond1) => format!("{} response", stage_of(regime, 1).name),
            Some(ClockKind::Acknowledge2) => "Escalation acknowledged".to_owned(),
            Some(ClockKind::Respond2) => format!("{} response", stage_of(regime, 2).name),
            Some(ClockKind::Acknowledge) => "Acknowledged".to_owned(),
            Some(ClockKind::Reply) => "Answered".to_owned(),
            None => "Deadline".to_owned(),
        }
    }

    fn due_of(record: &store::CaseRecord, kind: ClockKind) -> Option<String> {
        record
            .clocks
            .iter()
            .find(|c| c.kind == kind.as_str() && c.met_at.is_none())
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
        let status = Status::parse(&row.status).unwrap_or(Status::Open);
        match (CaseKind::parse(&row.kind), status) {
            (Some(CaseKind::Complaint), Status::Received) => format!("We will acknowledge your complaint{}, and tell you who is handling it.", by(ClockKind::Acknowledge1)),
            (Some(CaseKind::Complaint), Status::Open) => format!("{owner} will send you our {} response{}.", crate::domain::cases::stage_of(regime, row.stage as u8).name, by(ClockKind::respond(row.stage as u8))),
            (Some(CaseKind::Complaint), Status::Responded) => "If you are unhappy with our response, you can ask us to look at it again at stage 2. You do not need to give a reason.".to_owned(),
            (Some(CaseKind::Complaint), Status::EscalationRequested) => format!("We will acknowledge your request for stage 2{}. Someone not involved at stage 1 will handle it.", by(ClockKind::Acknowledge2)),
            (Some(CaseKind::Complaint), Status::Closed) => format!("This is our final response. If you are still unhappy, you can ask the {} to look at it.", regime.ombudsman.name),
            (Some(CaseKind::Complaint), Status::Declined) => format!("We could not take this on as a complaint. If you disagree, you can ask the {}.", regime.ombudsman.name),
            (Some(CaseKind::Enquiry), s) if s.is_open() => format!("{owner} will answer your question{}.", by(ClockKind::Reply)),
            (Some(CaseKind::Enquiry), _) => "We have answered your question. If you are unhappy with the answer, you can make a complaint about it.".to_owned(),
            (Some(CaseKind::Compliment), s) if s.is_open() => "We will pass your thanks on to the colleague and their manager.".to_owned(),
            _ => "We have passed your thanks on. Thank you for taking the time.".to_owned(),
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
        let kind = CaseKind::parse(&row.kind).unwrap_or(CaseKind::Enquiry);
        let status = Status::parse(&row.status).unwrap_or(Status::Open);
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
                let mut label = clock_label(&c.kind, regime);
                if let Some(reason) = &c.extension_reason {
                    label = format!("{label} (extended: {reason})");
                }
                DeadlineLine {
                    label,
                    due: when(c.due_at),
                    state: s.label().to_owned(),
                    colour: colour(s).to_owned(),
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
                due: a.due_on.format("%-d %B %Y").to_string(),
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
            status_code: row.status.clone(),
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
            owner: row.owner_name.clone().map(|name| match &row.owner_team {
                Some(team) => format!("{name} ({team})"),
                None => name,
            }),
            next_step: next,
            deadlines,
            answers,
            related,
            understanding: row.understanding.clone(),
            decline_reason: row.decline_reason.clone(),
            responses,
            actions,
            timeline,
            may_escalate: kind == CaseKind::Complaint
                && row.stage == 1
                && status == Status::Responded,
            may_reply: status.is_open(),
            may_complain_about: kind == CaseKind::Enquiry,
            ombudsman,
        })
    }

    /// The draft for `kind`, started afresh when there is none or it is for something else.
    pub async fn draft_for(
        kind: CaseKind,
        for_person: Option<i64>,
    ) -> Result<crate::server::cases::Draft, AppError> {
        let session = crate::server::request::session()?;
        let existing = crate::server::cases::draft(&session).await?;
        Ok(match existing {
            Some(d)
                if d.kind == Some(kind) && (for_person.is_none() || d.for_person == for_person) =>
            {
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

    pub fn kind_of(slug: &str) -> Result<CaseKind, AppError> {
        CaseKind::parse(slug).ok_or(AppError::NotFound)
    }
}

/// The area's start page: the cases about the resident (or, for an advocate, the residents
/// they act for), newest first.
#[server(prefix = "/api", endpoint = "cases/home")]
pub async fn get_cases_home() -> Result<CasesHome, AppError> {
    use crate::domain::housing::Role;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::cases as store;
    let account = authorise(Action::MakeCase).await?;
    let state = crate::server::state::app_state()?;
    let now = chrono::Utc::now();
    if account.role == Role::Advocate {
        let people = support::represented(&state, &account).await?;
        let ids: Vec<i64> = people.iter().map(|p| p.person_id).collect();
        let rows = store::cases_for(&state.db, &ids, None).await?;
        return Ok(CasesHome {
            advocate: true,
            represented: crate::server::db::cases::Represented::offered(people),
            lines: rows.iter().map(|r| support::line(&state, r, now)).collect(),
        });
    }
    let person_id = account.person_id.ok_or(AppError::NotFound)?;
    let rows = store::cases_for(&state.db, &[person_id], Some(account.id)).await?;
    Ok(CasesHome {
        advocate: false,
        represented: Vec::new(),
        lines: rows.iter().map(|r| support::line(&state, r, now)).collect(),
    })
}

/// One question of the journey. `about`: the repair or case a complaint is about; `person`:
/// the resident an advocate acts for (both kept in the draft from the first page).
#[server(prefix = "/api", endpoint = "cases/question")]
pub async fn get_case_question(
    kind: String,
    field: String,
    about: Option<String>,
    person: Option<String>,
) -> Result<CaseQuestion, AppError> {
    use crate::domain::cases::CaseKind;
    let state = crate::server::state::app_state()?;
    let kind = support::kind_of(&kind)?;
    let for_person = person.and_then(|p| p.trim().parse::<i64>().ok());
    let mut draft = support::draft_for(kind, for_person).await?;
    let writer = support::writer(&state, draft.for_person.or(for_person)).await?;
    draft.for_person =
        (writer.made_by == crate::domain::cases::MadeBy::Advocate).then_some(writer.person_id);
    if let Some(about) = about.filter(|a| !a.trim().is_empty()) {
        draft.related = related_reference(&state, &writer, &about).await?;
        if let Some(related) = &draft.related {
            draft.answers.insert("related".to_owned(), related.clone());
            // A question about a service-charge line starts by saying which line.
            if let Some((statement, position)) =
                crate::server::service_charges::line_reference(related)
            {
                if let Some(words) = crate::server::service_charges::line_for_person(
                    &state,
                    &statement,
                    position,
                    writer.person_id,
                )
                .await?
                {
                    draft
                        .answers
                        .entry("what".to_owned())
                        .or_insert_with(|| format!("{words}: "));
                }
            }
        }
    }
    let questions = kind.questions();
    let index = questions
        .iter()
        .position(|q| q.field == field)
        .ok_or(AppError::NotFound)?;
    let question = questions[index];
    let session = crate::server::request::session()?;
    crate::server::cases::keep_draft(&session, &draft).await?;
    let form = super::account::take_form::<String>(CASE_FORM).await?;
    let value = if form.errors.is_empty() {
        draft
            .answers
            .get(question.field)
            .cloned()
            .unwrap_or_default()
    } else {
        form.values
    };
    let back = if index == 0 {
        "/cases".to_owned()
    } else {
        format!(
            "/cases/new/{}/{}",
            kind.as_str(),
            questions[index - 1].field
        )
    };
    Ok(CaseQuestion {
        kind: kind.as_str().to_owned(),
        kind_label: match kind {
            CaseKind::Complaint => "Make a complaint",
            CaseKind::Compliment => "Give a compliment",
            CaseKind::Enquiry => "Ask a question",
        }
        .to_owned(),
        field: question.field.to_owned(),
        label: question.label.to_owned(),
        hint: question.hint.to_owned(),
        long: question.long,
        limit: question.limit(),
        value,
        errors: form.errors,
        back,
        number: index + 1,
        of: questions.len(),
        acting_for: writer.acting_for,
        related: draft.related,
    })
}

/// A reference the writer may link a complaint to: one of their repairs or cases.
#[cfg(feature = "ssr")]
async fn related_reference(
    state: &crate::server::state::AppState,
    writer: &support::Writer,
    typed: &str,
) -> Result<Option<String>, AppError> {
    use crate::domain::reference::normalise_reference;
    if let Some((statement, position)) = crate::server::service_charges::line_reference(typed) {
        // Quoting a line (and the resident's share) is reading their documents.
        if !writer_may_read(state, writer, "documents").await? {
            return Ok(None);
        }
        let line = crate::server::service_charges::line_for_person(
            state,
            &statement,
            position,
            writer.person_id,
        )
        .await?;
        return Ok(line.map(|_| format!("{statement}-{position}")));
    }
    if let Some(reference) = normalise_reference("RP", typed) {
        if !writer_may_read(state, writer, "repairs").await? {
            return Ok(None);
        }
        let row = crate::server::db::repairs::repair_by_reference(&state.db, &reference).await?;
        return Ok(match row {
            Some(r)
                if crate::server::db::repairs::is_related(&state.db, &r, writer.person_id)
                    .await? =>
            {
                Some(reference)
            }
            _ => None,
        });
    }
    if let Some((_, reference)) = crate::domain::cases::CaseKind::of_reference(typed) {
        let row = crate::server::db::cases::case_by_reference(&state.db, &reference).await?;
        return Ok(row
            .filter(|r| r.person_id == writer.person_id)
            .map(|_| reference));
    }
    Ok(None)
}

/// Whether the writer may bring a record of this area into a case: a resident their own always;
/// an advocate (whose permission covers complaints) only with a current permission for the
/// area too, so a complaints permission is no way into the resident's documents or repairs.
#[cfg(feature = "ssr")]
async fn writer_may_read(
    state: &crate::server::state::AppState,
    writer: &support::Writer,
    scope: &str,
) -> Result<bool, AppError> {
    if writer.made_by != crate::domain::cases::MadeBy::Advocate {
        return Ok(true);
    }
    Ok(crate::server::db::cases::represented(
        &state.db,
        writer.account.id,
        scope,
        crate::site::today(),
    )
    .await?
    .iter()
    .any(|r| r.person_id == writer.person_id))
}

/// Saves one answer and goes to the next question, or to "check your answers".
#[server(prefix = "/api", endpoint = "cases/answer")]
pub async fn case_answer(
    kind: String,
    field: String,
    value: Option<String>,
) -> Result<(), AppError> {
    let state = crate::server::state::app_state()?;
    let kind = support::kind_of(&kind)?;
    let session = crate::server::request::session()?;
    let mut draft = support::draft_for(kind, None).await?;
    let writer = support::writer(&state, draft.for_person).await?;
    let questions = kind.questions();
    let index = questions
        .iter()
        .position(|q| q.field == field)
        .ok_or(AppError::BadRequest)?;
    let question = questions[index];
    let typed = value.unwrap_or_default();
    // A related reference must be one of the writer's own repairs or cases.
    let checked = match question.check(&typed) {
        Ok(answer) if question.field == "related" && !answer.is_empty() => {
            match related_reference(&state, &writer, &answer).await? {
                Some(reference) => {
                    draft.related = Some(reference.clone());
                    Ok(reference)
                }
                None => Err("Enter the reference of one of your repairs, complaints or questions, like RP-7K4QXP, or leave it blank".to_owned()),
            }
        }
        Ok(answer) => {
            if question.field == "related" {
                draft.related = None;
            }
            Ok(answer)
        }
        Err(message) => Err(message),
    };
    match checked {
        Err(message) => {
            let mut errors = FieldErrors::default();
            errors.add(question.field, message);
            let here = format!("/cases/new/{}/{}", kind.as_str(), question.field);
            super::account::back_to_form(CASE_FORM, &here, typed, errors).await
        }
        Ok(answer) => {
            draft.answers.insert(question.field.to_owned(), answer);
            crate::server::cases::keep_draft(&session, &draft).await?;
            // The next unanswered question (after this one, else from the start); the check
            // page when every answer is in (so a change link goes straight back).
            let unanswered =
                |q: &&crate::domain::cases::Question| !draft.answers.contains_key(q.field);
            let missing = questions
                .iter()
                .skip(index + 1)
                .find(unanswered)
                .or_else(|| questions.iter().find(unanswered));
            match missing {
                Some(next) => crate::server::request::redirect(&format!(
                    "/cases/new/{}/{}",
                    kind.as_str(),
                    next.field
                )),
                None => {
                    crate::server::request::redirect(&format!("/cases/new/{}/check", kind.as_str()))
                }
            }
            Ok(())
        }
    }
}

/// "Check your answers" before sending.
#[server(prefix = "/api", endpoint = "cases/check")]
pub async fn get_case_check(kind: String) -> Result<CaseCheck, AppError> {
    use crate::domain::cases::CaseKind;
    let state = crate::server::state::app_state()?;
    let kind = support::kind_of(&kind)?;
    let draft = support::draft_for(kind, None).await?;
    let writer = support::writer(&state, draft.for_person).await?;
    let mut rows = Vec::new();
    for q in kind.questions() {
        let Some(answer) = draft.answers.get(q.field) else {
            // Not finished: the first unanswered question says what is missing.
            return Err(AppError::NotFound);
        };
        rows.push((
            q.label.trim_end_matches(" (optional)").to_owned(),
            if answer.is_empty() {
                "None".to_owned()
            } else {
                answer.clone()
            },
            format!("/cases/new/{}/{}", kind.as_str(), q.field),
        ));
    }

    let profile = &state.site.profile;
    let next = match kind {
        CaseKind::Complaint => match profile.complaints.stages[0].acknowledge {
            Some(t) => format!(
                "We will acknowledge the complaint within {t} and tell you who is handling it."
            ),
            None => format!(
                "We will reply within {}.",
                profile.complaints.stages[0].respond
            ),
        },
        CaseKind::Enquiry => profile
            .enquiry_standard
            .respond
            .map(|t| format!("We will answer within {t}."))
            .unwrap_or_default(),
        CaseKind::Compliment => {
            "We will pass your words on to the colleague and their manager.".to_owned()
        }
    };
    Ok(CaseCheck {
        kind: kind.as_str().to_owned(),
        kind_label: kind.label().to_owned(),
        token: draft.token,
        rows,
        acting_for: writer.acting_for,
        next,
    })
}

/// Sends the case: created once per token, then the case page with its confirmation.
#[server(prefix = "/api", endpoint = "cases/send")]
pub async fn send_case(kind: String, token: Option<String>) -> Result<(), AppError> {
    use crate::domain::cases::Channel;
    use crate::server::cases::{open_case, Opening};
    // Who may write a case is asked first, before anything is read from the session.
    crate::server::authz::authorise(crate::server::authz::Action::MakeCase).await?;
    let state = crate::server::state::app_state()?;
    let kind = support::kind_of(&kind)?;
    let session = crate::server::request::session()?;
    let draft = crate::server::cases::draft(&session).await?;
    let token = token.unwrap_or_default();
    let Some(draft) = draft.filter(|d| d.kind == Some(kind) && d.token == token) else {
        // Sent already (a second click), or the session ended: the case list shows it.
        crate::server::request::redirect("/cases");
        return Ok(());
    };
    let writer = support::writer(&state, draft.for_person).await?;
    if kind
        .questions()
        .iter()
        .any(|q| !draft.answers.contains_key(q.field))
    {
        crate::server::request::redirect(&format!(
            "/cases/new/{}/{}",
            kind.as_str(),
            kind.questions()[0].field
        ));
        return Ok(());
    }
    let now = chrono::Utc::now();
    let (reference, _) = open_case(
        &state,
        Opening {
            token: draft.token.clone(),
            kind,
            person_id: writer.person_id,
            made_by: writer.made_by,
            made_by_account_id: Some(writer.account.id),
            channel: Channel::Portal,
            answers: &draft.answers,
            related: draft.related.clone(),
            received_at: now,
        },
        now,
    )
    .await?;
    if writer.made_by == crate::domain::cases::MadeBy::Advocate {
        use crate::server::db::accounts::{record_audit, AuditEvent};
        record_audit(
            &state.db,
            AuditEvent::by(Some(writer.account.id), "case_made_for_resident")
                .on("case", &reference)
                .for_person(Some(writer.person_id)),
            now,
        )
        .await?;
    }
    crate::server::cases::drop_draft(&session).await?;
    crate::server::request::redirect(&format!("/cases/{reference}?sent=1"));
    Ok(())
}

/// A case's page with the messages of a form on it that failed.
#[server(prefix = "/api", endpoint = "cases/page")]
pub async fn get_case_page(reference: String) -> Result<(CaseView, FieldErrors), AppError> {
    let (_, state, row, staff) = support::visible_case(&reference).await?;
    if staff {
        // Colleagues work from the staff page, which records that they looked.
        crate::server::request::redirect(&format!("/staff/cases/{}", row.reference));
        return Ok((CaseView::default(), FieldErrors::default()));
    }
    let view = support::view(&state, &row, false, chrono::Utc::now()).await?;
    let errors = super::account::take_form::<String>(CASE_FORM).await?.errors;
    Ok((view, errors))
}

/// A message from the resident or advocate on an open case.
#[server(prefix = "/api", endpoint = "cases/reply")]
pub async fn reply_to_case(reference: String, message: Option<String>) -> Result<(), AppError> {
    use crate::domain::cases::TEXT_LIMIT;
    use crate::server::db::cases::{add_event, NewEvent};
    let (account, state, row, staff) = support::visible_case(&reference).await?;
    if staff {
        return Err(AppError::NotFound);
    }
    let back = format!("/cases/{}", row.reference);
    let message = message.unwrap_or_default().trim().to_owned();
    let mut errors = FieldErrors::default();
    if !crate::domain::cases::Status::parse(&row.status).is_some_and(|s| s.is_open()) {
        errors.add(
            "message",
            "This case is closed. If you are unhappy, make a complaint about it",
        );
    } else if message.is_empty() {
        errors.add("message", "Write your message");
    } else if message.chars().count() > TEXT_LIMIT {
        errors.add(
            "message",
            format!("Your message must be {TEXT_LIMIT} characters or fewer"),
        );
    }
    if !errors.is_empty() {
        return super::account::back_to_form(CASE_FORM, &back, message, errors).await;
    }
    let on_behalf =
        (account.role == crate::domain::housing::Role::Advocate).then_some(row.person_id);
    add_event(
        &state.db,
        row.id,
        &NewEvent::shown("message", "Message")
            .with_body(Some(message))
            .by(Some(account.id))
            .for_person(on_behalf),
        chrono::Utc::now(),
    )
    .await?;
    crate::server::request::redirect(&format!("{back}?replied=1"));
    Ok(())
}

/// Escalation to stage 2: one button, no reason needed.
#[server(prefix = "/api", endpoint = "cases/escalate")]
pub async fn escalate_case(reference: String) -> Result<(), AppError> {
    use crate::domain::cases::Step;
    let (account, state, row, staff) = support::visible_case(&reference).await?;
    if staff {
        return Err(AppError::NotFound);
    }
    let now = chrono::Utc::now();
    let on_behalf =
        (account.role == crate::domain::housing::Role::Advocate).then_some(row.person_id);
    let outcome = super::cases_staff::apply_step(
        &state,
        &row,
        Step::Escalate,
        crate::server::db::cases::Change {
            stamps: vec!["escalated_at"],
            ..Default::default()
        },
        crate::server::db::cases::NewEvent::shown("escalated", "Stage 2 requested")
            .by(Some(account.id))
            .for_person(on_behalf),
        now,
    )
    .await?;
    let back = format!("/cases/{}", row.reference);
    if let Err(message) = outcome {
        let mut errors = FieldErrors::default();
        errors.add("escalate", message);
        return super::account::back_to_form(CASE_FORM, &back, String::new(), errors).await;
    }
    if let Some(row) =
        crate::server::db::cases::case_by_reference(&state.db, &row.reference).await?
    {
        let due = crate::server::db::cases::clocks(&state.db, row.id)
            .await?
            .into_iter()
            .find(|c| c.kind == "acknowledge_2" || c.kind == "respond_2")
            .map(|c| crate::api::repairs::support::when(c.due_at))
            .unwrap_or_default();
        crate::server::cases::notify(&state, &row, crate::domain::preferences::MessageKind::Acknowledged, &format!("We have your request to take the complaint to stage 2. We will acknowledge it by {due}.")).await?;
    }
    crate::server::request::redirect(&format!("{back}?escalated=1"));
    Ok(())
}
