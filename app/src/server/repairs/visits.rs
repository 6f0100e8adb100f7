//! Visits: the times a job may be booked into, booking and cancelling them, and who did it.

use crate::error::AppError;

/// Free slots for the job's trade from tomorrow to its target date.
pub async fn offered_slots(
    state: &crate::server::state::AppState,
    row: &crate::server::db::repairs::RepairRow,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(chrono::NaiveDate, crate::domain::repairs::Period)>, AppError> {
    use crate::domain::london::to_local;
    use crate::domain::repairs::{visit_days, Period};
    let Some(trade) = state.site.repairs.trade(&row.trade) else {
        return Ok(Vec::new());
    };
    let today = to_local(now).date();
    let calendar = state.site.calendar.clone();
    let days = visit_days(
        today,
        to_local(row.target_at).date(),
        |d| calendar.is_working_day(d),
        15,
    );
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
    state: &crate::server::state::AppState,
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
