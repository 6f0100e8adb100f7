//! A colleague's change to a job, once checked: written with its timeline entry, audited
//! against the resident, told to everyone on the job, and the colleague sent back to the job.

use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::db::accounts::{record_audit, Account, AuditEvent};
use crate::server::db::repairs::{change_repair, Change, NewEvent, RepairRow};
use crate::server::forms::Reply;
use crate::server::state::AppState;
use crate::wire::repairs_staff::STAFF_FORM;

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
) -> Result<Reply, AppError> {
    use crate::domain::preferences::MessageKind;
    let Planned {
        change,
        event,
        tell,
    } = planned;
    if change_repair(&state.db, row.id, &change, Some(&event), now).await?
        != crate::server::db::repairs::Applied::Done
    {
        // Only a change with a visit step can be refused: the visit moved on meanwhile.
        let mut errors = FieldErrors::default();
        errors.add(
            &format!("{action}-choice"),
            "The visit has changed since you opened this page. Look again and try once more",
        );
        return Reply::back(
            STAFF_FORM,
            &format!("/staff/repairs/{}", row.reference),
            None::<String>,
            errors,
        );
    }
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
        crate::server::repairs::notify(state, row.id, &row.reference, &row.summary, kind, &what)
            .await?;
    }
    // Back to the job's page, which says what was done.
    Reply::back(
        STAFF_FORM,
        &format!("/staff/repairs/{}", row.reference),
        Some(event.title.clone()),
        FieldErrors::default(),
    )
}

/// A colleague's change as its form posts it, each text field trimmed (`action` says which
/// change; `choice` is the radio answer, `detail` the one line of text).
pub struct ActionForm {
    pub action: String,
    pub choice: Option<String>,
    pub reason: String,
    pub detail: String,
    pub note: String,
    pub visible: Option<String>,
}

impl ActionForm {
    pub fn new(
        action: Option<String>,
        choice: Option<String>,
        [reason, detail, note]: [Option<String>; 3],
        visible: Option<String>,
    ) -> ActionForm {
        let text = |v: Option<String>| v.map(|s| s.trim().to_owned()).unwrap_or_default();
        ActionForm {
            action: action.unwrap_or_default(),
            choice,
            reason: text(reason),
            detail: text(detail),
            note: text(note),
            visible,
        }
    }
}

/// What checking a colleague's change gave: ready to write, or refused with the problems by
/// field (each field's id is "{action}-{field}": every action has its own form on the page).
pub enum Outcome {
    Ready(Box<Planned>),
    Refused(FieldErrors),
}

