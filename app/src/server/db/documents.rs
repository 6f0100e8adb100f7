//! Documents: versions and where they belong, who is entitled to them, downloads, visits, and
//! the yearly safety information given to each resident.

use super::Db;
use crate::db_run;
use crate::domain::documents::{Audience, Category};
use crate::domain::housing::Tenure;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};

/// Where a document belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Home(i64),
    Tenancy(i64),
    Block(i64),
    Estate(i64),
}

impl Place {
    fn columns(self) -> [Option<i64>; 4] {
        match self {
            Place::Home(id) => [Some(id), None, None, None],
            Place::Tenancy(id) => [None, Some(id), None, None],
            Place::Block(id) => [None, None, Some(id), None],
            Place::Estate(id) => [None, None, None, Some(id)],
        }
    }
}

pub struct NewDocument<'a> {
    pub token: &'a str,
    pub place: Place,
    pub category: Category,
    pub title: &'a str,
    pub effective_on: NaiveDate,
    pub review_on: Option<NaiveDate>,
    pub audience: Audience,
    pub storage_key: &'a str,
    pub content_type: &'a str,
    pub filename: &'a str,
    pub size_bytes: i64,
    pub uploaded_by: i64,
    /// The current version this one replaces.
    pub replaces: Option<&'a DocumentRow>,
}

const DOCUMENT_SELECT: &str = "select d.id, d.reference, d.home_id, d.tenancy_id, d.block_id, d.estate_id,
        d.category, d.title, d.effective_on, d.review_on, d.audience, d.storage_key, d.content_type,
        d.filename, d.size_bytes, d.version, d.status, d.replaces_id, d.replaced_by_id,
        d.uploaded_at, d.withdrawn_at, d.withdrawn_reason,
        coalesce(hh.address_line_1, th.address_line_1 || ' (' || tt.reference || ')', bb.name, ee.name) as place_name,
        u.display_name as uploaded_by
    from documents d
    left join homes hh on hh.id = d.home_id
    left join tenancies tt on tt.id = d.tenancy_id
    left join homes th on th.id = tt.home_id
    left join blocks bb on bb.id = d.block_id
    left join estates ee on ee.id = d.estate_id
    join accounts u on u.id = d.uploaded_by_account_id";

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: i64,
    pub reference: String,
    pub home_id: Option<i64>,
    pub tenancy_id: Option<i64>,
    pub block_id: Option<i64>,
    pub estate_id: Option<i64>,
    pub category: String,
    pub title: String,
    pub effective_on: NaiveDate,
    pub review_on: Option<NaiveDate>,
    pub audience: String,
    pub storage_key: String,
    pub content_type: String,
    pub filename: String,
    pub size_bytes: i64,
    pub version: i64,
    pub status: String,
    pub replaces_id: Option<i64>,
    pub replaced_by_id: Option<i64>,
    pub uploaded_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_reason: Option<String>,
    pub place_name: Option<String>,
    pub uploaded_by: String,
}

impl DocumentRow {
    pub fn place(&self) -> Option<Place> {
        match (self.home_id, self.tenancy_id, self.block_id, self.estate_id) {
            (Some(id), _, _, _) => Some(Place::Home(id)),
            (_, Some(id), _, _) => Some(Place::Tenancy(id)),
            (_, _, Some(id), _) => Some(Place::Block(id)),
            (_, _, _, Some(id)) => Some(Place::Estate(id)),
            _ => None,
        }
    }

    pub fn category(&self) -> Option<Category> {
        Category::parse(&self.category)
    }
}

