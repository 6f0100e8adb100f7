//! Cases for staff: the queue of complaints, compliments and questions (what breaches first, at
//! the top), the complaint workflow under the landlord's regime, recording a complaint from a
//! phone call or letter, and the complaints reports (CH01, CH02).
//!
//! Every change checks the stage machine (`domain::cases`), is written with its timeline entry
//! only if the case is still as it was read, goes into the audit trail against the resident,
//! and, when the resident can see it, is emailed to them (and the advocate who made it).

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::wire::forms::Offered;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::wire::cases_staff::*;

#[cfg(feature = "ssr")]
use crate::server::cases::workflow::*;
#[cfg(feature = "ssr")]
use crate::server::db::cases::{Change, NewEvent};

/// The cases queue, filtered, most urgent deadline first.
#[server(prefix = "/api", endpoint = "staff/cases")]
pub async fn get_case_queue(
    kind: Option<String>,
    status: Option<String>,
    owner: Option<String>,
    due: Option<String>,
    page: Option<i64>,
) -> Result<CaseQueuePage, AppError> {
    use crate::domain::cases::{CaseKind, Status};
    use crate::server::authz::{authorise, may, Action};
    use crate::server::db::cases::{colleagues, queue, QueueFilter, COUNT_LIMIT};
    let account = authorise(Action::ViewCaseQueue).await?;
    let state = crate::server::state::app_state()?;
    let clean = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let kind = clean(kind).filter(|k| CaseKind::parse(k).is_some());
    let status = clean(status).filter(|s| Status::parse(s).is_some());
    let owner_text = clean(owner);
    let owner = match owner_text.as_deref() {
        Some("none") => Some(-1),
        Some("me") => Some(account.id),
        Some(other) => other.parse::<i64>().ok(),
        None => None,
    };
    let due = clean(due).filter(|d| ["overdue", "soon", "later"].contains(&d.as_str()));
    let now = chrono::Utc::now();
    let soon = state.site.due_soon_until(now);
    let closed = status
        .as_deref()
        .is_some_and(|s| !Status::parse(s).is_some_and(Status::is_open));
    let filter = QueueFilter {
        kind: kind.clone(),
        status: status.clone(),
        owner,
        due: due.clone(),
        closed,
    };
    let page = page.unwrap_or(1).max(1);
    let (rows, total) = queue(&state.db, &filter, now, soon, page, PER_PAGE).await?;
    let more = total >= COUNT_LIMIT;
    let total = total.min(COUNT_LIMIT - 1);
    let pages = if more && rows.len() as i64 == PER_PAGE {
        page + 1
    } else {
        ((total + PER_PAGE - 1) / PER_PAGE).max(page).max(1)
    };
    let filters = CaseQueueFilters {
        kind: kind.unwrap_or_default(),
        status: status.unwrap_or_default(),
        owner: owner_text.filter(|_| owner.is_some()).unwrap_or_default(),
        due: due.unwrap_or_default(),
    };
    let query = [
        ("kind", &filters.kind),
        ("status", &filters.status),
        ("owner", &filters.owner),
        ("due", &filters.due),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", crate::domain::navigation::encode_query_value(v)))
    .collect::<Vec<_>>()
    .join("&");
    let offered = |value: String, label: String| Offered {
        value,
        label,
        hint: None,
    };
    let mut owners = vec![
        offered("me".into(), "Me".into()),
        offered("none".into(), "Nobody yet".into()),
    ];
    owners.extend(
        colleagues(&state.db)
            .await?
            .into_iter()
            .map(|c| offered(c.id.to_string(), c.display_name)),
    );
    Ok(CaseQueuePage {
        filters,
        kinds: CaseKind::ALL
            .iter()
            .map(|k| offered(k.as_str().into(), k.label().into()))
            .collect(),
        statuses: Status::ALL
            .iter()
            .map(|s| offered(s.as_str().into(), s.label().into()))
            .collect(),
        owners,
        lines: rows
            .iter()
            .map(|r| crate::server::cases::view::line(&state, r, now))
            .collect(),
        total,
        more,
        page,
        pages,
        query,
        may_record: may(&account, Action::ManageCases),
        may_report: may(&account, Action::ViewComplaintReports),
    })
}

/// A case's staff page: what may be done, the last form's result, and the case with its
/// internal notes and the resident's needs. Opening it is recorded in the audit trail.
#[server(prefix = "/api", endpoint = "staff/case")]
pub async fn get_staff_case(
    reference: String,
) -> Result<(StaffCaseForm, super::cases::CaseView), AppError> {
    use crate::domain::cases::{CaseKind, Status, Step};
    use crate::domain::housing::Role;
    use crate::server::authz::{authorise, may, Action};
    use crate::server::db::accounts::{record_audit, AuditEvent};
    use crate::server::db::cases as store;
    let account = authorise(Action::ViewCaseQueue).await?;
    let state = crate::server::state::app_state()?;
    let (_, reference) = CaseKind::of_reference(&reference).ok_or(AppError::NotFound)?;
    let row = store::case_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now();
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "case_viewed")
            .on("case", &row.reference)
            .for_person(Some(row.person_id)),
        now,
    )
    .await?;
    let view = crate::server::cases::view::view(&state, &row, true, now).await?;
    let flash = crate::server::forms::take_form::<Option<String>>(STAFF_CASE_FORM).await?;
    let may_manage = may(&account, Action::ManageCases);
    let regime = &state.site.profile.complaints;
    let kind = row.kind;
    let status = row.status;
    let complaint = complaint_of(&state, &row).await?;
    let colleagues = store::colleagues(&state.db).await?;
    let names = |ids: &[i64]| -> Vec<String> {
        ids.iter()
            .filter_map(|id| {
                colleagues
                    .iter()
                    .find(|c| c.id == *id)
                    .map(|c| c.display_name.clone())
            })
            .collect()
    };
    let offered = |value: String, label: String| Offered {
        value,
        label,
        hint: None,
    };
    let handlers = colleagues
        .iter()
        .filter(|c| {
            matches!(
                Role::parse(&c.role),
                Some(Role::ComplaintsHandler | Role::Manager | Role::CustomerServices)
            )
        })
        .filter(|c| {
            kind != CaseKind::Complaint || complaint.may(regime, &Step::Assign { to: c.id })
        })
        .map(|c| Offered {
            value: c.id.to_string(),
            label: c.display_name.clone(),
            hint: c.team.clone(),
        })
        .collect();
    let is_complaint = kind == CaseKind::Complaint;
    let extend_latest = if is_complaint && complaint.may(regime, &Step::Extend) {
        store::clocks(&state.db, row.id)
            .await?
            .into_iter()
            .find(|c| c.kind == crate::domain::cases::ClockKind::respond(complaint.stage).into() && c.met_at.is_none())
            .map(|c| match crate::domain::cases::latest_extension(regime, complaint.stage, c.standard_due_at, &state.site.schedule()) {
                Some(latest) => format!("No later than {}", crate::format::when(latest)),
                None => "The complaints procedure sets no fixed limit: give the reason and a realistic date".to_owned(),
            })
    } else {
        None
    };
    let mut banner = crate::api::preferences::needs_banner(&state, &account, row.person_id).await?;
    if let Some(a) = row.adjustments.clone().filter(|a| !a.trim().is_empty()) {
        banner.lines.push(format!("Asked for on this case: {a}"));
    }
    let form = StaffCaseForm {
        banner,
        errors: flash.errors,
        done: flash.values,
        may_manage,
        may_acknowledge: may_manage
            && (if is_complaint {
                complaint.may(regime, &Step::Acknowledge)
            } else {
                status == Status::Received && kind == CaseKind::Enquiry
            }),
        may_assign: may_manage
            && status.is_open()
            && (!is_complaint || status != Status::Responded),
        may_respond: may_manage
            && (if is_complaint {
                status == Status::Open
            } else {
                kind == CaseKind::Enquiry && status.is_open()
            }),
        may_extend: may_manage && extend_latest.is_some(),
        may_decline: may_manage
            && is_complaint
            && complaint.may(regime, &Step::Decline { reason: 0 }),
        may_pass_on: may_manage && kind == CaseKind::Compliment && status.is_open(),
        may_evidence: is_complaint && may(&account, Action::ViewComplaintReports),
        handlers,
        colleagues: colleagues
            .iter()
            .map(|c| offered(c.id.to_string(), c.display_name.clone()))
            .collect(),
        exclusions: regime
            .exclusions
            .iter()
            .enumerate()
            .map(|(i, e)| offered(i.to_string(), e.clone()))
            .collect(),
        stage_one_handlers: names(&complaint.stage_one_handlers),
        extend_latest,
        outcome_wanted: row.outcome_wanted.clone().unwrap_or_default(),
    };
    Ok((form, view))
}

