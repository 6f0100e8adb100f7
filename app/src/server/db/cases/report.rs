//! The complaints report's counts (CH01, CH02 by tenure) and compliments by colleague.

use super::*;

/// One tenure's complaint counts between `from` and `to` (exclusive), as CH01 and CH02 count
/// them: a complaint at stage 1 when received in the period, at stage 2 when escalated in it; a
/// stage's response when sent in the period, in time when it was sent by that stage's response
/// deadline under the Code (including an extension the Code permits). CH02 measures the
/// response alone: a late acknowledgement does not make an in-time response late.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReportCounts {
    pub tenure: Option<String>,
    pub stage_1_received: i64,
    pub stage_2_received: i64,
    pub stage_1_responded: i64,
    pub stage_1_in_time: i64,
    pub stage_2_responded: i64,
    pub stage_2_in_time: i64,
}

pub async fn report_counts(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ReportCounts>, AppError> {
    let within = |column: &str| format!("(c.{column} >= $1 and c.{column} < $2)");
    let late = |kinds: &str| {
        format!(
            "not exists (select 1 from clocks k where k.subject = 'case' and k.subject_id = c.id
                         and k.kind in ({kinds})
                         and (k.met_at is null or k.met_at > k.due_at))"
        )
    };
    let count = |condition: String| format!("sum(case when {condition} then 1 else 0 end)");
    let sql = format!(
        "select c.tenure,
                {} as stage_1_received, {} as stage_2_received,
                {} as stage_1_responded, {} as stage_1_in_time,
                {} as stage_2_responded, {} as stage_2_in_time
         from cases c
         where c.kind = 'complaint' and ({} or {} or {} or {})
         group by c.tenure",
        count(within("received_at")),
        count(within("escalated_at")),
        count(within("responded_at")),
        count(format!(
            "{} and {}",
            within("responded_at"),
            late("'respond_1'")
        )),
        count(within("final_response_at")),
        count(format!(
            "{} and {}",
            within("final_response_at"),
            late("'respond_2'")
        )),
        within("received_at"),
        within("escalated_at"),
        within("responded_at"),
        within("final_response_at"),
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, ReportCounts>(&sql)
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await
    })?)
}

/// Homes by tenure, for "per 1,000 homes".
pub async fn homes_by_tenure(db: &Db) -> Result<Vec<(String, i64)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (String, i64)>(
            "select tenure, count(*) from homes group by tenure order by tenure",
        )
        .fetch_all(pool)
        .await
    })?)
}

/// Compliments passed on between `from` and `to`, by colleague.
pub async fn compliments_by_colleague(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(String, i64)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (String, i64)>(
            "select coalesce(a.display_name, 'Not yet passed on'), count(*)
             from cases c left join accounts a on a.id = c.owner_account_id
             where c.kind = 'compliment' and c.received_at >= $1 and c.received_at < $2
             group by a.display_name order by count(*) desc, a.display_name",
        )
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
    })?)
}