/// Stores a document (once per submission token) and, when it replaces one, marks that one
/// superseded in the same transaction, if it is still current. Returns the reference and
/// whether this call stored it.
pub async fn insert_document(
    db: &Db,
    doc: &NewDocument<'_>,
    now: DateTime<Utc>,
) -> Result<(String, bool), AppError> {
    let [home, tenancy, block, estate] = doc.place.columns();
    let version = doc.replaces.map(|r| r.version + 1).unwrap_or(1);
    let replaces = doc.replaces.map(|r| r.id);
    super::insert_once(db, "documents", doc.token, || crate::server::tokens::reference("DC"), |reference: String| async move {
        db_run!(db, |pool| {
            async {
                let mut tx = pool.begin().await?;
                let id: Option<i64> = sqlx::query_scalar(
                    "insert into documents (reference, submission_token, home_id, tenancy_id, block_id,
                        estate_id, category, title, effective_on, review_on, audience, storage_key,
                        content_type, filename, size_bytes, version, status, replaces_id,
                        uploaded_by_account_id, uploaded_at, created_at, updated_at)
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                        'current', $17, $18, $19, $19, $19)
                     on conflict (submission_token) do nothing returning id",
                )
                .bind(&reference)
                .bind(doc.token)
                .bind(home)
                .bind(tenancy)
                .bind(block)
                .bind(estate)
                .bind(doc.category.as_str())
                .bind(doc.title)
                .bind(doc.effective_on)
                .bind(doc.review_on)
                .bind(doc.audience.as_str())
                .bind(doc.storage_key)
                .bind(doc.content_type)
                .bind(doc.filename)
                .bind(doc.size_bytes)
                .bind(version)
                .bind(replaces)
                .bind(doc.uploaded_by)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else { return Ok(None) };
                if let Some(old) = replaces {
                    let changed = sqlx::query(
                        "update documents set status = 'superseded', replaced_by_id = $1, updated_at = $2
                         where id = $3 and status = 'current'",
                    )
                    .bind(id)
                    .bind(now)
                    .bind(old)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if changed == 0 {
                        // Replaced or withdrawn by someone else meanwhile: keep nothing.
                        tx.rollback().await?;
                        return Err(sqlx::Error::RowNotFound);
                    }
                }
                tx.commit().await?;
                Ok(Some(reference))
            }
            .await
        })
    })
    .await
}

pub async fn document_by_reference(
    db: &Db,
    reference: &str,
) -> Result<Option<DocumentRow>, AppError> {
    let sql = format!("{DOCUMENT_SELECT} where d.reference = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, DocumentRow>(&sql)
            .bind(reference)
            .fetch_optional(pool)
            .await
    })?)
}

pub async fn document_by_id(db: &Db, id: i64) -> Result<Option<DocumentRow>, AppError> {
    let sql = format!("{DOCUMENT_SELECT} where d.id = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, DocumentRow>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await
    })?)
}

/// Every version of a document, newest first, following the chain of replacements back.
pub async fn versions(db: &Db, newest: &DocumentRow) -> Result<Vec<DocumentRow>, AppError> {
    let mut chain = Vec::new();
    let mut next = newest.replaces_id;
    while let Some(id) = next {
        if chain.len() >= 100 {
            break;
        }
        let Some(row) = document_by_id(db, id).await? else {
            break;
        };
        next = row.replaces_id;
        chain.push(row);
    }
    Ok(chain)
}

/// Where a person lives now, for deciding what they are entitled to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Residence {
    pub person_id: i64,
    pub home_id: i64,
    pub tenancy_id: i64,
    pub block_id: Option<i64>,
    pub estate_id: i64,
    pub tenure: String,
    pub relationship: String,
    pub address: String,
    pub block_name: Option<String>,
    pub estate_name: String,
}

impl Residence {
    pub fn tenure(&self) -> Option<Tenure> {
        Tenure::parse(&self.tenure)
    }

    /// Named on the tenancy or lease, rather than living there as a household member.
    pub fn holds_tenancy(&self) -> bool {
        self.relationship != "household_member"
    }
}

pub async fn residence(db: &Db, person_id: i64) -> Result<Option<Residence>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, Residence>(
            "select m.person_id, h.id as home_id, t.id as tenancy_id, h.block_id, h.estate_id, h.tenure,
                    m.relationship, h.address_line_1 as address, b.name as block_name,
                    e.name as estate_name
             from household_members m
             join tenancies t on t.id = m.tenancy_id
             join homes h on h.id = t.home_id
             join estates e on e.id = h.estate_id
             left join blocks b on b.id = h.block_id
             where m.person_id = $1 and t.end_date is null
             order by t.start_date desc, t.id desc limit 1",
        )
        .bind(person_id)
        .fetch_optional(pool)
        .await
    })?)
}

/// The current documents the resident living at `residence` is entitled to: their home's,
/// their tenancy's or lease's (named holders only), their block's and their estate's, for
/// their tenure; newest first.
pub async fn documents_for(db: &Db, at: &Residence) -> Result<Vec<DocumentRow>, AppError> {
    let sql = format!(
        "{DOCUMENT_SELECT}
         where d.status = 'current'
           and (d.home_id = $1 or d.tenancy_id = $2 or d.block_id = $3 or d.estate_id = $4)
         order by d.effective_on desc, d.id desc"
    );
    let rows: Vec<DocumentRow> = db_run!(db, |pool| {
        sqlx::query_as::<_, DocumentRow>(&sql)
            .bind(at.home_id)
            // A household member is not shown the tenancy's own papers: no tenancy to match.
            .bind(at.holds_tenancy().then_some(at.tenancy_id))
            .bind(at.block_id)
            .bind(at.estate_id)
            .fetch_all(pool)
            .await
    })?;
    let Some(tenure) = at.tenure() else {
        return Err(crate::error::internal(format!(
            "unknown tenure {}",
            at.tenure
        )));
    };
    Ok(rows
        .into_iter()
        .filter(|d| Audience::parse(&d.audience).is_some_and(|a| a.includes(tenure)))
        .collect())
}