/// Acknowledge: a complaint as understood and the outcome wanted (sent to the resident), or
/// an enquiry's acknowledgement.
#[server(prefix = "/api", endpoint = "staff/case-acknowledge")]
pub async fn acknowledge_case(
    reference: String,
    understanding: Option<String>,
    outcome: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::{CaseKind, Step};
    let (account, state, row) = staff_case(&reference).await?;
    let (understanding, outcome) = (text(understanding), text(outcome));
    let now = chrono::Utc::now();
    let mut errors = FieldErrors::default();
    let complaint = row.kind == CaseKind::Complaint;
    if complaint && understanding.is_empty() {
        refuse(
            &mut errors,
            "acknowledge",
            "understanding",
            "Write the complaint as you understand it",
        );
    }
    if complaint && outcome.is_empty() {
        refuse(
            &mut errors,
            "acknowledge",
            "outcome",
            "Write the outcome the resident wants",
        );
    }
    for (field, value) in [("understanding", &understanding), ("outcome", &outcome)] {
        if too_long(value) {
            refuse(
                &mut errors,
                "acknowledge",
                field,
                format!(
                    "This must be {} characters or fewer",
                    crate::domain::cases::TEXT_LIMIT
                ),
            );
        }
    }
    if !errors.is_empty() {
        return back_with(&row, errors).await;
    }
    let stage = row.stage;
    let body = if complaint {
        Some(format!("How we understand your complaint: {understanding}\n\nWhat you would like us to do: {outcome}"))
    } else {
        Some(understanding.clone()).filter(|u| !u.is_empty())
    };
    let event = NewEvent::shown(
        "acknowledged",
        if stage == 2 {
            "Stage 2 acknowledged"
        } else {
            "Acknowledged"
        },
    )
    .with_body(body.clone())
    .by(Some(account.id));
    let stamp = if stage == 2 {
        "stage2_acknowledged_at"
    } else {
        "acknowledged_at"
    };
    let outcome_result = if complaint {
        let change = Change {
            stamps: vec![stamp],
            understanding: Some(understanding.clone()),
            outcome_wanted: Some(outcome.clone()),
            ..Default::default()
        };
        apply_step(&state, &row, Step::Acknowledge, change, event, now).await?
    } else {
        let change = Change {
            status: Some("open"),
            stamps: vec!["acknowledged_at"],
            meet_clocks: vec![crate::domain::cases::ClockKind::Acknowledge],
            ..Default::default()
        };
        write(&state, &row, &change, &event, now).await?
    };
    let tell = body.map(|b| format!("We have acknowledged it.\n\n{b}"));
    finish(&state, &account, &row, "acknowledge", outcome_result, tell).await
}

