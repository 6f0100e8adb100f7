//! The steps on a visit: on my way, arrived and what happened, each a guarded write.

use super::*;

/// A timeline entry's words and, after them, the operative's note if they wrote one.
fn and_note(words: String, note: &Option<String>) -> String {
    match note {
        Some(note) => format!("{words} {note}"),
        None => words,
    }
}

fn back_to(id: i64) -> String {
    format!("/visits/{id}")
}

/// A step refused: the form again with the problem, what was typed kept.
fn refused(id: i64, values: OutcomeValues, errors: FieldErrors) -> Result<Reply, AppError> {
    Reply::back(VISIT_FORM, &back_to(id), (None::<String>, values), errors)
}

/// Writes a checked step with its timeline entry; on success audits it and tells the resident
/// (`tell`, with its kind), and goes back to the visit saying what was done. A stale page is
/// told what happened instead, and nothing is written.
#[allow(clippy::too_many_arguments)]
async fn write_step(
    state: &AppState,
    account: &Account,
    visit: &VisitRow,
    repair: &RepairRow,
    change: Change,
    event: NewEvent,
    tell: Option<(crate::domain::preferences::MessageKind, String)>,
    values: OutcomeValues,
    field: &str,
) -> Result<Reply, AppError> {
    let now = state.clock.now();
    let applied = store::change_repair(&state.db, repair.id, &change, Some(&event), now).await;
    if !matches!(applied, Ok(Applied::Done)) {
        forget_photos(state, &change).await;
    }
    match applied? {
        Applied::Done => {}
        Applied::VisitMoved => {
            let now_is = store::visit_by_id(&state.db, visit.id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut errors = FieldErrors::default();
            errors.add(field, what_happened(&now_is));
            return refused(visit.id, values, errors);
        }
        Applied::NoSeat => {
            let mut errors = FieldErrors::default();
            errors.add("slot", "Someone has just taken that slot. Choose another");
            return refused(visit.id, values, errors);
        }
    }
    record_audit(
        &state.db,
        AuditEvent::by(Some(account.id), "visit_recorded")
            .on("repair", &repair.reference)
            .for_person(Some(repair.reported_by_person_id))
            .detail(event.kind.to_owned()),
        now,
    )
    .await?;
    if let Some((kind, what)) = tell {
        crate::server::repairs::notify(
            state,
            repair.id,
            &repair.reference,
            &repair.summary,
            kind,
            &what,
        )
        .await?;
    }
    Reply::back(
        VISIT_FORM,
        &back_to(visit.id),
        (Some(event.title.clone()), OutcomeValues::default()),
        FieldErrors::default(),
    )
}

/// Deletes the stored photos of an outcome that was not written (nothing points at them).
async fn forget_photos(state: &AppState, change: &Change) {
    if let Some(VisitStep::Outcome { photos, .. }) = &change.visit {
        for photo in photos {
            if let Err(error) = state.storage.delete(&photo.storage_key).await {
                tracing::warn!(?error, key = %photo.storage_key, "could not delete an unused photo");
            }
        }
    }
}

/// Checks the photos sent with "completed" as a resident's are checked (type, size, pixels)
/// and keeps only the picture; the problems, by field, when any is refused.
async fn checked_photos(
    photos: Vec<Vec<u8>>,
    errors: &mut FieldErrors,
) -> Vec<(crate::domain::images::ImageKind, Vec<u8>)> {
    use crate::server::repairs::MAX_PHOTOS;
    if photos.len() > MAX_PHOTOS {
        errors.add("photo", format!("You can add up to {MAX_PHOTOS} photos"));
        return Vec::new();
    }
    let count = photos.len();
    let mut cleaned = Vec::new();
    for (i, bytes) in photos.into_iter().enumerate() {
        match crate::server::repairs::cleaned(bytes).await {
            Ok(photo) => cleaned.push(photo),
            Err(problem) if count == 1 => errors.add("photo", problem.message()),
            Err(problem) => errors.add(
                "photo",
                format!("Photo {} of {count}: {}", i + 1, problem.message()),
            ),
        }
    }
    cleaned
}

/// Stores checked photos under new keys; what the outcome's row needs of each.
async fn store_photos(
    state: &AppState,
    photos: Vec<(crate::domain::images::ImageKind, Vec<u8>)>,
) -> Result<Vec<store::NewVisitPhoto>, AppError> {
    let mut stored = Vec::new();
    for (kind, bytes) in photos {
        let key = crate::server::storage::new_key(kind.extension());
        if let Err(error) = state.storage.put(&key, &bytes).await {
            let kept: &[store::NewVisitPhoto] = &stored;
            for done in kept {
                if let Err(error) = state.storage.delete(&done.storage_key).await {
                    tracing::warn!(?error, key = %done.storage_key, "could not delete an unused photo");
                }
            }
            return Err(error);
        }
        stored.push(store::NewVisitPhoto {
            storage_key: key,
            content_type: kind.content_type(),
            size_bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        });
    }
    Ok(stored)
}

/// The visit and its job for a step, checked: may `account` record on it at all.
async fn for_step(
    state: &AppState,
    account: &Account,
    id: i64,
) -> Result<(VisitRow, RepairRow), AppError> {
    let visit = visible(state, account, id).await?;
    require(
        account,
        Action::RecordVisit {
            assigned: assigned(account, &visit),
        },
    )?;
    let repair = store::repair_by_id(&state.db, visit.repair_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((visit, repair))
}

/// Who is coming, as the resident is told: the operative's first name, or the firm.
fn who_is_coming(account: &Account, visit: &VisitRow) -> String {
    match (&visit.firm_name, account.role) {
        (Some(firm), _) => format!("{firm}, working for us,"),
        (None, Role::Operative) => {
            let first = account
                .display_name
                .split_whitespace()
                .next()
                .unwrap_or("Our operative");
            format!("{first}, our operative,")
        }
        _ => "Our operative".to_owned(),
    }
}

/// "On my way": the arrival window from now and the travel time, on the job's timeline and
/// told to the resident at once. Again, before arriving, to change the window.
pub async fn on_my_way(
    state: &AppState,
    account: &Account,
    id: i64,
    travel: Option<String>,
) -> Result<Reply, AppError> {
    use crate::domain::preferences::MessageKind;
    let (visit, repair) = for_step(state, account, id).await?;
    let values = OutcomeValues {
        travel: travel.clone().unwrap_or_default(),
        ..OutcomeValues::default()
    };
    let now = state.clock.now();
    let mut errors = FieldErrors::default();
    let travel = match parse_travel(travel.as_deref().unwrap_or_default()) {
        Ok(minutes) => Some(minutes),
        Err(problem) => {
            errors.add("travel", problem.message());
            None
        }
    };
    if visit.day != to_local(now).date() && visit.status == "booked" {
        errors.add(
            "travel",
            format!(
                "This visit is for {}. Say you are on your way on the day",
                visit.day.format("%A %-d %B")
            ),
        );
    }
    let Some(travel) = travel.filter(|_| errors.is_empty()) else {
        return refused(id, values, errors);
    };
    let arrival = Arrival::after_tap(to_local(now), travel);
    let words = arrival.words();
    let coming = who_is_coming(account, &visit);
    let change = Change {
        status: matches!(repair.status.as_str(), "reported" | "booked").then_some("in_progress"),
        visit: Some(VisitStep::OnWay {
            visit_id: visit.id,
            from: from_local(arrival.from),
            until: from_local(arrival.until),
        }),
        ..Change::default()
    };
    let event = NewEvent::shown("on_the_way", "Operative on the way")
        .with_body(Some(format!("Expected {words}")))
        .by(Some(account.id));
    let tell = format!("{coming} is on the way to you, expected {words}");
    write_step(
        state,
        account,
        &visit,
        &repair,
        change,
        event,
        Some((MessageKind::OperativeOnTheWay, tell)),
        values,
        "travel",
    )
    .await
}

/// "Arrived": on the timeline (the resident has the operative at the door; no message).
pub async fn arrived(state: &AppState, account: &Account, id: i64) -> Result<Reply, AppError> {
    let (visit, repair) = for_step(state, account, id).await?;
    let now = state.clock.now();
    if visit.day != to_local(now).date() && visit.status == "booked" {
        let mut errors = FieldErrors::default();
        errors.add(
            "arrived",
            format!("This visit is for {}", visit.day.format("%A %-d %B")),
        );
        return refused(id, OutcomeValues::default(), errors);
    }
    let change = Change {
        status: matches!(repair.status.as_str(), "reported" | "booked").then_some("in_progress"),
        visit: Some(VisitStep::Arrived { visit_id: visit.id }),
        ..Change::default()
    };
    let event = NewEvent::shown("arrived", "Operative arrived").by(Some(account.id));
    write_step(
        state,
        account,
        &visit,
        &repair,
        change,
        event,
        None,
        OutcomeValues::default(),
        "arrived",
    )
    .await
}

/// The outcome form as posted: one field per value, ticked boxes each their own.
pub fn outcome_values(pairs: &[(String, String)]) -> OutcomeValues {
    let one = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    OutcomeValues {
        outcome: one("outcome"),
        note: one("note"),
        access: pairs
            .iter()
            .filter(|(k, _)| k == "access")
            .map(|(_, v)| v.clone())
            .collect(),
        parts: (one("parts_day"), one("parts_month"), one("parts_year")),
        slot: one("slot"),
        travel: String::new(),
    }
}

/// What happened on the visit, recorded once: completed (with up to three photos of the
/// finished work, checked and stripped like a resident's); no access (how access was tried, kept
/// as an attempt, and the resident told how to rebook); parts ordered (the date the resident
/// will see); or another visit needed, booked there and then from real capacity.
pub async fn record_outcome(
    state: &AppState,
    account: &Account,
    id: i64,
    values: OutcomeValues,
    photos: Vec<Vec<u8>>,
) -> Result<Reply, AppError> {
    use crate::domain::preferences::MessageKind;
    let (visit, repair) = for_step(state, account, id).await?;
    let now = state.clock.now();
    let today = to_local(now).date();
    let mut errors = FieldErrors::default();
    if visit.day > today && visit.status == "booked" {
        errors.add(
            "outcome",
            format!(
                "This visit is for {}. Record what happened on the day",
                visit.day.format("%A %-d %B")
            ),
        );
        return refused(id, values, errors);
    }
    if values.note.chars().count() > NOTE_LIMIT {
        // Each outcome has its own form and note box.
        let key = VisitOutcome::parse(&values.outcome)
            .map_or("outcome".to_owned(), |o| format!("{}-note", o.as_str()));
        errors.add(
            &key,
            format!("The note must be {NOTE_LIMIT} characters or fewer"),
        );
    }
    let note = Some(values.note.clone()).filter(|n| !n.is_empty());
    let outcome = VisitOutcome::parse(&values.outcome);
    let phone = state.site.profile.landlord.phone.clone();
    let at = time(now);
    // (status, completed, tried, parts date, follow-on, event, tell)
    let mut tried = None;
    let mut parts = None;
    let mut follow_on = None;
    let planned: Option<(&'static str, NewEvent, (MessageKind, String))> = match outcome {
        None => {
            errors.add("outcome", "Select what happened on the visit");
            None
        }
        Some(VisitOutcome::Completed) => Some((
            "completed",
            NewEvent::shown("completed", "Repair completed").with_body(note.clone()),
            (
                MessageKind::Update,
                "Repair completed. If it is not fixed, tell us within 30 days from the repair's page"
                    .to_owned(),
            ),
        )),
        Some(VisitOutcome::NoAccess) => {
            tried = access_tried(&values.access);
            match &tried {
                None => {
                    errors.add("access", "Select how you tried to get in");
                    None
                }
                Some(ways) => {
                    let body = and_note(
                        format!("We called at {at}: {}.", access_tried_words(ways)),
                        &note,
                    );
                    Some((
                        "reported",
                        NewEvent::shown("access_attempt", "We could not get in")
                            .with_body(Some(body)),
                        (
                            MessageKind::Update,
                            format!(
                                "We called at {at} but could not get in. Book another visit from your repair's page, or call us on {phone}"
                            ),
                        ),
                    ))
                }
            }
        }
        Some(VisitOutcome::PartsOrdered) => {
            let (d, m, y) = &values.parts;
            let date = crate::domain::validation::date_of(d, m, y);
            match parts_date_problem(date, today) {
                Some(problem) => {
                    errors.add("parts", problem);
                    None
                }
                None => {
                    parts = date;
                    let by = date
                        .map(|d| d.format(crate::format::DAY).to_string())
                        .unwrap_or_default();
                    Some((
                        "awaiting_parts",
                        NewEvent::shown("parts_ordered", "Parts ordered")
                            .with_body(Some(and_note(format!("Expected by {by}."), &note))),
                        (
                            MessageKind::Update,
                            format!("Parts have been ordered for your repair. We expect them by {by}, and we will arrange the next visit with you"),
                        ),
                    ))
                }
            }
        }
        Some(VisitOutcome::FollowOn) => {
            let offered = follow_on_slots(state, &repair, today).await?;
            let chosen = Period::parse_slot(&values.slot);
            match chosen {
                None => {
                    errors.add("slot", "Select a day and time for the next visit");
                    None
                }
                Some(slot) if !offered.contains(&slot) => {
                    errors.add("slot", "That slot is no longer free. Choose another");
                    None
                }
                Some((day, period)) => {
                    let capacity = state.site.repairs.visits_a_day(&repair.trade, period);
                    follow_on = Some(FollowOn {
                        trade: repair.trade.clone(),
                        day,
                        period: period.as_str(),
                        capacity,
                        operative: visit.operative_account_id,
                    });
                    let words = visit_words(day, period.as_str());
                    Some((
                        "booked",
                        NewEvent::shown("visit_booked", "Another visit booked")
                            .with_body(Some(and_note(format!("{words}."), &note))),
                        (
                            MessageKind::AppointmentBooked,
                            format!("Another visit is needed to finish your repair. We have booked it for {words}"),
                        ),
                    ))
                }
            }
        }
    };
    // Photos go with "completed" only; the other outcomes' forms have no place for them.
    let photos = if outcome == Some(VisitOutcome::Completed) {
        checked_photos(photos, &mut errors).await
    } else {
        Vec::new()
    };
    let (Some(outcome), Some((status, event, tell))) =
        (outcome, planned.filter(|_| errors.is_empty()))
    else {
        return refused(id, values, errors);
    };
    let photos = store_photos(state, photos).await?;
    let change = Change {
        status: Some(status),
        completed_at: (outcome == VisitOutcome::Completed).then_some(now),
        visit: Some(VisitStep::Outcome {
            visit_id: visit.id,
            outcome: outcome.as_str(),
            by: account.id,
            note,
            access_tried: tried,
            parts_expected_on: parts,
            follow_on,
            photos,
        }),
        ..Change::default()
    };
    write_step(
        state,
        account,
        &visit,
        &repair,
        change,
        event.by(Some(account.id)),
        Some(tell),
        values,
        "outcome",
    )
    .await
}
