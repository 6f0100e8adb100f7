//! Followers of a communal job, the people to tell about a change, and photos.

use super::*;

/// Follows a communal job. Returns false when already following.
pub async fn follow(
    db: &Db,
    repair_id: i64,
    person_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let inserted = db_run!(db, |pool| {
        sqlx::query(
            "insert into repair_followers (repair_id, person_id, created_at) values ($1, $2, $3)
             on conflict (repair_id, person_id) do nothing",
        )
        .bind(repair_id)
        .bind(person_id)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(inserted == 1)
}

pub async fn follower_count(db: &Db, repair_id: i64) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>("select count(*) from repair_followers where repair_id = $1")
            .bind(repair_id)
            .fetch_one(pool)
            .await
    })?)
}

/// The people to tell about a change: the reporter and every follower.
pub async fn people_to_tell(db: &Db, repair_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>(
            "select reported_by_person_id from repairs where id = $1
             union select person_id from repair_followers where repair_id = $1
             order by 1",
        )
        .bind(repair_id)
        .fetch_all(pool)
        .await
    })?)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PhotoRow {
    pub id: i64,
    pub repair_id: Option<i64>,
    pub draft_token: Option<String>,
    pub person_id: i64,
    pub storage_key: String,
    pub content_type: String,
    pub size_bytes: i64,
}

pub async fn add_draft_photo(
    db: &Db,
    draft_token: &str,
    person_id: i64,
    storage_key: &str,
    content_type: &str,
    size: usize,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query(
            "insert into repair_photos (draft_token, person_id, storage_key, content_type, size_bytes, created_at)
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(draft_token)
        .bind(person_id)
        .bind(storage_key)
        .bind(content_type)
        .bind(i64::try_from(size).unwrap_or(i64::MAX))
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub(super) const PHOTO_COLUMNS: &str =
    "id, repair_id, draft_token, person_id, storage_key, content_type, size_bytes";

pub async fn draft_photos(
    db: &Db,
    draft_token: &str,
    person_id: i64,
) -> Result<Vec<PhotoRow>, AppError> {
    let sql = format!(
        "select {PHOTO_COLUMNS} from repair_photos
         where draft_token = $1 and person_id = $2 and repair_id is null order by id"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, PhotoRow>(&sql)
            .bind(draft_token)
            .bind(person_id)
            .fetch_all(pool)
            .await
    })?)
}

pub async fn repair_photos(db: &Db, repair_id: i64) -> Result<Vec<PhotoRow>, AppError> {
    let sql = format!("select {PHOTO_COLUMNS} from repair_photos where repair_id = $1 order by id");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, PhotoRow>(&sql)
            .bind(repair_id)
            .fetch_all(pool)
            .await
    })?)
}

pub async fn photo_by_id(db: &Db, id: i64) -> Result<Option<PhotoRow>, AppError> {
    let sql = format!("select {PHOTO_COLUMNS} from repair_photos where id = $1");
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, PhotoRow>(&sql)
            .bind(id)
            .fetch_optional(pool)
            .await
    })?)
}

/// Removes a photo from a draft; returns its storage key to delete.
pub async fn remove_draft_photo(
    db: &Db,
    id: i64,
    draft_token: &str,
    person_id: i64,
) -> Result<Option<String>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, String>(
            "delete from repair_photos
             where id = $1 and draft_token = $2 and person_id = $3 and repair_id is null
             returning storage_key",
        )
        .bind(id)
        .bind(draft_token)
        .bind(person_id)
        .fetch_optional(pool)
        .await
    })?)
}