/// Give the case to a colleague (at stage 2, someone not involved at stage 1).
#[server(prefix = "/api", endpoint = "staff/case-assign")]
pub async fn assign_case(reference: String, owner: Option<String>) -> Result<(), AppError> {
    use crate::domain::cases::{CaseKind, Step};
    let (account, state, row) = staff_case(&reference).await?;
    let now = chrono::Utc::now();
    let colleagues = crate::server::db::cases::colleagues(&state.db).await?;
    let Some(to) = owner
        .and_then(|o| o.trim().parse::<i64>().ok())
        .and_then(|id| colleagues.iter().find(|c| c.id == id))
    else {
        let mut errors = FieldErrors::default();
        refuse(&mut errors, "assign", "owner", "Choose who will handle it");
        return back_with(&row, errors).await;
    };
    let title = format!("{} is handling this", to.display_name);
    let body = to.team.clone().map(|t| format!("Team: {t}"));
    let event = NewEvent::shown("assigned", title.clone())
        .with_body(body)
        .by(Some(account.id));
    let result = if row.kind == CaseKind::Complaint {
        apply_step(
            &state,
            &row,
            Step::Assign { to: to.id },
            Change::default(),
            event,
            now,
        )
        .await?
    } else {
        let change = Change {
            owner: Some(to.id),
            ..Default::default()
        };
        write(&state, &row, &change, &event, now).await?
    };
    finish(&state, &account, &row, "assign", result, Some(title)).await
}

