//! Acknowledging, assigning and responding to a case.

use super::*;

/// Acknowledge: a complaint as understood and the outcome wanted (sent to the resident), or
/// an enquiry's acknowledgement.
#[server(prefix = "/api", endpoint = "staff/case-acknowledge")]
pub async fn acknowledge_case(
    reference: String,
    understanding: Option<String>,
    outcome: Option<String>,
) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    crate::server::cases::staff_steps::acknowledge(&state, account, row, understanding, outcome)
        .await
}

/// Mark a contact complex, with the reason the resident sees: its reply moves to the published
/// timescale for complex matters.
#[server(prefix = "/api", endpoint = "staff/case-complex")]
pub async fn mark_case_complex(reference: String, reason: Option<String>) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    crate::server::cases::staff_steps::complex(&state, account, row, reason).await
}

/// Give the case to another team (its managers are told).
#[server(prefix = "/api", endpoint = "staff/case-team")]
pub async fn give_case_to_team(reference: String, team: Option<String>) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    crate::server::cases::staff_steps::give_to_team(&state, account, row, team).await
}

/// Give the case to a colleague (at stage 2, someone not involved at stage 1).
#[server(prefix = "/api", endpoint = "staff/case-assign")]
pub async fn assign_case(reference: String, owner: Option<String>) -> Result<(), AppError> {
    let (account, state, row) = staff_case(&reference).await?;
    crate::server::cases::staff_steps::assign(&state, account, row, owner).await
}

/// The stage's response (a complaint), or the answer to a question.
#[server(prefix = "/api", endpoint = "staff/case-respond")]
pub async fn respond_case(
    reference: String,
    decision: Option<String>,
    points: Option<String>,
    reasons: Option<String>,
    remedy: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::cases::CaseKind;
    use crate::server::cases::respond::{respond, ResponseForm};
    let (account, state, row) = staff_case(&reference).await?;
    let form = ResponseForm::new(decision, [points, reasons, remedy]);
    let errors = form.problems(row.kind == CaseKind::Complaint);
    if !errors.is_empty() {
        return back_with(&row, errors).await;
    }
    let (result, tell) = respond(&state, &account, &row, &form, chrono::Utc::now()).await?;
    finish(&state, &account, &row, "respond", result, tell).await
}
