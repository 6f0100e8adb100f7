//! Booking, moving and cancelling a job's visit.

use super::*;
#[cfg(feature = "ssr")]
use crate::server::repairs::visits::{audit_for, by_for, offered_slots};

/// The slots a resident may book for a job: working days up to its target (at most three
/// weeks ahead), each period with a seat left.
#[server(prefix = "/api", endpoint = "repairs/slots")]
pub async fn get_slots(reference: String) -> Result<SlotsPage, AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::repairs::pages::slots(&state, reference).await
}

/// Books (or moves) the visit to the chosen slot.
#[server(prefix = "/api", endpoint = "repairs/book")]
pub async fn book_slot(reference: String, slot: Option<String>) -> Result<(), AppError> {
    use crate::domain::repairs::Period;
    use crate::server::db::repairs::{book_visit, NewEvent};
    use crate::server::state::app_state;
    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_manage_visits(&account, &standing)?;
    let state = app_state()?;
    let now = chrono::Utc::now();
    if !support::allowed(&state, &row, now).may_book {
        return Err(AppError::NotFound);
    }
    let back = format!("/repairs/{}/book", row.reference);
    let parsed = slot.as_deref().and_then(|s| {
        let (day, period) = s.split_once('_')?;
        Some((
            day.parse::<chrono::NaiveDate>().ok()?,
            Period::parse(period)?,
        ))
    });
    let offered = offered_slots(&state, &row, now).await?;
    let mut errors = FieldErrors::default();
    match parsed {
        Some(choice) if offered.contains(&choice) => {
            let (day, period) = choice;
            let capacity = state
                .site
                .repairs
                .trade(&row.trade)
                .map(|t| t.capacity(period))
                .unwrap_or(0);
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
                    &state,
                    row.id,
                    &row.reference,
                    &row.summary,
                    crate::domain::preferences::MessageKind::AppointmentBooked,
                    &format!("{title}{}: {words}", by_for(&account, &standing)),
                )
                .await?;
                audit_for(&state, &account, &standing, &row.reference, "visit_booked").await?;
                crate::server::request::redirect(&format!("/repairs/{}?booked=1", row.reference));
                return Ok(());
            }
            errors.add("slot", "Someone has just taken that slot. Choose another");
        }
        Some(_) => errors.add("slot", "That slot is no longer available. Choose another"),
        None => errors.add("slot", "Select a day and time for the visit"),
    }
    crate::server::forms::back_to_form(RESIDENT_FORM, &back, (), errors).await
}

/// Cancels the booked visit, with the reason.
#[server(prefix = "/api", endpoint = "repairs/cancel-visit")]
pub async fn cancel_booked_visit(
    reference: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::repairs::CANCEL_REASONS;
    use crate::server::db::repairs::{cancel_visit, NewEvent};
    use crate::server::state::app_state;
    let (account, row, standing) = support::visible_repair(&reference).await?;
    support::may_manage_visits(&account, &standing)?;
    let state = app_state()?;
    let Some((code, words)) = reason
        .as_deref()
        .and_then(|r| CANCEL_REASONS.iter().find(|(c, _)| *c == r))
    else {
        let mut errors = FieldErrors::default();
        errors.add("reason", "Select why you are cancelling the visit");
        return crate::server::forms::back_to_form(
            RESIDENT_FORM,
            &format!("/repairs/{}/cancel", row.reference),
            (),
            errors,
        )
        .await;
    };
    let now = chrono::Utc::now();
    let event = NewEvent::shown("visit_cancelled", "Visit cancelled")
        .with_body(Some(format!("Reason: {words}")))
        .by(Some(account.id))
        .for_person(standing.on_behalf_of());
    if cancel_visit(&state.db, row.id, code, &event, now).await? {
        crate::server::repairs::notify(
            &state,
            row.id,
            &row.reference,
            &row.summary,
            crate::domain::preferences::MessageKind::Update,
            &format!("Visit cancelled{}", by_for(&account, &standing)),
        )
        .await?;
        audit_for(
            &state,
            &account,
            &standing,
            &row.reference,
            "visit_cancelled",
        )
        .await?;
    }
    crate::server::request::redirect(&format!("/repairs/{}", row.reference));
    Ok(())
}
