//! Service-charge statements: saved whole (lines, each home's weight and share) in one
//! transaction, read back for residents and staff, and published once.

use super::{Bind, Db};
use crate::domain::service_charges::Line;
use crate::error::AppError;
use crate::{bind_all, db_run};
use chrono::{DateTime, Utc};

/// A block or an estate: what a statement belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChargePlace {
    Block(i64),
    Estate(i64),
}

impl ChargePlace {
    fn columns(self) -> (Option<i64>, Option<i64>) {
        match self {
            ChargePlace::Block(id) => (Some(id), None),
            ChargePlace::Estate(id) => (None, Some(id)),
        }
    }
}

/// A home at the place with what its share can be worked out from.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ChargedHome {
    pub home_id: i64,
    pub address: String,
    pub bedrooms: i64,
    pub floor_area_dm2: Option<i64>,
    pub service_charge_share_bp: Option<i64>,
}

/// The homes a block's or an estate's costs are shared between, in a stable order.
pub async fn homes_at(db: &Db, place: ChargePlace) -> Result<Vec<ChargedHome>, AppError> {
    let (column, id) = match place {
        ChargePlace::Block(id) => ("block_id", id),
        ChargePlace::Estate(id) => ("estate_id", id),
    };
    let sql = format!(
        "select id as home_id, address_line_1 as address, bedrooms, floor_area_dm2, service_charge_share_bp
         from homes where {column} = $1 order by id"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, ChargedHome>(&sql)
            .bind(id)
            .fetch_all(pool)
            .await
    })?)
}

pub struct NewStatement<'a> {
    pub place: ChargePlace,
    pub year_start: i64,
    pub kind: &'a str,
    pub method: &'a str,
    pub source_filename: &'a str,
    pub lines: &'a [Line],
    /// Each home, its weight and its share of each line (in the lines' order).
    pub homes: &'a [(i64, i64, Vec<i64>)],
    pub by: i64,
}

/// What saving a statement did.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    /// A new draft, or a draft replaced: its reference.
    Draft(String),
    /// That place, year and kind is published already: nothing was saved.
    AlreadyPublished(String),
}

/// Saves a draft: a new one, or in place of the draft for the same place, year and kind.
pub async fn save_statement(
    db: &Db,
    new: &NewStatement<'_>,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    let (block, estate) = new.place.columns();
    let total: i64 = new.lines.iter().map(|l| l.amount_pence).sum();
    let fresh_reference = crate::server::tokens::reference("SC");
    let saved: Result<Saved, sqlx::Error> = crate::db_tx!(db, |tx| {
        // Write first: on SQLite a transaction that reads and then writes fails at once (busy)
        // if another connection wrote in between; a write first waits its turn instead.
        sqlx::query("update service_charge_statements set updated_at = updated_at where id = -1")
            .execute(&mut *tx)
            .await?;
        let existing: Option<(i64, String, String)> = sqlx::query_as(
            "select id, reference, status from service_charge_statements
             where coalesce(block_id, 0) = coalesce($1, 0) and coalesce(estate_id, 0) = coalesce($2, 0)
               and year_start = $3 and kind = $4",
        )
        .bind(block)
        .bind(estate)
        .bind(new.year_start)
        .bind(new.kind)
        .fetch_optional(&mut *tx)
        .await?;
        let (id, reference) = match existing {
            Some((_, reference, status)) if status == "published" => {
                return Ok(Saved::AlreadyPublished(reference));
            }
            Some((id, reference, _)) => {
                for table in [
                    "service_charge_shares",
                    "service_charge_homes",
                    "service_charge_lines",
                ] {
                    sqlx::query(&format!("delete from {table} where statement_id = $1"))
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query(
                    "update service_charge_statements set method = $1, total_pence = $2,
                        source_filename = $3, imported_by_account_id = $4, imported_at = $5,
                        updated_at = $5
                     where id = $6 and status = 'draft'",
                )
                .bind(new.method)
                .bind(total)
                .bind(new.source_filename)
                .bind(new.by)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                (id, reference)
            }
            None => {
                let id: i64 = sqlx::query_scalar(
                    "insert into service_charge_statements (reference, block_id, estate_id, year_start,
                        kind, method, status, total_pence, source_filename, imported_by_account_id,
                        imported_at, created_at, updated_at)
                     values ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10, $10, $10) returning id",
                )
                .bind(&fresh_reference)
                .bind(block)
                .bind(estate)
                .bind(new.year_start)
                .bind(new.kind)
                .bind(new.method)
                .bind(total)
                .bind(new.source_filename)
                .bind(new.by)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                (id, fresh_reference.clone())
            }
        };
        for (i, line) in new.lines.iter().enumerate() {
            sqlx::query(
                "insert into service_charge_lines (statement_id, position, heading, amount_pence, explanation)
                 values ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(i as i64 + 1)
            .bind(&line.heading)
            .bind(line.amount_pence)
            .bind(&line.explanation)
            .execute(&mut *tx)
            .await?;
        }
        // Many rows at a time: an estate of a thousand homes is thousands of shares.
        for chunk in new.homes.chunks(100) {
            let mut binds = Vec::new();
            let values: Vec<String> = chunk
                .iter()
                .map(|(home, weight, _)| {
                    let s = super::bind(&mut binds, Bind::Int(id));
                    let h = super::bind(&mut binds, Bind::Int(*home));
                    let w = super::bind(&mut binds, Bind::Int(*weight));
                    format!("({s}, {h}, {w})")
                })
                .collect();
            let sql = format!(
                "insert into service_charge_homes (statement_id, home_id, weight) values {}",
                values.join(", ")
            );
            bind_all!(sqlx::query(&sql), binds)
                .execute(&mut *tx)
                .await?;
        }
        let shares: Vec<(i64, i64, i64)> = new
            .homes
            .iter()
            .flat_map(|(home, _, shares)| {
                shares
                    .iter()
                    .enumerate()
                    .map(move |(i, pence)| (*home, i as i64 + 1, *pence))
            })
            .collect();
        for chunk in shares.chunks(200) {
            let mut binds = Vec::new();
            let values: Vec<String> = chunk
                .iter()
                .map(|(home, position, pence)| {
                    let s = super::bind(&mut binds, Bind::Int(id));
                    let h = super::bind(&mut binds, Bind::Int(*home));
                    let p = super::bind(&mut binds, Bind::Int(*position));
                    let a = super::bind(&mut binds, Bind::Int(*pence));
                    format!("({s}, {h}, {p}, {a})")
                })
                .collect();
            let sql = format!(
                "insert into service_charge_shares (statement_id, home_id, position, amount_pence) values {}",
                values.join(", ")
            );
            bind_all!(sqlx::query(&sql), binds)
                .execute(&mut *tx)
                .await?;
        }
        Ok(Saved::Draft(reference))
    });
    Ok(saved?)
}

