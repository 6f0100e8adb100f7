//! Cases in the store: complaints, compliments and enquiries, their clocks, timeline, responses,
//! outstanding actions and stage handlers, and advocates' permissions. Every change to a case
//! writes its timeline entry in the same transaction, and only applies when the case is still
//! in the state the change was planned from.

use super::clocks::StoredClock;
use super::{bind, insert_once, Bind, Db};
use crate::db_run;
use crate::domain::cases::{ClockKind, Status};
use crate::domain::clocks::Subject;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};

/// A resident an advocate may act for.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Represented {
    pub person_id: i64,
    pub name: String,
    pub scope: String,
    pub ends_on: Option<NaiveDate>,
}

/// The residents an advocate may act for today in `scope` (permissions neither withdrawn nor
/// past their end date).
pub async fn represented(
    db: &Db,
    advocate_account_id: i64,
    scope: &str,
    today: NaiveDate,
) -> Result<Vec<Represented>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Represented>(
            "select p.id as person_id, p.given_name || ' ' || p.family_name as name,
                    ap.scope, ap.ends_on
             from advocate_permissions ap join people p on p.id = ap.person_id
             where ap.advocate_account_id = $1 and ap.withdrawn_at is null
               and (ap.ends_on is null or ap.ends_on >= $2)
               and ap.scope in ($3, 'everything')
             order by p.family_name, p.given_name, p.id",
        )
        .bind(advocate_account_id)
        .bind(today)
        .bind(scope)
        .fetch_all(pool)
        .await
    })?)
}

/// How the person belongs to their current tenancy or lease ("tenant", "household_member").
pub async fn relationship_of(db: &Db, person_id: i64) -> Result<Option<String>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, String>(
            "select m.relationship from household_members m join tenancies t on t.id = m.tenancy_id
             where m.person_id = $1 and t.end_date is null order by m.id limit 1",
        )
        .bind(person_id)
        .fetch_optional(pool)
        .await
    })?)
}

/// Records a permission directly (demo data and tests): with `evidence`, as given on a signed
/// form; without, as given on Doorstep. Colleagues record them through `permissions::record`.
#[allow(clippy::too_many_arguments)]
pub async fn grant_permission(
    db: &Db,
    advocate_account_id: i64,
    person_id: i64,
    scope: &str,
    ends_on: Option<NaiveDate>,
    evidence: Option<&str>,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "insert into advocate_permissions
                 (advocate_account_id, person_id, scope, ends_on, evidence, created_by_account_id,
                  given_by, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, case when $5 is null then 'portal' else 'paper' end,
                     $7, $7) returning id",
        )
        .bind(advocate_account_id)
        .bind(person_id)
        .bind(scope)
        .bind(ends_on)
        .bind(evidence)
        .bind(created_by)
        .bind(now)
        .fetch_one(pool)
        .await
    })?)
}

pub async fn withdraw_permission(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "update advocate_permissions set withdrawn_at = $1, updated_at = $1 where id = $2",
        )
        .bind(now)
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub use super::NewEvent;

pub use super::clocks::NewClock;

/// A case to create.
#[derive(Clone, Debug)]
pub struct NewCase {
    pub submission_token: String,
    pub kind: &'static str,
    pub person_id: i64,
    pub home_id: Option<i64>,
    pub tenure: Option<String>,
    pub made_by: &'static str,
    pub made_by_account_id: Option<i64>,
    pub channel: &'static str,
    pub status: &'static str,
    pub summary: String,
    pub details: String,
    pub happened_when: Option<String>,
    pub outcome_wanted: Option<String>,
    pub adjustments: Option<String>,
    pub thanks_to: Option<String>,
    pub related_reference: Option<String>,
    pub received_at: DateTime<Utc>,
    pub clocks: Vec<NewClock>,
    pub events: Vec<NewEvent>,
}

