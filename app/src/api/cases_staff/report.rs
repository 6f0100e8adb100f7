//! The complaints report page.

use super::*;

/// CH01 and CH02 for a period (dates as YYYY-MM-DD, `to` inclusive), and compliments counted
/// by colleague. Without dates: the last twelve whole months.
#[server(prefix = "/api", endpoint = "staff/complaints-report")]
pub async fn get_complaints_report(
    from: Option<String>,
    to: Option<String>,
) -> Result<ReportPage, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::cases::staff_pages::complaints_report(&state, from, to).await
}
