//! Performance, computed from live records: the regulator's measures for the landlord's nation
//! (RP02 in England; the Scottish Social Housing Charter indicators in Scotland) and the public
//! "How we are doing" results. Facts come from `db::performance`, counting from
//! `domain::performance`; nothing here is typed in by hand.

use super::state::AppState;
use crate::domain::housing::{Nation, Tenure};
use crate::domain::performance::{
    charter_complaints, charter_repairs, completed_on_time_by_priority, in_time,
    last_complete_quarter_and_year, period_words, repairs_satisfaction, rp02, ComplaintFact, Done,
    Period, RepairFact, Share, SMALLEST_PUBLISHED,
};
use crate::error::AppError;
use crate::wire::performance::{MeasureLine, PublicLine, PublicPerformance, PublicPeriod};
use chrono::NaiveDate;

async fn repair_facts(state: &AppState, period: Period) -> Result<Vec<RepairFact>, AppError> {
    let profile = &state.site.profile;
    let rows = super::db::performance::repair_facts(&state.db, period.from, period.to).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let damp = |kind: &Option<String>| kind.as_deref() == Some("damp_and_mould");
            RepairFact {
                emergency: profile
                    .repair_priorities
                    .iter()
                    .any(|p| p.code == r.priority && p.emergency),
                priority: r.priority,
                rented_or_communal: r.communal
                    || r.tenure
                        .as_deref()
                        .and_then(Tenure::parse)
                        .is_some_and(Tenure::is_renter),
                received_at: r.received_at,
                completed_at: r.completed_at,
                cancelled: r.status == "cancelled",
                target_due: r.target_due,
                recalled: r.recalled,
                damp_and_mould: damp(&r.hazard_kind),
                reopens_damp_and_mould: damp(&r.recall_of_kind),
                rating: r.rating.and_then(|v| u8::try_from(v).ok()),
            }
        })
        .collect())
}

async fn complaint_facts(state: &AppState, period: Period) -> Result<Vec<ComplaintFact>, AppError> {
    let rows = super::db::performance::complaint_facts(&state.db, period.from, period.to).await?;
    Ok(rows
        .into_iter()
        .map(|r| ComplaintFact {
            received_at: r.received_at,
            responded_at: r.responded_at,
            escalated_at: r.escalated_at,
            final_response_at: r.final_response_at,
            // Declined, or closed at a stage without its response.
            ended_unanswered_at: match r.status.as_str() {
                "declined" => r.closed_at,
                "closed" if r.escalated_at.is_some() && r.final_response_at.is_none() => {
                    r.closed_at
                }
                "closed" if r.responded_at.is_none() => r.closed_at,
                _ => None,
            },
        })
        .collect())
}

fn share_line(code: &str, name: &str, share: Share, note: String) -> MeasureLine {
    MeasureLine {
        code: code.to_owned(),
        name: name.to_owned(),
        result: share.percent_text(),
        met: Some(share.met),
        of: Some(share.of),
        note,
    }
}

fn plain_line(code: &str, name: &str, result: String, note: String) -> MeasureLine {
    MeasureLine {
        code: code.to_owned(),
        name: name.to_owned(),
        result,
        met: None,
        of: None,
        note,
    }
}

fn satisfaction_line(state: &AppState, share: Share) -> MeasureLine {
    let target = state.site.profile.satisfaction.repairs;
    share_line(
        "",
        "Residents satisfied with a completed repair (our own survey after each repair, 4 or 5 out of 5; not a regulatory survey measure)",
        share,
        target.map_or_else(String::new, |t| format!("Our target: {t}%.")),
    )
}

