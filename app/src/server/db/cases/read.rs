//! A case and what hangs off it: rows, clocks, timeline, responses, actions and handlers.

use super::*;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CaseRow {
    pub id: i64,
    pub reference: String,
    #[sqlx(try_from = "String")]
    pub kind: crate::domain::cases::CaseKind,
    /// None for a message from someone not signed in (see `contact_name`).
    pub person_id: Option<i64>,
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
    /// The team that owns the case (new cases go to their kind's team).
    pub team: Option<String>,
    pub address: Option<String>,
    /// The name and the ways to reply that a sender gave (a "Contact us" message).
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_phone: Option<String>,
    pub times_that_suit: Option<String>,
    pub colleague_preference: Option<String>,
    pub complex_at: Option<DateTime<Utc>>,
    pub complex_reason: Option<String>,
    /// Sorted at the first contact.
    pub first_contact: bool,
}

pub(super) const CASE_SELECT: &str = "select c.id, c.reference, c.kind, c.person_id, c.home_id, c.made_by,
        c.made_by_account_id, c.channel, c.status, c.stage, c.owner_account_id, c.summary,
        c.details, c.happened_when, c.outcome_wanted, c.adjustments, c.thanks_to,
        c.related_reference, c.understanding, c.decline_reason, c.received_at,
        c.acknowledged_at, c.responded_at, c.escalated_at, c.stage2_acknowledged_at,
        c.final_response_at, c.closed_at, c.due_at, c.created_at,
        coalesce(p.given_name || ' ' || p.family_name, c.contact_name) as person_name,
        coalesce(p.email, c.contact_email) as person_email,
        m.display_name as made_by_name, m.email as made_by_email, o.display_name as owner_name, t.name as team,
        h.address_line_1 as address, c.contact_name, c.contact_email, c.contact_phone,
        c.times_that_suit, c.colleague_preference, c.complex_at, c.complex_reason, c.first_contact
     from cases c
     left join people p on p.id = c.person_id
     left join accounts m on m.id = c.made_by_account_id
     left join accounts o on o.id = c.owner_account_id
     left join teams t on t.id = c.team_id
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
    use crate::server::db::{bind, Bind};
    // One statement: each source is an indexed lookup of ids, and only those rows are joined.
    let mut binds = Vec::new();
    let mut sources: Vec<String> = person_ids
        .iter()
        .map(|id| {
            format!(
                "select id from cases where person_id = {}",
                bind(&mut binds, Bind::Int(*id))
            )
        })
        .collect();
    if let Some(account_id) = made_by_account_id {
        sources.push(format!(
            "select id from cases where made_by_account_id = {}",
            bind(&mut binds, Bind::Int(account_id))
        ));
    }
    if sources.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{CASE_SELECT} where c.id in ({}) order by c.created_at desc, c.id desc",
        sources.join(" union ")
    );
    Ok(db_run!(db, |pool| {
        crate::bind_all!(sqlx::query_as::<_, CaseRow>(&sql), &binds)
            .fetch_all(pool)
            .await
    })?)
}

/// The case's clocks, in the order they started.
pub async fn clocks(db: &Db, case_id: i64) -> Result<Vec<StoredClock>, AppError> {
    crate::server::db::clocks::for_subject(db, Subject::Case, case_id).await
}

pub use crate::server::db::EventRow;

/// The timeline, newest first; internal notes only when `internal`.
pub async fn events(db: &Db, id: i64, internal: bool) -> Result<Vec<EventRow>, AppError> {
    crate::server::db::timeline(db, crate::server::db::Timeline::Case, id, internal).await
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
