//! Jobs as rows: a resident's home and its communal areas, the lists, one job, and how a person
//! stands to it.

use super::*;

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
    /// The tenancy or lease reference.
    pub tenancy: String,
}

/// The current home of a person on a current tenancy or lease.
pub async fn place_for_person(db: &Db, person_id: i64) -> Result<Option<Place>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Place>(
            "select h.id as home_id, h.tenure, h.block_id, b.name as block_name,
                    h.address_line_1, h.address_line_2, p.phone, t.reference as tenancy
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
    /// The team dealing with it.
    pub team: Option<String>,
}

pub(super) const LIST_COLUMNS: &str =
    "r.id, r.reference, r.summary, r.status, r.priority, r.trade, r.hazard,
    r.created_at, r.target_at, r.due_at, r.completed_at, a.name as area_name,
    h.address_line_1, b.name as block_name,
    (select t.name from teams t where t.id = r.team_id) as team";
pub(super) const LIST_JOINS: &str = "from repairs r
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

/// The repairs a person sees as theirs, newest first: those at their current home (found here,
/// in the same statement), those they reported and those they follow.
pub async fn repairs_for_person(db: &Db, person_id: i64) -> Result<Vec<RepairListRow>, AppError> {
    // Three indexed lookups, each with its own rows' columns, and the rows in more than one
    // counted once. (A single `where ... or ...` makes PostgreSQL read every repair; joining the
    // three lists of ids to `repairs` afterwards makes it guess a twelfth of all repairs for the
    // home found in the statement, and read every repair to hash them.) The current home is the
    // newest tenancy without an end, as `place_for_person`.
    let sql = format!(
        "select * from (
             select {LIST_COLUMNS} {LIST_JOINS}
             where r.home_id = (select t.home_id from household_members m
                                join tenancies t on t.id = m.tenancy_id
                                where m.person_id = $1 and t.end_date is null
                                order by t.start_date desc limit 1)
             union
             select {LIST_COLUMNS} {LIST_JOINS} where r.reported_by_person_id = $1
             union
             select {LIST_COLUMNS} {LIST_JOINS}
             where r.id in (select repair_id from repair_followers where person_id = $1)
         ) mine
         order by created_at desc, id desc"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, RepairListRow>(&sql)
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
    /// The contractor firm the job is given to (its colleagues see it and work its visits).
    pub firm_id: Option<i64>,
    /// How it reached us and who made the report (a resident, an advocate or a colleague).
    pub channel: String,
    pub made_by: String,
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
    /// The team that owns the job (new repairs go to the team chosen for repairs).
    pub team: Option<String>,
}

pub(super) const REPAIR_SELECT: &str = "select r.id, r.reference, r.home_id, r.block_id, r.communal_area_id,
                    r.reported_by_person_id, r.reported_by_account_id, r.summary, r.answers,
                    r.emergency, r.priority, r.trade, r.hazard, r.hazard_kind, r.awaab as hazard_clocks, r.status, r.description,
                    r.access_times, r.pets, r.key_safe, r.contact_phone, r.contractor, r.firm_id,
                    r.channel, r.made_by, r.received_at, r.target_at, r.due_at, r.completed_at, r.recall_of_id,
                    r.fixed, r.rating, r.rating_comment, r.created_at,
                    a.name as area_name, h.address_line_1, h.address_line_2, b.name as block_name,
                    p.given_name || ' ' || p.family_name as reporter_name, t.name as team
             from repairs r
             join people p on p.id = r.reported_by_person_id
             left join teams t on t.id = r.team_id
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