/// Whether the resident at `at` is entitled to this document (current, theirs, their tenure's).
pub async fn entitled(db: &Db, at: &Residence, document_id: i64) -> Result<bool, AppError> {
    Ok(documents_for(db, at)
        .await?
        .iter()
        .any(|d| d.id == document_id))
}

pub async fn record_download(
    db: &Db,
    document_id: i64,
    account_id: i64,
    on_behalf_of: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "insert into document_downloads (document_id, account_id, on_behalf_of_person_id, downloaded_at)
             values ($1, $2, $3, $4)",
        )
        .bind(document_id)
        .bind(account_id)
        .bind(on_behalf_of)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn download_count(db: &Db, document_id: i64) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from document_downloads where document_id = $1",
        )
        .bind(document_id)
        .fetch_one(pool)
        .await
    })?)
}

/// A visit within this long of the recorded one is the same visit: nothing is written.
const SAME_VISIT_MINUTES: i64 = 10;

/// When `account_id` last looked at `person_id`'s documents (what is newer is marked new), and
/// records this visit as the last unless the recorded one is under ten minutes old. A page
/// that is read far more often than it changes then writes at most once in ten minutes per
/// reader, so readers do not queue for one row's lock (the page was four times slower than
/// others under load when every view wrote); a document that arrives between two views close
/// together stays marked new until the next recorded visit.
pub async fn visit(
    db: &Db,
    account_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, AppError> {
    let last: Option<DateTime<Utc>> = db_run!(db, |pool| {
        sqlx::query_scalar::<_, DateTime<Utc>>(
            "select last_visit_at from document_visits where account_id = $1 and person_id = $2",
        )
        .bind(account_id)
        .bind(person_id)
        .fetch_optional(pool)
        .await
    })?;
    if last.is_some_and(|l| now - l < chrono::Duration::minutes(SAME_VISIT_MINUTES)) {
        return Ok(last);
    }
    db_run!(db, |pool| {
        sqlx::query(
            "insert into document_visits (account_id, person_id, last_visit_at) values ($1, $2, $3)
             on conflict (account_id, person_id) do update set last_visit_at = excluded.last_visit_at
             where document_visits.last_visit_at < excluded.last_visit_at",
        )
        .bind(account_id)
        .bind(person_id)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(last)
}

/// Withdraws a current document; `false` when it is no longer current.
pub async fn withdraw(
    db: &Db,
    id: i64,
    by: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let changed = db_run!(db, |pool| {
        sqlx::query(
            "update documents set status = 'withdrawn', withdrawn_at = $1, withdrawn_by_account_id = $2,
                    withdrawn_reason = $3, updated_at = $1
             where id = $4 and status = 'current'",
        )
        .bind(now)
        .bind(by)
        .bind(reason)
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

/// Staff's list: documents with `status`, optionally at one block or estate, newest upload
/// first, `limit` from `offset`; and how many there are.
pub async fn staff_list(
    db: &Db,
    status: &str,
    place: Option<Place>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<DocumentRow>, i64), AppError> {
    let (column, id) = match place {
        Some(Place::Block(id)) => ("d.block_id", id),
        Some(Place::Estate(id)) => ("d.estate_id", id),
        Some(Place::Home(id)) => ("d.home_id", id),
        Some(Place::Tenancy(id)) => ("d.tenancy_id", id),
        None => ("0", 0),
    };
    let filter = format!("d.status = $1 and {column} = $2");
    let sql = format!(
        "{DOCUMENT_SELECT} where {filter} order by d.uploaded_at desc, d.id desc limit $3 offset $4"
    );
    let count_sql = format!("select count(*) from documents d where {filter}");
    let rows = db_run!(db, |pool| {
        sqlx::query_as::<_, DocumentRow>(&sql)
            .bind(status)
            .bind(id)
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await
    })?;
    let total = db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(&count_sql)
            .bind(status)
            .bind(id)
            .fetch_one(pool)
            .await
    })?;
    Ok((rows, total))
}

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

/// The last day this person was given this yearly safety information at this home, if ever.
pub async fn last_given(
    db: &Db,
    person_id: i64,
    home_id: i64,
    category: Category,
) -> Result<Option<NaiveDate>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, NaiveDate>(
            "select given_on from safety_information_given
             where person_id = $1 and home_id = $2 and category = $3
             order by given_on desc limit 1",
        )
        .bind(person_id)
        .bind(home_id)
        .bind(category.as_str())
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