/// The stage's response (a complaint), or the answer to a question.
#[server(prefix = "/api", endpoint = "staff/case-respond")]
pub async fn respond_case(
    reference: String,
    decision: Option<String>,
    points: Option<String>,
    reasons: Option<String>,
    remedy: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::{CaseKind, Decision, Step};
    use crate::server::db::cases::NewResponse;
    let (account, state, row) = staff_case(&reference).await?;
    let now = chrono::Utc::now();
    let (points, reasons, remedy) = (text(points), text(reasons), text(remedy));
    let complaint = row.kind == CaseKind::Complaint;
    let decision = decision.as_deref().and_then(Decision::parse);
    let mut errors = FieldErrors::default();
    if complaint && decision.is_none() {
        refuse(&mut errors, "respond", "decision", "Choose the decision");
    }
    if points.is_empty() {
        refuse(
            &mut errors,
            "respond",
            "points",
            if complaint {
                "Give the decision on each point of the complaint"
            } else {
                "Write the answer"
            },
        );
    }
    if complaint && reasons.is_empty() {
        refuse(
            &mut errors,
            "respond",
            "reasons",
            "Give the reasons for the decision",
        );
    }
    for (field, value) in [
        ("points", &points),
        ("reasons", &reasons),
        ("remedy", &remedy),
    ] {
        if too_long(value) {
            refuse(
                &mut errors,
                "respond",
                field,
                format!(
                    "This must be {} characters or fewer",
                    crate::domain::cases::TEXT_LIMIT
                ),
            );
        }
    }
    if !errors.is_empty() {
        return back_with(&row, errors).await;
    }
    let regime = &state.site.profile.complaints;
    let stage = row.stage;
    let response = NewResponse {
        stage,
        decision: decision.map(|d| d.as_str()),
        points: points.clone(),
        reasons: Some(reasons.clone()).filter(|r| !r.is_empty()),
        remedy: Some(remedy.clone()).filter(|r| !r.is_empty()),
        by: account.id,
        actions: Vec::new(),
    };
    let result;
    let tell;
    if complaint {
        let stage_name = crate::domain::cases::stage_of(regime, stage as u8)
            .name
            .clone();
        let next = if stage == 1 {
            "If you are unhappy with this response, you can ask us to take your complaint to stage 2 from the complaint's page. You do not need to give a reason.".to_owned()
        } else {
            format!("This is our final response. If you are still unhappy, you can contact the {} on {} or at {}, {}.", regime.ombudsman.name, regime.ombudsman.phone, regime.ombudsman.website, regime.ombudsman.time_limit)
        };
        let body = format!(
            "Decision: {}.\n\n{points}\n\nReasons: {reasons}{}\n\n{next}",
            decision.map_or("", |d| d.label()),
            if remedy.is_empty() {
                String::new()
            } else {
                format!("\n\nTo put things right: {remedy}")
            }
        );
        let stamp = if stage == 1 {
            "responded_at"
        } else {
            "final_response_at"
        };
        let mut stamps = vec![stamp];
        if stage == 2 {
            stamps.push("closed_at");
        }
        let change = Change {
            stamps,
            response: Some(response),
            ..Default::default()
        };
        let event = NewEvent::shown("responded", format!("{stage_name} response sent"))
            .with_body(Some(body.clone()))
            .by(Some(account.id));
        result = apply_step(
            &state,
            &row,
            Step::Respond { by: account.id },
            change,
            event,
            now,
        )
        .await?;
        tell = Some(format!("Our {stage_name} response:\n\n{body}"));
    } else if row.kind == CaseKind::Enquiry {
        let change = Change {
            status: Some("closed"),
            owner: row.owner_account_id.or(Some(account.id)),
            stamps: vec!["responded_at", "closed_at"],
            meet_clocks: vec![
                crate::domain::cases::ClockKind::Acknowledge,
                crate::domain::cases::ClockKind::Reply,
            ],
            response: Some(response),
            ..Default::default()
        };
        let event = NewEvent::shown("answered", "Answered")
            .with_body(Some(points.clone()))
            .by(Some(account.id));
        result = write(&state, &row, &change, &event, now).await?;
        tell = Some(format!("Our answer:\n\n{points}"));
    } else {
        return Err(AppError::BadRequest);
    }
    finish(&state, &account, &row, "respond", result, tell).await
}

