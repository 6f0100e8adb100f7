//! The clock store: every clock of every repair, case and request to see information, in one
//! table (`clocks`) with its stops (`clock_stops`). Store commands take the domain's
//! `ClockKind`, whose subject says whose clock it is; rows come back with their kind decoded.
//!
//! The statements that run inside another area's transaction are macros, like
//! `insert_event!`, because `db_run!` compiles a transaction's body once per engine.

use super::Db;
use crate::db_run;
use crate::domain::clocks::{ClockKind, Subject};
use crate::domain::deadline::{Clock, Extension, Pause};
use crate::domain::timescale::Timescale;
use crate::error::AppError;
use chrono::{DateTime, Utc};

/// A clock to start: of what kind, from when, and the deadline its standard sets.
#[derive(Clone, Copy, Debug)]
pub struct NewClock {
    pub kind: ClockKind,
    pub started_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
}

/// A clock as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredClock {
    pub id: i64,
    pub kind: ClockKind,
    pub started_at: DateTime<Utc>,
    /// The deadline the standard sets, before any extension.
    pub standard_due_at: DateTime<Utc>,
    /// The deadline in force.
    pub due_at: DateTime<Utc>,
    pub met_at: Option<DateTime<Utc>>,
    pub extension_reason: Option<String>,
    /// The stop in force, if the clock is stopped.
    pub stopped_at: Option<DateTime<Utc>>,
    pub stops: Vec<Pause>,
}