/// Creates the case with its clocks and first events, once per submission token: a second
/// call with the same token returns the first case's reference and writes nothing. The flag
/// says whether this call created it.
pub async fn create_case(
    db: &Db,
    new: &NewCase,
    now: DateTime<Utc>,
    make_reference: impl FnMut() -> String,
) -> Result<(String, bool), AppError> {
    let due_at = new.clocks.iter().map(|c| c.due_at).min();
    insert_once(
        db,
        "cases",
        &new.submission_token,
        make_reference,
        |reference: String| async move {
            db_run!(db, |pool| {
                async {
                    let mut tx = pool.begin().await?;
                    let id: Option<i64> = sqlx::query_scalar(
                        "insert into cases
                         (reference, submission_token, kind, person_id, home_id, tenure, made_by,
                          made_by_account_id, channel, status, stage, summary, details,
                          happened_when, outcome_wanted, adjustments, thanks_to, related_reference,
                          received_at, due_at, created_at, updated_at)
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $13, $14, $15,
                             $16, $17, $18, $19, $20, $20)
                     on conflict (submission_token) do nothing
                     returning id",
                    )
                    .bind(&reference)
                    .bind(&new.submission_token)
                    .bind(new.kind)
                    .bind(new.person_id)
                    .bind(new.home_id)
                    .bind(&new.tenure)
                    .bind(new.made_by)
                    .bind(new.made_by_account_id)
                    .bind(new.channel)
                    .bind(new.status)
                    .bind(&new.summary)
                    .bind(&new.details)
                    .bind(&new.happened_when)
                    .bind(&new.outcome_wanted)
                    .bind(&new.adjustments)
                    .bind(&new.thanks_to)
                    .bind(&new.related_reference)
                    .bind(new.received_at)
                    .bind(due_at)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(id) = id else {
                        tx.rollback().await?;
                        return Ok::<_, sqlx::Error>(None);
                    };
                    crate::start_clocks!(&mut tx, id, &new.clocks, now).await?;
                    for event in &new.events {
                        crate::insert_event!(&mut tx, "case_events", "case_id", id, event, now)?;
                    }
                    tx.commit().await?;
                    Ok(Some(reference.clone()))
                }
                .await
            })
        },
    )
    .await
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub reference: String,
    #[sqlx(try_from = "String")]
    pub kind: crate::domain::cases::CaseKind,
    pub person_id: i64,
    pub home_id: Option<i64>,
    pub made_by: String,
    pub made_by_account_id: Option<i64>,
    pub channel: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub stage: i64,
    pub owner_account_id: Option<i64>,
    pub summary: String,
    pub details: String,
    pub happened_when: Option<String>,
    pub outcome_wanted: Option<String>,
    pub adjustments: Option<String>,
    pub thanks_to: Option<String>,
    pub related_reference: Option<String>,
    pub understanding: Option<String>,
    pub decline_reason: Option<String>,
    pub received_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub responded_at: Option<DateTime<Utc>>,
    pub escalated_at: Option<DateTime<Utc>>,
    pub stage2_acknowledged_at: Option<DateTime<Utc>>,
    pub final_response_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub person_name: String,
    pub person_email: Option<String>,
    pub made_by_name: Option<String>,
    pub made_by_email: Option<String>,
    pub owner_name: Option<String>,
    pub owner_team: Option<String>,
    pub address: Option<String>,
}

const CASE_SELECT: &str = "select c.id, c.reference, c.kind, c.person_id, c.home_id, c.made_by,
        c.made_by_account_id, c.channel, c.status, c.stage, c.owner_account_id, c.summary,
        c.details, c.happened_when, c.outcome_wanted, c.adjustments, c.thanks_to,
        c.related_reference, c.understanding, c.decline_reason, c.received_at,
        c.acknowledged_at, c.responded_at, c.escalated_at, c.stage2_acknowledged_at,
        c.final_response_at, c.closed_at, c.due_at, c.created_at,
        p.given_name || ' ' || p.family_name as person_name, p.email as person_email,
        m.display_name as made_by_name, m.email as made_by_email, o.display_name as owner_name, o.team as owner_team,
        h.address_line_1 as address
     from cases c
     join people p on p.id = c.person_id
     left join accounts m on m.id = c.made_by_account_id
     left join accounts o on o.id = c.owner_account_id
     left join homes h on h.id = c.home_id";

