//! Repairs in the store: jobs, their clocks, timeline, followers, photos and appointments.
//! Everything that changes a job writes its timeline event in the same transaction.

use super::clocks::StoredClock;
use super::{bind, insert_once, Bind, Db};
use crate::db_run;
use crate::domain::clocks::Subject;
use crate::domain::repairs::{ClockKind, RepairRelation, Status};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};

/// Where a resident lives, as reporting a repair needs it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Place {
    pub home_id: i64,
    pub tenure: String,
    pub block_id: Option<i64>,
    pub block_name: Option<String>,
    pub address_line_1: String,
    pub address_line_2: Option<String>,
    pub phone: Option<String>,
}

/// The current home of a person on a current tenancy or lease.
pub async fn place_for_person(db: &Db, person_id: i64) -> Result<Option<Place>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Place>(
            "select h.id as home_id, h.tenure, h.block_id, b.name as block_name,
                    h.address_line_1, h.address_line_2, p.phone
             from household_members m
             join tenancies t on t.id = m.tenancy_id
             join homes h on h.id = t.home_id
             join people p on p.id = m.person_id
             left join blocks b on b.id = h.block_id
             where m.person_id = $1 and t.end_date is null
             order by t.start_date desc
             limit 1",
        )
        .bind(person_id)
        .fetch_optional(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AreaRow {
    pub id: i64,
    pub name: String,
}

pub async fn communal_areas(db: &Db, block_id: i64) -> Result<Vec<AreaRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, AreaRow>(
            "select id, name from communal_areas where block_id = $1 order by name",
        )
        .bind(block_id)
        .fetch_all(pool)
        .await
    })?)
}

/// A job in a list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RepairListRow {
    pub id: i64,
    pub reference: String,
    pub summary: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub priority: String,
    pub trade: String,
    pub hazard: Option<String>,
    pub created_at: DateTime<Utc>,
    pub target_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub area_name: Option<String>,
    pub address_line_1: Option<String>,
    pub block_name: Option<String>,
}

const LIST_COLUMNS: &str = "r.id, r.reference, r.summary, r.status, r.priority, r.trade, r.hazard,
    r.created_at, r.target_at, r.due_at, r.completed_at, a.name as area_name,
    h.address_line_1, b.name as block_name";
const LIST_JOINS: &str = "from repairs r
    left join communal_areas a on a.id = r.communal_area_id
    left join homes h on h.id = r.home_id
    left join blocks b on b.id = r.block_id";

/// Open communal repairs of a block, oldest first.
pub async fn open_communal_repairs(db: &Db, block_id: i64) -> Result<Vec<RepairListRow>, AppError> {
    let sql = format!(
        "select {LIST_COLUMNS} {LIST_JOINS}
         where r.block_id = $1 and r.communal_area_id is not null
           and r.status not in ('completed', 'cancelled')
         order by r.created_at"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RepairListRow>(&sql)
            .bind(block_id)
            .fetch_all(pool)
            .await
    })?)
}

/// A resident's repairs: every job for their home, those they reported, and communal jobs they
/// follow. Newest first.
pub async fn repairs_for_person(
    db: &Db,
    person_id: i64,
    home_id: Option<i64>,
) -> Result<Vec<RepairListRow>, AppError> {
    // Three indexed lookups joined by id: a single `where ... or ...` would make PostgreSQL read
    // every repair.
    let sql = format!(
        "select {LIST_COLUMNS}
         from (select id from repairs where home_id = $1
               union select id from repairs where reported_by_person_id = $2
               union select repair_id as id from repair_followers where person_id = $2) mine
         join repairs r on r.id = mine.id
         left join communal_areas a on a.id = r.communal_area_id
         left join homes h on h.id = r.home_id
         left join blocks b on b.id = r.block_id
         order by r.created_at desc, r.id desc"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RepairListRow>(&sql)
            .bind(home_id.unwrap_or(-1))
            .bind(person_id)
            .fetch_all(pool)
            .await
    })?)
}