/// The regulator's measures for the period from `first` to `last` (days, inclusive) that
/// Doorstep's records can compute, in the terms of the landlord's nation. England's CH01 and
/// CH02 are in the complaints report beside these.
pub async fn regulatory(
    state: &AppState,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<MeasureLine>, AppError> {
    let period = Period::days(first, last);
    let repairs = repair_facts(state, period).await?;
    let satisfaction = satisfaction_line(state, repairs_satisfaction(&repairs, period));
    if state.site.profile.nation != Nation::Scotland {
        let (emergency, other) = rp02(&repairs, period);
        let note = "Repairs completed in the period in rented homes and communal areas, against the target of their priority.".to_owned();
        return Ok(vec![
            share_line(
                "RP02",
                "Emergency responsive repairs completed within our target timescale",
                emergency,
                note.clone(),
            ),
            share_line(
                "RP02",
                "Non-emergency responsive repairs completed within our target timescale",
                other,
                note,
            ),
            satisfaction,
        ]);
    }
    let schedule = state.site.schedule();
    let complaints = complaint_facts(state, period).await?;
    let [one, two] = charter_complaints(&complaints, period, &schedule);
    let c = charter_repairs(&repairs, period, &schedule);
    let counted = |s: &crate::domain::performance::CharterStage| {
        format!(
            "{} received in the period and {} carried forward from before it.",
            s.received, s.carried_forward
        )
    };
    let average = |a: crate::domain::performance::Average, unit: &str| {
        (
            a.text(unit),
            format!("Of {} completed in the period.", a.of),
        )
    };
    let (hours, hours_note) = average(c.emergency_hours, "hours");
    let (days, days_note) = average(c.non_emergency_working_days, "working days");
    let (damp, damp_note) = average(c.damp_working_days_to_resolve, "working days");
    let (days_1, days_1_note) = average(one.working_days, "working days");
    let (days_2, days_2_note) = average(two.working_days, "working days");
    Ok(vec![
        share_line("Indicator 3", "First stage complaints responded to in full", one.responded, counted(&one)),
        share_line("Indicator 3", "Second stage complaints responded to in full", two.responded, counted(&two)),
        plain_line("Indicator 4", "Average time for a full response at the first stage", days_1, days_1_note),
        plain_line("Indicator 4", "Average time for a full response at the second stage", days_2, days_2_note),
        plain_line("Indicator 8", "Average time to complete emergency repairs", hours, hours_note),
        plain_line("Indicator 9", "Average time to complete non-emergency repairs", days, days_note),
        share_line(
            "Indicator 10",
            "Reactive repairs completed right first time",
            c.right_first_time,
            "Completed by their target and not reported again as not fixed, of the repairs completed in the period.".to_owned(),
        ),
        plain_line("Damp and mould", "Average time to resolve damp and mould cases", damp, damp_note),
        plain_line(
            "Damp and mould",
            "Damp and mould cases reopened",
            c.damp_reopened.to_string(),
            "Reported again as not fixed, in the period.".to_owned(),
        ),
        plain_line(
            "Damp and mould",
            "Damp and mould cases open at the end of the period",
            c.damp_open_at_end.to_string(),
            String::new(),
        ),
        satisfaction,
    ])
}

/// The regulator's measures as CSV.
pub fn regulatory_csv(
    lines: &[MeasureLine],
    first: NaiveDate,
    last: NaiveDate,
) -> Result<String, AppError> {
    let mut csv = crate::server::spreadsheet::Csv::new([
        "from", "to", "code", "measure", "result", "met", "of", "note",
    ]);
    for l in lines {
        csv.row([
            first.to_string(),
            last.to_string(),
            l.code.clone(),
            l.name.clone(),
            l.result.clone(),
            count_cell(l.met),
            count_cell(l.of),
            l.note.clone(),
        ]);
    }
    csv.finish()
}

/// A count for a CSV cell; empty when there is none to give.
fn count_cell(value: Option<i64>) -> String {
    value.map(|n| n.to_string()).unwrap_or_default()
}

fn public_line(standard: String, share: Share) -> PublicLine {
    PublicLine {
        standard,
        result: share.published(),
        met: share.publishable().then_some(share.met),
        of: share.publishable().then_some(share.of),
        suppressed: share.of > 0 && !share.publishable(),
    }
}

pub const PUBLISHED_FOR: std::time::Duration = std::time::Duration::from_secs(600);

/// The public results for `today`, from the cache while fresh.
pub async fn public_cached(
    state: &AppState,
    today: NaiveDate,
) -> Result<PublicPerformance, AppError> {
    let fresh = |cache: &super::state::PublishedCache| {
        cache.0.lock().ok().and_then(|kept| match &*kept {
            Some((at, day, p)) if *day == today && at.elapsed() < PUBLISHED_FOR => Some(p.clone()),
            _ => None,
        })
    };
    if let Some(p) = fresh(&state.published) {
        return Ok(p);
    }
    let p = public(state, today).await?;
    if let Ok(mut kept) = state.published.0.lock() {
        *kept = Some((std::time::Instant::now(), today, p.clone()));
    }
    Ok(p)
}

/// Each published standard beside its result for the last complete quarter and year.
pub async fn public(state: &AppState, today: NaiveDate) -> Result<PublicPerformance, AppError> {
    let (quarter, year) = last_complete_quarter_and_year(today);
    let mut periods = Vec::new();
    for (title, (first, last)) in [("Last quarter", quarter), ("Last year", year)] {
        periods.push(PublicPeriod {
            title: format!("{title}: {}", period_words(first, last)),
            first_day: first.format("%Y-%m-%d").to_string(),
            last_day: last.format("%Y-%m-%d").to_string(),
            lines: public_lines(state, Period::days(first, last)).await?,
        });
    }
    Ok(PublicPerformance {
        periods,
        smallest: SMALLEST_PUBLISHED,
    })
}

async fn public_lines(state: &AppState, period: Period) -> Result<Vec<PublicLine>, AppError> {
    let profile = &state.site.profile;
    let mut lines = Vec::new();
    // Complaints, at each stage, against the regime's response timescale.
    let met = super::db::performance::case_clocks_met(&state.db, period.from, period.to).await?;
    let done = |kind: &str| -> Vec<Done> {
        met.iter()
            .filter(|m| m.kind == kind)
            .map(|m| Done {
                met_at: m.met_at,
                due_at: m.due_at,
            })
            .collect()
    };
    for (i, stage) in profile.complaints.stages.iter().enumerate() {
        let from = match stage.respond_from {
            crate::domain::standards::RespondFrom::Acknowledgement => "of acknowledging it",
            crate::domain::standards::RespondFrom::Receipt => "of receiving it",
        };
        lines.push(public_line(
            format!(
                "Complaints, {}: our decision within {} {from}",
                stage.name, stage.respond
            ),
            in_time(
                &done(if i == 0 { "respond_1" } else { "respond_2" }),
                period,
            ),
        ));
    }
    // Repairs, by priority, against each priority's target.
    let repairs = repair_facts(state, period).await?;
    let codes: Vec<String> = profile
        .repair_priorities
        .iter()
        .map(|p| p.code.clone())
        .collect();
    for (code, share) in completed_on_time_by_priority(&repairs, period, &codes) {
        if let Some(p) = profile.repair_priorities.iter().find(|p| p.code == code) {
            let what = if p.emergency {
                "made safe and completed"
            } else {
                "completed"
            };
            lines.push(public_line(
                format!("{} repairs {what} within {}", p.name, p.target),
                share,
            ));
        }
    }
    // Questions asked through Doorstep, against the enquiry standard.
    if let Some(respond) = profile.enquiry_standard.respond {
        lines.push(public_line(
            format!("Questions answered within {respond}"),
            in_time(&done("reply"), period),
        ));
    }
    // Requests to see the information held about you, against the earlier of the law's
    // month and the landlord's promise.
    let requests: Vec<Done> =
        super::db::performance::subject_access_finished(&state.db, period.from, period.to)
            .await?
            .into_iter()
            .map(|(met_at, due_at)| Done { met_at, due_at })
            .collect();
    lines.push(public_line(
        format!(
            "Requests to see the information we hold about you answered within {}",
            profile.subject_access.respond
        ),
        in_time(&requests, period),
    ));
    let satisfaction = repairs_satisfaction(&repairs, period);
    let target = profile
        .satisfaction
        .repairs
        .map_or_else(String::new, |t| format!(" (our target: {t}%)"));
    lines.push(public_line(
        format!("Residents satisfied with a completed repair, from our own survey after each repair{target}"),
        satisfaction,
    ));
    Ok(lines)
}

/// The public results as CSV: no personal data, suppressed counts left empty.
pub fn public_csv(p: &PublicPerformance) -> Result<String, AppError> {
    let mut csv = crate::server::spreadsheet::Csv::new([
        "period_start",
        "period_end",
        "standard",
        "result",
        "met",
        "of",
        "suppressed",
    ]);
    for period in &p.periods {
        for l in &period.lines {
            csv.row([
                period.first_day.to_string(),
                period.last_day.to_string(),
                l.standard.clone(),
                l.result.clone(),
                count_cell(l.met),
                count_cell(l.of),
                if l.suppressed { "yes" } else { "no" }.to_owned(),
            ]);
        }
    }
    csv.finish()
}

/// The period of a report download (its form's dates, or the last twelve whole months), for a
/// colleague who may see the reports; `None` for one who may not, and "sign in first" when
/// signed out.
pub async fn report_download_period(
    state: &AppState,
    session: &tower_sessions::Session,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Option<(NaiveDate, NaiveDate)>, AppError> {
    use super::authz::{may, Action};
    let Some(account) = super::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&account, Action::ViewComplaintReports) {
        return Ok(None);
    }
    let mut errors = crate::domain::validation::FieldErrors::default();
    Ok(Some(crate::domain::performance::report_period(
        from,
        to,
        crate::site::today(),
        &mut errors,
    )))
}

/// `GET /staff/reports/measures.csv`: the regulator's measures, for colleagues who may see the
/// complaints report.
pub async fn measures_csv(
    state: &AppState,
    session: &tower_sessions::Session,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Option<(String, String)>, AppError> {
    let Some((first, last)) = report_download_period(state, session, from, to).await? else {
        return Ok(None);
    };
    let lines = regulatory(state, first, last).await?;
    Ok(Some((
        format!("measures-{first}-to-{last}.csv"),
        regulatory_csv(&lines, first, last)?,
    )))
}
