//! The managers' visit figures.

use super::*;

/// Weeks the managers' figures cover, this one included.
const FIGURE_WEEKS: i64 = 8;

/// The managers' figures: missed appointments (no access, cancelled late) by week and trade,
/// and each firm's (and the in-house operatives') completed jobs: within target, right first
/// time, no-access rate and residents' ratings, over the last eight weeks.
pub async fn figures(state: &AppState) -> Result<VisitFigures, AppError> {
    use crate::domain::visits::{by_firm, share, weekly, JobFact, VisitFact};
    use chrono::Datelike;
    let today = to_local(state.clock.now()).date();
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let from = monday - chrono::Duration::weeks(FIGURE_WEEKS - 1);
    let to = monday + chrono::Duration::days(6);
    let facts: Vec<VisitFact> = store::visit_facts(&state.db, from, to)
        .await?
        .into_iter()
        .map(|(day, trade, outcome, status, changed)| VisitFact {
            day,
            trade,
            outcome,
            cancelled_on: (status == "cancelled").then(|| to_local(changed).date()),
        })
        .collect();
    let jobs: Vec<JobFact> =
        store::completed_jobs(&state.db, from_local(from.and_time(chrono::NaiveTime::MIN)))
            .await?
            .into_iter()
            .map(|j| JobFact {
                firm: j.firm,
                within_target: j.completed_at <= j.target_at,
                visits: u32::try_from(j.visits).unwrap_or(0),
                no_access: u32::try_from(j.no_access).unwrap_or(0),
                rating: j.rating,
            })
            .collect();
    Ok(VisitFigures {
        period: format!(
            "{} to {}",
            from.format(crate::format::DAY),
            to.format(crate::format::DAY)
        ),
        weeks: weekly(&facts)
            .into_iter()
            .map(|w| WeekLine {
                week: format!("Week of {}", w.week.format("%A %-d %B")),
                trade: crate::server::repairs::view::trade_name(state, &w.trade),
                visits: w.visits,
                no_access: share(w.no_access, w.visits),
                cancelled_late: w.cancelled_late,
            })
            .collect(),
        firms: by_firm(&jobs)
            .into_iter()
            .map(|f| FirmLine {
                satisfaction: if f.ratings == 0 {
                    "no ratings yet".to_owned()
                } else {
                    format!(
                        "{:.1} out of 5 from {} rating{}",
                        f.rating_total as f64 / f64::from(f.ratings),
                        f.ratings,
                        if f.ratings == 1 { "" } else { "s" }
                    )
                },
                within_target: share(f.within_target, f.completed),
                right_first_time: share(f.right_first_time, f.completed),
                no_access: share(f.no_access, f.visits),
                completed: f.completed,
                name: f.name,
            })
            .collect(),
    })
}