/// A job in full.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RepairRow {
    pub id: i64,
    pub reference: String,
    pub home_id: Option<i64>,
    pub block_id: Option<i64>,
    pub communal_area_id: Option<i64>,
    pub reported_by_person_id: i64,
    pub reported_by_account_id: Option<i64>,
    pub summary: String,
    pub answers: String,
    pub emergency: Option<String>,
    pub priority: String,
    pub trade: String,
    pub hazard: Option<String>,
    pub hazard_kind: Option<String>,
    /// Whether the home's hazard law runs clocks for this repair (stored as `awaab`, its
    /// first release's name).
    pub hazard_clocks: bool,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub description: String,
    pub access_times: String,
    pub pets: String,
    pub key_safe: String,
    pub contact_phone: String,
    pub contractor: Option<String>,
    pub received_at: DateTime<Utc>,
    pub target_at: DateTime<Utc>,
    pub due_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub recall_of_id: Option<i64>,
    pub fixed: Option<String>,
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
    pub created_at: DateTime<Utc>,
    pub area_name: Option<String>,
    pub address_line_1: Option<String>,
    pub address_line_2: Option<String>,
    pub block_name: Option<String>,
    pub reporter_name: String,
}

const REPAIR_SELECT: &str = "select r.id, r.reference, r.home_id, r.block_id, r.communal_area_id,
                    r.reported_by_person_id, r.reported_by_account_id, r.summary, r.answers,
                    r.emergency, r.priority, r.trade, r.hazard, r.hazard_kind, r.awaab as hazard_clocks, r.status, r.description,
                    r.access_times, r.pets, r.key_safe, r.contact_phone, r.contractor,
                    r.received_at, r.target_at, r.due_at, r.completed_at, r.recall_of_id,
                    r.fixed, r.rating, r.rating_comment, r.created_at,
                    a.name as area_name, h.address_line_1, h.address_line_2, b.name as block_name,
                    p.given_name || ' ' || p.family_name as reporter_name
             from repairs r
             join people p on p.id = r.reported_by_person_id
             left join communal_areas a on a.id = r.communal_area_id
             left join homes h on h.id = r.home_id
             left join blocks b on b.id = r.block_id";

pub async fn repair_by_reference(db: &Db, reference: &str) -> Result<Option<RepairRow>, AppError> {
    let sql = format!("{REPAIR_SELECT} where r.reference = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RepairRow>(&sql)
            .bind(reference)
            .fetch_optional(pool)
            .await
    })?)
}

pub async fn repair_by_id(db: &Db, id: i64) -> Result<Option<RepairRow>, AppError> {
    let sql = format!("{REPAIR_SELECT} where r.id = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RepairRow>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await
    })?)
}

pub async fn reference_of(db: &Db, repair_id: i64) -> Result<Option<String>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, String>("select reference from repairs where id = $1")
            .bind(repair_id)
            .fetch_optional(pool)
            .await
    })?)
}

/// Whether the person may see the job as a resident: they live in its home now, reported it,
/// or follow it.
pub async fn is_related(db: &Db, repair: &RepairRow, person_id: i64) -> Result<bool, AppError> {
    Ok(relation(db, repair, person_id).await?.is_some())
}

/// How a person stands to a repair (the strongest tie when there are several), if at all.
pub async fn relation(
    db: &Db,
    repair: &RepairRow,
    person_id: i64,
) -> Result<Option<RepairRelation>, AppError> {
    if repair.reported_by_person_id == person_id {
        return Ok(Some(RepairRelation::Reporter));
    }
    let found: Option<i64> = db_run!(db, |pool| {
        sqlx::query_scalar::<_, Option<i64>>(
            "select cast(min(tie) as bigint) from (
                 select 1 as tie from household_members m join tenancies t on t.id = m.tenancy_id
                 where m.person_id = $1 and t.end_date is null and t.home_id = $2
                 union all
                 select 2 as tie from repair_followers where person_id = $1 and repair_id = $3
             ) related",
        )
        .bind(person_id)
        .bind(repair.home_id.unwrap_or(-1))
        .bind(repair.id)
        .fetch_one(pool)
        .await
    })?;
    Ok(match found {
        Some(1) => Some(RepairRelation::Household),
        Some(_) => Some(RepairRelation::Follower),
        None => None,
    })
}

pub use super::NewEvent;

pub use super::clocks::NewClock;

/// A job to create.
#[derive(Clone, Debug)]
pub struct NewRepair {
    pub submission_token: String,
    pub home_id: Option<i64>,
    pub block_id: Option<i64>,
    pub communal_area_id: Option<i64>,
    pub person_id: i64,
    pub account_id: Option<i64>,
    pub outcome: String,
    pub summary: String,
    pub answers: String,
    pub emergency: Option<String>,
    pub priority: String,
    pub trade: String,
    pub hazard: Option<String>,
    pub hazard_kind: Option<String>,
    pub hazard_clocks: bool,
    pub description: String,
    pub access_times: String,
    pub pets: String,
    pub key_safe: String,
    pub contact_phone: String,
    pub received_at: DateTime<Utc>,
    pub target_at: DateTime<Utc>,
    pub recall_of_id: Option<i64>,
    pub clocks: Vec<NewClock>,
    pub events: Vec<NewEvent>,
}

