//! Who may read a document, downloads and visits recorded, and withdrawing a document.

use super::*;

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
pub(super) const SAME_VISIT_MINUTES: i64 = 10;

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
