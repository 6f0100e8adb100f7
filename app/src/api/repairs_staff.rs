//! Repairs for staff: the queue (what breaches first, at the top) and the changes that move a
//! job along. Every change writes the job's timeline and, when the resident can see it, emails
//! the reporter and followers through the outbox.

use super::repairs::{Offered, RepairLine};
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const PER_PAGE: i64 = 50;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilters {
    pub status: String,
    pub priority: String,
    pub trade: String,
    pub block: String,
    pub due: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub filters: QueueFilters,
    pub statuses: Vec<Offered>,
    pub priorities: Vec<Offered>,
    pub trades: Vec<Offered>,
    pub blocks: Vec<Offered>,
    pub lines: Vec<RepairLine>,
    /// Matching jobs, counted up to `db::repairs::COUNT_LIMIT`.
    pub total: i64,
    /// More match than were counted.
    pub more: bool,
    pub page: i64,
    pub pages: i64,
    /// The filters as a query string, for the page links.
    pub query: String,
}

/// The form state of the staff job page: which action failed and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffForm {
    /// The reporter's needs and contact rules, at the top of the job page.
    pub banner: Option<crate::api::preferences::NeedsBanner>,
    pub errors: FieldErrors,
    pub done: Option<String>,
    pub may_manage: bool,
    pub priorities: Vec<Offered>,
    /// The hazard deadlines still open on this job, as the actions that meet them (value:
    /// the action; label: the form's title).
    pub hazard_actions: Vec<Offered>,
    /// What an investigation may have found, where an investigation deadline is open.
    pub findings: Vec<Offered>,
}

pub const STAFF_FORM: &str = "repair_staff";