/// Extend the response deadline, with a reason and a new date within the regime's limit; the
/// resident is told, with the ombudsman's details.
#[server(prefix = "/api", endpoint = "staff/case-extend")]
pub async fn extend_case(
    reference: String,
    extend_date_day: Option<String>,
    extend_date_month: Option<String>,
    extend_date_year: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::{check_extension, ClockKind, Step};
    let (account, state, row) = staff_case(&reference).await?;
    let now = chrono::Utc::now();
    let reason = text(reason);
    let regime = &state.site.profile.complaints;
    let schedule = state.site.schedule();
    let complaint = complaint_of(&state, &row).await?;
    let mut errors = FieldErrors::default();
    if let Err(e) = complaint.apply(regime, &Step::Extend) {
        return finish(&state, &account, &row, "extend", Err(e.to_string()), None).await;
    }
    let kind = ClockKind::respond(complaint.stage);
    let clock = crate::server::db::cases::clocks(&state.db, row.id)
        .await?
        .into_iter()
        .find(|c| c.kind == kind.into() && c.met_at.is_none());
    let Some(clock) = clock else {
        return finish(
            &state,
            &account,
            &row,
            "extend",
            Err("There is no response deadline running to extend".to_owned()),
            None,
        )
        .await;
    };
    let date = crate::domain::validation::date_of(
        &text(extend_date_day),
        &text(extend_date_month),
        &text(extend_date_year),
    );
    let Some(date) = date else {
        errors.add("extend_date", "Enter the new date, like 27 3 2027");
        return back_with(&row, errors).await;
    };
    // The new deadline is the close of that day's office hours.
    let to = schedule.close_of(date);
    if too_long(&reason) {
        refuse(
            &mut errors,
            "extend",
            "reason",
            "The reason must be 2000 characters or fewer",
        );
    }
    if let Err(e) = check_extension(
        regime,
        complaint.stage,
        (clock.standard_due_at, clock.due_at),
        to,
        &reason,
        &schedule,
        crate::format::when,
    ) {
        let field = if matches!(e, crate::domain::cases::ExtensionError::NoReason) {
            "extend-reason"
        } else {
            "extend_date"
        };
        errors.add(field, e.to_string());
    }
    if !errors.is_empty() {
        return back_with(&row, errors).await;
    }
    let words = crate::format::when(to);
    let body = format!(
        "We need more time to respond: {reason}. We will now respond by {words}. If you are unhappy with this, you can contact the {} on {} or at {}.",
        regime.ombudsman.name, regime.ombudsman.phone, regime.ombudsman.website
    );
    let change = Change {
        extend: Some((kind, to, reason.clone())),
        ..Default::default()
    };
    let event = NewEvent::shown("extended", "Response deadline extended")
        .with_body(Some(body.clone()))
        .by(Some(account.id));
    let result = apply_step(&state, &row, Step::Extend, change, event, now).await?;
    finish(&state, &account, &row, "extend", result, Some(body)).await
}

/// Decline a complaint for one of the regime's reasons, explained to the resident.
#[server(prefix = "/api", endpoint = "staff/case-decline")]
pub async fn decline_case(
    reference: String,
    reason: Option<String>,
    explanation: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::Step;
    let (account, state, row) = staff_case(&reference).await?;
    let now = chrono::Utc::now();
    let regime = &state.site.profile.complaints;
    let explanation = text(explanation);
    let mut errors = FieldErrors::default();
    let index = reason
        .and_then(|r| r.trim().parse::<usize>().ok())
        .filter(|i| *i < regime.exclusions.len());
    if index.is_none() {
        refuse(
            &mut errors,
            "decline",
            "reason",
            "Choose the reason the complaints policy allows",
        );
    }
    if explanation.is_empty() {
        refuse(
            &mut errors,
            "decline",
            "explanation",
            "Explain the decision to the resident",
        );
    } else if too_long(&explanation) {
        refuse(
            &mut errors,
            "decline",
            "explanation",
            "The explanation must be 2000 characters or fewer",
        );
    }
    let Some(index) = index.filter(|_| errors.is_empty()) else {
        return back_with(&row, errors).await;
    };
    let why = regime.exclusions[index].clone();
    let body = format!(
        "We cannot take this on as a complaint because {why}. {explanation}\n\nIf you disagree, you can contact the {} on {} or at {}.",
        regime.ombudsman.name, regime.ombudsman.phone, regime.ombudsman.website
    );
    let change = Change {
        stamps: vec!["closed_at"],
        decline_reason: Some(why),
        ..Default::default()
    };
    let event = NewEvent::shown("declined", "Not taken on as a complaint")
        .with_body(Some(body.clone()))
        .by(Some(account.id));
    let result = apply_step(
        &state,
        &row,
        Step::Decline { reason: index },
        change,
        event,
        now,
    )
    .await?;
    finish(&state, &account, &row, "decline", result, Some(body)).await
}

