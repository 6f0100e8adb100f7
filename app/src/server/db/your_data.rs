//! What Doorstep holds about one resident, read for "Download my data". Every query here is
//! filtered by the resident's person id or their own account id (none when they have no
//! account), and none joins to another resident's personal details: the export must hold the
//! resident's data and nobody else's.

use super::Db;
use crate::db_run;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PersonRow {
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn person(db: &Db, person_id: i64) -> Result<Option<PersonRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, PersonRow>(
            "select given_name, family_name, date_of_birth, phone, email, created_at
             from people where id = $1",
        )
        .bind(person_id)
        .fetch_optional(pool)
        .await
    })?)
}

/// Every tenancy or lease the resident is or was part of, with the home.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TenancyRow {
    pub reference: String,
    pub kind: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub relationship: String,
    pub address_line_1: String,
    pub address_line_2: Option<String>,
    pub town: String,
    pub postcode: String,
    pub tenure: String,
}

pub async fn tenancies(db: &Db, person_id: i64) -> Result<Vec<TenancyRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, TenancyRow>(
            "select t.reference, t.kind, t.start_date, t.end_date, m.relationship,
                    h.address_line_1, h.address_line_2, h.town, h.postcode, h.tenure
             from household_members m
             join tenancies t on t.id = m.tenancy_id
             join homes h on h.id = t.home_id
             where m.person_id = $1
             order by t.start_date desc, t.id desc",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NeedRow {
    pub description: String,
    pub created_at: DateTime<Utc>,
}

pub async fn needs(db: &Db, person_id: i64) -> Result<Vec<NeedRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, NeedRow>(
            "select description, created_at from person_needs where person_id = $1 order by id",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await
    })?)
}

/// Every vulnerability recorded, ended and removed ones included.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VulnerabilityRow {
    pub description: String,
    pub consent: String,
    pub ends_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub removed_at: Option<DateTime<Utc>>,
}

pub async fn vulnerabilities(db: &Db, person_id: i64) -> Result<Vec<VulnerabilityRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, VulnerabilityRow>(
            "select description, consent, ends_on, created_at, removed_at
             from vulnerabilities where person_id = $1 order by id",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await
    })?)
}

/// A repair the resident reported or follows, with what they told us.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RepairRow {
    pub id: i64,
    pub reference: String,
    pub summary: String,
    pub status: String,
    pub reported: bool,
    pub description: String,
    pub answers: String,
    pub access_times: String,
    pub pets: String,
    pub key_safe: String,
    pub contact_phone: String,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub fixed: Option<String>,
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
    pub photos: i64,
    /// Photos of the finished work the operatives took.
    pub work_photos: i64,
}

/// The resident's own repairs. What someone else reported is theirs, so a followed job shows
/// only what the follower can see on its page, not the reporter's answers or access details.
pub async fn repairs(db: &Db, person_id: i64) -> Result<Vec<RepairRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RepairRow>(
            "select r.id, r.reference, r.summary, r.status,
                    r.reported_by_person_id = $1 as reported,
                    case when r.reported_by_person_id = $1 then r.description else '' end as description,
                    case when r.reported_by_person_id = $1 then r.answers else '' end as answers,
                    case when r.reported_by_person_id = $1 then r.access_times else '' end as access_times,
                    case when r.reported_by_person_id = $1 then r.pets else '' end as pets,
                    case when r.reported_by_person_id = $1 then r.key_safe else '' end as key_safe,
                    case when r.reported_by_person_id = $1 then r.contact_phone else '' end as contact_phone,
                    r.created_at, r.completed_at,
                    case when r.reported_by_person_id = $1 then r.fixed end as fixed,
                    case when r.reported_by_person_id = $1 then r.rating end as rating,
                    case when r.reported_by_person_id = $1 then r.rating_comment end as rating_comment,
                    (select count(*) from repair_photos ph
                     where ph.repair_id = r.id and r.reported_by_person_id = $1) as photos,
                    (select count(*) from visit_photos vp
                     where vp.repair_id = r.id and r.reported_by_person_id = $1) as work_photos
             from (select id from repairs where reported_by_person_id = $1
                   union select repair_id as id from repair_followers where person_id = $1) mine
             join repairs r on r.id = mine.id
             order by r.created_at desc, r.id desc",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await
    })?)
}

/// Every permission the resident gave (or a colleague recorded for them), withdrawn and ended
/// ones included.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PermissionRow {
    pub advocate_name: String,
    pub advocate_email: String,
    pub scope: String,
    pub relationship: Option<String>,
    pub given_by: String,
    pub ends_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

pub async fn permissions(db: &Db, person_id: i64) -> Result<Vec<PermissionRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, PermissionRow>(
            "select a.display_name as advocate_name, a.email as advocate_email, ap.scope,
                    ap.relationship, ap.given_by, ap.ends_on, ap.created_at, ap.withdrawn_at
             from advocate_permissions ap join accounts a on a.id = ap.advocate_account_id
             where ap.person_id = $1 order by ap.id",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InvitationRow {
    pub name: String,
    pub email: String,
    pub scope: String,
    pub created_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
}