const STATEMENT_SELECT: &str = "select s.id, s.reference, s.block_id, s.estate_id,
        coalesce(b.name, e.name) as place_name, s.year_start, s.kind, s.method, s.status,
        s.total_pence, s.source_filename, s.imported_at, s.published_at, u.display_name as imported_by
    from service_charge_statements s
    left join blocks b on b.id = s.block_id
    left join estates e on e.id = s.estate_id
    join accounts u on u.id = s.imported_by_account_id";

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StatementRow {
    pub id: i64,
    pub reference: String,
    pub block_id: Option<i64>,
    pub estate_id: Option<i64>,
    pub place_name: String,
    pub year_start: i64,
    pub kind: String,
    pub method: String,
    pub status: String,
    pub total_pence: i64,
    pub source_filename: String,
    pub imported_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub imported_by: String,
}

impl StatementRow {
    pub fn place(&self) -> Option<ChargePlace> {
        match (self.block_id, self.estate_id) {
            (Some(id), _) => Some(ChargePlace::Block(id)),
            (_, Some(id)) => Some(ChargePlace::Estate(id)),
            _ => None,
        }
    }
}

pub async fn statement_by_reference(
    db: &Db,
    reference: &str,
) -> Result<Option<StatementRow>, AppError> {
    let sql = format!("{STATEMENT_SELECT} where s.reference = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, StatementRow>(&sql)
            .bind(reference)
            .fetch_optional(pool)
            .await
    })?)
}

/// Every statement, newest year first, for staff.
pub async fn statements(db: &Db) -> Result<Vec<StatementRow>, AppError> {
    let sql = format!(
        "{STATEMENT_SELECT} order by s.year_start desc, place_name, s.kind desc, s.id desc limit 500"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, StatementRow>(&sql)
            .fetch_all(pool)
            .await
    })?)
}

/// A published statement with one home's share of it: the sum of the home's shares of the
/// statement's lines.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StatementShare {
    #[sqlx(flatten)]
    pub statement: StatementRow,
    pub share_pence: i64,
}

/// The published statements a home has a share in, newest year first, with the home's share
/// of each, in one statement (the documents page lists them with the share; reading each
/// statement's lines and shares in turn took four queries a statement).
pub async fn published_shares_for_home(
    db: &Db,
    home_id: i64,
) -> Result<Vec<StatementShare>, AppError> {
    let select = STATEMENT_SELECT.replacen(
        "select ",
        "select cast(coalesce((select sum(x.amount_pence) from service_charge_shares x
                  join service_charge_lines l
                    on l.statement_id = x.statement_id and l.position = x.position
                  where x.statement_id = s.id and x.home_id = h.home_id), 0) as bigint)
                  as share_pence, ",
        1,
    );
    let sql = format!(
        "{select} join service_charge_homes h on h.statement_id = s.id
         where h.home_id = $1 and s.status = 'published'
         order by s.year_start desc, place_name, s.kind desc"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, StatementShare>(&sql)
            .bind(home_id)
            .fetch_all(pool)
            .await
    })?)
}