/// Pass a compliment on to the colleague and their manager.
#[server(prefix = "/api", endpoint = "staff/case-pass-on")]
pub async fn pass_on_compliment(
    reference: String,
    colleague: Option<String>,
) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    let now = chrono::Utc::now();
    let colleagues = crate::server::db::cases::colleagues(&state.db).await?;
    let Some(to) = colleague
        .and_then(|o| o.trim().parse::<i64>().ok())
        .and_then(|id| colleagues.iter().find(|c| c.id == id))
        .cloned()
    else {
        let mut errors = FieldErrors::default();
        refuse(
            &mut errors,
            "pass_on",
            "colleague",
            "Choose the colleague the compliment is for",
        );
        return back_with(&row, errors).await;
    };
    if row.kind != crate::domain::cases::CaseKind::Compliment {
        return Err(AppError::BadRequest);
    }
    let change = Change {
        status: Some("closed"),
        owner: Some(to.id),
        stamps: vec!["closed_at"],
        meet_clocks: vec![crate::domain::cases::ClockKind::Acknowledge],
        ..Default::default()
    };
    let told = match &to.manager_name {
        Some(m) => format!("Passed on to {} and their manager, {m}", to.display_name),
        None => format!("Passed on to {}", to.display_name),
    };
    let event = NewEvent::shown("passed_on", told.clone()).by(Some(account.id));
    let result = write(&state, &row, &change, &event, now).await?;
    let written = result.is_ok();
    if written {
        let landlord = &state.site.profile.landlord;
        let words = format!("{}\n\n(Compliment {})", row.details, row.reference);
        let message =
            crate::server::emails::compliment(landlord, &to.display_name, &to.display_name, &words);
        state.outbox.queue(&state.db, &to.email, message).await?;
        if let (Some(name), Some(email)) = (&to.manager_name, &to.manager_email) {
            let message =
                crate::server::emails::compliment(landlord, name, &to.display_name, &words);
            state.outbox.queue(&state.db, email, message).await?;
        }
    }
    finish(
        &state,
        &account,
        &row,
        "pass_on",
        result,
        Some(format!(
            "We have passed your thanks on to {}. Thank you.",
            to.display_name
        )),
    )
    .await
}

/// A note on the case: internal, or an update the resident sees.
#[server(prefix = "/api", endpoint = "staff/case-note")]
pub async fn case_note(
    reference: String,
    note: Option<String>,
    visible: Option<String>,
) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    let note = text(note);
    let mut errors = FieldErrors::default();
    if note.is_empty() {
        refuse(&mut errors, "note", "note", "Write the note");
    } else if too_long(&note) {
        refuse(
            &mut errors,
            "note",
            "note",
            "The note must be 2000 characters or fewer",
        );
    }
    if !errors.is_empty() {
        return back_with(&row, errors).await;
    }
    let shown = visible.as_deref() == Some("yes");
    let event = NewEvent::shown(
        "note",
        if shown {
            "Update from us"
        } else {
            "Internal note"
        },
    )
    .with_body(Some(note.clone()))
    .by(Some(account.id));
    let event = if shown { event } else { event.internal() };
    crate::server::db::cases::add_event(&state.db, row.id, &event, chrono::Utc::now()).await?;
    finish(
        &state,
        &account,
        &row,
        "note",
        Ok(()),
        shown.then(|| format!("Update: {note}")),
    )
    .await
}