pub async fn invitations(db: &Db, person_id: i64) -> Result<Vec<InvitationRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, InvitationRow>(
            "select name, email, scope, created_at, accepted_at, cancelled_at, expires_at
             from permission_invitations where person_id = $1 order by id",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await
    })?)
}

/// A document downloaded by the resident, or by an advocate for them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DownloadRow {
    pub reference: String,
    pub title: String,
    pub downloaded_at: DateTime<Utc>,
    /// Who downloaded it, when it was an advocate acting for the resident.
    pub advocate: Option<String>,
}

pub async fn downloads(
    db: &Db,
    person_id: i64,
    account_id: Option<i64>,
) -> Result<Vec<DownloadRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, DownloadRow>(
            "select d.reference, d.title, dd.downloaded_at,
                    case when dd.account_id = $2 then null else a.display_name end as advocate
             from (select id from document_downloads where account_id = $2
                   union select id from document_downloads where on_behalf_of_person_id = $1) mine
             join document_downloads dd on dd.id = mine.id
             join documents d on d.id = dd.document_id
             join accounts a on a.id = dd.account_id
             order by dd.downloaded_at, dd.id",
        )
        .bind(person_id)
        .bind(account_id)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SafetyRow {
    pub category: String,
    pub given_on: NaiveDate,
    pub how: String,
}

pub async fn safety_information(db: &Db, person_id: i64) -> Result<Vec<SafetyRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, SafetyRow>(
            "select category, given_on, how from safety_information_given
             where person_id = $1 order by given_on, id",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ContactMessageRow {
    pub reference: String,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

/// Messages sent through the contact form while signed in.
pub async fn contact_messages(
    db: &Db,
    account_id: Option<i64>,
) -> Result<Vec<ContactMessageRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, ContactMessageRow>(
            "select reference, message, created_at from contact_messages
             where account_id = $1 order by id",
        )
        .bind(account_id)
        .fetch_all(pool)
        .await
    })?)
}

/// What the audit trail holds about the resident: their own account's actions, and every
/// colleague's or advocate's action on their records.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ActivityRow {
    pub occurred_at: DateTime<Utc>,
    pub action: String,
    pub actor: Option<String>,
    pub mine: bool,
    pub client_address: Option<String>,
}

/// The account's own actions and everything done on the person's behalf, as one list.
const ACTIVITY_IDS: &str = "select id from audit_events where actor_account_id = $2
                   union select id from audit_events where on_behalf_of_person_id = $1";

/// Page `page` (from 1; past the end, the last) of `activity`, newest first, `size` entries a
/// page: the entries, how many there are in all, and the page given.
pub async fn activity_page(
    db: &Db,
    person_id: i64,
    account_id: Option<i64>,
    size: i64,
    page: i64,
) -> Result<(Vec<ActivityRow>, i64, i64), AppError> {
    let count = format!("select count(*) from ({ACTIVITY_IDS}) mine");
    let total: i64 = db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(&count)
            .bind(person_id)
            .bind(account_id)
            .fetch_one(pool)
            .await
    })?;
    let pages = ((total + size - 1) / size).max(1);
    let page = page.clamp(1, pages);
    let sql = format!(
        "select e.occurred_at, e.action, a.display_name as actor,
                coalesce(e.actor_account_id = $2, false) as mine,
                case when e.actor_account_id = $2 then e.client_address end as client_address
         from ({ACTIVITY_IDS}) mine
         join audit_events e on e.id = mine.id
         left join accounts a on a.id = e.actor_account_id
         order by e.occurred_at desc, e.id desc
         limit $3 offset $4"
    );
    let rows = db_run!(db, |pool| {
        sqlx::query_as::<_, ActivityRow>(&sql)
            .bind(person_id)
            .bind(account_id)
            .bind(size)
            .bind((page - 1) * size)
            .fetch_all(pool)
            .await
    })?;
    Ok((rows, total, page))
}

pub async fn activity(
    db: &Db,
    person_id: i64,
    account_id: Option<i64>,
) -> Result<Vec<ActivityRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, ActivityRow>(
            "select e.occurred_at, e.action, a.display_name as actor,
                    coalesce(e.actor_account_id = $2, false) as mine,
                    case when e.actor_account_id = $2 then e.client_address end as client_address
             from (select id from audit_events where actor_account_id = $2
                   union select id from audit_events where on_behalf_of_person_id = $1) mine
             join audit_events e on e.id = mine.id
             left join accounts a on a.id = e.actor_account_id
             order by e.occurred_at, e.id",
        )
        .bind(person_id)
        .bind(account_id)
        .fetch_all(pool)
        .await
    })?)
}
