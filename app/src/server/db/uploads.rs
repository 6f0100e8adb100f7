//! Which stored files the records still name, and the photos of reports never sent: what the
//! clean-up of abandoned uploads (`server::uploads`) asks.

use super::Db;
use crate::db_run;
use crate::error::AppError;
use chrono::{DateTime, Utc};

/// Photos added to a report that was never sent, made before `before`: `(id, storage key)`, at
/// most `limit` of them, oldest first.
pub async fn unsent_photos(
    db: &Db,
    before: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (i64, String)>(
            "select id, storage_key from repair_photos
             where repair_id is null and created_at < $1 order by id limit $2",
        )
        .bind(before)
        .bind(limit)
        .fetch_all(pool)
        .await
    })?)
}

/// Removes an unsent report's photo; nothing if the report has been sent since.
pub async fn forget_unsent_photo(db: &Db, id: i64) -> Result<bool, AppError> {
    let removed = db_run!(db, |pool| {
        sqlx::query("delete from repair_photos where id = $1 and repair_id is null")
            .bind(id)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(removed == 1)
}

/// Whether any record names the stored file `key`: a resident's photo, a photo of finished
/// work, a document (any version, withdrawn ones included) or a permission's signed form.
pub async fn is_named(db: &Db, key: &str) -> Result<bool, AppError> {
    let count = db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "select (select count(*) from repair_photos where storage_key = $1)
                  + (select count(*) from visit_photos where storage_key = $2)
                  + (select count(*) from documents where storage_key = $3)
                  + (select count(*) from advocate_permissions where evidence_key = $4)",
        )
        .bind(key)
        .bind(key)
        .bind(key)
        .bind(key)
        .fetch_one(pool)
        .await
    })?;
    Ok(count > 0)
}
