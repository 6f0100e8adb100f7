//! The managers' daily dashboard: per team and per published standard, open, due today, due
//! soon and overdue deadlines, and those met or missed over the last 7 and 30 days, counted from
//! the clock store (nothing typed in); each figure opens the records behind it, read live; the
//! same figures as CSV. Counting means reading every running and recent deadline, so it is done
//! at most once every `COUNTED_FOR` for the whole service, and the page says when.

use crate::domain::dashboard::{Figure, StandardKey};
use crate::error::AppError;
use crate::server::db::dashboard::{self as store, Behind, Bounds, GroupRow};
use crate::server::state::AppState;
use crate::wire::dashboard::*;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// The most records one figure's page lists.
const LIST_LIMIT: i64 = 200;

fn bounds(state: &AppState, now: DateTime<Utc>) -> Bounds {
    let today = crate::domain::london::to_local(now).date();
    let tomorrow = today.succ_opt().unwrap_or(today);
    let today_ends =
        crate::domain::london::from_local(tomorrow.and_hms_opt(0, 0, 0).unwrap_or_default());
    Bounds {
        now,
        today_ends,
        soon_ends: state.site.due_soon_until(now).max(today_ends),
        week_ago: now - chrono::Duration::days(7),
        month_ago: now - chrono::Duration::days(30),
    }
}

/// What a standard is called: "Complaint: Stage 1 response", "Repair (Urgent): completed".
fn standard_words(state: &AppState, key: &StandardKey) -> String {
    let profile = &state.site.profile;
    match key.subject.as_str() {
        "case" => {
            let kind = crate::domain::cases::CaseKind::parse(&key.of)
                .map_or(key.of.clone(), |k| k.label().to_owned());
            let clock = crate::domain::clocks::ClockKind::parse(
                crate::domain::clocks::Subject::Case,
                &key.clock,
            )
            .map_or(key.clock.clone(), |c| {
                crate::server::cases::view::clock_label(c, &profile.complaints)
            });
            format!("{kind}: {clock}")
        }
        "repair" if key.clock == "target" => format!(
            "Repair ({}): completed",
            crate::server::repairs::view::priority_name(state, &key.of)
        ),
        "repair" => match crate::domain::hazards::HazardClock::parse(&key.clock) {
            Some(h) => format!("Repair hazard: {}", h.label(profile.hazards.law.as_ref())),
            None => format!("Repair: {}", key.clock),
        },
        _ => "Request to see information: answered".to_owned(),
    }
}

fn team_words(names: &BTreeMap<i64, String>, team: Option<i64>) -> String {
    team.and_then(|t| names.get(&t).cloned())
        .unwrap_or_else(|| "No team".to_owned())
}

/// How long counted figures are shown before the next request counts again.
pub const COUNTED_FOR: chrono::Duration = chrono::Duration::seconds(60);
/// How long one request may hold the turn to count before another may take it.
const TURN: chrono::Duration = chrono::Duration::seconds(30);
/// How old figures may be shown while another request is counting.
const WHILE_COUNTING: chrono::Duration = chrono::Duration::minutes(5);

/// How often a request with nothing of today to show looks again for the count another request
/// is making, and for how long (then it counts itself).
const LOOK_AGAIN: std::time::Duration = std::time::Duration::from_millis(100);
const WAIT_FOR_COUNT: u32 = 100;

