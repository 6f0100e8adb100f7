//! Colleagues who may handle cases, their teams and managers, and the record the evidence pack and the
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

/// Every colleague in use, with their first team (by name) and a manager of one of their
/// teams other than themself.
pub async fn colleagues(db: &Db) -> Result<Vec<Colleague>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Colleague>(
            "select a.id, a.display_name, a.email, a.role,
                    (select t.name from team_members tm join teams t on t.id = tm.team_id
                     where tm.account_id = a.id order by t.name limit 1) as team,
                    (select b.display_name from team_members me
                     join team_members mm on mm.team_id = me.team_id and mm.manager
                     join accounts b on b.id = mm.account_id
                     where me.account_id = a.id and mm.account_id <> a.id and b.disabled_at is null
                     order by b.display_name, b.id limit 1) as manager_name,
                    (select b.email from team_members me
                     join team_members mm on mm.team_id = me.team_id and mm.manager
                     join accounts b on b.id = mm.account_id
                     where me.account_id = a.id and mm.account_id <> a.id and b.disabled_at is null
                     order by b.display_name, b.id limit 1) as manager_email
             from accounts a
             where a.role not in ('resident', 'advocate', 'operative', 'contractor')
               and a.disabled_at is null
             order by a.display_name, a.id",
        )
        .fetch_all(pool)
        .await
    })?)
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