/// Creates the job with its clocks, first events and the draft's photos, once per submission
/// token: a second call with the same token returns the first job's reference and writes
/// nothing. The returned flag says whether this call created it.
pub async fn create_repair(
    db: &Db,
    new: &NewRepair,
    now: DateTime<Utc>,
    make_reference: impl FnMut() -> String,
) -> Result<(String, bool), AppError> {
    insert_once(
        db,
        "repairs",
        &new.submission_token,
        make_reference,
        |reference: String| async move {
            let due_at = new.clocks.iter().map(|c| c.due_at).min();
            db_run!(db, |pool| {
                async {
                    let mut tx = pool.begin().await?;
                    let id: Option<i64> = sqlx::query_scalar(
                        "insert into repairs
                     (reference, submission_token, home_id, block_id, communal_area_id,
                      reported_by_person_id, reported_by_account_id, outcome, summary, answers,
                      emergency, priority, trade, hazard, hazard_kind, awaab, status,
                      description, access_times, pets, key_safe, contact_phone, received_at,
                      target_at, due_at, recall_of_id, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                         'reported', $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $26)
                 on conflict (submission_token) do nothing
                 returning id",
                    )
                    .bind(&reference)
                    .bind(&new.submission_token)
                    .bind(new.home_id)
                    .bind(new.block_id)
                    .bind(new.communal_area_id)
                    .bind(new.person_id)
                    .bind(new.account_id)
                    .bind(&new.outcome)
                    .bind(&new.summary)
                    .bind(&new.answers)
                    .bind(&new.emergency)
                    .bind(&new.priority)
                    .bind(&new.trade)
                    .bind(&new.hazard)
                    .bind(&new.hazard_kind)
                    .bind(new.hazard_clocks)
                    .bind(&new.description)
                    .bind(&new.access_times)
                    .bind(&new.pets)
                    .bind(&new.key_safe)
                    .bind(&new.contact_phone)
                    .bind(new.received_at)
                    .bind(new.target_at)
                    .bind(due_at)
                    .bind(new.recall_of_id)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(id) = id else {
                        tx.rollback().await?;
                        return Ok::<_, sqlx::Error>(None);
                    };
                    crate::start_clocks!(&mut tx, id, &new.clocks, now).await?;
                    for event in &new.events {
                        crate::insert_event!(
                            &mut tx,
                            "repair_events",
                            "repair_id",
                            id,
                            event,
                            now
                        )?;
                    }
                    if let Some(original) = new.recall_of_id {
                        // The old job's question is answered, and its page points to the new one.
                        sqlx::query(
                            "update repairs set fixed = 'no', updated_at = $1
                     where id = $2 and fixed is null",
                        )
                        .bind(now)
                        .bind(original)
                        .execute(&mut *tx)
                        .await?;
                        let event = NewEvent::shown("recalled", "You told us it is not fixed")
                            .with_body(Some(format!("We opened a new job for it: {reference}.")))
                            .by(new.account_id);
                        crate::insert_event!(
                            &mut tx,
                            "repair_events",
                            "repair_id",
                            original,
                            &event,
                            now
                        )?;
                    }
                    sqlx::query(
                        "update repair_photos set repair_id = $1, draft_token = null
                 where draft_token = $2 and person_id = $3 and repair_id is null",
                    )
                    .bind(id)
                    .bind(&new.submission_token)
                    .bind(new.person_id)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(Some(reference.clone()))
                }
                .await
            })
        },
    )
    .await
}

/// The job that reopens this one because it was not fixed, if there is one.
pub async fn recall_of_job(db: &Db, repair_id: i64) -> Result<Option<String>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, String>(
            "select reference from repairs where recall_of_id = $1 order by id limit 1",
        )
        .bind(repair_id)
        .fetch_optional(pool)
        .await
    })?)
}

/// Adds a timeline entry on its own.
pub async fn add_event(
    db: &Db,
    repair_id: i64,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        let mut tx = pool.begin().await?;
        crate::insert_event!(&mut tx, "repair_events", "repair_id", repair_id, event, now)?;
        tx.commit().await
    })?;
    Ok(())
}

