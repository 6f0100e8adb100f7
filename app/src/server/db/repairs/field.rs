//! Visits out in the field: an operative's or a firm's visits, one visit with its job, and the
//! steps on a visit (on my way, arrived, its outcome, a follow-on booked at the door), each
//! written from the state the page showed.

use super::*;

/// Whose visits: an in-house operative's (given to them by name, on jobs kept in house) or a
/// contractor firm's (every visit of a job given to the firm).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Worker {
    Operative(i64),
    Firm(i64),
}

/// A visit with what the day's list and the visit's page need of its job.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VisitRow {
    pub id: i64,
    pub repair_id: i64,
    pub day: NaiveDate,
    pub period: String,
    pub status: String,
    pub operative_account_id: Option<i64>,
    pub operative_name: Option<String>,
    pub on_way_at: Option<DateTime<Utc>>,
    pub expected_from: Option<DateTime<Utc>>,
    pub expected_until: Option<DateTime<Utc>>,
    pub arrived_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
    pub outcome_at: Option<DateTime<Utc>>,
    pub outcome_note: Option<String>,
    pub access_tried: Option<String>,
    pub parts_expected_on: Option<NaiveDate>,
    pub follow_on_of_id: Option<i64>,
    pub reference: String,
    pub summary: String,
    pub trade: String,
    pub priority: String,
    pub hazard: Option<String>,
    pub firm_id: Option<i64>,
    pub firm_name: Option<String>,
    /// The home's first line and postcode, or the communal area and its block.
    pub place: String,
}

impl VisitRow {
    /// Given to `worker`: the same rule as the list (`visits_for`).
    pub fn is_for(&self, worker: Worker) -> bool {
        match worker {
            Worker::Operative(id) => {
                self.operative_account_id == Some(id) && self.firm_id.is_none()
            }
            Worker::Firm(firm) => self.firm_id == Some(firm),
        }
    }
}

const VISIT_SELECT: &str = "select a.id, a.repair_id, a.day, a.period, a.status,
        a.operative_account_id, o.display_name as operative_name, a.on_way_at, a.expected_from,
        a.expected_until, a.arrived_at, a.outcome, a.outcome_at, a.outcome_note, a.access_tried,
        a.parts_expected_on, a.follow_on_of_id,
        r.reference, r.summary, r.trade, r.priority, r.hazard, r.firm_id, f.name as firm_name,
        coalesce(h.address_line_1 || ', ' || h.postcode, ca.name || ', ' || b.name) as place
     from appointments a
     join repairs r on r.id = a.repair_id
     left join homes h on h.id = r.home_id
     left join communal_areas ca on ca.id = r.communal_area_id
     left join blocks b on b.id = ca.block_id
     left join accounts o on o.id = a.operative_account_id
     left join contractor_firms f on f.id = r.firm_id";

/// The visits given to `worker` from `from` to `to` (inclusive) still to do or done, in the
/// order of the day: mornings, then all-day visits, then afternoons.
pub async fn visits_for(
    db: &Db,
    worker: Worker,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<VisitRow>, AppError> {
    let whose = match worker {
        Worker::Operative(_) => "a.operative_account_id = $1 and r.firm_id is null",
        Worker::Firm(_) => "r.firm_id = $1",
    };
    let id = match worker {
        Worker::Operative(id) | Worker::Firm(id) => id,
    };
    let sql = format!(
        "{VISIT_SELECT}
         where {whose} and a.day >= $2 and a.day <= $3 and a.status in ('booked', 'attended')
         order by a.day,
                  case a.period when 'morning' then 1 when 'all_day' then 2 else 3 end, a.id"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, VisitRow>(&sql)
            .bind(id)
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await
    })?)
}

/// One visit with its job.
pub async fn visit_by_id(db: &Db, id: i64) -> Result<Option<VisitRow>, AppError> {
    let sql = format!("{VISIT_SELECT} where a.id = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, VisitRow>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await
    })?)
}

/// A job's visits, newest first (for the colleagues' job page and the resident's).
pub async fn visits_of(db: &Db, repair_id: i64) -> Result<Vec<VisitRow>, AppError> {
    let sql = format!("{VISIT_SELECT} where a.repair_id = $1 order by a.day desc, a.id desc");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, VisitRow>(&sql)
            .bind(repair_id)
            .fetch_all(pool)
            .await
    })?)
}

/// A contractor firm.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FirmRow {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub email: Option<String>,
}

/// Every contractor firm, by name.
pub async fn firms(db: &Db) -> Result<Vec<FirmRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, FirmRow>(
            "select id, name, phone, email from contractor_firms order by name, id",
        )
        .fetch_all(pool)
        .await
    })?)
}

