//! Booking, moving and cancelling a job's visit.

use super::*;

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
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(
        crate::server::repairs::visits::book(&state, reference, slot).await?,
    )
    .await
}

/// Cancels the booked visit, with the reason.
#[server(prefix = "/api", endpoint = "repairs/cancel-visit")]
pub async fn cancel_booked_visit(
    reference: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::server::state::app_state;
    let state = app_state()?;
    crate::server::forms::answer(
        crate::server::repairs::visits::cancel(&state, reference, reason).await?,
    )
    .await
}