/// A change to a job's own columns, written with its timeline entry.
#[derive(Clone, Debug, Default)]
pub struct Change {
    pub status: Option<&'static str>,
    pub priority: Option<(String, DateTime<Utc>)>,
    pub contractor: Option<String>,
    pub completed_at: Option<DateTime<Utc>>,
    /// Clocks to start (a new target, the hazard law's follow-on clocks).
    pub start_clocks: Vec<NewClock>,
    /// Clocks met now.
    pub meet_clocks: Vec<ClockKind>,
    pub fixed: Option<&'static str>,
    pub rating: Option<(i64, Option<String>)>,
}

/// Applies `change` and writes `event` in one transaction, and recomputes the job's next
/// deadline (`due_at`, what the staff queue sorts by) from its clocks still running.
pub async fn change_repair(
    db: &Db,
    repair_id: i64,
    change: &Change,
    event: Option<&NewEvent>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let refresh = super::clocks::refresh_due_sql("repairs", Status::closed().count());
    db_run!(db, |pool| {
        let mut tx = pool.begin().await?;
        if let Some(status) = change.status {
            sqlx::query("update repairs set status = $1, updated_at = $2 where id = $3")
                .bind(status)
                .bind(now)
                .bind(repair_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some((priority, target)) = &change.priority {
            sqlx::query(
                "update repairs set priority = $1, target_at = $2, updated_at = $3 where id = $4",
            )
            .bind(priority)
            .bind(target)
            .bind(now)
            .bind(repair_id)
            .execute(&mut *tx)
            .await?;
            crate::move_clock!(&mut tx, repair_id, ClockKind::Target, target, None, now).await?;
        }
        if let Some(contractor) = &change.contractor {
            sqlx::query("update repairs set contractor = $1, updated_at = $2 where id = $3")
                .bind(contractor)
                .bind(now)
                .bind(repair_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(at) = change.completed_at {
            sqlx::query("update repairs set completed_at = $1, updated_at = $1 where id = $2")
                .bind(at)
                .bind(repair_id)
                .execute(&mut *tx)
                .await?;
            crate::meet_clocks!(&mut tx, repair_id, &ClockKind::MET_BY_COMPLETION, at).await?;
        }
        crate::start_clocks!(&mut tx, repair_id, &change.start_clocks, now).await?;
        crate::meet_clocks!(&mut tx, repair_id, &change.meet_clocks, now).await?;
        if let Some(fixed) = change.fixed {
            sqlx::query("update repairs set fixed = $1, updated_at = $2 where id = $3")
                .bind(fixed)
                .bind(now)
                .bind(repair_id)
                .execute(&mut *tx)
                .await?;
        }
        if let Some((rating, comment)) = &change.rating {
            sqlx::query(
                "update repairs set rating = $1, rating_comment = $2, updated_at = $3 where id = $4",
            )
            .bind(rating)
            .bind(comment)
            .bind(now)
            .bind(repair_id)
            .execute(&mut *tx)
            .await?;
        }
        // The next deadline still running; none once the job is finished.
        crate::refresh_due!(
            &mut tx,
            &refresh,
            Subject::Repair,
            repair_id,
            Status::closed().map(Status::as_str)
        )
        .await?;
        if let Some(event) = event {
            crate::insert_event!(&mut tx, "repair_events", "repair_id", repair_id, event, now)?;
        }
        tx.commit().await
    })?;
    Ok(())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EventRow {
    pub occurred_at: DateTime<Utc>,
    pub kind: String,
    pub title: String,
    pub body: Option<String>,
    pub visible: bool,
    pub actor_name: Option<String>,
    /// The resident an advocate acted for.
    pub on_behalf_of_name: Option<String>,
}

/// The timeline, newest first; internal notes only when `internal`.
pub async fn events(db: &Db, repair_id: i64, internal: bool) -> Result<Vec<EventRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, EventRow>(
            "select e.occurred_at, e.kind, e.title, e.body, e.visible,
                    a.display_name as actor_name,
                    p.given_name || ' ' || p.family_name as on_behalf_of_name
             from repair_events e left join accounts a on a.id = e.actor_account_id
             left join people p on p.id = e.on_behalf_of_person_id
             where e.repair_id = $1 and (e.visible = $2 or e.visible = true)
             order by e.occurred_at desc, e.id desc",
        )
        .bind(repair_id)
        .bind(!internal)
        .fetch_all(pool)
        .await
    })?)
}

/// The job's clocks, in the order they started.
pub async fn clocks(db: &Db, repair_id: i64) -> Result<Vec<StoredClock>, AppError> {
    super::clocks::for_subject(db, Subject::Repair, repair_id).await
}

/// Follows a communal job. Returns false when already following.
pub async fn follow(
    db: &Db,
    repair_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let inserted = db_run!(db, |pool| {
        sqlx::query(
            "insert into repair_followers (repair_id, person_id, created_at) values ($1, $2, $3)
             on conflict (repair_id, person_id) do nothing",
        )
        .bind(repair_id)
        .bind(person_id)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(inserted == 1)
}

pub async fn follower_count(db: &Db, repair_id: i64) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>("select count(*) from repair_followers where repair_id = $1")
            .bind(repair_id)
            .fetch_one(pool)
            .await
    })?)
}