/// Operatives who may be given visits: enabled accounts with the role, by name.
pub async fn operatives(db: &Db) -> Result<Vec<(i64, String)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, String)>(
            "select id, display_name from accounts
             where role = 'operative' and disabled_at is null order by display_name, id",
        )
        .fetch_all(pool)
        .await
    })?)
}

/// Writes one `VisitStep` inside a transaction, guarded by the state it expects; the step's
/// `Applied`.
#[macro_export]
macro_rules! visit_step {
    ($tx:expr, $repair_id:expr, $step:expr, $now:expr) => {
        async {
            use $crate::server::db::repairs::{Applied, VisitStep};
            let done = match $step {
                VisitStep::OnWay {
                    visit_id,
                    from,
                    until,
                } => sqlx::query(
                    "update appointments set on_way_at = $1, expected_from = $2,
                                expected_until = $3, updated_at = $1
                         where id = $4 and repair_id = $5 and status = 'booked'
                           and arrived_at is null",
                )
                .bind($now)
                .bind(from)
                .bind(until)
                .bind(visit_id)
                .bind($repair_id)
                .execute(&mut **$tx)
                .await?
                .rows_affected(),
                VisitStep::Arrived { visit_id } => sqlx::query(
                    "update appointments set arrived_at = $1, updated_at = $1
                         where id = $2 and repair_id = $3 and status = 'booked'
                           and arrived_at is null",
                )
                .bind($now)
                .bind(visit_id)
                .bind($repair_id)
                .execute(&mut **$tx)
                .await?
                .rows_affected(),
                VisitStep::Give {
                    visit_id,
                    operative,
                } => sqlx::query(
                    "update appointments set operative_account_id = $1, updated_at = $2
                         where id = $3 and repair_id = $4 and status = 'booked'",
                )
                .bind(operative)
                .bind($now)
                .bind(visit_id)
                .bind($repair_id)
                .execute(&mut **$tx)
                .await?
                .rows_affected(),
                VisitStep::Outcome {
                    visit_id,
                    outcome,
                    by,
                    note,
                    access_tried,
                    parts_expected_on,
                    follow_on,
                    photos,
                } => {
                    let done = sqlx::query(
                        "update appointments set status = 'attended', outcome = $1,
                                outcome_at = $2, outcome_by_account_id = $3, outcome_note = $4,
                                access_tried = $5, parts_expected_on = $6, updated_at = $2
                         where id = $7 and repair_id = $8 and status = 'booked'",
                    )
                    .bind(*outcome)
                    .bind($now)
                    .bind(by)
                    .bind(note)
                    .bind(access_tried)
                    .bind(parts_expected_on)
                    .bind(visit_id)
                    .bind($repair_id)
                    .execute(&mut **$tx)
                    .await?
                    .rows_affected();
                    if done == 1 {
                        for photo in photos {
                            sqlx::query(
                                "insert into visit_photos
                                     (appointment_id, repair_id, account_id, storage_key,
                                      content_type, size_bytes, created_at)
                                 values ($1, $2, $3, $4, $5, $6, $7)",
                            )
                            .bind(visit_id)
                            .bind($repair_id)
                            .bind(by)
                            .bind(&photo.storage_key)
                            .bind(photo.content_type)
                            .bind(photo.size_bytes)
                            .bind($now)
                            .execute(&mut **$tx)
                            .await?;
                        }
                    }
                    match (done, follow_on) {
                        (1, Some(next)) => {
                            let mut taken = None;
                            for seat in 1..=i64::from(next.capacity) {
                                taken = sqlx::query_scalar::<_, i64>(
                                    "insert into appointments
                                         (repair_id, trade, day, period, seat, status,
                                          booked_by_account_id, operative_account_id,
                                          follow_on_of_id, created_at, updated_at)
                                     values ($1, $2, $3, $4, $5, 'booked', $6, $7, $8, $9, $9)
                                     on conflict (trade, day, period, seat) do nothing
                                     returning id",
                                )
                                .bind($repair_id)
                                .bind(&next.trade)
                                .bind(next.day)
                                .bind(next.period)
                                .bind(seat)
                                .bind(by)
                                .bind(next.operative)
                                .bind(visit_id)
                                .bind($now)
                                .fetch_optional(&mut **$tx)
                                .await?;
                                if taken.is_some() {
                                    break;
                                }
                            }
                            if taken.is_none() {
                                return Ok::<Applied, sqlx::Error>(Applied::NoSeat);
                            }
                            1
                        }
                        (done, _) => done,
                    }
                }
            };
            Ok::<Applied, sqlx::Error>(if done == 1 {
                Applied::Done
            } else {
                Applied::VisitMoved
            })
        }
        .await
    };
}

/// Visits ever booked, in all.
pub async fn count_visits(db: &Db) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>("select count(*) from appointments")
            .fetch_one(pool)
            .await
    })?)
}

