//! A new case, its clocks and its first timeline entries, stored once per submission token.

use super::*;

pub use crate::server::db::NewEvent;

pub use crate::server::db::clocks::NewClock;

/// A case to create.
#[derive(Clone, Debug, Default)]
pub struct NewCase {
    pub submission_token: String,
    pub kind: &'static str,
    pub person_id: Option<i64>,
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
    /// A sender's own details, when they are not a person we know (a visitor's message).
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    /// The number to ring: a visitor's, or the one a call-back request gives.
    pub contact_phone: Option<String>,
    pub times_that_suit: Option<String>,
    pub colleague_preference: Option<String>,
    /// Sorted by a colleague at the first contact: recorded closed.
    pub first_contact: bool,
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
            crate::db_tx!(db, |tx| {
                let id: Option<i64> = sqlx::query_scalar(
                    "insert into cases
                     (reference, submission_token, kind, person_id, home_id, tenure, made_by,
                      made_by_account_id, channel, status, stage, summary, details,
                      happened_when, outcome_wanted, adjustments, thanks_to, related_reference,
                      received_at, due_at, created_at, updated_at, team_id, contact_name,
                      contact_email, contact_phone, times_that_suit, colleague_preference,
                      first_contact, closed_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $13, $14, $15,
                         $16, $17, $18, $19, $20, $20,
                         (select team_id from team_routes where kind = $3), $21, $22, $23, $24,
                         $25, $26, $27)
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
                .bind(&new.contact_name)
                .bind(&new.contact_email)
                .bind(&new.contact_phone)
                .bind(&new.times_that_suit)
                .bind(&new.colleague_preference)
                .bind(new.first_contact)
                .bind(new.first_contact.then_some(now))
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else {
                    return Ok(None);
                };
                crate::start_clocks!(&mut tx, id, &new.clocks, now).await?;
                for event in &new.events {
                    crate::insert_event!(&mut tx, "case_events", "case_id", id, event, now)?;
                }
                Ok(Some(reference.clone()))
            })
        },
    )
    .await
}
