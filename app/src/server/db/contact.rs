//! "Contact us" messages are cases of kind `message` (migration 0013 moved the ones kept in
//! `contact_messages` before it); this counts them.

use super::Db;
use crate::db_run;
use crate::error::AppError;

pub async fn count_messages(db: &Db) -> Result<i64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>("select count(*) from cases where kind = 'message'")
            .fetch_one(pool)
            .await
    })?)
}
