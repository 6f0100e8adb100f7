//! Homes, tenancies and households as a resident sees them.

use super::Db;
use crate::db_run;
use crate::domain::home::HomeSummary;
use crate::domain::housing::{TenancyKind, Tenure};
use crate::error::AppError;
use chrono::NaiveDate;

#[derive(Clone, Debug, sqlx::FromRow)]
struct HomeRow {
    reference: String,
    kind: String,
    start_date: NaiveDate,
    address_line_1: String,
    address_line_2: Option<String>,
    town: String,
    postcode: String,
    tenure: String,
    block_name: Option<String>,
    estate_name: String,
    /// One member of the household: a row per member, in the order they were added.
    member: String,
}

/// The current tenancy or lease the person belongs to, or `None`: its home and household in
/// one statement (a row per household member of the newest tenancy without an end).
pub async fn home_for_person(db: &Db, person_id: i64) -> Result<Option<HomeSummary>, AppError> {
    let rows: Vec<HomeRow> = db_run!(db, |pool| {
        sqlx::query_as::<_, HomeRow>(
            "select t.reference, t.kind, t.start_date,
                    h.address_line_1, h.address_line_2, h.town, h.postcode, h.tenure,
                    b.name as block_name, e.name as estate_name,
                    p.given_name || ' ' || p.family_name as member
             from tenancies t
             join homes h on h.id = t.home_id
             join estates e on e.id = h.estate_id
             left join blocks b on b.id = h.block_id
             join household_members hm on hm.tenancy_id = t.id
             join people p on p.id = hm.person_id
             where t.id = (select t2.id from household_members m
                           join tenancies t2 on t2.id = m.tenancy_id
                           where m.person_id = $1 and t2.end_date is null
                           order by t2.start_date desc limit 1)
             order by hm.id",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await
    })?;
    let household: Vec<String> = rows.iter().map(|r| r.member.clone()).collect();
    let Some(row) = rows.into_iter().next() else {
        return Ok(None);
    };
    let bad = |what: &str, value: &str| crate::error::internal(format!("unknown {what} {value}"));
    Ok(Some(HomeSummary {
        tenancy_kind: TenancyKind::parse(&row.kind)
            .ok_or_else(|| bad("tenancy kind", &row.kind))?,
        tenure: Tenure::parse(&row.tenure).ok_or_else(|| bad("tenure", &row.tenure))?,
        tenancy_reference: row.reference,
        start_date: row.start_date,
        address: [
            Some(row.address_line_1),
            row.address_line_2,
            Some(row.town),
            Some(row.postcode),
        ]
        .into_iter()
        .flatten()
        .collect(),
        block: row.block_name,
        estate: row.estate_name,
        household,
    }))
}

/// Needs recorded for the person ("Allow time to answer the door").
pub async fn needs_for_person(db: &Db, person_id: i64) -> Result<Vec<String>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, String>(
            "select description from person_needs where person_id = $1 order by id",
        )
        .bind(person_id)
        .fetch_all(pool)
        .await
    })?)
}