/// The repairs queue, filtered, most urgent deadline first.
#[server(prefix = "/api", endpoint = "staff/repairs")]
pub async fn get_queue(
    status: Option<String>,
    priority: Option<String>,
    trade: Option<String>,
    block: Option<String>,
    due: Option<String>,
    page: Option<i64>,
) -> Result<QueuePage, AppError> {
    use crate::domain::repairs::Status;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::repairs::{blocks, queue, QueueFilter};
    use crate::server::state::app_state;
    authorise(Action::ViewRepairQueue).await?;
    let state = app_state()?;
    let clean = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let status = clean(status).filter(|s| Status::parse(s).is_some());
    let priority = clean(priority).filter(|p| {
        state
            .site
            .profile
            .repair_priorities
            .iter()
            .any(|x| &x.code == p)
    });
    let trade = clean(trade).filter(|t| state.site.repairs.trade(t).is_some());
    let block_id = clean(block).and_then(|b| b.parse::<i64>().ok());
    let due = clean(due).filter(|d| ["overdue", "soon", "later"].contains(&d.as_str()));
    let now = chrono::Utc::now();
    let soon = state.site.due_soon_until(now);
    let closed = status
        .as_deref()
        .is_some_and(|s| !Status::parse(s).is_some_and(Status::is_open));
    let filter = QueueFilter {
        status: status.clone(),
        priority: priority.clone(),
        trade: trade.clone(),
        block_id,
        due: due.clone(),
        closed,
    };
    let page = page.unwrap_or(1).max(1);
    let (rows, total) = queue(&state.db, &filter, now, soon, page, PER_PAGE).await?;
    let more = total >= crate::server::db::repairs::COUNT_LIMIT;
    let total = total.min(crate::server::db::repairs::COUNT_LIMIT - 1);
    // Beyond the counted jobs, a full page means there may be another.
    let pages = if more && rows.len() as i64 == PER_PAGE {
        page + 1
    } else {
        ((total + PER_PAGE - 1) / PER_PAGE).max(page).max(1)
    };
    let filters = QueueFilters {
        status: status.unwrap_or_default(),
        priority: priority.unwrap_or_default(),
        trade: trade.unwrap_or_default(),
        block: block_id.map(|b| b.to_string()).unwrap_or_default(),
        due: due.unwrap_or_default(),
    };
    let query = [
        ("status", &filters.status),
        ("priority", &filters.priority),
        ("trade", &filters.trade),
        ("block", &filters.block),
        ("due", &filters.due),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", crate::domain::navigation::encode_query_value(v)))
    .collect::<Vec<_>>()
    .join("&");
    let offered = |value: &str, label: &str| Offered {
        value: value.to_owned(),
        label: label.to_owned(),
        hint: None,
    };
    Ok(QueuePage {
        statuses: Status::ALL
            .iter()
            .map(|s| offered(s.as_str(), s.label()))
            .collect(),
        priorities: state
            .site
            .profile
            .repair_priorities
            .iter()
            .map(|p| offered(&p.code, &p.name))
            .collect(),
        trades: state
            .site
            .repairs
            .trades
            .iter()
            .map(|t| offered(&t.code, &t.name))
            .collect(),
        blocks: blocks(&state.db)
            .await?
            .iter()
            .map(|b| offered(&b.id.to_string(), &b.name))
            .collect(),
        lines: rows
            .iter()
            .map(|r| crate::server::repairs::view::line(&state, r, now))
            .collect(),
        filters,
        total,
        more,
        page,
        pages,
        query,
    })
}

/// What the staff job page needs besides the job: the result of the last action.
#[server(prefix = "/api", endpoint = "staff/repair-form")]
pub async fn get_staff_form() -> Result<StaffForm, AppError> {
    use crate::server::authz::{authorise, may, Action};
    use crate::server::state::app_state;
    let account = authorise(Action::ViewRepairQueue).await?;
    let state = app_state()?;
    let form = crate::server::forms::take_form::<Option<String>>(STAFF_FORM).await?;
    Ok(StaffForm {
        banner: None,
        errors: form.errors,
        done: form.values,
        may_manage: may(&account, Action::ManageRepairs),
        priorities: state
            .site
            .profile
            .repair_priorities
            .iter()
            .map(|p| Offered {
                value: p.code.clone(),
                label: p.name.clone(),
                hint: None,
            })
            .collect(),
        hazard_actions: Vec::new(),
        findings: Vec::new(),
    })
}

/// The hazard actions a job's open clocks call for, and the findings an investigation may
/// record under the landlord's law.
#[cfg(feature = "ssr")]
fn hazard_forms(
    law: Option<&crate::domain::standards::HazardLaw>,
    open: &[crate::domain::hazards::HazardClock],
) -> (Vec<Offered>, Vec<Offered>) {
    use crate::domain::hazards::{HazardClock, FINDINGS};
    let offer = |value: &str, label: &str| Offered {
        value: value.to_owned(),
        label: label.to_owned(),
        hint: None,
    };
    let actions = open
        .iter()
        .map(|clock| match clock {
            HazardClock::MakeSafe => offer("investigated", "Hazard investigated and made safe"),
            HazardClock::Investigate => offer("investigated", "Hazard investigated"),
            HazardClock::Summary => offer("summary_sent", "Written summary sent to the resident"),
            HazardClock::SafetyWork => offer("safety_work", &clock.label(law)),
            HazardClock::FurtherBegin => offer("further_begun", &clock.label(law)),
            HazardClock::FurtherOnSite => offer("further_on_site", &clock.label(law)),
        })
        .collect();
    let scotland = law.is_some_and(|l| l.scotland().is_some());
    let findings = if open.contains(&HazardClock::Investigate) {
        FINDINGS
            .iter()
            .filter(|(_, _, f)| !(scotland && f.further_work))
            .map(|(value, label, _)| offer(value, label))
            .collect()
    } else {
        Vec::new()
    };
    (actions, findings)
}

/// The staff job page in one request: the job and the state of its forms.
#[server(prefix = "/api", endpoint = "staff/repair-page")]
pub async fn get_staff_repair(
    reference: String,
) -> Result<(StaffForm, super::repairs::RepairView), AppError> {
    let mut form = get_staff_form().await?;
    let view = super::repairs::get_repair(reference.clone()).await?;
    let account = crate::server::authz::signed_in().await?;
    let state = crate::server::state::app_state()?;
    if let Some(row) =
        crate::server::db::repairs::repair_by_reference(&state.db, &view.reference).await?
    {
        form.banner = Some(
            crate::api::preferences::needs_banner(&state, &account, row.reported_by_person_id)
                .await?,
        );
        let open: Vec<crate::domain::hazards::HazardClock> =
            crate::server::db::repairs::clocks(&state.db, row.id)
                .await?
                .iter()
                .filter(|c| c.met_at.is_none())
                .filter_map(|c| c.kind.hazard())
                .collect();
        (form.hazard_actions, form.findings) =
            hazard_forms(state.site.profile.hazards.law.as_ref(), &open);
    }
    Ok((form, view))
}

/// One change to a job. `action` says which; the other fields are those its form posts.
///
/// `choice` is the radio answer (the new priority, the visit's outcome, how access was sought);
/// `detail` the one line of text (the contractor).
#[server(prefix = "/api", endpoint = "staff/repair-action")]
pub async fn staff_action(
    reference: String,
    action: Option<String>,
    choice: Option<String>,
    reason: Option<String>,
    detail: Option<String>,
    note: Option<String>,
    visible: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::hazards::{after_investigation, HazardClock, FINDINGS};
    use crate::domain::repairs::{Status, VisitOutcome, ACCESS_METHODS, NOTE_LIMIT};
    use crate::server::authz::{authorise, Action};
    use crate::server::db::repairs::{self as store, Change, NewClock, NewEvent};
    use crate::server::state::app_state;
    let account = authorise(Action::ManageRepairs).await?;
    let state = app_state()?;
    let reference = crate::domain::reference::normalise_reference("RP", &reference)
        .ok_or(AppError::NotFound)?;
    let row = store::repair_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/repairs/{reference}");
    let now = chrono::Utc::now();
    let text = |v: Option<String>| v.map(|s| s.trim().to_owned()).unwrap_or_default();
    let (reason, note, detail) = (text(reason), text(note), text(detail));
    let action = action.unwrap_or_default();
    let mut errors = FieldErrors::default();
    // Every action has its own form on the page, so a field's id (and its error) is
    // "{action}-{field}".
    let key = |field: &str| format!("{action}-{field}");
    let too_long = |v: &str| v.chars().count() > NOTE_LIMIT;
    let open = row.status.is_open();
    if !open && action != "note" {
        errors.add(&key("action"), "This repair is closed. Add a note instead");
        return crate::server::forms::back_to_form(STAFF_FORM, &back, None::<String>, errors).await;
    }
    let me = Some(account.id);
    let open_hazard_clocks: Vec<HazardClock> = store::clocks(&state.db, row.id)
        .await?
        .iter()
        .filter(|c| c.met_at.is_none())
        .filter_map(|c| c.kind.hazard())
        .collect();
    // (change, event, tell the resident)
    let planned: Option<(Change, NewEvent, Option<String>)> = match action.as_str() {
        "priority" => {
            let chosen = choice.as_ref().and_then(|p| state.site.profile.repair_priorities.iter().find(|x| &x.code == p).cloned());
            match (chosen, reason.is_empty()) {
                (None, _) => { errors.add(&key("choice"), "Select a priority"); None }
                (_, true) => { errors.add(&key("reason"), "Give the reason for the change"); None }
                (Some(p), false) => {
                    let target = state.site.schedule().deadline(row.received_at, p.target);
                    let what = format!("Priority changed to {}: we now aim to complete it by {}", p.name, crate::format::when(target));
                    Some((
                        Change { priority: Some((p.code.clone(), target)), ..Default::default() },
                        NewEvent::shown("priority", format!("Priority changed to {}", p.name)).with_body(Some(format!("{reason}. New target: {}.", crate::format::when(target)))).by(me),
                        Some(what),
                    ))
                }
            }
        }
        "visit_outcome" => match choice.as_deref().and_then(VisitOutcome::parse) {
            None => { errors.add(&key("choice"), "Select what happened on the visit"); None }
            Some(o) => {
                let status = o.status_after();
                Some((
                    Change {
                        status: Some(status.as_str()),
                        completed_at: (status == Status::Completed).then_some(now),
                        ..Default::default()
                    },
                    NewEvent::shown("visit_outcome", o.label()).with_body(Some(note.clone())).by(me),
                    Some(o.label().to_owned()),
                ))
            }
        },
        "contractor" => {
            if detail.is_empty() {
                errors.add(&key("detail"), "Enter the contractor's name");
                None
            } else {
                Some((
                    Change { contractor: Some(detail.clone()), ..Default::default() },
                    NewEvent::shown("contractor", format!("{detail} will do this repair for us")).by(me),
                    Some(format!("{detail} will do this repair for us")),
                ))
            }
        }
        "note" => {
            if note.is_empty() {
                errors.add(&key("note"), "Write the note");
                None
            } else {
                let shown = visible.as_deref() == Some("yes");
                let event = NewEvent::shown("note", if shown { "Update from us" } else { "Internal note" }).with_body(Some(note.clone())).by(me);
                let event = if shown { event } else { event.internal() };
                Some((Change::default(), event, shown.then(|| format!("Update: {note}"))))
            }
        }
        "access_attempt" => match choice.as_deref().and_then(|m| ACCESS_METHODS.iter().find(|(c, _)| *c == m)) {
            None => { errors.add(&key("choice"), "Select how you tried to arrange access"); None }
            Some((_, words)) => Some((
                Change::default(),
                NewEvent::shown("access_attempt", format!("We tried to arrange a visit: {}", words.to_lowercase())).with_body(Some(note.clone())).by(me),
                None,
            )),
        },
        "investigated" => {
            let law = state.site.profile.hazards.law.clone();
            let open_clock = |c: HazardClock| open_hazard_clocks.contains(&c);
            match law {
                Some(law) if open_clock(HazardClock::Investigate) => {
                    let findings = match choice.as_deref().and_then(|c| FINDINGS.iter().find(|(code, _, _)| *code == c)) {
                        Some((_, _, findings)) if law.scotland().is_none() || !findings.further_work => Some(*findings),
                        _ => {
                            errors.add(&key("choice"), "Select what the investigation found");
                            None
                        }
                    };
                    findings.map(|findings| {
                        let schedule = state.site.schedule();
                        let started: Vec<(HazardClock, chrono::DateTime<chrono::Utc>)> = after_investigation(&law, findings)
                            .into_iter()
                            .map(|(clock, t)| (clock, schedule.deadline(now, t)))
                            .collect();
                        let promised = started
                            .iter()
                            .map(|(clock, due)| format!("{}: by {}", clock.label(Some(&law)), crate::format::when(*due)))
                            .collect::<Vec<_>>()
                            .join("; ");
                        let body = [note.as_str(), &format!("What happens next. {promised}.")]
                            .into_iter()
                            .filter(|t| !t.is_empty())
                            .collect::<Vec<_>>()
                            .join("\n\n");
                        (
                            Change {
                                meet_clocks: vec![HazardClock::Investigate.into()],
                                start_clocks: started
                                    .iter()
                                    .map(|(clock, due)| NewClock { kind: (*clock).into(), started_at: now, due_at: *due })
                                    .collect(),
                                ..Default::default()
                            },
                            NewEvent::shown("investigated", "Hazard investigated").with_body(Some(body)).by(me),
                            Some(format!("We have investigated the hazard. {promised}")),
                        )
                    })
                }
                Some(_) if open_clock(HazardClock::MakeSafe) => Some((
                    Change { meet_clocks: vec![HazardClock::MakeSafe.into()], ..Default::default() },
                    NewEvent::shown("made_safe", "Hazard investigated and made safe").with_body(Some(note.clone())).by(me),
                    Some("We have investigated the hazard and made your home safe".to_owned()),
                )),
                _ => { errors.add(&key("action"), "This repair has no investigation deadline open"); None }
            }
        }
        "summary_sent" | "safety_work" | "further_begun" | "further_on_site" => {
            let (event_kind, clock, title, tell) = match action.as_str() {
                "summary_sent" => ("summary_sent", HazardClock::Summary, "Written summary of our findings sent to you", "We have sent you a written summary of what we found"),
                "safety_work" => ("safety_work", HazardClock::SafetyWork, "Safety work started", "Safety work has started"),
                "further_begun" => ("further_begun", HazardClock::FurtherBegin, "Further work to stop it coming back begun", "We have begun the further work to stop the problem coming back"),
                _ => ("further_on_site", HazardClock::FurtherOnSite, "Further work started on site", "The further work has started at your home"),
            };
            if open_hazard_clocks.contains(&clock) {
                Some((
                    Change { meet_clocks: vec![clock.into()], ..Default::default() },
                    NewEvent::shown(event_kind, title).with_body(Some(note.clone())).by(me),
                    Some(tell.to_owned()),
                ))
            } else {
                errors.add(&key("action"), "This repair has no such deadline open");
                None
            }
        }
        "complete" => Some((
            Change { status: Some("completed"), completed_at: Some(now), ..Default::default() },
            NewEvent::shown("completed", "Repair completed").with_body(Some(note.clone())).by(me),
            Some("Repair completed. If it is not fixed, tell us within 30 days from the repair's page".to_owned()),
        )),
        "cancel" => {
            if reason.is_empty() {
                errors.add(&key("reason"), "Give the reason for cancelling the repair");
                None
            } else {
                Some((
                    Change { status: Some("cancelled"), ..Default::default() },
                    NewEvent::shown("cancelled", "Repair cancelled").with_body(Some(reason.clone())).by(me),
                    Some(format!("Repair cancelled: {reason}")),
                ))
            }
        }
        _ => return Err(AppError::BadRequest),
    };
    for (field, value) in [("note", &note), ("reason", &reason), ("detail", &detail)] {
        if too_long(value) {
            errors.add(
                &key(field),
                format!("This must be {NOTE_LIMIT} characters or fewer"),
            );
        }
    }
    let Some((change, event, tell)) = planned.filter(|_| errors.is_empty()) else {
        return crate::server::forms::back_to_form(STAFF_FORM, &back, None::<String>, errors).await;
    };
    let planned = support::Planned {
        change,
        event,
        tell,
    };
    // Only once the whole form is valid: a refused form changes nothing.
    if action == "visit_outcome" {
        store::visit_attended(&state.db, row.id, now).await?;
    }
    if action == "cancel" || action == "complete" {
        // A closed job gives up its booked visit.
        if let Some(_visit) = store::booked_visit(&state.db, row.id).await? {
            store::cancel_visit(
                &state.db,
                row.id,
                "job_closed",
                &NewEvent::shown("visit_cancelled", "Visit no longer needed").by(me),
                now,
            )
            .await?;
        }
    }
    support::apply(&state, &account, &row, &action, planned, now).await
}

/// "Operative on the way": the arrival window as two times, told to the resident at once. Only
/// with a visit booked: telling someone to expect an operative for a visit that was just
/// cancelled would keep them at home for nobody.
#[server(prefix = "/api", endpoint = "staff/repair-on-the-way")]
pub async fn tell_on_the_way(
    reference: String,
    from: Option<String>,
    until: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::repairs::ArrivalWindow;
    use crate::server::authz::{authorise, Action};
    use crate::server::db::repairs::{self as store, Change, NewEvent};
    let account = authorise(Action::ManageRepairs).await?;
    let state = crate::server::state::app_state()?;
    let reference = crate::domain::reference::normalise_reference("RP", &reference)
        .ok_or(AppError::NotFound)?;
    let row = store::repair_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let open = row.status.is_open();
    let booked = store::booked_visit(&state.db, row.id).await?.is_some();
    let window = ArrivalWindow::parse(
        from.as_deref().unwrap_or_default(),
        until.as_deref().unwrap_or_default(),
    );
    let problem = match (&window, open, booked) {
        (_, false, _) => Some("This repair is closed. Add a note instead"),
        (_, _, false) => Some("There is no visit booked for this repair. Book one first"),
        (Err(problem), _, _) => Some(problem.message()),
        (Ok(_), true, true) => None,
    };
    let (Ok(window), None) = (window, problem) else {
        let mut errors = FieldErrors::default();
        errors.add("on_the_way-from", problem.unwrap_or_default());
        let back = format!("/staff/repairs/{reference}");
        return crate::server::forms::back_to_form(STAFF_FORM, &back, None::<String>, errors).await;
    };
    let words = window.words();
    let planned = support::Planned {
        change: Change {
            status: Some("in_progress"),
            ..Default::default()
        },
        event: NewEvent::shown("on_the_way", "Operative on the way")
            .with_body(Some(format!("Expected {words}")))
            .by(Some(account.id)),
        tell: Some(format!("Our operative is on the way, expected {words}")),
    };
    support::apply(
        &state,
        &account,
        &row,
        "on_the_way",
        planned,
        chrono::Utc::now(),
    )
    .await
}

#[cfg(feature = "ssr")]
mod support {
    use super::STAFF_FORM;
    use crate::domain::validation::FieldErrors;
    use crate::error::AppError;
    use crate::server::db::accounts::{record_audit, Account, AuditEvent};
    use crate::server::db::repairs::{change_repair, Change, NewEvent, RepairRow};
    use crate::server::state::AppState;

    /// A colleague's change to a job, checked and ready: the change, its timeline entry, and
    /// what to tell the resident (if anything).
    pub struct Planned {
        pub change: Change,
        pub event: NewEvent,
        pub tell: Option<String>,
    }

    /// Applies a checked change with its timeline entry, records it in the audit trail against
    /// the resident, tells everyone on the job, and goes back to the job with "done".
    pub async fn apply(
        state: &AppState,
        account: &Account,
        row: &RepairRow,
        action: &str,
        planned: Planned,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), AppError> {
        use crate::domain::preferences::MessageKind;
        let Planned {
            change,
            event,
            tell,
        } = planned;
        change_repair(&state.db, row.id, &change, Some(&event), now).await?;
        record_audit(
            &state.db,
            AuditEvent::by(Some(account.id), "repair_changed")
                .on("repair", &row.reference)
                .for_person(Some(row.reported_by_person_id))
                .detail(action.to_owned()),
            now,
        )
        .await?;
        if let Some(what) = tell {
            let kind = match action {
                "on_the_way" => MessageKind::OperativeOnTheWay,
                "priority" => MessageKind::DeadlineExtended,
                _ => MessageKind::Update,
            };
            crate::server::repairs::notify(
                state,
                row.id,
                &row.reference,
                &row.summary,
                kind,
                &what,
            )
            .await?;
        }
        let session = crate::server::request::session()?;
        crate::server::flash::keep(
            &session,
            STAFF_FORM,
            Some(event.title.clone()),
            FieldErrors::default(),
        )
        .await?;
        crate::server::request::redirect(&format!("/staff/repairs/{}", row.reference));
        Ok(())
    }
}