/// Checks a colleague's change to a job against the job as it is and plans what to write, what
/// the timeline says and what the resident is told; nothing is written. An unknown action is a
/// bad request.
pub async fn plan(
    state: &AppState,
    account: &Account,
    row: &RepairRow,
    form: ActionForm,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Outcome, AppError> {
    use crate::domain::hazards::{after_investigation, HazardClock, FINDINGS};
    use crate::domain::repairs::{Status, VisitOutcome, ACCESS_METHODS, NOTE_LIMIT};
    use crate::server::db::repairs::{self as store, NewClock, VisitStep};
    let ActionForm {
        action,
        choice,
        reason,
        detail,
        note,
        visible,
    } = form;
    let mut errors = FieldErrors::default();
    // Every action has its own form on the page, so a field's id (and its error) is
    // "{action}-{field}".
    let key = |field: &str| format!("{action}-{field}");
    let too_long = |v: &str| v.chars().count() > NOTE_LIMIT;
    let open = row.status.is_open();
    if !open && action != "note" {
        errors.add(&key("action"), "This repair is closed. Add a note instead");
        return Ok(Outcome::Refused(errors));
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
                // The booked visit, if there is one, gets the outcome (once: a visit that moved
                // on meanwhile refuses the change).
                let visit = store::booked_visit(&state.db, row.id).await?.map(|v| VisitStep::Outcome {
                    visit_id: v.id,
                    outcome: o.as_str(),
                    by: account.id,
                    note: Some(note.clone()).filter(|n| !n.is_empty()),
                    access_tried: None,
                    parts_expected_on: None,
                    follow_on: None,
                    photos: Vec::new(),
                });
                Some((
                    Change {
                        status: Some(status.as_str()),
                        completed_at: (status == Status::Completed).then_some(now),
                        visit,
                        ..Default::default()
                    },
                    NewEvent::shown("visit_outcome", o.label()).with_body(Some(note.clone())).by(me),
                    Some(o.label().to_owned()),
                ))
            }
        },
        "contractor" => {
            // A firm from the list, or back in house.
            let firms = store::firms(&state.db).await?;
            match choice.as_deref() {
                Some("in_house") if row.firm_id.is_some() => Some((
                    Change { firm: Some(None), contractor: Some(None), ..Default::default() },
                    NewEvent::shown("contractor", "Our own operatives will do this repair").by(me),
                    Some("Our own operatives will do this repair".to_owned()),
                )),
                Some("in_house") => { errors.add(&key("choice"), "This repair is already with our own operatives"); None }
                Some(id) => match firms.iter().find(|f| f.id.to_string() == id) {
                    Some(firm) if row.firm_id == Some(firm.id) => { errors.add(&key("choice"), format!("This repair is already with {}", firm.name)); None }
                    Some(firm) => Some((
                        Change { firm: Some(Some(firm.id)), contractor: Some(Some(firm.name.clone())), ..Default::default() },
                        NewEvent::shown("contractor", format!("{} will do this repair for us", firm.name)).by(me),
                        Some(format!("{} will do this repair for us", firm.name)),
                    )),
                    None => { errors.add(&key("choice"), "Select a contractor from the list"); None }
                },
                None => { errors.add(&key("choice"), "Select who will do the repair"); None }
            }
        }
        "give_visit" => {
            let operatives = store::operatives(&state.db).await?;
            let visit = store::booked_visit(&state.db, row.id).await?;
            match (visit, choice.as_deref()) {
                (None, _) => { errors.add(&key("choice"), "There is no visit booked for this repair. Book one first"); None }
                (Some(_), _) if row.firm_id.is_some() => { errors.add(&key("choice"), "This repair is with a contractor: their colleagues do its visits"); None }
                (Some(v), Some(id)) => match operatives.iter().find(|(o, _)| o.to_string() == id) {
                    Some((operative, name)) => Some((
                        Change { visit: Some(VisitStep::Give { visit_id: v.id, operative: Some(*operative) }), ..Default::default() },
                        NewEvent::shown("visit_given", format!("Visit given to {name}")).by(me).internal(),
                        None,
                    )),
                    None => { errors.add(&key("choice"), "Select an operative from the list"); None }
                },
                (Some(_), None) => { errors.add(&key("choice"), "Select an operative"); None }
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
    Ok(match planned.filter(|_| errors.is_empty()) {
        Some((change, event, tell)) => Outcome::Ready(Box::new(Planned {
            change,
            event,
            tell,
        })),
        None => Outcome::Refused(errors),
    })
}

/// Writes a checked change: closing the job gives up its booked visit, then the change (with a
/// visit's outcome, when it has one) is applied, audited and told (`apply`).
pub async fn carry_out(
    state: &AppState,
    account: &Account,
    row: &RepairRow,
    action: &str,
    planned: Planned,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Reply, AppError> {
    use crate::server::db::repairs as store;
    let me = Some(account.id);
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
    apply(state, account, row, action, planned, now).await
}

/// "Operative on the way": the arrival window as two times, told to the resident at once. Only
/// with a visit booked: telling someone to expect an operative for a visit that was just
/// cancelled would keep them at home for nobody.
pub async fn on_the_way(
    state: &AppState,
    account: Account,
    reference: String,
    from: Option<String>,
    until: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::repairs::ArrivalWindow;
    use crate::server::db::repairs::{self as store, Change, NewEvent};
    use crate::server::forms::Reply;
    let reference = crate::domain::reference::normalise_reference("RP", &reference)
        .ok_or(AppError::NotFound)?;
    let row = store::repair_by_reference(&state.db, &reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let open = row.status.is_open();
    let visit = store::booked_visit(&state.db, row.id).await?;
    let booked = visit.is_some();
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
        return Reply::back(STAFF_FORM, &back, None::<String>, errors);
    };
    let words = window.words();
    // The window is for today (UK time), kept on the visit as "on my way" keeps it.
    let today = crate::domain::london::to_local(chrono::Utc::now()).date();
    let at = |t| crate::domain::london::from_local(today.and_time(t));
    let planned = Planned {
        change: Change {
            status: Some("in_progress"),
            visit: visit.map(|v| crate::server::db::repairs::VisitStep::OnWay {
                visit_id: v.id,
                from: at(window.from),
                until: at(window.until),
            }),
            ..Default::default()
        },
        event: NewEvent::shown("on_the_way", "Operative on the way")
            .with_body(Some(format!("Expected {words}")))
            .by(Some(account.id)),
        tell: Some(format!("Our operative is on the way, expected {words}")),
    };
    apply(
        state,
        &account,
        &row,
        "on_the_way",
        planned,
        chrono::Utc::now(),
    )
    .await
}
