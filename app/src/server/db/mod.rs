//! The store: one `Db` over SQLite or PostgreSQL, chosen by the `DATABASE_URL` scheme. Each
//! store method is written once with `db_run!`, which compiles the same body for both pools.
//! Queries use `$1, $2, ...` in order of first appearance, which both engines accept.

pub mod account_tokens;
pub mod accounts;
pub mod cases;
pub mod clocks;
pub mod contact;
pub mod dashboard;
pub mod demo;
pub mod documents;
pub mod homes;
pub mod messages;
pub mod outbox;
pub mod people;
pub mod performance;
pub mod periodic;
pub mod permissions;
pub mod preferences;
pub mod repairs;
pub mod service_charges;
pub mod sessions;
pub mod subject_access;
pub mod teams;
pub mod throttle;
pub mod uploads;
pub mod workspace;
pub mod your_data;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// How long a request waits for a connection before the page says the service is unavailable.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs `$body` with `$pool` bound to whichever pool `$db` holds.
#[macro_export]
macro_rules! db_run {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::server::db::Db::Sqlite($pool) => $body,
            $crate::server::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` in one transaction on whichever engine `$db` holds, with `$tx` the open
/// transaction. The body is the inside of an async block returning `Result<T, sqlx::Error>`,
/// so `?` works and no wrapper or turbofish is needed; the transaction commits when the body
/// returns `Ok`, and is rolled back when it fails. A body that decides to write nothing returns
/// `Ok` early: nothing written, nothing to roll back. Like `db_run!`, the body is compiled
/// once per engine.
#[macro_export]
macro_rules! db_tx {
    ($db:expr, |$tx:ident| $body:block) => {
        $crate::db_run!($db, |pool| {
            async {
                let mut $tx = pool.begin().await?;
                let value = $crate::server::db::in_transaction(async { $body }).await?;
                $tx.commit().await?;
                Ok::<_, sqlx::Error>(value)
            }
            .await
        })
    };
}

/// Fixes a transaction body's error type (for `db_tx!`).
pub async fn in_transaction<T>(
    body: impl std::future::Future<Output = Result<T, sqlx::Error>>,
) -> Result<T, sqlx::Error> {
    body.await
}

/// A value bound into a statement built at run time (the queues' filters).
pub(crate) enum Bind {
    Text(String),
    Int(i64),
    Time(chrono::DateTime<chrono::Utc>),
}

/// Adds `value` to `binds` and returns its placeholder ("$3").
pub(crate) fn bind(binds: &mut Vec<Bind>, value: Bind) -> String {
    binds.push(value);
    format!("${}", binds.len())
}

/// The queues' "due" filter on `column`: `overdue`, `soon` (before `soon`), or `later`
/// (nothing due counts as later when `none_is_later`); `None` for no filter.
pub(crate) fn due_filter(
    column: &str,
    due: Option<&str>,
    (now, soon): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>),
    none_is_later: bool,
    binds: &mut Vec<Bind>,
) -> Option<String> {
    match due {
        Some("overdue") => Some(format!("{column} < {}", bind(binds, Bind::Time(now)))),
        Some("soon") => {
            let from = bind(binds, Bind::Time(now));
            let to = bind(binds, Bind::Time(soon));
            Some(format!("{column} >= {from} and {column} < {to}"))
        }
        Some("later") => {
            let p = bind(binds, Bind::Time(soon));
            Some(if none_is_later {
                format!("({column} >= {p} or {column} is null)")
            } else {
                format!("{column} >= {p}")
            })
        }
        _ => None,
    }
}

/// A page's `limit … offset …` written as numbers rather than bound values. PostgreSQL plans a
/// prepared statement afresh on every call while its limit is a bound value (it cannot tell how
/// many rows are wanted), which on the queues costs several times the query itself; with the
/// numbers in the text the plan is made once per connection and reused. The numbers come from
/// the server, never from the request's text.
pub(crate) fn page_clause(limit: i64, offset: i64) -> String {
    format!("limit {} offset {}", limit.max(0), offset.max(0))
}

/// Open work in deadline order on `alias.due_at`, then `alias.id`: work without a deadline last.
/// When the due filter (`due_filter` with the same `due` and `none_is_later`) already leaves out
/// work without a deadline, the plain order, which the indexes on dated open work give directly
/// (an index whose first column is "has no deadline" cannot be read as a range of deadlines).
pub(crate) fn deadline_order(alias: &str, due: Option<&str>, none_is_later: bool) -> String {
    let dated_only = match due {
        Some("overdue" | "soon") => true,
        Some("later") => !none_is_later,
        _ => false,
    };
    if dated_only {
        format!("{alias}.due_at, {alias}.id")
    } else {
        format!("({alias}.due_at is null), {alias}.due_at, {alias}.id")
    }
}

/// Binds every value of a `&[Bind]` to `$query`, in order.
#[macro_export]
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for value in $binds {
            query = match value {
                $crate::server::db::Bind::Text(t) => query.bind(t),
                $crate::server::db::Bind::Int(i) => query.bind(i),
                $crate::server::db::Bind::Time(t) => query.bind(t),
            };
        }
        query
    }};
}

/// Inserts something with a case reference once per submission token. `attempt(reference)`
/// inserts with `on conflict (submission_token) do nothing` and returns the reference it wrote,
/// or `None` when the token was used already; then the first row's reference is read from
/// `table`. A reference already taken (a unique violation) is retried with a new one. Returns
/// the reference and whether this call created the row.
pub async fn insert_once<F, Fut>(
    db: &Db,
    table: &'static str,
    token: &str,
    mut make_reference: impl FnMut() -> String,
    mut attempt: F,
) -> Result<(String, bool), crate::error::AppError>
where
    F: FnMut(String) -> Fut,
    Fut: std::future::Future<Output = Result<Option<String>, sqlx::Error>>,
{
    for _ in 0..5 {
        match attempt(make_reference()).await {
            Ok(Some(reference)) => return Ok((reference, true)),
            Ok(None) => {
                let sql = format!("select reference from {table} where submission_token = $1");
                let existing: String = db_run!(db, |pool| {
                    sqlx::query_scalar::<_, String>(&sql)
                        .bind(token)
                        .fetch_one(pool)
                        .await
                })?;
                return Ok((existing, false));
            }
            Err(e)
                if e.as_database_error()
                    .is_some_and(|d| d.is_unique_violation()) =>
            {
                continue
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(crate::error::internal(format!(
        "could not find a free reference for {table}"
    )))
}

/// Writes a `NewEvent` to a timeline table (`repair_events`, `case_events`,
/// `subject_access_events`) inside a transaction: `$table` and `$key` (the owner's id column)
/// are literals, so the statement is fixed at compile time. A macro, because `db_run!` compiles
/// the transaction's body once per engine.
#[macro_export]
macro_rules! insert_event {
    ($tx:expr, $table:literal, $key:literal, $owner_id:expr, $event:expr, $now:expr) => {
        sqlx::query(concat!(
            "insert into ",
            $table,
            " (",
            $key,
            ", occurred_at, kind, title, body, visible, actor_account_id,
               on_behalf_of_person_id, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $2)"
        ))
        .bind($owner_id)
        .bind($now)
        .bind($event.kind)
        .bind(&$event.title)
        .bind(&$event.body)
        .bind($event.visible)
        .bind($event.actor_account_id)
        .bind($event.on_behalf_of)
        .execute(&mut **$tx)
        .await
        .map(|_| ())
    };
}

/// One timeline entry as read back (a repair's or a case's), with who acted, their role, and the
/// resident an advocate acted for.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EventRow {
    pub occurred_at: chrono::DateTime<chrono::Utc>,
    pub kind: String,
    pub title: String,
    pub body: Option<String>,
    pub visible: bool,
    pub actor_name: Option<String>,
    pub actor_role: Option<String>,
    /// The resident an advocate acted for.
    pub on_behalf_of_name: Option<String>,
}

/// Where a timeline is kept: `repair_events` by `repair_id`, or `case_events` by `case_id`.
#[derive(Clone, Copy, Debug)]
pub enum Timeline {
    Repair,
    Case,
}

/// The timeline of one repair or case, newest first; internal notes only when `internal`.
pub async fn timeline(
    db: &Db,
    of: Timeline,
    owner_id: i64,
    internal: bool,
) -> Result<Vec<EventRow>, crate::error::AppError> {
    let (table, key) = match of {
        Timeline::Repair => ("repair_events", "repair_id"),
        Timeline::Case => ("case_events", "case_id"),
    };
    let sql = format!(
        "select e.occurred_at, e.kind, e.title, e.body, e.visible,
                a.display_name as actor_name, a.role as actor_role,
                p.given_name || ' ' || p.family_name as on_behalf_of_name
         from {table} e
         left join accounts a on a.id = e.actor_account_id
         left join people p on p.id = e.on_behalf_of_person_id
         where e.{key} = $1 and (e.visible = $2 or e.visible = true)
         order by e.occurred_at desc, e.id desc"
    );
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, EventRow>(&sql)
            .bind(owner_id)
            .bind(!internal)
            .fetch_all(pool)
            .await
    })?)
}

/// A timeline entry to write (a repair's, a case's or a request's).
#[derive(Clone, Debug)]
pub struct NewEvent {
    pub kind: &'static str,
    pub title: String,
    pub body: Option<String>,
    pub visible: bool,
    pub actor_account_id: Option<i64>,
    /// Set when an advocate acted for the resident (cases, repairs).
    pub on_behalf_of: Option<i64>,
}

impl NewEvent {
    pub fn shown(kind: &'static str, title: impl Into<String>) -> NewEvent {
        NewEvent {
            kind,
            title: title.into(),
            body: None,
            visible: true,
            actor_account_id: None,
            on_behalf_of: None,
        }
    }

    pub fn with_body(mut self, body: Option<String>) -> NewEvent {
        self.body = body.filter(|b| !b.trim().is_empty());
        self
    }

    pub fn by(mut self, account_id: Option<i64>) -> NewEvent {
        self.actor_account_id = account_id;
        self
    }

    pub fn for_person(mut self, person_id: Option<i64>) -> NewEvent {
        self.on_behalf_of = person_id;
        self
    }

    pub fn internal(mut self) -> NewEvent {
        self.visible = false;
        self
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite: or postgres:// (got \"{0}\")")]
    UnknownScheme(String),
    #[error("could not create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("could not open the database: {0}")]
    Open(#[from] sqlx::Error),
    #[error("a database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// How many connections a node keeps to the database at most (`None`: 8 for SQLite, 16 for
/// PostgreSQL), and how long a request waits for one before the page says the service is
/// unavailable.
#[derive(Clone, Copy, Debug)]
pub struct PoolSettings {
    pub size: Option<u32>,
    pub acquire: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            size: None,
            acquire: ACQUIRE_TIMEOUT,
        }
    }
}

impl Db {
    /// Opens the pool. PostgreSQL is connected lazily so a server can start while the database
    /// is still coming up; migrations then wait for it.
    pub async fn connect(url: &str) -> Result<Db, ConnectError> {
        Db::connect_with(url, PoolSettings::default()).await
    }

    /// `connect` with the pool's size and wait set (`DATABASE_POOL_SIZE`,
    /// `DATABASE_ACQUIRE_SECONDS`).
    pub async fn connect_with(url: &str, pool: PoolSettings) -> Result<Db, ConnectError> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .foreign_keys(true)
                .journal_mode(SqliteJournalMode::Wal)
                .busy_timeout(Duration::from_secs(5));
            let file = options.get_filename();
            if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| ConnectError::Folder {
                    path: dir.display().to_string(),
                    source,
                })?;
            }
            // An in-memory database exists once per connection: keep exactly one.
            let in_memory = url.contains(":memory:") || url.contains("mode=memory");
            let settings = pool;
            let pool = SqlitePoolOptions::new()
                .max_connections(if in_memory {
                    1
                } else {
                    settings.size.unwrap_or(8)
                })
                .acquire_timeout(settings.acquire)
                .connect_with(options)
                .await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let settings = pool;
            let pool = PgPoolOptions::new()
                .max_connections(settings.size.unwrap_or(16))
                .acquire_timeout(settings.acquire)
                .connect_lazy_with(options);
            Ok(Db::Postgres(pool))
        } else {
            let scheme = url.split(':').next().unwrap_or_default().to_owned();
            Err(ConnectError::UnknownScheme(scheme))
        }
    }

    pub fn engine(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Brings the schema up to date. A failure stops the server (the caller exits). A
    /// database that has migrations this binary does not know (a newer release ran, and this
    /// is a rollback) is not refused: releases' migrations only add, so the older binary runs
    /// on the newer schema (docs/operations.md, "Upgrade and roll back").
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        match self {
            Db::Sqlite(pool) => {
                let mut migrator = sqlx::migrate!("../migrations/sqlite");
                migrator.set_ignore_missing(true);
                migrator.run(pool).await?
            }
            Db::Postgres(pool) => {
                let mut migrator = sqlx::migrate!("../migrations/postgres");
                migrator.set_ignore_missing(true);
                migrator.run(pool).await?
            }
        }
        Ok(())
    }

    /// The migrations this database has not had ("9 several nodes"), oldest first: a node that
    /// does not migrate (`MIGRATE_ON_START=false`) refuses to start until `server migrate` has
    /// run, rather than fail on the first page that needs a new column.
    pub async fn missing_migrations(&self) -> Result<Vec<String>, ConnectError> {
        let migrator = match self {
            Db::Sqlite(_) => sqlx::migrate!("../migrations/sqlite"),
            Db::Postgres(_) => sqlx::migrate!("../migrations/postgres"),
        };
        let applied = db_run!(self, |pool| {
            sqlx::query_scalar::<_, i64>("select version from _sqlx_migrations where success")
                .fetch_all(pool)
                .await
        });
        let applied = match applied {
            Ok(versions) => versions,
            // No table yet: nothing was ever applied. Anything else is the database's answer.
            Err(sqlx::Error::Database(e)) if e.message().contains("_sqlx_migrations") => Vec::new(),
            Err(e) => return Err(ConnectError::Open(e)),
        };
        Ok(migrator
            .iter()
            .filter(|m| !applied.contains(&m.version))
            .map(|m| format!("{} {}", m.version, m.description))
            .collect())
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        // `select 1` is an int4 on PostgreSQL and an int8 on SQLite: decode nothing.
        let result = db_run!(self, |pool| sqlx::query("select 1")
            .execute(pool)
            .await
            .map(|_| ()));
        if let Err(error) = &result {
            tracing::warn!(%error, "database ping failed");
        }
        result.is_ok()
    }

    pub async fn close(&self) {
        db_run!(self, |pool| pool.close().await)
    }

    /// The pool now: connections open, of them idle, and the most it may open.
    pub fn pool_use(&self) -> (u32, u32, u32) {
        match self {
            Db::Sqlite(pool) => (
                pool.size(),
                u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
                pool.options().get_max_connections(),
            ),
            Db::Postgres(pool) => (
                pool.size(),
                u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
                pool.options().get_max_connections(),
            ),
        }
    }
}