/// The figures and when they were counted: the service's last count when it is under
/// `COUNTED_FOR` old and of today; otherwise counted now (and kept for everyone) by the one
/// request whose turn it is, while the others show the last count if it is of today and under
/// `WHILE_COUNTING` old, or, when there is none (the first look of the day), wait for the count
/// being made rather than all counting at once. A count that cannot be read back is counted
/// again.
async fn counted(
    state: &AppState,
    now: DateTime<Utc>,
) -> Result<(DateTime<Utc>, Vec<GroupRow>), AppError> {
    let today = crate::domain::london::to_local(now).date();
    let usable = |at: DateTime<Utc>, age: chrono::Duration| {
        at <= now && now - at < age && crate::domain::london::to_local(at).date() == today
    };
    let read = |json: &str| serde_json::from_str::<Vec<GroupRow>>(json).ok();
    let (at, json) = store::last_counted(&state.db).await?;
    if let Some(groups) = read(&json).filter(|_| usable(at, COUNTED_FOR)) {
        return Ok((at, groups));
    }
    let mut turn = store::take_turn(&state.db, now, now + TURN).await?;
    if !turn {
        if let Some(groups) = read(&json).filter(|_| usable(at, WHILE_COUNTING)) {
            return Ok((at, groups));
        }
        for _ in 0..WAIT_FOR_COUNT {
            tokio::time::sleep(LOOK_AGAIN).await;
            let (at, json) = store::last_counted(&state.db).await?;
            if let Some(groups) = read(&json).filter(|_| usable(at, COUNTED_FOR)) {
                return Ok((at, groups));
            }
            turn = store::take_turn(&state.db, now, now + TURN).await?;
            if turn {
                // The other count may have been kept between the read and taking the turn
                // (keeping it frees the turn): use it, and give the turn back by keeping it as
                // it is.
                let (at, json) = store::last_counted(&state.db).await?;
                if let Some(groups) = read(&json).filter(|_| usable(at, COUNTED_FOR)) {
                    store::keep(&state.db, at, &groups).await?;
                    return Ok((at, groups));
                }
                break;
            }
        }
    }
    let groups = store::groups(&state.db, bounds(state, now)).await?;
    store::keep(&state.db, now, &groups).await?;
    Ok((now, groups))
}

/// One team's counts for one standard, before they become a page's line.
struct Line {
    team: String,
    team_id: Option<i64>,
    standard: String,
    key: StandardKey,
    counts: [i64; 8],
}

