//! The staff repairs queue, and the counts and lookups around it.

use super::*;

/// What the staff queue can be narrowed to.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub status: Option<String>,
    pub priority: Option<String>,
    pub trade: Option<String>,
    pub block_id: Option<i64>,
    /// "overdue": due before `now`; "soon": due before `soon`; "later": due after `soon`.
    pub due: Option<String>,
    pub team: Option<crate::server::db::teams::TeamFilter>,
    /// Include closed jobs (only when a closed status is asked for).
    pub closed: bool,
}

/// The queue counts matching jobs up to this many; the page says "more than" beyond it.
pub const COUNT_LIMIT: i64 = 1001;

/// One page of the queue, most urgent deadline first (jobs without one last), and the number of
/// matching jobs.
///
/// Only the filters asked for are in the statement (a handful of fixed shapes, values always
/// bound), so the database can use the partial index on open jobs' deadlines; a statement with
/// every filter switched off by a null could not.
pub async fn queue(
    db: &Db,
    filter: &QueueFilter,
    now: DateTime<Utc>,
    soon: DateTime<Utc>,
    page: i64,
    per_page: i64,
) -> Result<(Vec<RepairListRow>, i64), AppError> {
    let mut conditions: Vec<String> = Vec::new();
    let mut binds: Vec<Bind> = Vec::new();
    if !filter.closed {
        conditions.push("r.status not in ('completed', 'cancelled')".to_owned());
    }
    if let Some(status) = &filter.status {
        let p = bind(&mut binds, Bind::Text(status.clone()));
        conditions.push(format!("r.status = {p}"));
    }
    if let Some(priority) = &filter.priority {
        let p = bind(&mut binds, Bind::Text(priority.clone()));
        conditions.push(format!("r.priority = {p}"));
    }
    if let Some(trade) = &filter.trade {
        let p = bind(&mut binds, Bind::Text(trade.clone()));
        conditions.push(format!("r.trade = {p}"));
    }
    if let Some(block) = filter.block_id {
        let p = bind(&mut binds, Bind::Int(block));
        conditions.push(format!("r.block_id = {p}"));
    }
    if let Some(team) = filter.team {
        conditions.push(team.condition("r.team_id", &mut binds));
    }
    conditions.extend(crate::server::db::due_filter(
        "r.due_at",
        filter.due.as_deref(),
        (now, soon),
        false,
        &mut binds,
    ));
    let condition = if conditions.is_empty() {
        "1 = 1".to_owned()
    } else {
        conditions.join(" and ")
    };
    // Counting stops at COUNT_LIMIT: an exact count of 100,000 open jobs costs more than the page.
    let count_sql = format!(
        "select count(*) from (select 1 as x from repairs r where {condition} limit {COUNT_LIMIT}) counted"
    );
    let order = crate::server::db::deadline_order("r", filter.due.as_deref(), false);
    let page = crate::server::db::page_clause(per_page, (page.max(1) - 1) * per_page);
    let sql =
        format!("select {LIST_COLUMNS} {LIST_JOINS} where {condition} order by {order} {page}");
    let rows = db_run!(db, |pool| {
        crate::bind_all!(sqlx::query_as::<_, RepairListRow>(&sql), &binds)
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

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct BlockRow {
    pub id: i64,
    pub name: String,
}

pub async fn blocks(db: &Db) -> Result<Vec<BlockRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, BlockRow>("select id, name from blocks order by name")
            .fetch_all(pool)
            .await
    })?)
}

pub async fn count_repairs(db: &Db) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>("select count(*) from repairs")
            .fetch_one(pool)
            .await
    })?)
}

/// The first household member of a current tenancy, by its reference (demo data).
pub async fn person_on_tenancy(db: &Db, reference: &str) -> Result<Option<i64>, AppError> {
    Ok(
        crate::server::db::accounts::people_on_tenancy(db, reference)
            .await?
            .into_iter()
            .next(),
    )
}
