//! The colleagues' repairs queue: filtered, most urgent first, a page at a time.

use crate::error::AppError;
use crate::server::state::AppState;
use crate::wire::forms::Offered;
use crate::wire::repairs_staff::*;

/// The repairs queue, filtered, most urgent deadline first.
pub async fn queue(
    state: &AppState,
    account: &crate::server::db::accounts::Account,
    asked: QueueFilters,
    page: Option<i64>,
) -> Result<QueuePage, AppError> {
    use crate::domain::repairs::Status;
    use crate::server::db::repairs::{blocks, queue, QueueFilter};
    use crate::server::db::teams::TeamFilter;
    let clean = |v: String| Some(v.trim().to_owned()).filter(|s| !s.is_empty());
    let status = clean(asked.status).filter(|s| Status::parse(s).is_some());
    let priority = clean(asked.priority).filter(|p| {
        state
            .site
            .profile
            .repair_priorities
            .iter()
            .any(|x| &x.code == p)
    });
    let trade = clean(asked.trade).filter(|t| state.site.repairs.trade(t).is_some());
    let block_id = clean(asked.block).and_then(|b| b.parse::<i64>().ok());
    let due = clean(asked.due).filter(|d| ["overdue", "soon", "later"].contains(&d.as_str()));
    let team_text = clean(asked.team);
    let team = team_text
        .as_deref()
        .and_then(|t| TeamFilter::parse(t, account.id));
    let now = chrono::Utc::now();
    let soon = state.site.due_soon_until(now);
    let closed = status
        .as_deref()
        .is_some_and(|s| !Status::parse(s).is_some_and(Status::is_open));
    let filter = QueueFilter {
        status: status.clone(),
        priority: priority.clone(),
        trade: trade.clone(),
        block_id,
        due: due.clone(),
        team,
        closed,
    };
    let page = page.unwrap_or(1).max(1);
    let (rows, total) = queue(&state.db, &filter, now, soon, page, PER_PAGE).await?;
    let crate::domain::navigation::Paging {
        pages, more, total, ..
    } = crate::domain::navigation::Paging::of(
        page,
        total,
        crate::server::db::repairs::COUNT_LIMIT,
        rows.len(),
        PER_PAGE,
    );
    let filters = QueueFilters {
        status: status.unwrap_or_default(),
        priority: priority.unwrap_or_default(),
        trade: trade.unwrap_or_default(),
        block: block_id.map(|b| b.to_string()).unwrap_or_default(),
        due: due.unwrap_or_default(),
        team: team_text.filter(|_| team.is_some()).unwrap_or_default(),
    };
    let query = crate::domain::navigation::query_string(&[
        ("status", &filters.status),
        ("priority", &filters.priority),
        ("trade", &filters.trade),
        ("block", &filters.block),
        ("due", &filters.due),
        ("team", &filters.team),
    ]);
    let offered = |value: &str, label: &str| Offered {
        value: value.to_owned(),
        label: label.to_owned(),
        hint: None,
    };
    Ok(QueuePage {
        statuses: Status::ALL
            .iter()
            .map(|s| offered(s.as_str(), s.label()))
            .collect(),
        priorities: state
            .site
            .profile
            .repair_priorities
            .iter()
            .map(|p| offered(&p.code, &p.name))
            .collect(),
        trades: state
            .site
            .repairs
            .trades
            .iter()
            .map(|t| offered(&t.code, &t.name))
            .collect(),
        blocks: blocks(&state.db)
            .await?
            .iter()
            .map(|b| offered(&b.id.to_string(), &b.name))
            .collect(),
        teams: crate::server::teams::filter_choices(state).await?,
        lines: rows
            .iter()
            .map(|r| crate::server::repairs::view::line(state, r, now))
            .collect(),
        filters,
        total,
        more,
        page,
        pages,
        query,
    })
}
