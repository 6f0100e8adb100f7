//! UK civil time without a time-zone database: GMT, and BST (UTC+1) from 01:00 UTC on the last
//! Sunday of March to 01:00 UTC on the last Sunday of October, the rule in force since 1996.
//! Times are stored in UTC and shown in UK time; office hours are in UK time.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .unwrap_or(NaiveDate::MIN);
    let mut day = next - Duration::days(1);
    while day.weekday() != Weekday::Sun {
        day -= Duration::days(1);
    }
    day
}

/// The UTC instants summer time starts and ends in the year.
fn summer_time(year: i32) -> (NaiveDateTime, NaiveDateTime) {
    let one_am = NaiveTime::from_hms_opt(1, 0, 0).unwrap_or_default();
    (
        last_sunday(year, 3).and_time(one_am),
        last_sunday(year, 10).and_time(one_am),
    )
}

fn is_summer_time(utc: NaiveDateTime) -> bool {
    let (start, end) = summer_time(utc.year());
    utc >= start && utc < end
}

/// The UK wall-clock time of an instant.
pub fn to_local(instant: DateTime<Utc>) -> NaiveDateTime {
    let utc = instant.naive_utc();
    if is_summer_time(utc) {
        utc + Duration::hours(1)
    } else {
        utc
    }
}

/// The instant of a UK wall-clock time. In the hour skipped in March the clock reads as GMT
/// would; in the hour repeated in October the first (summer-time) reading is taken.
pub fn from_local(local: NaiveDateTime) -> DateTime<Utc> {
    let as_bst = local - Duration::hours(1);
    let utc = if is_summer_time(as_bst) {
        as_bst
    } else {
        local
    };
    Utc.from_utc_datetime(&utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|d| d.and_hms_opt(h, mi, 0))
            .expect("valid")
    }

    #[test]
    fn winter_is_gmt_and_summer_is_an_hour_ahead() {
        let january = Utc.from_utc_datetime(&at(2025, 1, 15, 12, 0));
        assert_eq!(to_local(january), at(2025, 1, 15, 12, 0));
        let july = Utc.from_utc_datetime(&at(2025, 7, 15, 12, 0));
        assert_eq!(to_local(july), at(2025, 7, 15, 13, 0));
    }

    #[test]
    fn the_changes_happen_at_one_in_the_morning_utc_on_the_last_sundays() {
        // 2025: 30 March and 26 October.
        assert_eq!(
            to_local(Utc.from_utc_datetime(&at(2025, 3, 30, 0, 59))),
            at(2025, 3, 30, 0, 59)
        );
        assert_eq!(
            to_local(Utc.from_utc_datetime(&at(2025, 3, 30, 1, 0))),
            at(2025, 3, 30, 2, 0)
        );
        assert_eq!(
            to_local(Utc.from_utc_datetime(&at(2025, 10, 26, 0, 59))),
            at(2025, 10, 26, 1, 59)
        );
        assert_eq!(
            to_local(Utc.from_utc_datetime(&at(2025, 10, 26, 1, 0))),
            at(2025, 10, 26, 1, 0)
        );
    }

    #[test]
    fn local_times_round_trip_outside_the_changeover_hours() {
        for local in [
            at(2025, 2, 3, 9, 0),
            at(2025, 6, 3, 17, 30),
            at(2030, 12, 24, 8, 0),
        ] {
            assert_eq!(to_local(from_local(local)), local);
        }
    }
}