pub async fn case_by_reference(db: &Db, reference: &str) -> Result<Option<CaseRow>, AppError> {
    let sql = format!("{CASE_SELECT} where c.reference = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, CaseRow>(&sql)
            .bind(reference)
            .fetch_optional(pool)
            .await
    })?)
}

/// The cases about a person, or made by an account, newest first.
pub async fn cases_for(
    db: &Db,
    person_ids: &[i64],
    made_by_account_id: Option<i64>,
) -> Result<Vec<CaseRow>, AppError> {
    let mut rows = Vec::new();
    for person_id in person_ids {
        let sql =
            format!("{CASE_SELECT} where c.person_id = $1 order by c.created_at desc, c.id desc");
        rows.extend(db_run!(db, |pool| {
            sqlx::query_as::<_, CaseRow>(&sql)
                .bind(person_id)
                .fetch_all(pool)
                .await
        })?);
    }
    if let Some(account_id) = made_by_account_id {
        let sql =
            format!("{CASE_SELECT} where c.made_by_account_id = $1 order by c.created_at desc");
        for row in db_run!(db, |pool| {
            sqlx::query_as::<_, CaseRow>(&sql)
                .bind(account_id)
                .fetch_all(pool)
                .await
        })? {
            if !rows.iter().any(|r: &CaseRow| r.id == row.id) {
                rows.push(row);
            }
        }
    }
    rows.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    Ok(rows)
}

/// The case's clocks, in the order they started.
pub async fn clocks(db: &Db, case_id: i64) -> Result<Vec<StoredClock>, AppError> {
    super::clocks::for_subject(db, Subject::Case, case_id).await
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EventRow {
    pub occurred_at: DateTime<Utc>,
    pub kind: String,
    pub title: String,
    pub body: Option<String>,
    pub visible: bool,
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    pub on_behalf_of_name: Option<String>,
}

/// The timeline, newest first; internal notes only when `internal`.
pub async fn events(db: &Db, case_id: i64, internal: bool) -> Result<Vec<EventRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, EventRow>(
            "select e.occurred_at, e.kind, e.title, e.body, e.visible,
                    a.display_name as actor_name, a.role as actor_role,
                    p.given_name || ' ' || p.family_name as on_behalf_of_name
             from case_events e
             left join accounts a on a.id = e.actor_account_id
             left join people p on p.id = e.on_behalf_of_person_id
             where e.case_id = $1 and (e.visible = $2 or e.visible = true)
             order by e.occurred_at desc, e.id desc",
        )
        .bind(case_id)
        .bind(!internal)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ResponseRow {
    pub stage: i64,
    pub decision: Option<String>,
    pub points: String,
    pub reasons: Option<String>,
    pub remedy: Option<String>,
    pub responded_at: DateTime<Utc>,
    pub responder: String,
}

pub async fn responses(db: &Db, case_id: i64) -> Result<Vec<ResponseRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, ResponseRow>(
            "select r.stage, r.decision, r.points, r.reasons, r.remedy, r.responded_at,
                    a.display_name as responder
             from case_responses r join accounts a on a.id = r.responded_by_account_id
             where r.case_id = $1 order by r.stage",
        )
        .bind(case_id)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub stage: i64,
    pub description: String,
    pub due_on: NaiveDate,
    pub done_at: Option<DateTime<Utc>>,
}

pub async fn actions(db: &Db, case_id: i64) -> Result<Vec<ActionRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, ActionRow>(
            "select id, stage, description, due_on, done_at from case_actions
             where case_id = $1 order by due_on, id",
        )
        .bind(case_id)
        .fetch_all(pool)
        .await
    })?)
}