/// The published statement for the same place, year and kind, if any.
pub async fn published_at(
    db: &Db,
    place: ChargePlace,
    year_start: i64,
    kind: &str,
) -> Result<Option<StatementRow>, AppError> {
    let (block, estate) = place.columns();
    let sql = format!(
        "{STATEMENT_SELECT} where coalesce(s.block_id, 0) = coalesce($1, 0)
           and coalesce(s.estate_id, 0) = coalesce($2, 0) and s.year_start = $3 and s.kind = $4
           and s.status = 'published'"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, StatementRow>(&sql)
            .bind(block)
            .bind(estate)
            .bind(year_start)
            .bind(kind)
            .fetch_optional(pool)
            .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LineRow {
    pub position: i64,
    pub heading: String,
    pub amount_pence: i64,
    pub explanation: String,
}

pub async fn lines(db: &Db, statement_id: i64) -> Result<Vec<LineRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, LineRow>(
            "select position, heading, amount_pence, explanation from service_charge_lines
             where statement_id = $1 order by position",
        )
        .bind(statement_id)
        .fetch_all(pool)
        .await
    })?)
}

/// One home's part in a statement: its weight, everyone's, how many homes, and its share of
/// each line by position. `None` when the home has no share in it.
pub struct HomePart {
    pub weight: i64,
    pub total_weight: i64,
    pub homes: i64,
    pub shares: Vec<(i64, i64)>,
}

pub async fn home_part(
    db: &Db,
    statement_id: i64,
    home_id: i64,
) -> Result<Option<HomePart>, AppError> {
    let weight: Option<i64> = db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "select weight from service_charge_homes where statement_id = $1 and home_id = $2",
        )
        .bind(statement_id)
        .bind(home_id)
        .fetch_optional(pool)
        .await
    })?;
    let Some(weight) = weight else {
        return Ok(None);
    };
    let (total_weight, homes): (i64, i64) = db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, i64)>(
            "select cast(coalesce(sum(weight), 0) as bigint), count(*) from service_charge_homes where statement_id = $1",
        )
        .bind(statement_id)
        .fetch_one(pool)
        .await
    })?;
    let shares: Vec<(i64, i64)> = db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, i64)>(
            "select position, amount_pence from service_charge_shares
             where statement_id = $1 and home_id = $2 order by position",
        )
        .bind(statement_id)
        .bind(home_id)
        .fetch_all(pool)
        .await
    })?;
    Ok(Some(HomePart {
        weight,
        total_weight,
        homes,
        shares,
    }))
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HomeTotal {
    pub home_id: i64,
    pub address: String,
    pub weight: i64,
    pub total_pence: i64,
}

/// Every home's weight and total share, for staff to check before publishing.
pub async fn home_totals(db: &Db, statement_id: i64) -> Result<Vec<HomeTotal>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, HomeTotal>(
            "select h.id as home_id, h.address_line_1 as address, sh.weight,
                    cast(coalesce((select sum(s.amount_pence) from service_charge_shares s
                              where s.statement_id = sh.statement_id and s.home_id = sh.home_id), 0) as bigint) as total_pence
             from service_charge_homes sh join homes h on h.id = sh.home_id
             where sh.statement_id = $1 order by h.id",
        )
        .bind(statement_id)
        .fetch_all(pool)
        .await
    })?)
}

/// Publishes a draft; `false` when it is not a draft any more.
pub async fn publish(db: &Db, id: i64, by: i64, now: DateTime<Utc>) -> Result<bool, AppError> {
    let changed = db_run!(db, |pool| {
        sqlx::query(
            "update service_charge_statements set status = 'published', published_by_account_id = $1,
                    published_at = $2, updated_at = $2
             where id = $3 and status = 'draft'",
        )
        .bind(by)
        .bind(now)
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LineQuestion {
    pub reference: String,
    pub related_reference: String,
    pub status: String,
    pub person: String,
}

/// The questions residents asked about the statement's lines.
pub async fn questions_about(db: &Db, reference: &str) -> Result<Vec<LineQuestion>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, LineQuestion>(
            "select c.reference, c.related_reference, c.status, p.given_name || ' ' || p.family_name as person
             from cases c join people p on p.id = c.person_id
             where c.related_reference like $1 order by c.received_at, c.id",
        )
        .bind(format!("{reference}-%"))
        .fetch_all(pool)
        .await
    })?)
}

/// Everyone named on a current tenancy or lease of a home with a share in the statement.
pub async fn people_with_shares(db: &Db, statement_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "select distinct m.person_id
             from service_charge_homes s
             join tenancies t on t.home_id = s.home_id and t.end_date is null
             join household_members m on m.tenancy_id = t.id
             where s.statement_id = $1 and s.weight > 0
               and m.relationship <> 'household_member'
             order by m.person_id",
        )
        .bind(statement_id)
        .fetch_all(pool)
        .await
    })?)
}
