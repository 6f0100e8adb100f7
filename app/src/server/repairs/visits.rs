//! Visits: the times a job may be booked into, booking and cancelling them, and who did it.

use super::view as support;
use crate::domain::validation::FieldErrors;
use crate::error::AppError;
use crate::server::state::AppState;
use crate::wire::repairs::*;

/// Free slots for the job's trade from tomorrow to its target date.
pub async fn offered_slots(
    state: &AppState,
    row: &crate::server::db::repairs::RepairRow,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(chrono::NaiveDate, crate::domain::repairs::Period)>, AppError> {
    use crate::domain::london::to_local;
    free_slots(
        state,
        &row.trade,
        to_local(now).date(),
        to_local(row.target_at).date(),
    )
    .await
}

/// Free slots for `trade` on working days after `today` up to `last` (at most fifteen days).
pub async fn free_slots(
    state: &AppState,
    trade: &str,
    today: chrono::NaiveDate,
    last: chrono::NaiveDate,
) -> Result<Vec<(chrono::NaiveDate, crate::domain::repairs::Period)>, AppError> {
    use crate::domain::repairs::{visit_days, Period};
    let Some(trade) = state.site.repairs.trade(trade) else {
        return Ok(Vec::new());
    };
    let calendar = state.site.calendar.clone();
    let days = visit_days(today, last, |d| calendar.is_working_day(d), 15);
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return Ok(Vec::new());
    };
    let taken =
        crate::server::db::repairs::seats_taken(&state.db, &trade.code, *first, *last).await?;
    let mut slots = Vec::new();
    for day in days {
        for period in Period::ALL {
            let used = taken
                .iter()
                .find(|(d, p, _)| *d == day && p == period.as_str())
                .map(|(_, _, n)| *n)
                .unwrap_or(0);
            if used < i64::from(trade.capacity(period)) {
                slots.push((day, period));
            }
        }
    }
    Ok(slots)
}

/// " by Priya Shah for you", when an advocate acted for the resident; nothing otherwise.
pub fn by_for(
    account: &crate::server::db::accounts::Account,
    standing: &crate::server::repairs::Standing,
) -> String {
    match standing {
        crate::server::repairs::Standing::ActingFor { .. } => {
            format!(" by {} for you", account.display_name)
        }
        _ => String::new(),
    }
}

/// An advocate's change to a resident's repair goes into the audit trail, as staff changes do.
pub async fn audit_for(
    state: &AppState,
    account: &crate::server::db::accounts::Account,
    standing: &crate::server::repairs::Standing,
    reference: &str,
    what: &str,
) -> Result<(), AppError> {
    let Some(person) = standing.on_behalf_of() else {
        return Ok(());
    };
    crate::server::db::accounts::record_audit(
        &state.db,
        crate::server::db::accounts::AuditEvent::by(Some(account.id), "repair_changed")
            .on("repair", reference)
            .for_person(Some(person))
            .detail(what.to_owned()),
        chrono::Utc::now(),
    )
    .await
}

/// Books (or moves) the visit to the chosen slot.
pub async fn book(
    state: &AppState,
    reference: String,
    slot: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::repairs::Period;
    use crate::server::db::repairs::{book_visit, NewEvent};
    use crate::server::forms::Reply;

    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_manage_visits(&account, &standing)?;
    let now = chrono::Utc::now();
    if !support::allowed(state, &row, now).may_book {
        return Err(AppError::NotFound);
    }
    let back = format!("/repairs/{}/book", row.reference);
    let parsed = slot.as_deref().and_then(Period::parse_slot);
    let offered = offered_slots(state, &row, now).await?;
    let mut errors = FieldErrors::default();
    match parsed {
        Some(choice) if offered.contains(&choice) => {
            let (day, period) = choice;
            let capacity = state.site.repairs.visits_a_day(&row.trade, period);
            let words = format!(
                "{}, {}",
                day.format(crate::format::DAY),
                period.label().to_lowercase()
            );
            let moving = crate::server::db::repairs::booked_visit(&state.db, row.id)
                .await?
                .is_some();
            let title = if moving {
                "Visit changed"
            } else {
                "Visit booked"
            };
            let event = NewEvent::shown("visit_booked", title)
                .with_body(Some(words.clone()))
                .by(Some(account.id))
                .for_person(standing.on_behalf_of());
            if book_visit(
                &state.db,
                row.id,
                &row.trade,
                day,
                period.as_str(),
                capacity,
                Some(account.id),
                &event,
                now,
            )
            .await?
            {
                crate::server::repairs::notify(
                    state,
                    row.id,
                    &row.reference,
                    &row.summary,
                    crate::domain::preferences::MessageKind::AppointmentBooked,
                    &format!("{title}{}: {words}", by_for(&account, &standing)),
                )
                .await?;
                audit_for(state, &account, &standing, &row.reference, "visit_booked").await?;
                return Ok(Reply::go(format!("/repairs/{}?booked=1", row.reference)));
            }
            errors.add("slot", "Someone has just taken that slot. Choose another");
        }
        Some(_) => errors.add("slot", "That slot is no longer available. Choose another"),
        None => errors.add("slot", "Select a day and time for the visit"),
    }
    Reply::back(RESIDENT_FORM, &back, (), errors)
}

/// Cancels the booked visit, with the reason.
pub async fn cancel(
    state: &AppState,
    reference: String,
    reason: Option<String>,
) -> Result<crate::server::forms::Reply, AppError> {
    use crate::domain::repairs::CANCEL_REASONS;
    use crate::server::db::repairs::{cancel_visit, NewEvent};
    use crate::server::forms::Reply;

    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_manage_visits(&account, &standing)?;
    let Some((code, words)) = reason
        .as_deref()
        .and_then(|r| CANCEL_REASONS.iter().find(|(c, _)| *c == r))
    else {
        let mut errors = FieldErrors::default();
        errors.add("reason", "Select why you are cancelling the visit");
        return Reply::back(
            RESIDENT_FORM,
            &format!("/repairs/{}/cancel", row.reference),
            (),
            errors,
        );
    };
    let now = chrono::Utc::now();
    let event = NewEvent::shown("visit_cancelled", "Visit cancelled")
        .with_body(Some(format!("Reason: {words}")))
        .by(Some(account.id))
        .for_person(standing.on_behalf_of());
    if cancel_visit(&state.db, row.id, code, &event, now).await? {
        crate::server::repairs::notify(
            state,
            row.id,
            &row.reference,
            &row.summary,
            crate::domain::preferences::MessageKind::Update,
            &format!("Visit cancelled{}", by_for(&account, &standing)),
        )
        .await?;
        audit_for(
            state,
            &account,
            &standing,
            &row.reference,
            "visit_cancelled",
        )
        .await?;
    }
    Ok(Reply::go(format!("/repairs/{}", row.reference)))
}
