//! The staff workspace: every open repair, case of any kind and request to see information in
//! one list, the deadline that breaches first on top, with who owns each (team and colleague);
//! "my work", "my teams" or everything, filtered by kind, team and due state.

use crate::domain::cases::CaseKind;
use crate::error::AppError;
use crate::server::db::accounts::Account;
use crate::server::db::teams::TeamFilter;
use crate::server::db::workspace::{self as store, WorkFilter, WorkRow};
use crate::server::state::AppState;
use crate::wire::forms::Offered;
use crate::wire::workspace::*;

pub const PER_PAGE: i64 = 50;

fn offered(value: &str, label: &str) -> Offered {
    Offered {
        value: value.to_owned(),
        label: label.to_owned(),
        hint: None,
    }
}

fn line(state: &AppState, row: WorkRow, now: chrono::DateTime<chrono::Utc>) -> WorkLine {
    let (path, kind, status) = match row.subject.as_str() {
        "case" => (
            format!("/staff/cases/{}", row.reference),
            CaseKind::parse(&row.kind).map_or(row.kind.clone(), |k| k.label().to_owned()),
            crate::domain::cases::Status::parse(&row.status)
                .map_or(row.status.clone(), |s| s.label().to_owned()),
        ),
        "repair" => (
            format!("/staff/repairs/{}", row.reference),
            "Repair".to_owned(),
            crate::domain::repairs::Status::parse(&row.status)
                .map_or(row.status.clone(), |s| s.label().to_owned()),
        ),
        _ => (
            format!("/staff/subject-access/{}", row.reference),
            "Request to see information".to_owned(),
            row.status.replace('_', " "),
        ),
    };
    let owner = match (&row.owner, &row.team) {
        (Some(name), Some(team)) => format!("{name} ({team})"),
        (Some(name), None) => name.clone(),
        (None, Some(team)) => format!("{team} (no named colleague yet)"),
        (None, None) => "Nobody yet".to_owned(),
    };
    let due_state = row
        .due_at
        .map(|due| state.progress(row.received_at, due, now));
    WorkLine {
        path,
        reference: row.reference,
        kind,
        summary: row.summary,
        status,
        person: row.person,
        owner,
        due: row.due_at.map(crate::format::when),
        due_state,
        area: row.area,
    }
}

/// One page of the workspace for `account`, as the filters ask.
pub async fn workspace(
    state: &AppState,
    account: &Account,
    asked: WorkFilters,
    page: Option<i64>,
) -> Result<Workspace, AppError> {
    let clean = |v: &str| Some(v.trim().to_owned()).filter(|s| !s.is_empty());
    let view = clean(&asked.view).filter(|v| v == "mine" || v == "team");
    let kind = clean(&asked.kind)
        .filter(|k| k == "repair" || k == "subject_access" || CaseKind::parse(k).is_some());
    let team_text = clean(&asked.team);
    let team = match view.as_deref() {
        Some("team") => Some(TeamFilter::Mine(account.id)),
        _ => team_text
            .as_deref()
            .and_then(|t| TeamFilter::parse(t, account.id)),
    };
    let due = clean(&asked.due).filter(|d| ["overdue", "soon", "later"].contains(&d.as_str()));
    let areas = store::areas(&state.db).await?;
    let area = clean(&asked.area)
        .and_then(|a| a.parse::<i64>().ok())
        .filter(|a| areas.iter().any(|(id, _)| id == a));
    // A colleague chosen by name (a manager looking at someone's work, a departed colleague's
    // to hand on); "my work" is the caller.
    let colleagues: Vec<_> = crate::server::db::accounts::staff_accounts(&state.db)
        .await?
        .into_iter()
        .filter(|c| c.role.is_staff())
        .collect();
    let owner = clean(&asked.owner)
        .and_then(|o| o.parse::<i64>().ok())
        .filter(|o| colleagues.iter().any(|c| c.id == *o));
    let filter = WorkFilter {
        kind: kind.clone(),
        owner: match view.as_deref() {
            Some("mine") => Some(account.id),
            _ => owner,
        },
        team,
        due: due.clone(),
        area,
    };
    let now = state.clock.now();
    let soon = state.site.due_soon_until(now);
    let page = page.unwrap_or(1).clamp(1, 1000);
    let (rows, more) = store::page(&state.db, &filter, (now, soon), page, PER_PAGE).await?;
    let filters = WorkFilters {
        view: view.unwrap_or_default(),
        kind: kind.unwrap_or_default(),
        team: team_text.filter(|_| team.is_some()).unwrap_or_default(),
        due: due.unwrap_or_default(),
        area: area.map(|a| a.to_string()).unwrap_or_default(),
        owner: owner.map(|o| o.to_string()).unwrap_or_default(),
    };
    let query = [
        ("view", &filters.view),
        ("kind", &filters.kind),
        ("team", &filters.team),
        ("due", &filters.due),
        ("area", &filters.area),
        ("owner", &filters.owner),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={v}"))
    .collect::<Vec<_>>()
    .join("&");
    let mut kinds = vec![offered("repair", "Repairs")];
    kinds.extend(
        CaseKind::ALL
            .iter()
            .filter(|k| k.offered(&state.site.profile))
            .map(|k| offered(k.as_str(), k.label())),
    );
    kinds.push(offered("subject_access", "Requests to see information"));
    Ok(Workspace {
        filters,
        views: vec![
            offered("mine", "My work"),
            offered("team", "My teams' work"),
        ],
        kinds,
        teams: crate::server::teams::filter_choices(state).await?,
        areas: areas
            .into_iter()
            .map(|(id, name)| offered(&id.to_string(), &name))
            .collect(),
        owners: colleagues
            .into_iter()
            .map(|c| {
                let name = if c.disabled {
                    format!("{} (account closed)", c.display_name)
                } else {
                    c.display_name
                };
                offered(&c.id.to_string(), &name)
            })
            .collect(),
        lines: rows.into_iter().map(|r| line(state, r, now)).collect(),
        page,
        more,
        query,
    })
}