/// An outstanding action promised to the resident, with its date.
#[server(prefix = "/api", endpoint = "staff/case-add-action")]
pub async fn add_case_action(
    reference: String,
    description: Option<String>,
    action_date_day: Option<String>,
    action_date_month: Option<String>,
    action_date_year: Option<String>,
) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    let description = text(description);
    let mut errors = FieldErrors::default();
    if description.is_empty() {
        refuse(
            &mut errors,
            "add_action",
            "description",
            "Describe what we will do",
        );
    } else if description.chars().count() > crate::domain::cases::SHORT_LIMIT {
        refuse(
            &mut errors,
            "add_action",
            "description",
            format!(
                "This must be {} characters or fewer",
                crate::domain::cases::SHORT_LIMIT
            ),
        );
    }
    let date = crate::domain::validation::date_of(
        &text(action_date_day),
        &text(action_date_month),
        &text(action_date_year),
    );
    if date.is_none() {
        errors.add(
            "action_date",
            "Enter the date it will be done by, like 27 3 2027",
        );
    }
    let Some(date) = date.filter(|_| errors.is_empty()) else {
        return back_with(&row, errors).await;
    };
    let now = chrono::Utc::now();
    let title = format!("We will {description} by {}", date.format("%-d %B %Y"));
    crate::server::db::cases::add_action(
        &state.db,
        row.id,
        row.stage,
        &description,
        date,
        &NewEvent::shown("action", title.clone()).by(Some(account.id)),
        now,
    )
    .await?;
    finish(&state, &account, &row, "add_action", Ok(()), Some(title)).await
}

/// Mark an outstanding action done.
#[server(prefix = "/api", endpoint = "staff/case-action-done")]
pub async fn case_action_done(reference: String, action: Option<String>) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    let actions = crate::server::db::cases::actions(&state.db, row.id).await?;
    let Some(found) = action
        .and_then(|a| a.trim().parse::<i64>().ok())
        .and_then(|id| {
            actions
                .into_iter()
                .find(|a| a.id == id && a.done_at.is_none())
        })
    else {
        return finish(
            &state,
            &account,
            &row,
            "action_done",
            Err("That action is done already".to_owned()),
            None,
        )
        .await;
    };
    let now = chrono::Utc::now();
    let title = format!("Done: {}", found.description);
    let change = Change {
        action_done: Some((found.id, account.id)),
        ..Default::default()
    };
    let event = NewEvent::shown("action_done", title.clone()).by(Some(account.id));
    let result = write(&state, &row, &change, &event, now).await?;
    finish(&state, &account, &row, "action_done", result, Some(title)).await
}

/// What the "record a complaint" form offers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordForm {
    pub values: RecordValues,
    pub errors: FieldErrors,
    pub channels: Vec<Offered>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordValues {
    pub kind: String,
    pub tenancy: String,
    pub channel: String,
    pub received: String,
    pub what: String,
    pub outcome: String,
    pub adjustments: String,
}

pub const RECORD_FORM: &str = "case_record";

#[server(prefix = "/api", endpoint = "staff/case-record-form")]
pub async fn get_record_form() -> Result<RecordForm, AppError> {
    use crate::domain::cases::Channel;
    use crate::server::authz::{authorise, Action};
    authorise(Action::ManageCases).await?;
    let form = crate::server::forms::take_form::<RecordValues>(RECORD_FORM).await?;
    Ok(RecordForm {
        values: form.values,
        errors: form.errors,
        channels: Channel::ALL
            .iter()
            .filter(|c| **c != Channel::Portal)
            .map(|c| Offered {
                value: c.as_str().into(),
                label: c.label().into(),
                hint: None,
            })
            .collect(),
    })
}