/// Everyone who handled or answered the complaint at `stage`.
pub async fn handlers(db: &Db, case_id: i64, stage: i64) -> Result<Vec<i64>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "select account_id from case_handlers where case_id = $1 and stage = $2
             order by created_at, account_id",
        )
        .bind(case_id)
        .bind(stage)
        .fetch_all(pool)
        .await
    })?)
}

/// A stage's response to record.
#[derive(Clone, Debug)]
pub struct NewResponse {
    pub stage: i64,
    pub decision: Option<&'static str>,
    pub points: String,
    pub reasons: Option<String>,
    pub remedy: Option<String>,
    pub by: i64,
    /// Outstanding actions: what, by when.
    pub actions: Vec<(String, NaiveDate)>,
}

/// A change to a case, planned from the state it was read in.
#[derive(Clone, Debug, Default)]
pub struct Change {
    /// The new status, stage and owner (None: unchanged).
    pub status: Option<&'static str>,
    pub stage: Option<i64>,
    pub owner: Option<i64>,
    /// Dates to record, by column name (one of the case's *_at columns).
    pub stamps: Vec<&'static str>,
    pub understanding: Option<String>,
    pub outcome_wanted: Option<String>,
    pub decline_reason: Option<String>,
    pub start_clocks: Vec<NewClock>,
    pub meet_clocks: Vec<ClockKind>,
    /// Move a running clock's deadline: kind, new date, reason.
    pub extend: Option<(ClockKind, DateTime<Utc>, String)>,
    pub response: Option<NewResponse>,
    /// A colleague joins the stage's handlers.
    pub handler: Option<(i64, i64)>,
    /// An outstanding action done, by whom.
    pub action_done: Option<(i64, i64)>,
}

const STAMPS: &[&str] = &[
    "acknowledged_at",
    "responded_at",
    "escalated_at",
    "stage2_acknowledged_at",
    "final_response_at",
    "closed_at",
];

