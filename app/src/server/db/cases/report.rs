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
    // Each count is read from its own index on complaints (received, escalated, answered at
    // stage 1, answered at stage 2), one range each, and added up by tenure. An answer is in
    // time unless its stage's response clock was missed or is still running: the answers in the
    // period are counted as in time, and those with such a clock (found from the clocks, each
    // joined to its case by id) are taken off again. Both engines read this the same way with or
    // without table statistics.
    let within =
        |column: &str| format!("c.kind = 'complaint' and c.{column} >= $1 and c.{column} < $2");
    // The six figures of one branch, in the order of the outer sums: `set` gives some of them.
    let figures = |set: &[(usize, &str)]| {
        let mut sums = ["0"; 6];
        for (place, value) in set {
            sums[*place] = value;
        }
        sums.join(", ")
    };
    let answered = |column: &str, clock: &str, place: usize| {
        format!(
            "select c.tenure, {} from cases c where {} group by c.tenure
             union all
             select c.tenure, {} from clocks k join cases c on c.id = k.subject_id
             where k.subject = 'case' and k.kind = '{clock}'
               and (k.met_at is null or k.met_at > k.due_at) and {}
             group by c.tenure",
            figures(&[(place, "count(*)"), (place + 1, "count(*)")]),
            within(column),
            figures(&[(place + 1, "-count(distinct c.id)")]),
            within(column),
        )
    };
    let sql = format!(
        "select tenure, cast(sum(a) as bigint) as stage_1_received,
                cast(sum(b) as bigint) as stage_2_received,
                cast(sum(c1) as bigint) as stage_1_responded,
                cast(sum(d) as bigint) as stage_1_in_time,
                cast(sum(e) as bigint) as stage_2_responded,
                cast(sum(f) as bigint) as stage_2_in_time
         from (select c.tenure, count(*) as a, 0 as b, 0 as c1, 0 as d, 0 as e, 0 as f
                 from cases c where {} group by c.tenure
               union all
               select c.tenure, {} from cases c where {} group by c.tenure
               union all {}
               union all {}) counted
         group by tenure",
        within("received_at"),
        figures(&[(1, "count(*)")]),
        within("escalated_at"),
        answered("responded_at", "respond_1", 2),
        answered("final_response_at", "respond_2", 4),
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
