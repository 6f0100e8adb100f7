//! The staff documents list, places, tenancies, and who has been given this year's safety
//! information.

use super::*;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PlaceRow {
    pub kind: String,
    pub id: i64,
    pub name: String,
}

/// Every block and estate, for choosing where a document or statement belongs.
pub async fn places(db: &Db) -> Result<Vec<PlaceRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, PlaceRow>(
            "select 'block' as kind, id, name from blocks
             union all select 'estate' as kind, id, name from estates
             order by kind, name, id",
        )
        .fetch_all(pool)
        .await
    })?)
}

/// The current tenancy or lease with this reference: its id and its home's.
pub async fn tenancy_by_reference(
    db: &Db,
    reference: &str,
) -> Result<Option<(i64, i64)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, i64)>(
            "select id, home_id from tenancies where upper(reference) = upper($1) and end_date is null",
        )
        .bind(reference.trim())
        .fetch_optional(pool)
        .await
    })?)
}

/// Records that a resident was given yearly safety information.
#[allow(clippy::too_many_arguments)]
pub async fn record_given(
    db: &Db,
    person_id: i64,
    home_id: i64,
    category: Category,
    given_on: NaiveDate,
    how: &str,
    document_id: Option<i64>,
    recorded_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "insert into safety_information_given (person_id, home_id, category, given_on, how,
                document_id, recorded_by_account_id, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(person_id)
        .bind(home_id)
        .bind(category.as_str())
        .bind(given_on)
        .bind(how)
        .bind(document_id)
        .bind(recorded_by)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// A resident of a block who must be given yearly safety information, and when they last were.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SafetyRecipient {
    pub person_id: i64,
    pub name: String,
    pub home_id: i64,
    pub address: String,
    pub block_name: String,
    pub last_given: Option<NaiveDate>,
    pub last_how: Option<String>,
}

/// Everyone named on a current tenancy or lease of a home in a block, with when they were
/// last given `category`.
pub async fn safety_recipients(
    db: &Db,
    category: Category,
) -> Result<Vec<SafetyRecipient>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, SafetyRecipient>(
            "select p.id as person_id, p.given_name || ' ' || p.family_name as name, h.id as home_id,
                    h.address_line_1 as address, b.name as block_name,
                    g.given_on as last_given, g.how as last_how
             from household_members m
             join tenancies t on t.id = m.tenancy_id and t.end_date is null
             join homes h on h.id = t.home_id
             join blocks b on b.id = h.block_id
             join people p on p.id = m.person_id
             left join safety_information_given g on g.id = (
                 select s.id from safety_information_given s
                 where s.person_id = p.id and s.category = $1
                 order by s.given_on desc, s.id desc limit 1)
             where m.relationship <> 'household_member'
             order by b.name, h.id, p.family_name, p.given_name",
        )
        .bind(category.as_str())
        .fetch_all(pool)
        .await
    })?)
}

/// The people to tell about a new document at `place`: everyone named on a current tenancy or
/// lease there (not other household members), with their home's tenure, for the audience rule.
pub async fn people_to_tell(db: &Db, place: Place) -> Result<Vec<(i64, Tenure)>, AppError> {
    let [home, tenancy, block, estate] = place.columns();
    let rows: Vec<(i64, String)> = db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, String)>(
            "select m.person_id, h.tenure
             from household_members m
             join tenancies t on t.id = m.tenancy_id and t.end_date is null
             join homes h on h.id = t.home_id
             where m.relationship <> 'household_member'
               and (h.id = $1 or t.id = $2 or h.block_id = $3 or h.estate_id = $4)
             order by m.person_id",
        )
        .bind(home)
        .bind(tenancy)
        .bind(block)
        .bind(estate)
        .fetch_all(pool)
        .await
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|(person, tenure)| Tenure::parse(&tenure).map(|t| (person, t)))
        .collect())
}
