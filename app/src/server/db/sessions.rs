//! The session table (`sessions`, migration 0017): each session's data as JSON, when it expires
//! (Unix seconds) and the account it is signed in to. Loading a session reads that account in
//! the same statement, so a signed-in request asks the database once who it is. Nothing is kept
//! between requests: the account is as fresh as a separate read would be, so signing out on any
//! node, "sign out everywhere" and a disabled account take effect at the next request.

use super::accounts::{Account, AccountRow};
use super::Db;
use crate::db_run;
use crate::error::AppError;

/// A stored session, with its account when it is signed in to one that still exists.
pub struct Loaded {
    pub data: Vec<u8>,
    pub expiry: i64,
    pub account: Option<Account>,
}

#[derive(sqlx::FromRow)]
struct LoadedRow {
    data: Vec<u8>,
    expiry_date: i64,
    #[sqlx(flatten)]
    account: MaybeAccount,
}

/// The account's columns from a left join: all empty when the session has no account.
#[derive(sqlx::FromRow)]
struct MaybeAccount {
    account_id: Option<i64>,
    person_id: Option<i64>,
    email: Option<String>,
    display_name: Option<String>,
    password_hash: Option<String>,
    role: Option<String>,
    disabled_at: Option<chrono::DateTime<chrono::Utc>>,
    confirmed_at: Option<chrono::DateTime<chrono::Utc>>,
    session_epoch: Option<i64>,
    firm_id: Option<i64>,
}

impl MaybeAccount {
    fn account(self) -> Result<Option<Account>, AppError> {
        let (
            Some(id),
            Some(email),
            Some(display_name),
            Some(password_hash),
            Some(role),
            Some(epoch),
        ) = (
            self.account_id,
            self.email,
            self.display_name,
            self.password_hash,
            self.role,
            self.session_epoch,
        )
        else {
            return Ok(None);
        };
        Account::try_from(AccountRow {
            id,
            person_id: self.person_id,
            email,
            display_name,
            password_hash,
            role,
            disabled_at: self.disabled_at,
            confirmed_at: self.confirmed_at,
            session_epoch: epoch,
            firm_id: self.firm_id,
        })
        .map(Some)
    }
}

/// The session `id` if it has not expired by `now` (Unix seconds), with its account.
pub async fn load(db: &Db, id: &str, now: i64) -> Result<Option<Loaded>, AppError> {
    let row: Option<LoadedRow> = db_run!(db, |pool| {
        sqlx::query_as(
            "select s.data, s.expiry_date, a.id as account_id, a.person_id, a.email,
                    a.display_name, a.password_hash, a.role, a.disabled_at, a.confirmed_at,
                    a.session_epoch, a.firm_id
             from sessions s left join accounts a on a.id = s.account_id
             where s.id = $1 and s.expiry_date > $2",
        )
        .bind(id)
        .bind(now)
        .fetch_optional(pool)
        .await
    })?;
    row.map(|r| {
        Ok(Loaded {
            data: r.data,
            expiry: r.expiry_date,
            account: r.account.account()?,
        })
    })
    .transpose()
}

/// Writes a session's row with `sql` (an insert taking id, data, expiry and account); the
/// number of rows written.
async fn write(
    db: &Db,
    sql: &str,
    id: &str,
    data: &[u8],
    expiry: i64,
    account_id: Option<i64>,
) -> Result<u64, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query(sql)
            .bind(id)
            .bind(data)
            .bind(expiry)
            .bind(account_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
    })?)
}

/// Stores a new session; false when the id is taken (the caller picks another).
pub async fn create(
    db: &Db,
    id: &str,
    data: &[u8],
    expiry: i64,
    account_id: Option<i64>,
) -> Result<bool, AppError> {
    let sql = "insert into sessions (id, data, expiry_date, account_id) values ($1, $2, $3, $4)
               on conflict (id) do nothing";
    Ok(write(db, sql, id, data, expiry, account_id).await? == 1)
}

/// Stores a session, new or changed.
pub async fn save(
    db: &Db,
    id: &str,
    data: &[u8],
    expiry: i64,
    account_id: Option<i64>,
) -> Result<(), AppError> {
    let sql = "insert into sessions (id, data, expiry_date, account_id) values ($1, $2, $3, $4)
               on conflict (id) do update set data = excluded.data,
                   expiry_date = excluded.expiry_date, account_id = excluded.account_id";
    write(db, sql, id, data, expiry, account_id)
        .await
        .map(|_| ())
}

pub async fn delete(db: &Db, id: &str) -> Result<(), AppError> {
    db_run!(db, |pool| {
        sqlx::query("delete from sessions where id = $1")
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Removes every session that expired before `now` (Unix seconds).
pub async fn delete_expired(db: &Db, now: i64) -> Result<u64, AppError> {
    let gone = db_run!(db, |pool| {
        sqlx::query("delete from sessions where expiry_date <= $1")
            .bind(now)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
    })?;
    Ok(gone)
}
