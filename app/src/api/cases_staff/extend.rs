//! Extending a deadline, declining a complaint, passing on a compliment.

use super::*;

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
    let (account, state, row) = staff_case(&reference).await?;
    crate::server::cases::staff_steps::extend(
        &state,
        account,
        row,
        extend_date_day,
        extend_date_month,
        extend_date_year,
        reason,
    )
    .await
}

/// Decline a complaint for one of the regime's reasons, explained to the resident.
#[server(prefix = "/api", endpoint = "staff/case-decline")]
pub async fn decline_case(
    reference: String,
    reason: Option<String>,
    explanation: Option<String>,
) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    crate::server::cases::staff_steps::decline(&state, account, row, reason, explanation).await
}

/// Pass a compliment on to the colleague and their manager.
#[server(prefix = "/api", endpoint = "staff/case-pass-on")]
pub async fn pass_on_compliment(
    reference: String,
    colleague: Option<String>,
) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    crate::server::cases::staff_steps::pass_on(&state, account, row, reference, colleague).await
}
