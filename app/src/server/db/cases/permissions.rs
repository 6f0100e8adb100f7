//! Advocates' permissions to act for residents: who may act for whom, in what, until when.

use super::*;

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
