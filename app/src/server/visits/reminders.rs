//! Reminders the evening before, and the page behind a reminder's link.

use super::*;

/// Sends the reminders due at `now`: for each visit tomorrow (UK time) booked before its
/// reminder was due, once the profile's reminder time has come, one message to the resident who
/// reported the job, by the channel they prefer (never one they refused), with a link that
/// changes or cancels that visit. Each is claimed first, so however many nodes run this at once
/// a reminder goes once. The number sent.
pub async fn send_reminders(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    use crate::domain::visits::reminder_due;
    let local = to_local(now);
    let at = state.site.profile.visit_reminder_at;
    let tomorrow = local.date() + chrono::Duration::days(1);
    let due = reminder_due(tomorrow, at);
    if local < due {
        return Ok(0);
    }
    let mut sent = 0;
    for (visit_id, repair_id) in store::reminders_due(&state.db, tomorrow, from_local(due)).await? {
        sent += usize::from(remind(state, visit_id, repair_id, now).await?);
    }
    Ok(sent)
}

/// Development mode only: the reminders of every booked visit in the coming week that has had
/// none, sent now whatever the time, so that someone trying Doorstep (or an end-to-end test)
/// can follow a reminder's link without waiting for the evening before. The number sent.
pub async fn send_reminders_now(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    if !state.site.development {
        return Err(AppError::NotFound);
    }
    let today = to_local(now).date();
    let mut sent = 0;
    for offset in 0..7 {
        let day = today + chrono::Duration::days(offset);
        for (visit_id, repair_id) in store::reminders_due(&state.db, day, now).await? {
            sent += usize::from(remind(state, visit_id, repair_id, now).await?);
        }
    }
    Ok(sent)
}

/// Claims and sends one visit's reminder; `false` when another node (or an earlier run) has
/// it, or the visit is no longer booked.
async fn remind(
    state: &AppState,
    visit_id: i64,
    repair_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    use crate::server::db::account_tokens::hash_token;
    let token = crate::server::tokens::link_token();
    if !store::claim_reminder(&state.db, visit_id, &hash_token(&token), now).await? {
        return Ok(false);
    }
    let (Some(visit), Some(repair)) = (
        store::visit_by_id(&state.db, visit_id).await?,
        store::repair_by_id(&state.db, repair_id).await?,
    ) else {
        return Ok(false);
    };
    let words = visit_words(visit.day, &visit.period);
    let link = format!("{}/visit/{token}", state.public_url);
    let notice = crate::server::notify::Notice {
        kind: crate::domain::preferences::MessageKind::AppointmentBooked,
        subject: format!(
            "Reminder: your repair visit on {} ({})",
            visit.day.format("%A %-d %B"),
            repair.reference
        ),
        what: format!(
            "A reminder of your repair visit on {words} (repair {}).\n\nIf you cannot be in, change or cancel this visit here:\n{link}\n\nOr call us on {}.",
            repair.reference, state.site.profile.landlord.phone
        ),
        reference: Some(repair.reference.clone()),
        path: Some(format!("/repairs/{}", repair.reference)),
    };
    crate::server::notify::tell(state, repair.reported_by_person_id, &notice, now).await?;
    Ok(true)
}

/// The visit a reminder's link is for, if the link still works.
async fn linked(state: &AppState, token: &str) -> Result<Option<(VisitRow, RepairRow)>, AppError> {
    use crate::server::db::account_tokens::hash_token;
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Some(visit) = store::visit_by_reminder(&state.db, &hash_token(token)).await? else {
        return Ok(None);
    };
    let today = to_local(state.clock.now()).date();
    if !crate::domain::visits::link_works(visit.status == "booked", visit.day, today) {
        return Ok(None);
    }
    let repair = store::repair_by_id(&state.db, visit.repair_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Some((visit, repair)))
}

/// The page behind a reminder's link: the visit's day and time with a choice of another and a
/// way to cancel, or, when the link no longer works (used, the visit gone or past, or not a
/// link we sent), nothing of any visit and the phone number.
pub async fn link_page(state: &AppState, token: String) -> Result<VisitLink, AppError> {
    use crate::domain::repairs::CANCEL_REASONS;
    let form = crate::server::forms::take_form::<Option<String>>(LINK_FORM).await?;
    let phone = state.site.profile.landlord.phone.clone();
    let Some((visit, repair)) = linked(state, &token).await? else {
        return Ok(VisitLink {
            works: false,
            phone,
            done: form.values,
            ..VisitLink::default()
        });
    };
    let today = to_local(state.clock.now()).date();
    let slots = follow_on_slots(state, &repair, today)
        .await?
        .into_iter()
        .filter(|(day, period)| !(*day == visit.day && period.as_str() == visit.period))
        .map(|(day, period)| slot_choice(day, period))
        .collect();
    Ok(VisitLink {
        works: true,
        token,
        reference: visit.reference.clone(),
        when: visit_words(visit.day, &visit.period),
        slots,
        reasons: CANCEL_REASONS
            .iter()
            .map(|(code, words)| offered(code, words))
            .collect(),
        phone,
        errors: form.errors,
        done: form.values,
    })
}

