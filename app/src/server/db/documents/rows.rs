//! Documents as rows: where one is published, a new one or a new version, and reading them back.

use super::*;

/// Where a document belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Home(i64),
    Tenancy(i64),
    Block(i64),
    Estate(i64),
}

impl Place {
    pub(super) fn columns(self) -> [Option<i64>; 4] {
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

pub(super) const DOCUMENT_SELECT: &str = "select d.id, d.reference, d.home_id, d.tenancy_id, d.block_id, d.estate_id,
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
    crate::server::db::insert_once(db, "documents", doc.token, || crate::server::tokens::reference("DC"), |reference: String| async move {
        crate::db_tx!(db, |tx| {
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
                    return Err(sqlx::Error::RowNotFound);
                }
            }
            Ok(Some(reference))
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
