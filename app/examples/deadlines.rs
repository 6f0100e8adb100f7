//! `make bench`: how many deadlines, and clock states, one core computes per second. The staff
//! queue computes a live state for every open case on each view, so this must be cheap.

use app::domain::calendar::WorkingDayCalendar;
use app::domain::deadline::{Clock, DueSoon, Schedule};
use app::domain::housing::Nation;
use app::domain::profile::OfficeHours;
use app::domain::timescale::{Timescale, Unit};
use chrono::{Duration, NaiveTime, TimeZone, Utc};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let calendar = WorkingDayCalendar::new(Nation::England);
    let open = NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default();
    let close = NaiveTime::from_hms_opt(17, 30, 0).unwrap_or_default();
    let day = Some((open, close));
    let hours = OfficeHours {
        days: [day, day, day, day, day, None, None],
    };
    let schedule = Schedule {
        calendar: &calendar,
        hours: &hours,
    };
    let timescales = [
        Timescale::new(3, Unit::WorkingDays),
        Timescale::new(10, Unit::WorkingDays),
        Timescale::new(20, Unit::WorkingDays),
        Timescale::new(24, Unit::ClockHours),
        Timescale::new(1, Unit::CalendarMonths),
    ];
    let Some(first) = Utc.with_ymd_and_hms(2025, 1, 6, 9, 0, 0).single() else {
        return;
    };
    let due_soon = DueSoon {
        working_days: 2,
        hours: 4,
    };
    let n: usize = 2_000_000;

    let started = Instant::now();
    for i in 0..n {
        // Starts spread over a year, at every time of day, so receipts fall in and out of hours.
        let start = first + Duration::minutes((i as i64 * 7919) % (60 * 24 * 365));
        black_box(schedule.deadline(black_box(start), timescales[i % timescales.len()]));
    }
    let deadlines = n as f64 / started.elapsed().as_secs_f64();

    let started = Instant::now();
    for i in 0..n {
        let start = first + Duration::minutes((i as i64 * 7919) % (60 * 24 * 365));
        let clock = Clock::start(start, timescales[i % timescales.len()]);
        black_box(clock.state(start + Duration::days(5), &schedule, due_soon));
    }
    let states = n as f64 / started.elapsed().as_secs_f64();

    println!("deadline computations per second (one core): {deadlines:.0}");
    println!("clock states per second (one core): {states:.0}");
}