/// The people to tell about a change: the reporter and every follower.
pub async fn people_to_tell(db: &Db, repair_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "select reported_by_person_id from repairs where id = $1
             union select person_id from repair_followers where repair_id = $1
             order by 1",
        )
        .bind(repair_id)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PhotoRow {
    pub id: i64,
    pub repair_id: Option<i64>,
    pub draft_token: Option<String>,
    pub person_id: i64,
    pub storage_key: String,
    pub content_type: String,
    pub size_bytes: i64,
}

pub async fn add_draft_photo(
    db: &Db,
    draft_token: &str,
    person_id: i64,
    storage_key: &str,
    content_type: &str,
    size: usize,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "insert into repair_photos (draft_token, person_id, storage_key, content_type, size_bytes, created_at)
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(draft_token)
        .bind(person_id)
        .bind(storage_key)
        .bind(content_type)
        .bind(i64::try_from(size).unwrap_or(i64::MAX))
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

const PHOTO_COLUMNS: &str =
    "id, repair_id, draft_token, person_id, storage_key, content_type, size_bytes";

pub async fn draft_photos(
    db: &Db,
    draft_token: &str,
    person_id: i64,
) -> Result<Vec<PhotoRow>, AppError> {
    let sql = format!(
        "select {PHOTO_COLUMNS} from repair_photos
         where draft_token = $1 and person_id = $2 and repair_id is null order by id"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, PhotoRow>(&sql)
            .bind(draft_token)
            .bind(person_id)
            .fetch_all(pool)
            .await
    })?)
}

pub async fn repair_photos(db: &Db, repair_id: i64) -> Result<Vec<PhotoRow>, AppError> {
    let sql = format!("select {PHOTO_COLUMNS} from repair_photos where repair_id = $1 order by id");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, PhotoRow>(&sql)
            .bind(repair_id)
            .fetch_all(pool)
            .await
    })?)
}

pub async fn photo_by_id(db: &Db, id: i64) -> Result<Option<PhotoRow>, AppError> {
    let sql = format!("select {PHOTO_COLUMNS} from repair_photos where id = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, PhotoRow>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await
    })?)
}

/// Removes a photo from a draft; returns its storage key to delete.
pub async fn remove_draft_photo(
    db: &Db,
    id: i64,
    draft_token: &str,
    person_id: i64,
) -> Result<Option<String>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, String>(
            "delete from repair_photos
             where id = $1 and draft_token = $2 and person_id = $3 and repair_id is null
             returning storage_key",
        )
        .bind(id)
        .bind(draft_token)
        .bind(person_id)
        .fetch_optional(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AppointmentRow {
    pub id: i64,
    pub day: NaiveDate,
    pub period: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
}

/// The visit currently booked for a job, if any.
pub async fn booked_visit(db: &Db, repair_id: i64) -> Result<Option<AppointmentRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, AppointmentRow>(
            "select id, day, period, status from appointments
             where repair_id = $1 and status = 'booked' order by id desc limit 1",
        )
        .bind(repair_id)
        .fetch_optional(pool)
        .await
    })?)
}

/// Booked visits per day and period for a trade between two days (inclusive).
pub async fn seats_taken(
    db: &Db,
    trade: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, String, i64)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (NaiveDate, String, i64)>(
            "select day, period, count(*) from appointments
             where trade = $1 and day >= $2 and day <= $3 and seat is not null
             group by day, period",
        )
        .bind(trade)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
    })?)
}

