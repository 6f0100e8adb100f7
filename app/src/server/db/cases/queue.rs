//! The staff cases queue: filtered, most urgent deadline first, counted up to a limit.

use super::*;

/// What the queue shows.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub kind: Option<String>,
    pub status: Option<String>,
    /// An account id, or -1 for "nobody yet".
    pub owner: Option<i64>,
    pub due: Option<String>,
    pub team: Option<crate::server::db::teams::TeamFilter>,
    pub closed: bool,
}

/// One page of the queue, the most urgent deadline first (cases without one last), and how
/// many match (counted up to `COUNT_LIMIT`).
pub async fn queue(
    db: &Db,
    filter: &QueueFilter,
    now: DateTime<Utc>,
    soon: DateTime<Utc>,
    page: i64,
    per_page: i64,
) -> Result<(Vec<CaseRow>, i64), AppError> {
    let mut conditions: Vec<String> = Vec::new();
    let mut binds: Vec<Bind> = Vec::new();
    if !filter.closed {
        conditions.push("c.status not in ('closed', 'declined')".to_owned());
    }
    if let Some(kind) = &filter.kind {
        let p = bind(&mut binds, Bind::Text(kind.clone()));
        conditions.push(format!("c.kind = {p}"));
    }
    if let Some(status) = &filter.status {
        let p = bind(&mut binds, Bind::Text(status.clone()));
        conditions.push(format!("c.status = {p}"));
    }
    match filter.owner {
        Some(-1) => conditions.push("c.owner_account_id is null".to_owned()),
        Some(owner) => {
            let p = bind(&mut binds, Bind::Int(owner));
            conditions.push(format!("c.owner_account_id = {p}"));
        }
        None => {}
    }
    if let Some(team) = filter.team {
        conditions.push(team.condition("c.team_id", &mut binds));
    }
    conditions.extend(crate::server::db::due_filter(
        "c.due_at",
        filter.due.as_deref(),
        (now, soon),
        true,
        &mut binds,
    ));
    let condition = if conditions.is_empty() {
        "1 = 1".to_owned()
    } else {
        conditions.join(" and ")
    };
    let count_sql = format!(
        "select count(*) from (select 1 as x from cases c where {condition} limit {COUNT_LIMIT}) counted"
    );
    let order = crate::server::db::deadline_order("c", filter.due.as_deref(), true);
    let page = crate::server::db::page_clause(per_page, (page.max(1) - 1) * per_page);
    let sql = format!("{CASE_SELECT} where {condition} order by {order} {page}");
    let rows = db_run!(db, |pool| {
        crate::bind_all!(sqlx::query_as::<_, CaseRow>(&sql), &binds)
            .fetch_all(pool)
            .await
    })?;
    let total = db_run!(db, |pool| {
        crate::bind_all!(sqlx::query_scalar::<_, i64>(&count_sql), &binds)
            .fetch_one(pool)
            .await
    })?;
    Ok((rows, total))
}

pub const COUNT_LIMIT: i64 = 1001;
