//! The complaints report page.

use super::*;

/// CH01 and CH02 for a period (dates as YYYY-MM-DD, `to` inclusive), and compliments counted
/// by colleague. Without dates: the last twelve whole months.
#[server(prefix = "/api", endpoint = "staff/complaints-report")]
pub async fn get_complaints_report(
    from: Option<String>,
    to: Option<String>,
) -> Result<ReportPage, AppError> {
    use crate::server::authz::{authorise, Action};
    authorise(Action::ViewComplaintReports).await?;
    let state = crate::server::state::app_state()?;
    let mut errors = FieldErrors::default();
    let (from_date, to_date) = crate::domain::performance::report_period(
        from.as_deref(),
        to.as_deref(),
        crate::site::today(),
        &mut errors,
    );
    let (lines, compliments) =
        crate::server::cases::report::report_figures(&state, from_date, to_date).await?;
    let measures = crate::server::performance::regulatory(&state, from_date, to_date).await?;
    Ok(ReportPage {
        measures,
        scotland: state.site.profile.nation == crate::domain::housing::Nation::Scotland,
        from: from_date.format("%Y-%m-%d").to_string(),
        to: to_date.format("%Y-%m-%d").to_string(),
        lines,
        compliments,
        regime: state
            .site
            .profile
            .complaints
            .stages
            .iter()
            .map(|s| format!("{}: respond within {}", s.name, s.respond))
            .collect::<Vec<_>>()
            .join("; "),
        errors,
    })
}