/// Moves the visit to another free slot from its reminder's link. The link then stops
/// working (the moved visit is a new one, with a reminder of its own).
pub async fn change_by_link(
    state: &AppState,
    token: String,
    slot: Option<String>,
) -> Result<Reply, AppError> {
    use crate::domain::preferences::MessageKind;
    let back = format!("/visit/{token}");
    let Some((visit, repair)) = linked(state, &token).await? else {
        return Reply::back(LINK_FORM, &back, None::<String>, FieldErrors::default());
    };
    let now = state.clock.now();
    let today = to_local(now).date();
    let offered = follow_on_slots(state, &repair, today).await?;
    let chosen = slot.as_deref().and_then(Period::parse_slot);
    let mut errors = FieldErrors::default();
    let Some((day, period)) = chosen else {
        errors.add("slot", "Select a new day and time for the visit");
        return Reply::back(LINK_FORM, &back, None::<String>, errors);
    };
    if !offered.contains(&(day, period)) {
        errors.add("slot", "That time is no longer free. Choose another");
        return Reply::back(LINK_FORM, &back, None::<String>, errors);
    }
    let capacity = state.site.repairs.visits_a_day(&repair.trade, period);
    let words = visit_words(day, period.as_str());
    let event = NewEvent::shown("visit_booked", "Visit changed")
        .with_body(Some(format!("{words}. Changed from the reminder's link.")));
    if !store::book_visit(
        &state.db,
        repair.id,
        &repair.trade,
        day,
        period.as_str(),
        capacity,
        None,
        &event,
        now,
    )
    .await?
    {
        errors.add("slot", "Someone has just taken that time. Choose another");
        return Reply::back(LINK_FORM, &back, None::<String>, errors);
    }
    done_by_link(
        state,
        &repair,
        visit.id,
        "visit_changed_by_link",
        MessageKind::AppointmentBooked,
        &format!("Visit changed: {words}"),
        now,
    )
    .await?;
    Reply::back(
        LINK_FORM,
        &back,
        Some(format!(
            "Your visit is now on {words}. We have sent you a confirmation."
        )),
        FieldErrors::default(),
    )
}

/// Audits a change made from a reminder's link (no account: the link is the proof) against the
/// resident, and tells everyone on the job.
async fn done_by_link(
    state: &AppState,
    repair: &RepairRow,
    visit_id: i64,
    action: &str,
    kind: crate::domain::preferences::MessageKind,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    record_audit(
        &state.db,
        AuditEvent::by(None, action)
            .on("repair", &repair.reference)
            .for_person(Some(repair.reported_by_person_id))
            .detail(format!("visit {visit_id}")),
        now,
    )
    .await?;
    crate::server::repairs::notify(
        state,
        repair.id,
        &repair.reference,
        &repair.summary,
        kind,
        what,
    )
    .await
}

/// Cancels the visit from its reminder's link, with the reason.
pub async fn cancel_by_link(
    state: &AppState,
    token: String,
    reason: Option<String>,
) -> Result<Reply, AppError> {
    use crate::domain::preferences::MessageKind;
    use crate::domain::repairs::CANCEL_REASONS;
    let back = format!("/visit/{token}");
    let Some((visit, repair)) = linked(state, &token).await? else {
        return Reply::back(LINK_FORM, &back, None::<String>, FieldErrors::default());
    };
    let Some((code, words)) = reason
        .as_deref()
        .and_then(|r| CANCEL_REASONS.iter().find(|(c, _)| *c == r))
    else {
        let mut errors = FieldErrors::default();
        errors.add("reason", "Select why you are cancelling the visit");
        return Reply::back(LINK_FORM, &back, None::<String>, errors);
    };
    let now = state.clock.now();
    let event = NewEvent::shown("visit_cancelled", "Visit cancelled").with_body(Some(format!(
        "Reason: {words}. Cancelled from the reminder's link."
    )));
    if store::cancel_visit(&state.db, repair.id, code, &event, now).await? {
        done_by_link(
            state,
            &repair,
            visit.id,
            "visit_cancelled_by_link",
            MessageKind::Update,
            &format!(
                "Visit cancelled. Book another from your repair's page, or call us on {}",
                state.site.profile.landlord.phone
            ),
            now,
        )
        .await?;
    }
    Reply::back(
        LINK_FORM,
        &back,
        Some(format!(
            "Your visit is cancelled. To book another, sign in and open repair {}, or call us on {}.",
            repair.reference, state.site.profile.landlord.phone
        )),
        FieldErrors::default(),
    )
}
