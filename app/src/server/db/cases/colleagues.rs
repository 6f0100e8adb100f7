//! Colleagues who may handle cases, their teams, and the record the evidence pack and the
//! resident's page read.

use super::*;

/// A colleague's manager and team, for passing on a compliment.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Colleague {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub team: Option<String>,
    pub manager_name: Option<String>,
    pub manager_email: Option<String>,
}

pub async fn colleagues(db: &Db) -> Result<Vec<Colleague>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Colleague>(
            "select a.id, a.display_name, a.email, a.role, a.team,
                    m.display_name as manager_name, m.email as manager_email
             from accounts a left join accounts m on m.id = a.manager_account_id
             where a.role not in ('resident', 'advocate') and a.disabled_at is null
             order by a.display_name, a.id",
        )
        .fetch_all(pool)
        .await
    })?)
}

/// Sets a colleague's team and manager (demo data and administration).
pub async fn set_team(
    db: &Db,
    account_id: i64,
    team: &str,
    manager_account_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "update accounts set team = $1, manager_account_id = $2, updated_at = $3 where id = $4",
        )
        .bind(team)
        .bind(manager_account_id)
        .bind(now)
        .bind(account_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Everything the evidence pack and the resident's page need besides the case itself.
pub struct CaseRecord {
    pub clocks: Vec<StoredClock>,
    pub events: Vec<EventRow>,
    pub responses: Vec<ResponseRow>,
    pub actions: Vec<ActionRow>,
}

pub async fn record(db: &Db, case_id: i64, internal: bool) -> Result<CaseRecord, AppError> {
    Ok(CaseRecord {
        clocks: clocks(db, case_id).await?,
        events: events(db, case_id, internal).await?,
        responses: responses(db, case_id).await?,
        actions: actions(db, case_id).await?,
    })
}