/// Books a visit: gives up any visit already booked for the job and takes the first free seat
/// of the day and period, all in one transaction. `Ok(false)` when every seat is taken (someone
/// else took the last one); then nothing has changed.
#[allow(clippy::too_many_arguments)]
pub async fn book_visit(
    db: &Db,
    repair_id: i64,
    trade: &str,
    day: NaiveDate,
    period: &str,
    capacity: u32,
    account_id: Option<i64>,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let booked: bool = db_run!(db, |pool| {
        async {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "update appointments set status = 'moved', seat = null, updated_at = $1
             where repair_id = $2 and status = 'booked'",
        )
        .bind(now)
        .bind(repair_id)
        .execute(&mut *tx)
        .await?;
        let mut taken = None;
        for seat in 1..=i64::from(capacity) {
            let id: Option<i64> = sqlx::query_scalar(
                "insert into appointments
                     (repair_id, trade, day, period, seat, status, booked_by_account_id, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, 'booked', $6, $7, $7)
                 on conflict (trade, day, period, seat) do nothing
                 returning id",
            )
            .bind(repair_id)
            .bind(trade)
            .bind(day)
            .bind(period)
            .bind(seat)
            .bind(account_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if id.is_some() {
                taken = id;
                break;
            }
        }
        if taken.is_none() {
            tx.rollback().await?;
            return Ok::<bool, sqlx::Error>(false);
        }
        sqlx::query(
            "update repairs set status = 'booked', updated_at = $1
             where id = $2 and status in ('reported', 'booked', 'awaiting_parts')",
        )
        .bind(now)
        .bind(repair_id)
        .execute(&mut *tx)
        .await?;
        crate::insert_event!(&mut tx, "repair_events", "repair_id", repair_id, event, now)?;
        tx.commit().await?;
        Ok(true)
    }
    .await
    })?;
    Ok(booked)
}

/// Cancels the booked visit and frees its seat. `Ok(false)` when there was none.
pub async fn cancel_visit(
    db: &Db,
    repair_id: i64,
    reason: &str,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    Ok(db_run!(db, |pool| {
        async {
        let mut tx = pool.begin().await?;
        let done = sqlx::query(
            "update appointments set status = 'cancelled', seat = null, cancel_reason = $1, updated_at = $2
             where repair_id = $3 and status = 'booked'",
        )
        .bind(reason)
        .bind(now)
        .bind(repair_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            tx.rollback().await?;
            return Ok::<bool, sqlx::Error>(false);
        }
        sqlx::query(
            "update repairs set status = 'reported', updated_at = $1 where id = $2 and status = 'booked'",
        )
        .bind(now)
        .bind(repair_id)
        .execute(&mut *tx)
        .await?;
        crate::insert_event!(&mut tx, "repair_events", "repair_id", repair_id, event, now)?;
        tx.commit().await?;
        Ok(true)
    }
    .await
    })?)
}

/// Marks the booked visit attended (staff recorded its outcome), freeing nothing: the seat
/// was used.
pub async fn visit_attended(db: &Db, repair_id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "update appointments set status = 'attended', updated_at = $1
             where repair_id = $2 and status = 'booked'",
        )
        .bind(now)
        .bind(repair_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// What the staff queue can be narrowed to.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub status: Option<String>,
    pub priority: Option<String>,
    pub trade: Option<String>,
    pub block_id: Option<i64>,
    /// "overdue": due before `now`; "soon": due before `soon`; "later": due after `soon`.
    pub due: Option<String>,
    /// Include closed jobs (only when a closed status is asked for).
    pub closed: bool,
}

/// The queue counts matching jobs up to this many; the page says "more than" beyond it.
pub const COUNT_LIMIT: i64 = 1001;

/// One page of the queue, most urgent deadline first, and the number of matching jobs.
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
    conditions.extend(super::due_filter(
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
    let limit = bind(&mut binds, Bind::Int(per_page));
    let offset = bind(&mut binds, Bind::Int((page.max(1) - 1) * per_page));
    let sql = format!(
        "select {LIST_COLUMNS} {LIST_JOINS} where {condition}
         order by r.due_at, r.id limit {limit} offset {offset}"
    );
    let counted = binds.len() - 2;
    let rows = db_run!(db, |pool| {
        crate::bind_all!(sqlx::query_as::<_, RepairListRow>(&sql), &binds)
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
    Ok(super::accounts::people_on_tenancy(db, reference)
        .await?
        .into_iter()
        .next())
}