/// A complaint, compliment or question taken by phone, letter, email or in person, with the
/// date it was received (deadlines run from then).
#[server(prefix = "/api", endpoint = "staff/case-record")]
pub async fn record_case(
    kind: Option<String>,
    tenancy: Option<String>,
    channel: Option<String>,
    received: Option<String>,
    what: Option<String>,
    outcome: Option<String>,
    adjustments: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::{CaseKind, Channel, MadeBy};
    use crate::server::authz::{authorise, Action};
    use std::collections::BTreeMap;
    let account = authorise(Action::ManageCases).await?;
    let state = crate::server::state::app_state()?;
    let values = RecordValues {
        kind: text(kind),
        tenancy: text(tenancy).to_uppercase(),
        channel: text(channel),
        received: text(received),
        what: text(what),
        outcome: text(outcome),
        adjustments: text(adjustments),
    };
    let mut errors = FieldErrors::default();
    let kind = CaseKind::parse(&values.kind);
    if kind.is_none() {
        errors.add("kind", "Choose what the resident contacted us about");
    }
    let person = if values.tenancy.is_empty() {
        errors.add("tenancy", "Enter the tenancy or lease reference");
        None
    } else {
        let found =
            crate::server::db::repairs::person_on_tenancy(&state.db, &values.tenancy).await?;
        if found.is_none() {
            errors.add("tenancy", "No current tenancy or lease has that reference");
        }
        found
    };
    let channel = Channel::parse(&values.channel).filter(|c| *c != Channel::Portal);
    if channel.is_none() {
        errors.add("channel", "Choose how it reached us");
    }
    let today = crate::site::today();
    let received = chrono::NaiveDate::parse_from_str(&values.received, "%Y-%m-%d").ok();
    match received {
        None => errors.add("received", "Enter the date we received it"),
        Some(d) if d > today => errors.add(
            "received",
            "The date we received it must be today or in the past",
        ),
        Some(d) if (today - d).num_days() > 366 => {
            errors.add("received", "The date must be within the last year")
        }
        Some(_) => {}
    }
    let mut answers = BTreeMap::new();
    if let Some(kind) = kind {
        for q in kind.questions() {
            let typed = match q.field {
                "what" => &values.what,
                "outcome" => &values.outcome,
                "adjustments" => &values.adjustments,
                "who" => &values.outcome,
                _ => "",
            };
            let typed = if q.field == "when" {
                "As recorded by us"
            } else {
                typed
            };
            match q.check(typed) {
                Ok(v) => {
                    answers.insert(q.field.to_owned(), v);
                }
                Err(message) => {
                    let field = match q.field {
                        "who" => "outcome",
                        "when" => "what",
                        f => f,
                    };
                    if errors.for_field(field).is_none() {
                        errors.add(field, message);
                    }
                }
            }
        }
    }
    let (Some(kind), Some(person), Some(channel), Some(received)) =
        (kind, person, channel, received)
    else {
        return crate::server::forms::back_to_form(RECORD_FORM, "/staff/cases/new", values, errors)
            .await;
    };
    if !errors.is_empty() {
        return crate::server::forms::back_to_form(RECORD_FORM, "/staff/cases/new", values, errors)
            .await;
    }
    let now = chrono::Utc::now();
    // Received today: now. An earlier day: the start of that day (its day of receipt is day 0,
    // whatever the hour).
    let received_at = if received == today {
        now
    } else {
        crate::domain::london::from_local(received.and_hms_opt(0, 0, 0).unwrap_or_default())
    };
    let (reference, _) = crate::server::cases::open_case(
        &state,
        crate::server::cases::Opening {
            token: crate::server::tokens::submission_token(),
            kind,
            person_id: person,
            made_by: MadeBy::Staff,
            made_by_account_id: Some(account.id),
            channel,
            answers: &answers,
            related: None,
            received_at,
        },
        now,
    )
    .await?;
    crate::server::db::accounts::record_audit(
        &state.db,
        crate::server::db::accounts::AuditEvent::by(Some(account.id), "case_recorded")
            .on("case", &reference)
            .for_person(Some(person)),
        now,
    )
    .await?;
    crate::server::request::redirect(&format!("/staff/cases/{reference}"));
    Ok(())
}

/// CH01 and CH02 for a period (dates as YYYY-MM-DD, `to` inclusive), and compliments counted
/// by colleague. Without dates: the last twelve whole months.
#[server(prefix = "/api", endpoint = "staff/complaints-report")]
pub async fn get_complaints_report(
    from: Option<String>,
    to: Option<String>,
) -> Result<ReportPage, AppError> {
    use crate::server::authz::{authorise, Action};
    authorise(Action::ViewComplaintReports).await?;
    let state = crate::server::state::app_state()?;
    let mut errors = FieldErrors::default();
    let (from_date, to_date) = crate::domain::performance::report_period(
        from.as_deref(),
        to.as_deref(),
        crate::site::today(),
        &mut errors,
    );
    let (lines, compliments) =
        crate::server::cases::report::report_figures(&state, from_date, to_date).await?;
    let measures = crate::server::performance::regulatory(&state, from_date, to_date).await?;
    Ok(ReportPage {
        measures,
        scotland: state.site.profile.nation == crate::domain::housing::Nation::Scotland,
        from: from_date.format("%Y-%m-%d").to_string(),
        to: to_date.format("%Y-%m-%d").to_string(),
        lines,
        compliments,
        regime: state
            .site
            .profile
            .complaints
            .stages
            .iter()
            .map(|s| format!("{}: respond within {}", s.name, s.respond))
            .collect::<Vec<_>>()
            .join("; "),
        errors,
    })
}