/// Applies `change` and writes `event` in one transaction, provided the case is still in
/// `expected` status at `expected_stage`; returns false (and writes nothing) when someone else
/// moved it on first.
pub async fn change_case(
    db: &Db,
    case_id: i64,
    expected: (Status, i64),
    change: &Change,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    for stamp in &change.stamps {
        if !STAMPS.contains(stamp) {
            return Err(crate::error::internal(format!("unknown case date {stamp}")));
        }
    }
    let stamps: String = change
        .stamps
        .iter()
        .map(|s| format!(", {s} = $1"))
        .collect();
    let update = format!(
        "update cases set updated_at = $1{stamps},
             status = coalesce($2, status), stage = coalesce($3, stage),
             owner_account_id = coalesce($4, owner_account_id),
             understanding = coalesce($5, understanding),
             outcome_wanted = coalesce($6, outcome_wanted),
             decline_reason = coalesce($7, decline_reason)
         where id = $8 and status = $9 and stage = $10"
    );
    let refresh = super::clocks::refresh_due_sql("cases", Status::closed().count());
    let changed = db_run!(db, |pool| {
        async {
            let mut tx = pool.begin().await?;
            let rows = sqlx::query(&update)
                .bind(now)
                .bind(change.status)
                .bind(change.stage)
                .bind(change.owner)
                .bind(&change.understanding)
                .bind(&change.outcome_wanted)
                .bind(&change.decline_reason)
                .bind(case_id)
                .bind(expected.0.as_str())
                .bind(expected.1)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if rows == 0 {
                tx.rollback().await?;
                return Ok::<_, sqlx::Error>(false);
            }
            crate::meet_clocks!(&mut tx, case_id, &change.meet_clocks, now).await?;
            crate::start_clocks!(&mut tx, case_id, &change.start_clocks, now).await?;
            if let Some((kind, to, reason)) = &change.extend {
                crate::move_clock!(&mut tx, case_id, *kind, *to, Some(reason.as_str()), now)
                    .await?;
            }
            if let Some(response) = &change.response {
                sqlx::query(
                    "insert into case_responses
                         (case_id, stage, decision, points, reasons, remedy,
                          responded_by_account_id, responded_at)
                     values ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(case_id)
                .bind(response.stage)
                .bind(response.decision)
                .bind(&response.points)
                .bind(&response.reasons)
                .bind(&response.remedy)
                .bind(response.by)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                for (description, due_on) in &response.actions {
                    sqlx::query(
                        "insert into case_actions (case_id, stage, description, due_on, created_at)
                         values ($1, $2, $3, $4, $5)",
                    )
                    .bind(case_id)
                    .bind(response.stage)
                    .bind(description)
                    .bind(due_on)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            if let Some((stage, account_id)) = change.handler {
                sqlx::query(
                    "insert into case_handlers (case_id, stage, account_id, created_at)
                     values ($1, $2, $3, $4) on conflict (case_id, stage, account_id) do nothing",
                )
                .bind(case_id)
                .bind(stage)
                .bind(account_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            if let Some((action_id, by)) = change.action_done {
                sqlx::query(
                    "update case_actions set done_at = $1, done_by_account_id = $2
                     where id = $3 and case_id = $4 and done_at is null",
                )
                .bind(now)
                .bind(by)
                .bind(action_id)
                .bind(case_id)
                .execute(&mut *tx)
                .await?;
            }
            // The next deadline still running; none once the case is finished.
            crate::refresh_due!(
                &mut tx,
                &refresh,
                Subject::Case,
                case_id,
                Status::closed().map(Status::as_str)
            )
            .await?;
            crate::insert_event!(&mut tx, "case_events", "case_id", case_id, event, now)?;
            tx.commit().await?;
            Ok(true)
        }
        .await
    })?;
    Ok(changed)
}

/// Adds a timeline entry on its own (a message, a note).
pub async fn add_event(
    db: &Db,
    case_id: i64,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        let mut tx = pool.begin().await?;
        crate::insert_event!(&mut tx, "case_events", "case_id", case_id, event, now)?;
        sqlx::query("update cases set updated_at = $1 where id = $2")
            .bind(now)
            .bind(case_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })?;
    Ok(())
}

/// Adds an outstanding action with its timeline entry.
#[allow(clippy::too_many_arguments)]
pub async fn add_action(
    db: &Db,
    case_id: i64,
    stage: i64,
    description: &str,
    due_on: NaiveDate,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "insert into case_actions (case_id, stage, description, due_on, created_at)
             values ($1, $2, $3, $4, $5)",
        )
        .bind(case_id)
        .bind(stage)
        .bind(description)
        .bind(due_on)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        crate::insert_event!(&mut tx, "case_events", "case_id", case_id, event, now)?;
        tx.commit().await
    })?;
    Ok(())
}

/// What the queue shows.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub kind: Option<String>,
    pub status: Option<String>,
    /// An account id, or -1 for "nobody yet".
    pub owner: Option<i64>,
    pub due: Option<String>,
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
    conditions.extend(super::due_filter(
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
    let counted = binds.len();
    let limit = bind(&mut binds, Bind::Int(per_page));
    let offset = bind(&mut binds, Bind::Int((page.max(1) - 1) * per_page));
    let sql = format!(
        "{CASE_SELECT} where {condition}
         order by (c.due_at is null), c.due_at, c.id
         limit {limit} offset {offset}"
    );
    let rows = db_run!(db, |pool| {
        crate::bind_all!(sqlx::query_as::<_, CaseRow>(&sql), &binds)
            .fetch_all(pool)
            .await
    })?;
    let total = db_run!(db, |pool| {
        crate::bind_all!(sqlx::query_scalar::<_, i64>(&count_sql), &binds[..counted])
            .fetch_one(pool)
            .await
    })?;
    Ok((rows, total))
}

pub const COUNT_LIMIT: i64 = 1001;

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
