//! The complaints report's figures for a period: CH01 and CH02 by tenure, from the store's
//! counts and the homes the landlord has, and compliments by colleague.

use crate::error::AppError;

/// The report lines and the compliments for the days `from` to `to`, UK time, both included.
pub async fn report_figures(
    state: &crate::server::state::AppState,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<(Vec<crate::domain::cases::ReportLine>, Vec<(String, i64)>), AppError> {
    use crate::domain::cases::{complaints_report, Counts};
    use crate::domain::housing::Tenure;
    use crate::server::db::cases as store;
    let start = crate::domain::london::from_local(from.and_hms_opt(0, 0, 0).unwrap_or_default());
    let end = crate::domain::london::from_local(
        to.succ_opt()
            .unwrap_or(to)
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default(),
    );
    let counts: Vec<(Option<Tenure>, Counts)> = store::report_counts(&state.db, start, end)
        .await?
        .into_iter()
        .map(|r| {
            (
                r.tenure.as_deref().and_then(Tenure::parse),
                Counts {
                    stage_1_received: r.stage_1_received,
                    stage_2_received: r.stage_2_received,
                    stage_1_responded: r.stage_1_responded,
                    stage_1_in_time: r.stage_1_in_time,
                    stage_2_responded: r.stage_2_responded,
                    stage_2_in_time: r.stage_2_in_time,
                },
            )
        })
        .collect();
    let homes: Vec<(Tenure, i64)> = store::homes_by_tenure(&state.db)
        .await?
        .into_iter()
        .filter_map(|(t, n)| Tenure::parse(&t).map(|t| (t, n)))
        .collect();
    let lines = complaints_report(&counts, &homes);
    let compliments = store::compliments_by_colleague(&state.db, start, end).await?;
    Ok((lines, compliments))
}