impl StoredClock {
    /// The domain's clock, counted on `timescale`.
    pub fn clock(&self, timescale: Timescale) -> Clock {
        Clock {
            started: self.started_at,
            timescale,
            pauses: self.stops.clone(),
            extension: self.extension_reason.as_ref().map(|reason| Extension {
                to: self.due_at,
                reason: reason.clone(),
            }),
            completed: self.met_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct ClockRow {
    id: i64,
    subject: String,
    kind: String,
    started_at: DateTime<Utc>,
    standard_due_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
    met_at: Option<DateTime<Utc>>,
    extension_reason: Option<String>,
    stopped_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct StopRow {
    clock_id: i64,
    stopped_at: DateTime<Utc>,
    restarted_at: Option<DateTime<Utc>>,
    reason: String,
}

fn subject_of(text: &str) -> Option<Subject> {
    [Subject::Repair, Subject::Case, Subject::SubjectAccess]
        .into_iter()
        .find(|s| s.as_str() == text)
}

/// The clocks of the subjects `ids`, in the order they started, with their stops. A kind this
/// release does not know is a fault in the store, not the caller's.
pub async fn of(
    db: &Db,
    subject: Subject,
    ids: &[i64],
) -> Result<Vec<(i64, StoredClock)>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = (2..ids.len() + 2)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let clocks_sql = format!(
        "select id, subject, kind, started_at, standard_due_at, due_at, met_at,
                extension_reason, stopped_at, subject_id
         from clocks where subject = $1 and subject_id in ({list})
         order by started_at, id"
    );
    let stops_sql = format!(
        "select s.clock_id, s.stopped_at, s.restarted_at, s.reason
         from clock_stops s join clocks k on k.id = s.clock_id
         where k.subject = $1 and k.subject_id in ({list})
         order by s.id"
    );
    let (rows, stops): (Vec<(ClockRow, i64)>, Vec<StopRow>) = db_run!(db, |pool| {
        async {
            let mut query =
                sqlx::query_as::<_, ClockRowWithOwner>(&clocks_sql).bind(subject.as_str());
            for id in ids {
                query = query.bind(*id);
            }
            let rows = query.fetch_all(pool).await?;
            let mut query = sqlx::query_as::<_, StopRow>(&stops_sql).bind(subject.as_str());
            for id in ids {
                query = query.bind(*id);
            }
            let stops = query.fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((
                rows.into_iter().map(|r| (r.clock, r.subject_id)).collect(),
                stops,
            ))
        }
        .await
    })?;
    rows.into_iter()
        .map(|(row, owner)| {
            let kind = subject_of(&row.subject)
                .and_then(|s| ClockKind::parse(s, &row.kind))
                .ok_or_else(|| {
                    crate::error::internal(format!("unknown clock {} {}", row.subject, row.kind))
                })?;
            let stops = stops
                .iter()
                .filter(|s| s.clock_id == row.id)
                .map(|s| Pause {
                    from: s.stopped_at,
                    until: s.restarted_at,
                    reason: s.reason.clone(),
                })
                .collect();
            Ok((
                owner,
                StoredClock {
                    id: row.id,
                    kind,
                    started_at: row.started_at,
                    standard_due_at: row.standard_due_at,
                    due_at: row.due_at,
                    met_at: row.met_at,
                    extension_reason: row.extension_reason,
                    stopped_at: row.stopped_at,
                    stops,
                },
            ))
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct ClockRowWithOwner {
    #[sqlx(flatten)]
    clock: ClockRow,
    subject_id: i64,
}

/// The clocks of one subject, in the order they started.
pub async fn for_subject(db: &Db, subject: Subject, id: i64) -> Result<Vec<StoredClock>, AppError> {
    Ok(of(db, subject, &[id])
        .await?
        .into_iter()
        .map(|(_, c)| c)
        .collect())
}

/// Starts clocks for `subject_id` inside a transaction (`&mut tx`); a kind already started is
/// left as it is.
#[macro_export]
macro_rules! start_clocks {
    ($tx:expr, $subject_id:expr, $clocks:expr, $now:expr) => {
        async {
            for clock in $clocks {
                let clock: &$crate::server::db::clocks::NewClock = clock;
                sqlx::query(
                    "insert into clocks (subject, subject_id, kind, started_at, standard_due_at,
                                         due_at, created_at, updated_at)
                     values ($1, $2, $3, $4, $5, $5, $6, $6)
                     on conflict (subject, subject_id, kind, cycle) do nothing",
                )
                .bind(clock.kind.subject().as_str())
                .bind($subject_id)
                .bind(clock.kind.as_str())
                .bind(clock.started_at)
                .bind(clock.due_at)
                .bind($now)
                .execute(&mut **$tx)
                .await?;
            }
            Ok::<(), sqlx::Error>(())
        }
    };
}

/// Starts the next period of each clock in `$clocks` whose kind has been met before and has no
/// period running ("an update at least every 10 working days": the next update is due that long
/// after the last), inside a transaction. Each period is a row of its own, numbered by `cycle`,
/// so the ones met or missed stay counted. A kind never started, or still running, is left.
#[macro_export]
macro_rules! repeat_clocks {
    ($tx:expr, $subject_id:expr, $clocks:expr, $now:expr) => {
        async {
            for clock in $clocks {
                let clock: &$crate::server::db::clocks::NewClock = clock;
                sqlx::query(
                    "insert into clocks (subject, subject_id, kind, cycle, started_at,
                                         standard_due_at, due_at, created_at, updated_at)
                     select k.subject, k.subject_id, k.kind, max(k.cycle) + 1, $4, $5, $5, $6, $6
                     from clocks k
                     where k.subject = $1 and k.subject_id = $2 and k.kind = $3
                     group by k.subject, k.subject_id, k.kind
                     having sum(case when k.met_at is null then 1 else 0 end) = 0",
                )
                .bind(clock.kind.subject().as_str())
                .bind($subject_id)
                .bind(clock.kind.as_str())
                .bind(clock.started_at)
                .bind(clock.due_at)
                .bind($now)
                .execute(&mut **$tx)
                .await?;
            }
            Ok::<(), sqlx::Error>(())
        }
    };
}

/// Meets the running clocks of `kinds` for `subject_id` at `$at`, inside a transaction.
#[macro_export]
macro_rules! meet_clocks {
    ($tx:expr, $subject_id:expr, $kinds:expr, $at:expr) => {
        async {
            for kind in $kinds {
                let kind: $crate::domain::clocks::ClockKind = (*kind).into();
                sqlx::query(
                    "update clocks set met_at = $1, stopped_at = null, updated_at = $1
                     where subject = $2 and subject_id = $3 and kind = $4 and met_at is null",
                )
                .bind($at)
                .bind(kind.subject().as_str())
                .bind($subject_id)
                .bind(kind.as_str())
                .execute(&mut **$tx)
                .await?;
            }
            Ok::<(), sqlx::Error>(())
        }
    };
}

/// Moves a running clock's deadline in force to `$to` with `$reason` (an extension), or, with
/// no reason, restarts its standard on a new deadline (a job's priority changed).
#[macro_export]
macro_rules! move_clock {
    ($tx:expr, $subject_id:expr, $kind:expr, $to:expr, $reason:expr, $now:expr) => {
        async {
            let kind: $crate::domain::clocks::ClockKind = $kind.into();
            let reason: Option<&str> = $reason;
            sqlx::query(
                "update clocks
                 set due_at = $1, extension_reason = $2,
                     standard_due_at = case when $2 is null then $1 else standard_due_at end,
                     updated_at = $3
                 where subject = $4 and subject_id = $5 and kind = $6 and met_at is null",
            )
            .bind($to)
            .bind(reason)
            .bind($now)
            .bind(kind.subject().as_str())
            .bind($subject_id)
            .bind(kind.as_str())
            .execute(&mut **$tx)
            .await
            .map(|_| ())
        }
    };
}

/// The statement that sets a subject's own `due_at` (what its queue sorts by) to its next
/// running clock's deadline, or none once the subject is in one of `closed` statuses. Binds:
/// the subject's name, its id, then each closed status (`refresh_due!` binds them).
pub fn refresh_due_sql(table: &str, closed: usize) -> String {
    let closed = (3..closed + 3)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "update {table} set due_at = case when status in ({closed}) then null
             else (select min(k.due_at) from clocks k
                   where k.subject = $1 and k.subject_id = {table}.id and k.met_at is null
                     and k.stopped_at is null) end
         where id = $2"
    )
}

/// Runs `refresh_due_sql`'s statement inside a transaction.
#[macro_export]
macro_rules! refresh_due {
    ($tx:expr, $sql:expr, $subject:expr, $id:expr, $closed:expr) => {
        async {
            let subject: $crate::domain::clocks::Subject = $subject;
            let mut query = sqlx::query($sql).bind(subject.as_str()).bind($id);
            for status in $closed {
                query = query.bind(status);
            }
            query.execute(&mut **$tx).await.map(|_| ())
        }
    };
}

/// The domain's clock for one subject, written whole inside a transaction: its row (created or
/// brought up to date) and its stops. `$standard_due` and `$due` are the deadlines its rules
/// set (the area's domain works them out; a request to see information counts its month from
/// the last restart).
#[macro_export]
macro_rules! save_clock {
    ($tx:expr, $subject_id:expr, $kind:expr, $clock:expr, $standard_due:expr, $due:expr, $now:expr) => {
        async {
            let kind: $crate::domain::clocks::ClockKind = $kind;
            let clock: &$crate::domain::deadline::Clock = $clock;
            let stopped_at = clock.pauses.last().filter(|p| p.until.is_none()).map(|p| p.from);
            let restarted_at = clock.pauses.iter().filter_map(|p| p.until).next_back();
            let id: i64 = sqlx::query_scalar(
                "insert into clocks (subject, subject_id, kind, started_at, standard_due_at, due_at,
                                     met_at, extension_reason, stopped_at, restarted_at,
                                     created_at, updated_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
                 on conflict (subject, subject_id, kind, cycle) do update
                 set started_at = excluded.started_at, standard_due_at = excluded.standard_due_at,
                     due_at = excluded.due_at, met_at = excluded.met_at,
                     extension_reason = excluded.extension_reason,
                     stopped_at = excluded.stopped_at, restarted_at = excluded.restarted_at,
                     updated_at = excluded.updated_at
                 returning id",
            )
            .bind(kind.subject().as_str())
            .bind($subject_id)
            .bind(kind.as_str())
            .bind(clock.started)
            .bind($standard_due)
            .bind($due)
            .bind(clock.completed)
            .bind(clock.extension.as_ref().map(|e| e.reason.as_str()))
            .bind(stopped_at)
            .bind(restarted_at)
            .bind($now)
            .fetch_one(&mut **$tx)
            .await?;
            sqlx::query("delete from clock_stops where clock_id = $1")
                .bind(id)
                .execute(&mut **$tx)
                .await?;
            for stop in &clock.pauses {
                sqlx::query(
                    "insert into clock_stops (clock_id, stopped_at, restarted_at, reason)
                     values ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(stop.from)
                .bind(stop.until)
                .bind(&stop.reason)
                .execute(&mut **$tx)
                .await?;
            }
            Ok::<(), sqlx::Error>(())
        }
    };
}

/// Running clocks past their deadline now, by subject and kind (for the operator's metrics).
pub async fn overdue(db: &Db, now: DateTime<Utc>) -> Result<Vec<(String, String, i64)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (String, String, i64)>(
            "select subject, kind, count(*) from clocks
             where met_at is null and stopped_at is null and due_at < $1
             group by subject, kind order by subject, kind",
        )
        .bind(now)
        .fetch_all(pool)
        .await
    })?)
}