/// Every line, ordered by team then standard, with the groups merged by standard (a hazard
/// clock across priorities).
async fn lines(state: &AppState, groups: Vec<GroupRow>) -> Result<Vec<Line>, AppError> {
    let names: BTreeMap<i64, String> = crate::server::db::teams::teams(&state.db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let mut merged: BTreeMap<(String, String), Line> = BTreeMap::new();
    for group in groups {
        let key = group.key();
        let team = team_words(&names, group.team_id);
        let standard = standard_words(state, &key);
        let line = merged
            .entry((team.clone(), standard.clone()))
            .or_insert(Line {
                team,
                team_id: group.team_id,
                standard,
                key,
                counts: [0; 8],
            });
        add(&mut line.counts, &group);
    }
    Ok(merged
        .into_values()
        .filter(|line| line.counts.iter().any(|n| *n > 0))
        .collect())
}

fn add(counts: &mut [i64; 8], group: &GroupRow) {
    for (i, f) in Figure::ALL.iter().enumerate() {
        counts[i] += group.figure(*f);
    }
}

fn link(team: Option<i64>, key: &StandardKey, figure: Figure) -> String {
    format!(
        "/staff/dashboard/list?team={}&standard={key}&figure={}",
        team.map_or("none".to_owned(), |t| t.to_string()),
        figure.as_str()
    )
}

/// How each figure is counted, shown under the table and in the CSV's notes.
fn definitions(state: &AppState) -> Vec<(String, String)> {
    let soon = state.site.profile.due_soon.working_days;
    [
        (Figure::Open, "deadlines still running on work not yet finished (not met, not stopped while we wait for the resident)".to_owned()),
        (Figure::DueToday, "running deadlines that fall later today".to_owned()),
        (Figure::DueSoon, format!("running deadlines after today and within {soon} working days")),
        (Figure::Overdue, "running deadlines already passed".to_owned()),
        (Figure::Met7, "deadlines met on time, by when they were met".to_owned()),
        (Figure::Missed7, "deadlines that fell in the period and were not met by then: met late, or never met before the work was closed or still open".to_owned()),
    ]
    .into_iter()
    .map(|(f, words)| (f.label().trim_end_matches(", last 7 days").to_owned(), words))
    .collect()
}

pub async fn dashboard(state: &AppState) -> Result<Dashboard, AppError> {
    let (at, groups) = counted(state, state.clock.now()).await?;
    let mut totals = vec![0; Figure::ALL.len()];
    let lines = lines(state, groups)
        .await?
        .into_iter()
        .map(|line| {
            for (t, n) in totals.iter_mut().zip(line.counts) {
                *t += n;
            }
            DashboardLine {
                counts: Figure::ALL
                    .iter()
                    .zip(line.counts)
                    .map(|(f, n)| (n, (n > 0).then(|| link(line.team_id, &line.key, *f))))
                    .collect(),
                team: line.team,
                standard: line.standard,
            }
        })
        .collect();
    Ok(Dashboard {
        generated: format!(
            "{} at {}",
            crate::format::day(at),
            crate::domain::london::to_local(at).format("%-I:%M:%S%P")
        ),
        figures: Figure::ALL.iter().map(|f| f.label().to_owned()).collect(),
        lines,
        totals,
        definitions: definitions(state),
    })
}

/// The records behind one figure, from the link's query.
pub async fn list(
    state: &AppState,
    team: &str,
    standard: &str,
    figure: &str,
) -> Result<DashboardList, AppError> {
    let figure = Figure::parse(figure).ok_or(AppError::NotFound)?;
    let standard = StandardKey::parse(standard).ok_or(AppError::NotFound)?;
    let team_id = match team {
        "none" => None,
        id => Some(id.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    let now = state.clock.now();
    let names: BTreeMap<i64, String> = crate::server::db::teams::teams(&state.db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    if team_id.is_some_and(|t| !names.contains_key(&t)) {
        return Err(AppError::NotFound);
    }
    let which = Behind {
        figure,
        team_id,
        standard: standard.clone(),
    };
    let mut rows = store::behind(&state.db, bounds(state, now), &which, LIST_LIMIT + 1).await?;
    let more = rows.len() as i64 > LIST_LIMIT;
    rows.truncate(LIST_LIMIT as usize);
    Ok(DashboardList {
        title: format!(
            "{}: {}, {}",
            figure.label(),
            team_words(&names, team_id),
            standard_words(state, &standard)
        ),
        items: rows
            .into_iter()
            .map(|r| DashboardItem {
                path: match r.subject.as_str() {
                    "case" => format!("/staff/cases/{}", r.reference),
                    "repair" => format!("/staff/repairs/{}", r.reference),
                    _ => format!("/staff/subject-access/{}", r.reference),
                },
                reference: r.reference,
                summary: r.summary,
                due: crate::format::when(r.due_at),
                met: r.met_at.map(crate::format::when),
            })
            .collect(),
        more,
    })
}

/// The dashboard as CSV for a colleague who may see it (None for anyone else): one row per
/// team and standard, then the totals.
pub async fn csv(
    state: &AppState,
    session: &tower_sessions::Session,
) -> Result<Option<(String, String)>, AppError> {
    use crate::server::authz::{may, Action};
    let Some(account) = crate::server::auth::session_account(state, session).await? else {
        return Err(AppError::SignInRequired);
    };
    if !may(&account, Action::ViewDashboard) {
        return Ok(None);
    }
    let now = state.clock.now();
    let page = dashboard(state).await?;
    let mut csv = crate::server::spreadsheet::Csv::new(
        ["team", "standard"]
            .into_iter()
            .chain(Figure::ALL.iter().map(|f| f.as_str())),
    );
    for line in &page.lines {
        csv.row(
            [line.team.clone(), line.standard.clone()]
                .into_iter()
                .chain(line.counts.iter().map(|(n, _)| n.to_string())),
        );
    }
    csv.row(
        ["All teams".to_owned(), "All standards".to_owned()]
            .into_iter()
            .chain(page.totals.iter().map(|n| n.to_string())),
    );
    let out = csv.finish()?;
    let day = crate::domain::london::to_local(now).date();
    Ok(Some((format!("dashboard-{day}.csv"), out)))
}