/// Booked visits on `day` with no reminder sent, booked before `booked_before`: the reminders
/// due (id and job).
pub async fn reminders_due(
    db: &Db,
    day: NaiveDate,
    booked_before: DateTime<Utc>,
) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, i64)>(
            "select id, repair_id from appointments
             where day = $1 and status = 'booked' and reminder_sent_at is null
               and created_at < $2
             order by id",
        )
        .bind(day)
        .bind(booked_before)
        .fetch_all(pool)
        .await
    })?)
}

/// Takes the reminder of a visit to send: `true` for exactly one caller however many nodes try
/// at once, and only while the visit is still booked. Keeps the hash of the link's token.
pub async fn claim_reminder(
    db: &Db,
    visit_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let claimed = db_run!(db, |pool| {
        sqlx::query(
            "update appointments set reminder_sent_at = $1, reminder_token_hash = $2
             where id = $3 and status = 'booked' and reminder_sent_at is null",
        )
        .bind(now)
        .bind(token_hash)
        .bind(visit_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(claimed == 1)
}

/// The visit a reminder's link was sent for (by the hash of its token), whatever its state.
pub async fn visit_by_reminder(db: &Db, token_hash: &str) -> Result<Option<VisitRow>, AppError> {
    let sql = format!("{VISIT_SELECT} where a.reminder_token_hash = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, VisitRow>(&sql)
            .bind(token_hash)
            .fetch_optional(pool)
            .await
    })?)
}

/// Visits on days from `from` to `to` that have an outcome or were cancelled: day, trade,
/// outcome, status, and when it last changed (a cancelled visit's cancelling).
pub async fn visit_facts(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, String, Option<String>, String, DateTime<Utc>)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (NaiveDate, String, Option<String>, String, DateTime<Utc>)>(
            "select day, trade, outcome, status, updated_at from appointments
             where day >= $1 and day <= $2 and (outcome is not null or status = 'cancelled')",
        )
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
    })?)
}

/// One completed job for the contractors' figures.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CompletedJob {
    pub firm: Option<String>,
    pub completed_at: DateTime<Utc>,
    pub target_at: DateTime<Utc>,
    pub visits: i64,
    pub no_access: i64,
    pub rating: Option<i64>,
}

/// Jobs completed since `since`, each with its firm (none: in house), target, visits with an
/// outcome, no-access visits and rating.
pub async fn completed_jobs(db: &Db, since: DateTime<Utc>) -> Result<Vec<CompletedJob>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, CompletedJob>(
            "select f.name as firm, r.completed_at, r.target_at,
                    (select count(*) from appointments a
                     where a.repair_id = r.id and a.outcome is not null) as visits,
                    (select count(*) from appointments a
                     where a.repair_id = r.id and a.outcome = 'no_access') as no_access,
                    r.rating
             from repairs r left join contractor_firms f on f.id = r.firm_id
             where r.status = 'completed' and r.completed_at >= $1",
        )
        .bind(since)
        .fetch_all(pool)
        .await
    })?)
}

/// Adds a contractor firm; its id.
pub async fn create_firm(
    db: &Db,
    name: &str,
    phone: &str,
    email: Option<&str>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "insert into contractor_firms (name, phone, email, created_at, updated_at)
             values ($1, $2, $3, $4, $4) returning id",
        )
        .bind(name)
        .bind(phone)
        .bind(email)
        .bind(now)
        .fetch_one(pool)
        .await
    })?)
}

/// Every contractor's account by firm: (firm, name), by name.
pub async fn firm_colleagues(db: &Db) -> Result<Vec<(i64, String)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, String)>(
            "select firm_id, display_name from accounts
             where firm_id is not null and disabled_at is null order by display_name, id",
        )
        .fetch_all(pool)
        .await
    })?)
}

/// A photo of the finished work, as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VisitPhotoRow {
    pub id: i64,
    pub appointment_id: i64,
    pub repair_id: i64,
    pub account_id: i64,
    pub storage_key: String,
    pub content_type: String,
}

const VISIT_PHOTO_COLUMNS: &str =
    "id, appointment_id, repair_id, account_id, storage_key, content_type";

/// The job's photos of finished work, visit by visit, in the order they were taken.
pub async fn work_photos(db: &Db, repair_id: i64) -> Result<Vec<VisitPhotoRow>, AppError> {
    let sql = format!(
        "select {VISIT_PHOTO_COLUMNS} from visit_photos where repair_id = $1
         order by appointment_id, id"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, VisitPhotoRow>(&sql)
            .bind(repair_id)
            .fetch_all(pool)
            .await
    })?)
}

pub async fn visit_photo_by_id(db: &Db, id: i64) -> Result<Option<VisitPhotoRow>, AppError> {
    let sql = format!("select {VISIT_PHOTO_COLUMNS} from visit_photos where id = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, VisitPhotoRow>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await
    })?)
}
