//! Appointments: seats taken per slot, booking (the race for the last seat settled by a unique
//! constraint), cancelling and attending.

use super::*;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AppointmentRow {
    pub id: i64,
    pub day: NaiveDate,
    pub period: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    /// The arrival window told on "on my way", until the operative arrives.
    pub expected_from: Option<DateTime<Utc>>,
    pub expected_until: Option<DateTime<Utc>>,
    pub arrived_at: Option<DateTime<Utc>>,
}

/// The visit currently booked for a job, if any.
pub async fn booked_visit(db: &Db, repair_id: i64) -> Result<Option<AppointmentRow>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, AppointmentRow>(
            "select id, day, period, status, expected_from, expected_until, arrived_at
             from appointments
             where repair_id = $1 and status = 'booked' order by id desc limit 1",
        )
        .bind(repair_id)
        .fetch_optional(pool)
        .await
    })?)
}

/// Booked visits per day and period for a trade between two days (inclusive).
pub async fn seats_taken(
    db: &Db,
    trade: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, String, i64)>, AppError> {
    Ok(db_run!(db, |pool| {
        sqlx::query_as::<_, (NaiveDate, String, i64)>(
            "select day, period, count(*) from appointments
             where trade = $1 and day >= $2 and day <= $3 and seat is not null
             group by day, period",
        )
        .bind(trade)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
    })?)
}

/// Books a visit: gives up any visit already booked for the job and takes the first free seat
/// of the day and period, all in one transaction. `Ok(false)` when every seat is taken (someone
/// else took the last one); then nothing has changed.
#[allow(clippy::too_many_arguments)]
pub async fn book_visit(
    db: &Db,
    repair_id: i64,
    trade: &str,
    day: NaiveDate,
    period: &str,
    capacity: u32,
    account_id: Option<i64>,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    // Not `db_tx!`: the old booking is moved out of its seat first (so a visit can move within
    // its own slot), and when no seat is free that move must be undone, not committed.
    let booked: bool = db_run!(db, |pool| {
        async {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "update appointments set status = 'moved', seat = null, updated_at = $1
             where repair_id = $2 and status = 'booked'",
        )
        .bind(now)
        .bind(repair_id)
        .execute(&mut *tx)
        .await?;
        let mut taken = None;
        for seat in 1..=i64::from(capacity) {
            let id: Option<i64> = sqlx::query_scalar(
                "insert into appointments
                     (repair_id, trade, day, period, seat, status, booked_by_account_id, created_at, updated_at)
                 values ($1, $2, $3, $4, $5, 'booked', $6, $7, $7)
                 on conflict (trade, day, period, seat) do nothing
                 returning id",
            )
            .bind(repair_id)
            .bind(trade)
            .bind(day)
            .bind(period)
            .bind(seat)
            .bind(account_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if id.is_some() {
                taken = id;
                break;
            }
        }
        if taken.is_none() {
            tx.rollback().await?;
            return Ok::<bool, sqlx::Error>(false);
        }
        sqlx::query(
            "update repairs set status = 'booked', updated_at = $1
             where id = $2 and status in ('reported', 'booked', 'awaiting_parts')",
        )
        .bind(now)
        .bind(repair_id)
        .execute(&mut *tx)
        .await?;
        crate::insert_event!(&mut tx, "repair_events", "repair_id", repair_id, event, now)?;
        tx.commit().await?;
        Ok(true)
        }
        .await
    })?;
    Ok(booked)
}

/// Cancels the booked visit and frees its seat. `Ok(false)` when there was none.
pub async fn cancel_visit(
    db: &Db,
    repair_id: i64,
    reason: &str,
    event: &NewEvent,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    Ok(crate::db_tx!(db, |tx| {
        let done = sqlx::query(
            "update appointments set status = 'cancelled', seat = null, cancel_reason = $1, updated_at = $2
             where repair_id = $3 and status = 'booked'",
        )
        .bind(reason)
        .bind(now)
        .bind(repair_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok::<bool, sqlx::Error>(false);
        }
        sqlx::query(
            "update repairs set status = 'reported', updated_at = $1 where id = $2 and status = 'booked'",
        )
        .bind(now)
        .bind(repair_id)
        .execute(&mut *tx)
        .await?;
        crate::insert_event!(&mut tx, "repair_events", "repair_id", repair_id, event, now)?;
        Ok(true)
    })?)
}
