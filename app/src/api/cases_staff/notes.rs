//! Notes on a case and its outstanding actions.

use super::*;

/// A note on the case: internal, or an update the resident sees.
#[server(prefix = "/api", endpoint = "staff/case-note")]
pub async fn case_note(
    reference: String,
    note: Option<String>,
    visible: Option<String>,
) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    crate::server::cases::staff_notes::note(&state, account, row, note, visible).await
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
    crate::server::cases::staff_notes::add_action(
        &state,
        account,
        row,
        description,
        action_date_day,
        action_date_month,
        action_date_year,
    )
    .await
}

/// Mark an outstanding action done.
#[server(prefix = "/api", endpoint = "staff/case-action-done")]
pub async fn case_action_done(reference: String, action: Option<String>) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    crate::server::cases::staff_notes::action_done(&state, account, row, action).await
}
